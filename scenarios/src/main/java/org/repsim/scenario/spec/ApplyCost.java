package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

/**
 * Secondary-side cost of applying a cycle (docs/model.md §5): each slot takes a job of this length on
 * the secondary's {@code apply} pool (one server per remote adapter unless the box defines a
 * processor pool named {@code apply}), then its write into the secondary cache.
 */
public record ApplyCost(
        @Quantity(TIME) @Default("\"2 us\"") @Doc("Processor time per slot applied (on the secondary's apply pool, one processor per remote adapter). Ignored when the secondary box declares its own processor pool named apply: its count and service time are used.") long perSlotNs) {
}
