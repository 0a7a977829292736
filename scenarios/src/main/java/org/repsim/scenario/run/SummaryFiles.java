package org.repsim.scenario.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;

/**
 * {@code summary.json} and {@code summary.csv}.
 *
 * <p>{@code summary.json} (docs/scenario-format.md): {@code {"scenario", "version", "sweptPaths": [...],
 * "points": [{"id", "params": {path: value}, "replications", "metrics": {name: {"mean", "ci95",
 * "min", "max", "unit", "n"}}}]}}. Points in plan order, params in swept-path order, metrics
 * sorted by name; NaN figures (a half-width from one value) are {@code null}.
 *
 * <p>{@code summary.csv}: header {@code point,<each swept path>,metric,mean,ci95,min,max,unit,n},
 * one row per point and metric in the same order; NaN figures are empty fields.
 */
public final class SummaryFiles {
    public static final String JSON = "summary.json";
    public static final String CSV = "summary.csv";

    private SummaryFiles() {
    }

    /** {@code summary.json}. */
    @JsonPropertyOrder({"scenario", "version", "sweptPaths", "points"})
    record SummaryFile(String scenario, String version, List<String> sweptPaths, List<Point> points) {
    }

    /** One sweep point of {@code summary.json}. */
    @JsonPropertyOrder({"id", "params", "replications", "metrics"})
    record Point(String id, LinkedHashMap<String, String> params, int replications, Map<String, Figures> metrics) {
    }

    /** One metric of a point of {@code summary.json}. */
    @JsonPropertyOrder({"mean", "ci95", "min", "max", "unit", "n"})
    record Figures(double mean, double ci95, double min, double max, String unit, int n) {
    }

    public static String json(ExperimentSummary s) {
        List<Point> points = new ArrayList<>();
        for (PointSummary p : s.points()) {
            Map<String, Figures> metrics = new LinkedHashMap<>();
            for (MetricSummary m : p.metrics().values()) {
                metrics.put(m.name(), new Figures(m.mean(), m.ci95(), m.min(), m.max(), m.unit(), m.n()));
            }
            points.add(new Point(p.id(), new LinkedHashMap<>(p.params()), p.replications(), metrics));
        }
        return Json.write(new SummaryFile(s.scenario(), s.version(), s.sweptPaths(), points));
    }

    public static String csv(ExperimentSummary s) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("point");
        header.addAll(s.sweptPaths());
        header.addAll(List.of("metric", "mean", "ci95", "min", "max", "unit", "n"));
        Csv.line(out, header);
        for (PointSummary p : s.points()) {
            for (MetricSummary m : p.metrics().values()) {
                List<String> row = new ArrayList<>();
                row.add(p.id());
                for (String path : s.sweptPaths()) {
                    row.add(p.params().get(path));
                }
                row.add(m.name());
                row.add(Numbers.csv(m.mean()));
                row.add(Numbers.csv(m.ci95()));
                row.add(Numbers.csv(m.min()));
                row.add(Numbers.csv(m.max()));
                row.add(m.unit());
                row.add(Integer.toString(m.n()));
                Csv.line(out, row);
            }
        }
        return out.toString();
    }

    /** Reads {@code summary.json} text back; NaN figures read as NaN. */
    public static ExperimentSummary readJson(String text) throws IOException {
        SummaryFile root = Json.read(text, SummaryFile.class);
        List<PointSummary> points = new ArrayList<>();
        for (Point p : root.points()) {
            SortedMap<String, MetricSummary> metrics = new TreeMap<>();
            p.metrics().forEach((name, m) -> metrics.put(name,
                    new MetricSummary(name, m.mean(), m.ci95(), m.min(), m.max(), m.unit(), m.n())));
            points.add(new PointSummary(p.id(), p.params(), p.replications(), metrics));
        }
        return new ExperimentSummary(root.scenario(), root.version(), root.sweptPaths(), points);
    }
}
