package org.repsim.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;

/** Summaries of sweeps over named variants, for the comparison chart and table tests. */
public final class VariantSummaries {

    private VariantSummaries() {
    }

    static final double NONE = Double.NaN;

    /** A point of a variant sweep with the comparison metrics (NaN: not recorded). */
    public static PointSummary point(String id, String variant, double latencyS, double lagS, double lostWrites,
            double violations, double outOfOrder) {
        TreeMap<String, MetricSummary> m = new TreeMap<>();
        put(m, Measures.HOST_WRITE_LATENCY.mean().name(), latencyS, "s");
        put(m, Measures.HOST_WRITE_LATENCY.p99().name(), latencyS * 4, "s");
        put(m, Measures.RPO_LAG_MAX.name(), lagS, "s");
        put(m, Measures.DISASTER_LOST_WRITES.name(), lostWrites, "count");
        put(m, Measures.DISASTER_LOST_BYTES.name(), lostWrites * 4096, "bytes");
        put(m, Measures.CONSISTENCY_VIOLATIONS.name(), violations, "count");
        put(m, Measures.ORDERED_OUT_OF_ORDER.name(), outOfOrder, "count");
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put(ExperimentSummary.VARIANT_PARAMETER, variant);
        return new PointSummary(id, params, 2, m);
    }

    private static void put(TreeMap<String, MetricSummary> m, String name, double v, String unit) {
        if (!Double.isNaN(v)) {
            m.put(name, new MetricSummary(name, v, 0, v, v, unit, 2));
        }
    }

    public static ExperimentSummary modes() {
        List<PointSummary> points = new ArrayList<>(List.of(
                point("p000", "sync", 3.1e-3, 0, 0, NONE, NONE),
                point("p001", "ordered", 43e-6, 0.0127, 8, NONE, 0),
                point("p002", "ordered-off", 43e-6, 0.0127, 8, NONE, 1610),
                point("p003", "cycle-none", 43e-6, 10.0, 45806, 51170, NONE),
                point("p004", "host", 43.4e-6, 5.59, 22902, 0, NONE)));
        return new ExperimentSummary("modes", "t", List.of(ExperimentSummary.VARIANT_PARAMETER), points);
    }

}
