package org.repsim.core.result;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * One sweep point: the swept parameters (path → value as written in the scenario), the number
 * of replications and every metric's summary.
 */
public record PointSummary(String id, LinkedHashMap<String, String> params, int replications,
        SortedMap<String, MetricSummary> metrics) {

    public MetricSummary metric(String name) {
        return metrics.get(name);
    }

    /** Parameters as an unmodifiable view. */
    public Map<String, String> parameters() {
        return java.util.Collections.unmodifiableMap(params);
    }
}
