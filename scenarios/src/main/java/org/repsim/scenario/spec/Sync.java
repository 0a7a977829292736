package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

/** Synchronous replication settings (docs/model.md §3). */
public record Sync(
        @Min(1) @Default("1") @Doc("Protocol round trips per replicated write: 1 with write acceleration (the data goes with the command), 2 for plain FCP (command and transfer-ready, then data and status).") int roundTrips,
        @OneOf({"stall", "suspend"}) @Default("\"stall\"") @Doc("When the secondary stops answering: stall (host writes wait for the link, however long) or suspend (after suspendAfter the pair suspends: writes are acknowledged locally and their tracks owed, the recovery point falls behind; once the link is up the owed tracks are copied, then the pair is in sync again).") String onLinkFailure,
        @Positive @Quantity(TIME) @Default("\"5 s\"") @Doc("suspend: how long a replicated write may wait for the secondary's acknowledgement before its pair suspends.") long suspendAfterNs) {
}
