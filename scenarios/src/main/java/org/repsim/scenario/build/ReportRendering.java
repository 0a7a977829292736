package org.repsim.scenario.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.report.chart.QueueGroups;
import org.repsim.report.html.ReportInput;
import org.repsim.report.html.ReportWriter;
import org.repsim.scenario.run.PartialExperiment;
import org.repsim.scenario.run.StoredExperiment;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.Units;
import org.repsim.scenario.validate.Scenarios;

/**
 * Renders {@code report.html} and {@code charts/} of a stored run, from its files only: used at
 * the end of {@code repsim run} and by {@code repsim report RUN_DIR}.
 */
public final class ReportRendering {
    private ReportRendering() {
    }

    /** Writes the report of the run stored in {@code runDir}; returns the page's path. */
    public static Path render(Path runDir) throws IOException, ScenarioException {
        StoredExperiment stored = StoredExperiment.open(runDir);
        return ReportWriter.write(runDir, input(runDir, stored.resolvedScenarioJson(), stored.description().sweptPaths(),
                stored.summary(), stored::runs, List.of()));
    }

    /** The page's input: the run's scenario as stored, its summary, each point's replications and a notice. */
    private static ReportInput input(Path runDir, String resolvedJson, List<String> sweptPaths, ExperimentSummary summary,
            Function<String, List<RunResult>> runsOf, List<String> notice) throws ScenarioException {
        Scenario sc = Scenarios.parse(resolvedJson, runDir.resolve("scenario.resolved.json").toString());
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        for (PointSummary p : summary.points()) {
            runs.put(p.id(), runsOf.apply(p.id()));
        }
        return new ReportInput(sc.name(), sc.description() == null ? "" : sc.description(), topology(sc), sweptPaths,
                summary, runs, sc.report().rpoTargetNs() / 1e9, sc.report().sampleEveryNs() / 1e9,
                sc.report().baseline(), notice);
    }

    /** Where {@link #renderPartial} writes: a directory of the run's, apart from its own report. */
    public static final String PARTIAL_DIR = "partial";

    /**
     * Writes a report of the run in {@code runDir} as it stands, finished or not, into
     * {@code runDir/partial/} (never over the run's own {@code report.html}, which the run writes
     * when it ends): the complete replications' figures, and the running ones' time series so far
     * (docs/scenario-format.md, "What a run writes"). Returns the page's path.
     */
    public static Path renderPartial(Path runDir) throws IOException, ScenarioException {
        PartialExperiment partial = PartialExperiment.open(runDir);
        return ReportWriter.write(runDir.resolve(PARTIAL_DIR), input(runDir, partial.resolvedScenarioJson(),
                partial.description().sweptPaths(), partial.summary(), partial::runs, partial.notice()));
    }

    /**
     * One line per box, link, the replication and each workload, for the page's summary (link rates
     * in bit/s; a value the sweep varies as "swept: LOW–HIGH", not the base file's value); boxes
     * (links, workloads) alike but for their ids share one line, which names how many and the
     * first and last ids when there are more than three (a 64-box group's summary is a few lines,
     * not 128).
     */
    static List<String> topology(Scenario sc) {
        List<String> lines = new ArrayList<>();
        Alike boxes = new Alike("box", "boxes");
        for (int i = 0; i < sc.boxes().size(); i++) {
            var b = sc.boxes().get(i);
            long volumes = b.volumes().stream().mapToLong(v -> v.sizeBytes()).sum();
            String cache = swept(sc, "boxes", b.id(), i, "cache.size", b.cache().sizeBytes(), Units::bytes,
                    v -> Units.format(Units.Kind.SIZE, Math.round(v)));
            boxes.add(b.id(), String.format(Locale.ROOT, "at %s: cache %s, %d host adapters, %d volume(s) of %s",
                    b.site(), cache, b.hostAdapters().count(), b.volumes().size(), Units.format(Units.Kind.SIZE, volumes)));
        }
        boxes.appendTo(lines);
        Alike links = new Alike("link", "links");
        for (int i = 0; i < sc.links().size(); i++) {
            var l = sc.links().get(i);
            // link rates in bit/s, as links are sold and scenarios write them
            String bandwidth = swept(sc, "links", l.id(), i, "bandwidth", l.bandwidthBps(), Units::bytesPerSecond,
                    Units::formatBits);
            String distance = swept(sc, "links", l.id(), i, "distance", l.distanceM(), Units::metres,
                    m -> String.format(Locale.ROOT, "%.0f km", m / 1000));
            links.add(l.id(), String.format(Locale.ROOT, "%s ↔ %s, %s, %s", l.between().get(0), l.between().get(1),
                    bandwidth, distance));
        }
        links.appendTo(lines);
        if (sc.replication() != null) {
            var r = sc.replication();
            String consistency = "cycle".equals(r.mode()) && !"none".equals(r.consistency().mode())
                    ? ", consistency " + r.consistency().mode() : "";
            List<String> pairs = r.pairs().stream().map(p -> p.primary() + " → " + p.secondary()).toList();
            lines.add("replication " + r.mode() + consistency + ": " + (pairs.size() <= 4 ? String.join(", ", pairs)
                    : pairs.size() + " pairs, " + pairs.get(0) + ", " + pairs.get(1) + " … " + pairs.get(pairs.size() - 1)));
            if ("cycle".equals(r.mode()) && "none".equals(sc.report().cycles())) {
                lines.add("cycles not recorded (report.cycles none): no cycles.csv and no cycle chart");
            } else if ("cycle".equals(r.mode()) && "per-cycle".equals(sc.report().cycles())) {
                lines.add("cycles.csv: one row per cycle number, the boxes' cycles summed (report.cycles per-cycle)");
            }
        }
        // workloads whose lines differ only in numbers (w0 on p0/db … w63 on p63/db) share one
        Map<String, List<String>> workloads = new LinkedHashMap<>();
        for (var w : sc.workloads()) {
            List<String> v = w.volumes();
            String line = w.id() + " on " + (v.size() <= 4 ? String.join(", ", v)
                    : v.size() + " volumes (" + v.get(0) + " … " + v.get(v.size() - 1) + ")");
            workloads.computeIfAbsent(QueueGroups.alike(line), k -> new ArrayList<>()).add(line);
        }
        workloads.forEach((key, alike) -> {
            if (alike.size() <= 3) {
                alike.forEach(w -> lines.add("workload " + w));
            } else {
                lines.add(alike.size() + " workloads (" + alike.get(0) + " … " + alike.get(alike.size() - 1) + ")");
            }
        });
        return lines;
    }

