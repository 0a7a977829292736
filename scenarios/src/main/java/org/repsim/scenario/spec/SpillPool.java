package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Where spilled slots go (docs/model.md §5 cache pressure). */
public record SpillPool(
        @Default("\"self\"") @Doc("Box holding the pool: self, each primary box its own pool (the only choice in this version; another box is refused at validation, the primary's own id is accepted where every pair has that primary).") String box,
        @OptionalKey @Doc("Disk group id on that box; absent: its first disk group.") String backend,
        @Quantity(SIZE) @Default("\"0 B\"") @Doc("Pool capacity; the spill policy needs it above zero.") long sizeBytes,
        @OneOf({"any", "transmit"}) @Default("\"any\"")
        @Doc("Which slots the spill policy may move to the pool: any, queued slots of the transmit cycles and then, when they are not enough, the capture cycle's oldest slots (the pool holds the backlog in every switching mode; a rewrite of a spilled capture slot folds into it in the pool); transmit, only transmit cycles' (with legacy switching or a host group, at most one cycle).")
        String from) {
}
