package org.repsim.model.workload;

import java.util.Arrays;

/**
 * A rate profile over time (docs/model.md §2, e.g. a batch peak): piecewise-constant multipliers
 * {@code [[0 s, 1.0], [4 min, 2.5], [6 min, 1.0]]}, the last holding for ever.
 *
 * <p>It time-changes an {@link ArrivalProcess}: an operational gap {@code g} starting at real
 * time {@code t} ends at the real time {@code t'} with {@code ∫_t^t' m(s) ds = g}. For Poisson
 * arrivals this is exactly the non-homogeneous Poisson process of rate {@code m(t) × λ}.
 */
public final class RateProfile {
    private final long[] startNs;
    private final double[] multiplier;

    public RateProfile(long[] startNs, double[] multipliers) {
        if (startNs.length == 0 || startNs.length != multipliers.length) {
            throw new IllegalArgumentException("rate profile needs one multiplier per start time, and at least one");
        }
        if (startNs[0] != 0) {
            throw new IllegalArgumentException("rate profile must start at 0 s, starts at " + startNs[0] + " ns");
        }
        for (int i = 0; i < startNs.length; i++) {
            if (i > 0 && startNs[i] <= startNs[i - 1]) {
                throw new IllegalArgumentException("rate profile times must increase: " + Arrays.toString(startNs));
            }
            if (!(multipliers[i] >= 0) || Double.isInfinite(multipliers[i])) {
                throw new IllegalArgumentException("rate multiplier must be ≥ 0 and finite: " + multipliers[i]);
            }
        }
        if (multipliers[multipliers.length - 1] == 0) {
            throw new IllegalArgumentException("the last rate multiplier must be positive (it holds for ever)");
        }
        this.startNs = startNs.clone();
        this.multiplier = multipliers.clone();
    }

    /** Multiplier 1 at all times. */
    public static RateProfile constant() {
        return new RateProfile(new long[] {0}, new double[] {1.0});
    }

    /** Multiplier in force at {@code timeNs}. */
    public double multiplierAt(double timeNs) {
        return multiplier[segmentOf(timeNs)];
    }

    private int segmentOf(double timeNs) {
        int i = Arrays.binarySearch(startNs, (long) Math.floor(timeNs));
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** Real time at which an operational gap of {@code gapNs} started at real time {@code fromNs} ends. */
    public double advance(double fromNs, double gapNs) {
        if (startNs.length == 1) {
            return fromNs + gapNs / multiplier[0]; // one segment, for ever (the loop's first step)
        }
        int i = segmentOf(fromNs);
        double t = fromNs;
        double left = gapNs;
        while (true) {
            double m = multiplier[i];
            double end = i + 1 < startNs.length ? startNs[i + 1] : Double.POSITIVE_INFINITY;
            if (m > 0) {
                double need = left / m;
                if (t + need <= end) {
                    return t + need;
                }
                left -= (end - t) * m;
            }
            t = end;
            i++;
        }
    }
}
