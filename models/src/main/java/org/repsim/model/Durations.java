package org.repsim.model;

/**
 * Conversions between amounts and simulated time shared by every component, so that timing is
 * exact and identical everywhere.
 *
 * <p>Rounding rule [design]: a transfer of {@code b} bytes at {@code r} bytes/s lasts
 * {@code ceil(b × 10^9 / r)} ns — never shorter than its exact duration. With an integral rate
 * the value is computed in exact integer arithmetic.
 */
public final class Durations {
    /** Propagation delay of light in fibre: 5 µs per km (docs/model.md §1). */
    public static final long FIBRE_NS_PER_KM = 5_000L;

    /**
     * Longest duration computed here, 2^60 ns (36 years): a transfer at a vanishing rate or a
     * service time under a huge slowdown saturates instead of overflowing when added to the clock.
     */
    static final long MAX_NS = 1L << 60;

    private Durations() {
    }

    /** Time to move {@code bytes} at {@code rateBps} bytes/s, in ns, rounded up. */
    public static long transferNs(long bytes, double rateBps) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count: " + bytes);
        }
        if (!(rateBps > 0) || Double.isInfinite(rateBps)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + rateBps + " B/s");
        }
        long rate = (long) rateBps;
        if (rate == rateBps && bytes <= Long.MAX_VALUE / 1_000_000_000L) {
            long scaled = bytes * 1_000_000_000L;
            long q = scaled / rate;
            return q * rate == scaled ? q : q + 1;
        }
        return Math.min(MAX_NS, (long) Math.ceil(bytes * 1e9 / rateBps));
    }

    /** One-way propagation delay over {@code km} of fibre, rounded to the nearest ns. */
    public static long fibreDelayNs(double km) {
        if (!(km >= 0) || Double.isInfinite(km)) {
            throw new IllegalArgumentException("distance must be ≥ 0 km: " + km);
        }
        return Math.round(km * FIBRE_NS_PER_KM);
    }

    /** {@code ns} scaled by {@code factor}, rounded to the nearest ns. */
    static long scale(long ns, double factor) {
        return factor == 1.0 ? ns : Math.min(MAX_NS, Math.round(ns * factor));
    }
}
