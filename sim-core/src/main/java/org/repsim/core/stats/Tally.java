package org.repsim.core.stats;

/**
 * Observations of a quantity (SSJ's {@code Tally}): count, mean, variance, min, max, in O(1)
 * memory. Mean and variance use Welford's update, which stays accurate over long runs.
 */
public final class Tally implements Resettable {
    private long count;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
    }

    public long count() {
        return count;
    }

    /** Mean of the observations; NaN when there are none. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Sum of the observations. */
    public double sum() {
        return mean * count;
    }

    /** Sample variance (n − 1 denominator); NaN with fewer than two observations. */
    public double variance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    public double stdDev() {
        return Math.sqrt(variance());
    }

    /** Smallest observation; NaN when there are none. */
    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    /** Largest observation; NaN when there are none. */
    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    @Override
    public void reset(long nowNs) {
        count = 0;
        mean = 0;
        m2 = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }
}
