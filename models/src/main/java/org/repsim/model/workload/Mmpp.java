package org.repsim.model.workload;

import org.repsim.core.random.RandomStream;

/**
 * Markov-modulated Poisson arrivals with cyclic states. By memorylessness, a gap drawn in one
 * state that overshoots the state's remaining holding time is discarded and redrawn in the
 * next state, which is exact.
 */
final class Mmpp implements ArrivalProcess {
    private final RandomStream stream;
    private final double[] rateNs;
    private final double[] meanHoldNs;
    private int state;
    private double remainingHoldNs;

    Mmpp(RandomStream stream, double[] ratesPerSecond, double[] meanHoldNs) {
        if (ratesPerSecond.length == 0 || ratesPerSecond.length != meanHoldNs.length) {
            throw new IllegalArgumentException("MMPP needs one mean holding time per rate, and at least one state");
        }
        boolean anyPositive = false;
        this.rateNs = new double[ratesPerSecond.length];
        for (int i = 0; i < ratesPerSecond.length; i++) {
            if (!(ratesPerSecond[i] >= 0) || Double.isInfinite(ratesPerSecond[i])) {
                throw new IllegalArgumentException("MMPP rate " + i + " must be ≥ 0 and finite: " + ratesPerSecond[i]);
            }
            if (!(meanHoldNs[i] > 0) || Double.isInfinite(meanHoldNs[i])) {
                throw new IllegalArgumentException("MMPP holding time " + i + " must be positive: " + meanHoldNs[i] + " ns");
            }
            anyPositive |= ratesPerSecond[i] > 0;
            rateNs[i] = ratesPerSecond[i] / 1e9;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("MMPP needs at least one state with a positive rate");
        }
        this.stream = stream;
        this.meanHoldNs = meanHoldNs.clone();
        this.remainingHoldNs = exp(this.meanHoldNs[0]);
    }

    private double exp(double mean) {
        return -mean * Math.log(1.0 - stream.nextDouble());
    }

    @Override
    public double nextGapNs() {
        double gap = 0;
        while (true) {
            double r = rateNs[state];
            if (r > 0) {
                double x = exp(1.0 / r);
                if (x < remainingHoldNs) {
                    remainingHoldNs -= x;
                    return gap + x;
                }
            }
            gap += remainingHoldNs;
            state = (state + 1) % rateNs.length;
            remainingHoldNs = exp(meanHoldNs[state]);
        }
    }

    @Override
    public double meanRatePerSecond() {
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < rateNs.length; i++) {
            weighted += rateNs[i] * 1e9 * meanHoldNs[i];
            total += meanHoldNs[i];
        }
        return weighted / total;
    }
}
