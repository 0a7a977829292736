package org.repsim.core.stats;

import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds with percentiles, on an HdrHistogram: fixed memory whatever the run
 * length, three significant digits of precision (relative error ≤ 0.1 %), values from 1 ns up
 * to the histogram's auto-resized range. Mean and max are exact, and a quantile never lies
 * outside the exact minimum and maximum.
 *
 * <p>A run histogram can also be read per sample interval ({@link #intervals()}): values are then
 * recorded once, into the histogram of the current interval, and the run's percentile counts are
 * the intervals' counts added up as each interval ends — the same counts as recording every value
 * in both, at half the cost per value. The run's exact mean and maximum still see every value.
 */
public final class LatencyHistogram implements Resettable {
    private static final int DIGITS = 3;
    private final Histogram histogram = newHistogram();
    private final Tally exact = new Tally();
    /** For an interval histogram: the run histogram it feeds; null otherwise. */
    private final LatencyHistogram run;
    /** For a run histogram read per interval: the current interval, whose counts are not added yet. */
    private LatencyHistogram interval;
    /** The counts the current interval held when this run histogram was last reset: never added. */
    private Histogram excluded;

    public LatencyHistogram() {
        this(null);
    }

    private LatencyHistogram(LatencyHistogram run) {
        this.run = run;
    }

    private static Histogram newHistogram() {
        Histogram h = new Histogram(DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /**
     * The histogram of the current sample interval, which feeds this one: record values on it
     * (not on this one); {@link #endInterval} adds its counts here and starts the next interval.
     * A warm-up {@link #reset} of this histogram forgets the values the current interval had seen
     * so far, for the run, while the interval keeps them for its own figures.
     */
    public LatencyHistogram intervals() {
        if (run != null || interval != null) {
            throw new IllegalStateException("a histogram has at most one interval histogram, and it has none");
        }
        interval = new LatencyHistogram(this);
        return interval;
    }

    /** Records one latency (negative values are a bug in the caller). */
    public void record(long latencyNs) {
        if (latencyNs < 0) {
            throw new IllegalArgumentException("negative latency: " + latencyNs + " ns");
        }
        histogram.recordValue(latencyNs);
        exact.add(latencyNs);
        if (run != null) {
            run.exact.add(latencyNs);
        }
    }

    /** For an interval histogram: adds its counts to the run's and empties it for the next interval. */
    public void endInterval(long nowNs) {
        if (run == null) {
            throw new IllegalStateException("not an interval histogram");
        }
        run.histogram.add(histogram);
        if (run.excluded != null) {
            run.histogram.subtract(run.excluded);
            run.excluded = null;
        }
        histogram.reset();
        exact.reset(nowNs);
    }

    public long count() {
        return exact.count();
    }

    /** Exact mean in ns; NaN when empty. */
    public double meanNs() {
        return exact.mean();
    }

    /** Exact maximum in ns; NaN when empty. */
    public double maxNs() {
        return exact.max();
    }

    /**
     * The {@code q}-quantile (0 < q ≤ 1) in ns, within 0.1 % of the true one and never outside the
     * exact minimum and maximum (so the 99.9th percentile of identical values is their value); NaN
     * when empty.
     */
    public double quantileNs(double q) {
        if (exact.count() == 0) {
            return Double.NaN;
        }
        Histogram counts = histogram;
        if (interval != null && interval.histogram.getTotalCount() > 0) {
            counts = newHistogram();
            counts.add(histogram);
            counts.add(interval.histogram);
            if (excluded != null) {
                counts.subtract(excluded);
            }
        }
        // a bucket's value is the highest it holds: the top bucket's may lie above every value
        // recorded (a percentile above the maximum); the exact extremes bound every quantile
        return Math.max(exact.min(), Math.min(exact.max(), counts.getValueAtPercentile(q * 100.0)));
    }

    /**
     * Forgets every value so far. For an interval histogram this also drops them from the run
     * (use {@link #endInterval} to end an interval).
     */
    @Override
    public void reset(long nowNs) {
        histogram.reset();
        exact.reset(nowNs);
        if (interval != null) {
            excluded = null;
            if (interval.histogram.getTotalCount() > 0) {
                excluded = newHistogram();
                excluded.add(interval.histogram);
            }
        }
    }
}
