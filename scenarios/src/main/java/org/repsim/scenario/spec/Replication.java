package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Replication between primary and secondary boxes (docs/model.md §3–§6). All mode blocks are always filled. */
public record Replication(
        @OneOf({"sync", "ordered", "cycle"}) @Doc("sync (docs/model.md §3), ordered asynchronous dispatch (docs/model.md §4) or cycle-based (docs/model.md §5).") String mode,
        @NonEmpty @Doc("Primary → secondary pairs, between boxes at two different sites; each volume takes part in at most one pair (no fan-out, fan-in, cascade or reverse pair); in cycle mode a primary box replicates to one secondary box.") List<Pair> pairs,
        @Default("{}") @Doc("Settings of the sync mode (docs/model.md §3).") Sync sync,
        @Default("{}") @Doc("Settings of the ordered mode (docs/model.md §4).") Ordered ordered,
        @Default("{}") @Doc("Settings of the cycle mode (docs/model.md §5).") Cycle cycle,
        @Default("{}") @Doc("Consistency group across several boxes (docs/model.md §6).") Consistency consistency,
        @Default("{}") @Doc("Processor time of compressing transfers over links that compress (docs/model.md §7a).") Compression compression) {

    public Replication {
        pairs = List.copyOf(pairs);
    }
}
