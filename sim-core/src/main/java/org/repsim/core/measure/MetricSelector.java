package org.repsim.core.measure;

/** A metric or a family of metrics, as a report selects them by the names found in results. */
public interface MetricSelector {
    boolean matches(String metricName);
}
