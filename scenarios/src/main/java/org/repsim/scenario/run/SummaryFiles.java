package org.repsim.scenario.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
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
 * <p>{@code summary.json} (SCENARIO.md): {@code {"scenario", "version", "sweptPaths": [...],
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

    public static String json(ExperimentSummary s) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("scenario", s.scenario());
            g.writeStringField("version", s.version());
            Json.strings(g, "sweptPaths", s.sweptPaths());
            g.writeArrayFieldStart("points");
            for (PointSummary p : s.points()) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                Json.stringMap(g, "params", p.params());
                g.writeNumberField("replications", p.replications());
                g.writeObjectFieldStart("metrics");
                for (MetricSummary m : p.metrics().values()) {
                    g.writeObjectFieldStart(m.name());
                    Json.number(g, "mean", m.mean());
                    Json.number(g, "ci95", m.ci95());
                    Json.number(g, "min", m.min());
                    Json.number(g, "max", m.max());
                    g.writeStringField("unit", m.unit());
                    g.writeNumberField("n", m.n());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
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
        JsonNode root = Json.read(text);
        List<PointSummary> points = new ArrayList<>();
        for (JsonNode p : Json.field(root, "points")) {
            SortedMap<String, MetricSummary> metrics = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : Json.field(p, "metrics").properties()) {
                JsonNode m = e.getValue();
                metrics.put(e.getKey(), new MetricSummary(e.getKey(), Json.number(m, "mean"), Json.number(m, "ci95"),
                        Json.number(m, "min"), Json.number(m, "max"), Json.field(m, "unit").asText(),
                        Json.field(m, "n").intValue()));
            }
            points.add(new PointSummary(Json.field(p, "id").asText(), Json.stringMap(p, "params"),
                    Json.field(p, "replications").intValue(), metrics));
        }
        return new ExperimentSummary(Json.field(root, "scenario").asText(), Json.field(root, "version").asText(),
                Json.strings(root, "sweptPaths"), points);
    }
}
