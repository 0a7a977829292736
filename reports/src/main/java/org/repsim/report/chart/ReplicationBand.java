package org.repsim.report.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.data.xy.YIntervalSeries;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.stats.ConfidenceInterval;

/**
 * Mean across replications per time sample with a band: the Student-t 95 % interval of the
 * mean, or the replications' range (lowest to highest). Samples are matched by row index (every
 * replication samples at the same times); only rows present in every replication carrying the
 * column are used. With one replication the band is the line. When all values of a sample are
 * non-negative the confidence band's lower edge is clipped at zero.
 */
public final class ReplicationBand {

    /** What the shaded band around the mean line shows. */
    public enum Spread {
        /** No band: the mean line alone. */
        NONE,
        /** The 95 % confidence interval of the mean (smooth series). */
        CONFIDENCE,
        /**
         * The lowest and highest replication at each sample: for sawtooth series, whose drops come
         * at instants that differ between replications, where a confidence interval of the mean
         * would only flare up (spindles) at each drop.
         */
        RANGE
    }

    private final Map<Integer, Double> quantiles = new HashMap<>();

    /** Whether any replication's time series has the column. */
    public static boolean present(List<RunResult> runs, String column) {
        for (RunResult r : runs) {
            if (r.series() != null && r.series().columnIndex(column) >= 0 && r.series().rows() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The columns with a prefix over all replications, in first-seen column order. */
    public static List<String> columnsStartingWith(List<RunResult> runs, String prefix) {
        List<String> out = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.series() == null) {
                continue;
            }
            for (String c : r.series().columnsStartingWith(prefix)) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Largest absolute value of a column over all replications (0 when absent or all NaN). */
    public static double maxAbs(List<RunResult> runs, String column) {
        double m = 0;
        for (RunResult r : runs) {
            TimeSeries s = r.series();
            int c = s == null ? -1 : s.columnIndex(column);
            if (c < 0) {
                continue;
            }
            for (int i = 0; i < s.rows(); i++) {
                double v = Math.abs(s.value(i, c));
                if (v > m && !Double.isInfinite(v)) {
                    m = v;
                }
            }
        }
        return m;
    }

    /**
     * The band of one column, values divided by {@code scale.divisor()}; {@code withBand=false}
     * gives the mean line alone (low = high = mean).
     */
    public YIntervalSeries of(String key, List<RunResult> runs, String column, Scale scale, boolean withBand) {
        return of(key, runs, column, scale, withBand ? Spread.CONFIDENCE : Spread.NONE);
    }

    /** The band of one column, values divided by {@code scale.divisor()}, its spread as asked. */
    public YIntervalSeries of(String key, List<RunResult> runs, String column, Scale scale, Spread spread) {
        List<TimeSeries> with = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        int rows = Integer.MAX_VALUE;
        for (RunResult r : runs) {
            TimeSeries s = r.series();
            int c = s == null ? -1 : s.columnIndex(column);
            if (c >= 0) {
                with.add(s);
                idx.add(c);
                rows = Math.min(rows, s.rows());
            }
        }
        YIntervalSeries out = new YIntervalSeries(key, false, true);
        if (with.isEmpty()) {
            return out;
        }
        double[] values = new double[with.size()];
        for (int i = 0; i < rows; i++) {
            int n = 0;
            double sum = 0;
            boolean nonNegative = true;
            for (int r = 0; r < with.size(); r++) {
                double v = with.get(r).value(i, idx.get(r));
                if (!Double.isNaN(v)) {
                    values[n++] = v;
                    sum += v;
                    nonNegative &= v >= 0;
                }
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            double low;
            double high;
            if (spread == Spread.RANGE) {
                low = values[0];
                high = values[0];
                for (int k = 1; k < n; k++) {
                    low = Math.min(low, values[k]);
                    high = Math.max(high, values[k]);
                }
            } else {
                double half = spread == Spread.CONFIDENCE ? halfWidth(values, n, mean) : 0;
                // Depths, bytes, lags and latencies cannot be negative: the band stops at zero.
                low = nonNegative ? Math.max(0, mean - half) : mean - half;
                high = mean + half;
            }
            double t = with.get(0).time(i);
            out.add(t, scale.apply(mean), scale.apply(low), scale.apply(high));
        }
        return out;
    }

    /** Student-t 95 % half-width of the first {@code n} values with the given mean; 0 below two values. */
    public double halfWidth(double[] values, int n, double mean) {
        if (n < 2) {
            return 0;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        return quantile(n) * sd / Math.sqrt(n);
    }

    private double quantile(int n) {
        return quantiles.computeIfAbsent(n, k -> ConfidenceInterval.tQuantile(k, 0.95));
    }
}
