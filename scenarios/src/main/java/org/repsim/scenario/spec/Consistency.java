package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Consistency group across several primary boxes (docs/model.md §6). */
public record Consistency(
        @OneOf({"none", "host", "shuttle"}) @Default("\"none\"") @Doc("none, host-coordinated switch (docs/model.md §6a) or shuttle (docs/model.md §6b).") String mode,
        @Positive @Quantity(TIME) @Default("\"100 ms\"") @Doc("host: coordinator poll interval.") long pollIntervalNs,
        @Quantity(TIME) @Default("\"500 us\"") @Doc("host: latency of each coordinator message; shuttle: latency of the secondary-side gathering of received counts.") long messageLatencyNs,
        @Quantity(TIME) @Default("\"200 us\"") @Doc("shuttle: latency of one hop between entities.") long hopNs,
        @Quantity(TIME) @Default("\"10 us\"") @Doc("shuttle: processing per visit.") long processingNs,
        @OneOf({"after-round", "immediate"}) @Default("\"after-round\"") @Doc("shuttle: when a host write is acknowledged.") String ack,
        @Quantity(TIME) @Default("\"0 s\"") @Doc("shuttle: least time between two advances of the sequence number.") long minNumberTimeNs) {
}
