package org.repsim.model;

/**
 * Parameters of a WAN link (docs/model.md §1), the same for both directions.
 *
 * @param bandwidthBps       bytes per second each direction serialises
 * @param delayNs            one-way propagation delay in ns (see {@link Durations#fibreDelayNs})
 * @param maxBytesInFlight   window in bytes (on the wire, after compression); ≤ 0 means unlimited
 * @param maxCommandsInFlight window in transfers; ≤ 0 means unlimited
 * @param compressionRatio   bytes on the wire = ceil(bytes / ratio); 1 = none
 * @param loss               packet loss probability p in [0, 1); 0: no loss bound
 * @param mssBytes           TCP maximum segment size, bytes (≥ 1)
 * @param connections        TCP connections per direction (≥ 1)
 */
public record LinkConfig(double bandwidthBps, long delayNs, long maxBytesInFlight, int maxCommandsInFlight,
                         double compressionRatio, double loss, long mssBytes, int connections) {

    /** Default MSS: an Ethernet frame's TCP payload, bytes. */
    public static final long DEFAULT_MSS = 1_460;

    /** The constant of Mathis et al. (1997): throughput ≤ MSS × C ÷ (RTT × √p), C = √(3/2) ≈ 1.22. */
    public static final double MATHIS_C = 1.22;

    /** A link without packet loss (one connection, MSS {@link #DEFAULT_MSS}). */
    public LinkConfig(double bandwidthBps, long delayNs, long maxBytesInFlight, int maxCommandsInFlight,
                      double compressionRatio) {
        this(bandwidthBps, delayNs, maxBytesInFlight, maxCommandsInFlight, compressionRatio, 0, DEFAULT_MSS, 1);
    }

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
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("link packet loss must be in [0, 1): " + loss);
        }
        if (mssBytes < 1) {
            throw new IllegalArgumentException("link MSS must be ≥ 1 byte: " + mssBytes);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("a link needs at least one connection: " + connections);
        }
    }

    /**
     * Mathis et al.'s bound on one connection's throughput, bytes/s (docs/model.md §1):
     * {@code MSS × 1.22 ÷ (RTT × √p)} with RTT = 2 × delay; infinite without loss or delay.
     */
    public double connectionBoundBps() {
        if (loss == 0 || delayNs == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double rttS = 2 * delayNs / 1e9;
        return mssBytes * MATHIS_C / (rttS * Math.sqrt(loss));
    }

    /**
     * The rate a direction serialises at, bytes/s: {@code min(bandwidth, connections × bound)}
     * (docs/model.md §1); the bandwidth itself without loss.
     */
    public double effectiveRateBps() {
        return Math.min(bandwidthBps, connections * connectionBoundBps());
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
