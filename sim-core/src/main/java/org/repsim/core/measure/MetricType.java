package org.repsim.core.measure;

import java.util.Set;
import org.repsim.core.result.Metric;

/**
 * One summary metric, declared once: its name in {@code metrics.json} and {@code summary.json}
 * (a user contract), unit, meaning and presentation hints.
 *
 * @param name        dotted name, e.g. {@code host.write.latency.p99}
 * @param unit        unit of its value
 * @param description what it measures, in a sentence a report can show
 * @param hints       how reports present it
 */
public record MetricType(String name, Unit unit, String description, Set<Hint> hints) implements MetricSelector {

    public MetricType {
        hints = Set.copyOf(hints);
    }

    public MetricType(String name, Unit unit, String description, Hint... hints) {
        this(name, unit, description, Set.of(hints));
    }

    /** This metric with {@code value} (in {@link #unit()}). */
    public Metric of(double value) {
        return new Metric(name, value, unit.symbol());
    }

    @Override
    public boolean matches(String metricName) {
        return name.equals(metricName);
    }

    public boolean has(Hint hint) {
        return hints.contains(hint);
    }
}
