package org.repsim.model;

/**
 * Parameters of a WAN link (DOMAIN §1), the same for both directions.
 *
 * @param bandwidthBps       bytes per second each direction serialises
 * @param delayNs            one-way propagation delay in ns (see {@link Durations#fibreDelayNs})
 * @param maxBytesInFlight   window in bytes (on the wire, after compression); ≤ 0 means unlimited
 * @param maxCommandsInFlight window in transfers; ≤ 0 means unlimited
 * @param compressionRatio   bytes on the wire = ceil(bytes / ratio); 1 = none
 */
public record LinkConfig(double bandwidthBps, long delayNs, long maxBytesInFlight, int maxCommandsInFlight,
                         double compressionRatio) {
    public LinkConfig {
        if (!(bandwidthBps > 0) || Double.isInfinite(bandwidthBps)) {
            throw new IllegalArgumentException("link bandwidth must be positive and finite: " + bandwidthBps + " B/s");
        }
        if (delayNs < 0) {
            throw new IllegalArgumentException("link delay must be ≥ 0 ns: " + delayNs);
        }
        if (!(compressionRatio >= 1) || Double.isInfinite(compressionRatio)) {
            throw new IllegalArgumentException("compression ratio must be ≥ 1: " + compressionRatio);
        }
    }

    /** A link without window limit or compression. */
    public static LinkConfig of(double bandwidthBps, long delayNs) {
        return new LinkConfig(bandwidthBps, delayNs, 0, 0, 1.0);
    }

    /** A link of {@code km} of fibre: delay = 5 µs/km. */
    public static LinkConfig overDistance(double bandwidthBps, double km) {
        return of(bandwidthBps, Durations.fibreDelayNs(km));
    }
}
