package org.repsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Metric;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.stats.ConfidenceInterval;

/**
 * Turns replication metrics into {@code summary.json}'s figures: for every metric of a point,
 * the mean over replications with its Student-t 95 % half-width ({@link ConfidenceInterval}),
 * min and max. A replication that did not record a metric (or recorded NaN) is left out of that
 * metric's figures, so {@code n} can be below the number of replications; with n = 1 the
 * half-width is NaN (written as null).
 */
public final class Summaries {
    private Summaries() {
    }

    /**
     * Summarises one point.
     *
     * @param runs each replication's metrics, in replication order
     * @throws IllegalStateException when replications give one metric different units
     */
    public static PointSummary point(PlanPoint point, List<? extends SortedMap<String, Metric>> runs) {
        SortedSet<String> names = new TreeSet<>();
        for (SortedMap<String, Metric> run : runs) {
            names.addAll(run.keySet());
        }
        SortedMap<String, MetricSummary> metrics = new TreeMap<>();
        for (String name : names) {
            double[] values = new double[runs.size()];
            String unit = null;
            for (int r = 0; r < values.length; r++) {
                Metric m = runs.get(r).get(name);
                values[r] = m == null ? Double.NaN : m.value();
                if (m != null) {
                    if (unit == null) {
                        unit = m.unit();
                    } else if (!unit.equals(m.unit())) {
                        throw new IllegalStateException("metric " + name + " of point " + point.id() + " has unit '"
                                + unit + "' in one replication and '" + m.unit() + "' in replication " + r);
                    }
                }
            }
            ConfidenceInterval ci = ConfidenceInterval.of95(values);
            metrics.put(name, new MetricSummary(name, ci.mean(), ci.halfWidth(), ci.min(), ci.max(), unit, ci.n()));
        }
        return new PointSummary(point.id(), new java.util.LinkedHashMap<>(point.params()), runs.size(), metrics);
    }

    /** Summarises every point of the plan; {@code runsByPoint} follows the plan's point order. */
    public static ExperimentSummary experiment(ExperimentPlan plan,
            List<? extends List<? extends SortedMap<String, Metric>>> runsByPoint) {
        if (runsByPoint.size() != plan.points().size()) {
            throw new IllegalArgumentException("metrics for " + runsByPoint.size() + " points, plan has "
                    + plan.points().size());
        }
        List<PointSummary> points = new ArrayList<>();
        for (int p = 0; p < runsByPoint.size(); p++) {
            points.add(point(plan.points().get(p), runsByPoint.get(p)));
        }
        return new ExperimentSummary(plan.scenarioName(), plan.toolVersion(), plan.sweptPaths(), points);
    }
}
