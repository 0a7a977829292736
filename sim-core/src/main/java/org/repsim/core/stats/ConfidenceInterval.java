package org.repsim.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A Student-t confidence interval for the mean of independent replications.
 *
 * @param mean sample mean
 * @param halfWidth half-width at the given level (NaN with fewer than two values)
 * @param level confidence level, e.g. 0.95
 * @param n number of values
 * @param min smallest value
 * @param max largest value
 */
public record ConfidenceInterval(double mean, double halfWidth, double level, int n, double min, double max) {

    /** The interval of the mean of {@code values} at {@code level}. NaN values are skipped. */
    public static ConfidenceInterval of(double[] values, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1): " + level);
        }
        Tally t = new Tally();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                t.add(v);
            }
        }
        int n = (int) t.count();
        double half = Double.NaN;
        if (n >= 2) {
            half = tQuantile(n, level) * t.stdDev() / Math.sqrt(n);
        } else if (n == 1) {
            half = Double.NaN;
        }
        return new ConfidenceInterval(t.mean(), half, level, n, t.min(), t.max());
    }

    /**
     * The two-sided Student-t quantile for the mean of {@code n} values at {@code level}: the
     * half-width is this times the standard deviation over √n.
     */
    public static double tQuantile(int n, double level) {
        if (n < 2) {
            throw new IllegalArgumentException("a t quantile needs at least two values: " + n);
        }
        return new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + level / 2);
    }

    /** The 95 % interval. */
    public static ConfidenceInterval of95(double[] values) {
        return of(values, 0.95);
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }

    /** True when {@code x} lies inside the interval (inclusive). */
    public boolean contains(double x) {
        return x >= lower() && x <= upper();
    }
}