    /**
     * The value at {@code list[id].key} for the summary: as {@code format} writes it, or, when the
     * sweep varies it (an axis naming the item by id or position, or variants setting it; a variant
     * that does not set it keeps {@code base}), "swept: LOW–HIGH" over the values the points take.
     */
    static String swept(Scenario sc, String list, String id, int index, String key, double base,
            java.util.function.ToDoubleFunction<String> parse, java.util.function.DoubleFunction<String> format) {
        List<Double> values = new ArrayList<>();
        boolean swept = false;
        for (Map.Entry<String, List<com.fasterxml.jackson.databind.JsonNode>> axis : sc.sweep().entrySet()) {
            if (axis.getKey().equals("variants")) {
                boolean any = false;
                boolean unset = false;
                for (var variant : axis.getValue()) {
                    var set = variant.path("set");
                    boolean found = false;
                    for (var it = set.fields(); it.hasNext(); ) {
                        var e = it.next();
                        if (names(e.getKey(), list, id, index, key)) {
                            found = true;
                            values.add(parsed(e.getValue(), parse));
                        }
                    }
                    any |= found;
                    unset |= !found;
                }
                if (any && unset) {
                    values.add(base);
                }
                swept |= any;
            } else if (names(axis.getKey(), list, id, index, key)) {
                swept = true;
                axis.getValue().forEach(v -> values.add(parsed(v, parse)));
            }
        }
        if (!swept) {
            return format.apply(base);
        }
        if (values.stream().anyMatch(v -> v.isNaN())) {
            return "swept";
        }
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(base);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(base);
        String low = format.apply(lo);
        String high = format.apply(hi);
        if (lo == hi) {
            return "swept: " + low;
        }
        int space = low.lastIndexOf(' ');
        if (space > 0 && high.endsWith(low.substring(space))) {
            // one unit: "200–600 Mbit/s"
            return "swept: " + low.substring(0, space) + "–" + high;
        }
        return "swept: " + low + "–" + high;
    }

    private static double parsed(com.fasterxml.jackson.databind.JsonNode value,
            java.util.function.ToDoubleFunction<String> parse) {
        try {
            return parse.applyAsDouble(value.asText());
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /** True when the sweep path {@code path} names {@code list[id].key} or {@code list[index].key}. */
    private static boolean names(String path, String list, String id, int index, String key) {
        List<org.repsim.scenario.spec.ScenarioPath.Step> steps;
        try {
            steps = org.repsim.scenario.spec.ScenarioPath.parse(path).steps();
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] keys = key.split("\\.");
        if (steps.size() != 2 + keys.length || !list.equals(steps.get(0).key()) || steps.get(1).isKey()) {
            return false;
        }
        String selector = steps.get(1).selector();
        if (!selector.equals(id) && !selector.equals(Integer.toString(index))) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (!keys[i].equals(steps.get(2 + i).key())) {
                return false;
            }
        }
        return true;
    }

    /** Items of one kind grouped by their description, in the order each description first comes. */
    private static final class Alike {
        private final String one;
        private final String many;
        private final Map<String, List<String>> idsByDescription = new LinkedHashMap<>();

        Alike(String one, String many) {
            this.one = one;
            this.many = many;
        }

        void add(String id, String description) {
            idsByDescription.computeIfAbsent(description, d -> new ArrayList<>()).add(id);
        }

        void appendTo(List<String> lines) {
            idsByDescription.forEach((description, ids) -> {
                String sep = description.startsWith("at ") ? " " : ": ";
                if (ids.size() == 1) {
                    lines.add(one + " " + ids.get(0) + sep + description);
                } else if (ids.size() <= 3) {
                    lines.add(many + " " + String.join(", ", ids) + sep + description);
                } else {
                    lines.add(ids.size() + " " + many + " (" + ids.get(0) + " … " + ids.get(ids.size() - 1) + ")" + sep
                            + description);
                }
            });
        }
    }
}
