package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A WAN link between two sites (DOMAIN §1). */
public record Link(
        @Doc("Unique link id.") String id,
        @Doc("The two site ids the link joins.") List<String> between,
        @Positive @Quantity(DATA_RATE) @Doc("Bandwidth; a transfer of b bytes occupies the link b / bandwidth.") double bandwidthBps,
        @Quantity(DISTANCE) @Default("\"0 km\"") @Doc("Fibre length; one-way propagation delay is 5 us per km.") double distanceM,
        @Positive @Quantity(SIZE) @Default("\"64 MiB\"") @Doc("Window: maximum unacknowledged bytes in flight.") long maxInFlightBytes,
        @Default("0") @Doc("Window: maximum unacknowledged commands in flight; 0: limited by bytes only.") int maxCommands,
        @Min(1) @Default("1") @Doc("Compression ratio: bytes on the wire = bytes / compression.") double compression) {

    public Link {
        between = List.copyOf(between);
    }

    /** One-way propagation delay: 5 us per km of fibre (DOMAIN §1). */
    public long propagationDelayNs() {
        return Math.round(distanceM * 5.0);
    }
}
