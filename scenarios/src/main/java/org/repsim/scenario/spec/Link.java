package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A WAN link between two sites (docs/model.md §1). */
public record Link(
        @Doc("Unique link id.") String id,
        @Doc("The two site ids the link joins.") List<String> between,
        @Positive @Quantity(value = DATA_RATE, bits = true) @Doc("Bandwidth; a transfer of b bytes occupies the link b / bandwidth.") double bandwidthBps,
        @Quantity(DISTANCE) @Default("\"0 km\"") @Doc("Fibre length; one-way propagation delay is 5 us per km.") double distanceM,
        @Positive @Quantity(SIZE) @Default("\"64 MiB\"") @Doc("Window: maximum unacknowledged bytes in flight.") long maxInFlightBytes,
        @Default("0") @Doc("Window: maximum unacknowledged commands in flight; 0: limited by bytes only.") int maxCommands,
        @Min(1) @Default("1") @Doc("Compression ratio: bytes on the wire = bytes / compression.") double compression,
        @Fraction @Default("0") @Doc("Packet loss probability p in [0, 1). Above 0 each TCP connection carries at most MSS x 1.22 / (RTT x sqrt(p)) (Mathis et al. 1997), RTT = twice the one-way delay; 0: no loss bound.") double loss,
        @Positive @Quantity(SIZE) @Default("\"1460 B\"") @Doc("TCP maximum segment size, for the loss bound.") long mssBytes,
        @Min(1) @Default("1") @Doc("TCP connections per direction; the loss bound applies to each, the direction carries at most min(bandwidth, connections x bound).") int connections) {

    public Link {
        between = List.copyOf(between);
    }

    /** One-way propagation delay: 5 us per km of fibre (docs/model.md §1). */
    public long propagationDelayNs() {
        return Math.round(distanceM * 5.0);
    }
}
