package org.repsim.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The difference b − a of two configurations' means over replications, with two Student-t
 * intervals: the paired one, over the per-replication differences b_r − a_r (valid when
 * replication r of both used the same random streams: common random numbers, which is what
 * makes it narrow), and Welch's unpaired one over the two samples as if independent.
 *
 * @param a mean of a
 * @param b mean of b
 * @param difference mean of b − a
 * @param paired true when the values were paired by replication
 * @param halfWidth half-width of the difference's interval at {@code level}: paired when
 *        {@code paired}, else Welch's (NaN when it cannot be computed)
 * @param pairedHalfWidth the paired half-width (NaN when unpaired or fewer than two pairs)
 * @param unpairedHalfWidth Welch's half-width (NaN with fewer than two values on a side)
 * @param level confidence level
 * @param n pairs (paired) or the smaller sample size (unpaired)
 */
public record PairedDifference(double a, double b, double difference, boolean paired, double halfWidth,
        double pairedHalfWidth, double unpairedHalfWidth, double level, int n) {

    /**
     * Pairs {@code a[r]} with {@code b[r]}; replications where either is NaN are left out of
     * the paired figures.
     */
    public static PairedDifference paired(double[] a, double[] b, double level) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " and " + b.length);
        }
        Tally diff = new Tally();
        for (int r = 0; r < a.length; r++) {
            if (!Double.isNaN(a[r]) && !Double.isNaN(b[r])) {
                diff.add(b[r] - a[r]);
            }
        }
        int n = (int) diff.count();
        double half = n >= 2 ? quantile(n - 1, level) * diff.stdDev() / Math.sqrt(n) : Double.NaN;
        Welch w = welch(a, b, level);
        return new PairedDifference(w.meanA, w.meanB, n == 0 ? Double.NaN : diff.mean(), true, half, half, w.half,
                level, n);
    }

    /** The unpaired (Welch) comparison of two independent samples. */
    public static PairedDifference unpaired(double[] a, double[] b, double level) {
        Welch w = welch(a, b, level);
        return new PairedDifference(w.meanA, w.meanB, w.meanB - w.meanA, false, w.half, Double.NaN, w.half, level,
                (int) Math.min(w.nA, w.nB));
    }

    /** True when the interval of the difference lies wholly on one side of 0. */
    public boolean excludesZero() {
        return !Double.isNaN(halfWidth) && (difference - halfWidth > 0 || difference + halfWidth < 0);
    }

    private record Welch(double meanA, double meanB, long nA, long nB, double half) {
    }

    private static Welch welch(double[] a, double[] b, double level) {
        Tally ta = tally(a);
        Tally tb = tally(b);
        double half = Double.NaN;
        if (ta.count() >= 2 && tb.count() >= 2) {
            double va = ta.variance() / ta.count();
            double vb = tb.variance() / tb.count();
            double se = Math.sqrt(va + vb);
            if (se == 0) {
                half = 0;
            } else {
                double df = (va + vb) * (va + vb)
                        / (va * va / (ta.count() - 1) + vb * vb / (tb.count() - 1));
                half = quantile(df, level) * se;
            }
        }
        return new Welch(ta.mean(), tb.mean(), ta.count(), tb.count(), half);
    }

    private static Tally tally(double[] values) {
        Tally t = new Tally();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                t.add(v);
            }
        }
        return t;
    }

    private static double quantile(double df, double level) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + level / 2);
    }
}
