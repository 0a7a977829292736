package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Replication between primary and secondary boxes (DOMAIN §3–§6). All mode blocks are always filled. */
public record Replication(
        @OneOf({"sync", "ordered", "cycle"}) @Doc("sync (§3), ordered asynchronous dispatch (§4) or cycle-based (§5).") String mode,
        @NonEmpty @Doc("Primary → secondary pairs, between boxes at two different sites; each volume takes part in at most one pair (no fan-out, fan-in, cascade or reverse pair); in cycle mode a primary box replicates to one secondary box.") List<Pair> pairs,
        @Default("{}") @Doc("Settings of the sync mode (§3).") Sync sync,
        @Default("{}") @Doc("Settings of the ordered mode (§4).") Ordered ordered,
        @Default("{}") @Doc("Settings of the cycle mode (§5).") Cycle cycle,
        @Default("{}") @Doc("Consistency group across several boxes (§6).") Consistency consistency) {

    public Replication {
        pairs = List.copyOf(pairs);
    }
}
