package org.repsim.scenario.spec;

/** Synchronous replication settings (docs/model.md §3). */
public record Sync(
        @Min(1) @Default("1") @Doc("Protocol round trips per replicated write: 1 with write acceleration (the data goes with the command), 2 for plain FCP (command and transfer-ready, then data and status).") int roundTrips) {
}
