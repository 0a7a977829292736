package org.repsim.core.stats;

import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds with percentiles, on an HdrHistogram: fixed memory whatever the run
 * length, three significant digits of precision (relative error ≤ 0.1 %), values from 1 ns up
 * to the histogram's auto-resized range. Mean and max are exact.
 */
public final class LatencyHistogram implements Resettable {
    private final Histogram histogram = new Histogram(3);
    private final Tally exact = new Tally();

    public LatencyHistogram() {
        histogram.setAutoResize(true);
    }

    /** Records one latency (negative values are a bug in the caller). */
    public void record(long latencyNs) {
        if (latencyNs < 0) {
            throw new IllegalArgumentException("negative latency: " + latencyNs + " ns");
        }
        histogram.recordValue(latencyNs);
        exact.add(latencyNs);
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

    /** The {@code q}-quantile (0 < q ≤ 1) in ns; NaN when empty. */
    public double quantileNs(double q) {
        if (exact.count() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(q * 100.0);
    }

    @Override
    public void reset(long nowNs) {
        histogram.reset();
        exact.reset(nowNs);
    }
}
