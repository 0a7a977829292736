package org.repsim.core.measure;

import java.util.List;

/**
 * The summary metrics a streamed statistic of one quantity gives, declared once by their common
 * base name: {@code <base>.mean}, {@code .max} and, as the statistic has them, {@code .p50},
 * {@code .p99}, {@code .p999} (latency histograms) and {@code .count} (tallies).
 *
 * @param base        e.g. {@code host.write.latency}
 * @param unit        unit of the reported values (counts are {@link Unit#COUNT})
 * @param description what the quantity is
 */
public record Statistics(String base, Unit unit, String description) {

    public MetricType mean() {
        return member("mean", "mean of ");
    }

    public MetricType max() {
        return member("max", "largest ");
    }

    public MetricType p50() {
        return member("p50", "median ");
    }

    public MetricType p99() {
        return member("p99", "99th percentile of ");
    }

    public MetricType p999() {
        return member("p999", "99.9th percentile of ");
    }

    public MetricType count() {
        return new MetricType(base + ".count", Unit.COUNT, "number of observations of " + description);
    }

    /** The members a latency histogram gives, in the order it reports them. */
    public List<MetricType> latencyMembers() {
        return List.of(mean(), p50(), p99(), p999(), max());
    }

    private MetricType member(String statistic, String what) {
        return new MetricType(base + "." + statistic, unit, what + description);
    }
}
