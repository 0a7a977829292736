package org.repsim.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;

/**
 * The figures a planner compares between the variants of a sweep over named variants
 * (docs/scenario-format.md, "Sweeps"): host write latency, worst recovery-point lag, data lost at
 * a disaster and whether the secondary's image kept dependent-write order. Values are means over
 * replications in base units; NaN where a point did not record the metric (its mode has none).
 *
 * @param label the variant's name, followed by the point's other swept values when the variants
 *        are crossed with other axes
 * @param verdict what the consistency metrics say
 */
public record VariantFigures(String label, double latencyMeanS, double latencyP99S, double lagMaxS,
        double lostWrites, double lostBytes, double violations, double outOfOrder, Verdict verdict) {

    /** What the dependent-write checks of a point found. */
    public enum Verdict {
        /**
         * Checked and nothing found: the image's dependent-chain check, which every replication mode runs
         * (docs/model.md §7, §8.3), or the secondaries' arrival order (ordered).
         */
        NONE_FOUND("no violation found"),
        /** Violations counted: the image may hold a write without one it depends on. */
        VIOLATIONS("dependent-write violations"),
        /** The point's mode records neither check. */
        NOT_CHECKED("not checked by this mode");

        private final String legend;

        Verdict(String legend) {
            this.legend = legend;
        }

        public String legend() {
            return legend;
        }

        /** The verdict of the two counts (NaN: not recorded): any count above zero is a violation. */
        public static Verdict of(double violations, double outOfOrder) {
            if (violations > 0 || outOfOrder > 0) {
                return VIOLATIONS;
            }
            return Double.isNaN(violations) && Double.isNaN(outOfOrder) ? NOT_CHECKED : NONE_FOUND;
        }
    }

    /** One entry per point of {@code summary}, in point order. */
    public static List<VariantFigures> of(ExperimentSummary summary) {
        List<VariantFigures> out = new ArrayList<>();
        for (PointSummary p : summary.points()) {
            double violations = mean(p, Measures.CONSISTENCY_VIOLATIONS.name());
            double outOfOrder = mean(p, Measures.ORDERED_OUT_OF_ORDER.name());
            out.add(new VariantFigures(label(p), mean(p, Measures.HOST_WRITE_LATENCY.mean().name()),
                    mean(p, Measures.HOST_WRITE_LATENCY.p99().name()), mean(p, Measures.RPO_LAG_MAX.name()),
                    mean(p, Measures.DISASTER_LOST_WRITES.name()), mean(p, Measures.DISASTER_LOST_BYTES.name()),
                    violations, outOfOrder, Verdict.of(violations, outOfOrder)));
        }
        return out;
    }

    private static String label(PointSummary p) {
        StringBuilder b = new StringBuilder();
        String variant = p.parameters().get(ExperimentSummary.VARIANT_PARAMETER);
        b.append(variant == null ? p.id() : variant);
        for (Map.Entry<String, String> e : p.parameters().entrySet()) {
            if (!e.getKey().equals(ExperimentSummary.VARIANT_PARAMETER)) {
                b.append(", ").append(e.getKey()).append(" = ").append(e.getValue());
            }
        }
        return b.toString();
    }

    private static double mean(PointSummary p, String metric) {
        MetricSummary m = p.metric(metric);
        return m == null ? Double.NaN : m.mean();
    }
}
