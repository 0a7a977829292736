package org.repsim.model.workload;

import org.repsim.core.random.RandomStream;

/**
 * Open-loop arrivals (docs/model.md §2): gaps between successive host I/Os, in ns of operational
 * time (at rate multiplier 1; a {@link RateProfile} stretches or compresses them). Gaps are
 * doubles so that fractional nanoseconds accumulate instead of being rounded per arrival.
 */
public interface ArrivalProcess {

    /** Gap to the next arrival, in ns (≥ 0). */
    double nextGapNs();

    /** Mean rate at multiplier 1, arrivals per second. */
    double meanRatePerSecond();

    /** Poisson arrivals at {@code ratePerSecond}. */
    static ArrivalProcess poisson(RandomStream stream, double ratePerSecond) {
        checkRate(ratePerSecond);
        double meanNs = 1e9 / ratePerSecond;
        return new ArrivalProcess() {
            @Override
            public double nextGapNs() {
                // inverse transform on (0, 1]: never log(0)
                return -meanNs * Math.log(1.0 - stream.nextDouble());
            }

            @Override
            public double meanRatePerSecond() {
                return ratePerSecond;
            }
        };
    }

    /** Evenly spaced arrivals at {@code ratePerSecond}. */
    static ArrivalProcess deterministic(double ratePerSecond) {
        checkRate(ratePerSecond);
        double gapNs = 1e9 / ratePerSecond;
        return new ArrivalProcess() {
            @Override
            public double nextGapNs() {
                return gapNs;
            }

            @Override
            public double meanRatePerSecond() {
                return ratePerSecond;
            }
        };
    }

    /**
     * Markov-modulated Poisson process [design: states visited cyclically 0 → 1 → … → k−1 → 0,
     * each held an exponential time of its mean]: Poisson at {@code ratesPerSecond[i]} while in state i.
     */
    static ArrivalProcess mmpp(RandomStream stream, double[] ratesPerSecond, double[] meanHoldNs) {
        return new Mmpp(stream, ratesPerSecond, meanHoldNs);
    }

    /** Bursty on/off: Poisson at {@code onRatePerSecond} during exponential on periods, silent during exponential off periods. */
    static ArrivalProcess onOff(RandomStream stream, double onRatePerSecond, double meanOnNs, double meanOffNs) {
        return new Mmpp(stream, new double[] {onRatePerSecond, 0}, new double[] {meanOnNs, meanOffNs});
    }

    private static void checkRate(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("arrival rate must be positive and finite: " + ratePerSecond + " /s");
        }
    }
}
