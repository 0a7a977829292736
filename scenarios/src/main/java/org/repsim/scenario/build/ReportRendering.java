package org.repsim.scenario.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.report.html.ReportInput;
import org.repsim.report.html.ReportWriter;
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
        Scenario sc = Scenarios.parse(stored.resolvedScenarioJson(), runDir.resolve("scenario.resolved.json").toString());
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        for (PointSummary p : stored.summary().points()) {
            runs.put(p.id(), stored.runs(p.id()));
        }
        ReportInput input = new ReportInput(sc.name(), sc.description() == null ? "" : sc.description(), topology(sc),
                stored.description().sweptPaths(), stored.summary(), runs, sc.report().rpoTargetNs() / 1e9,
                sc.report().sampleEveryNs() / 1e9, sc.report().baseline());
        return ReportWriter.write(runDir, input);
    }

    /** One line per site, box, link and pair, for the page's summary. */
    static List<String> topology(Scenario sc) {
        List<String> lines = new ArrayList<>();
        for (var b : sc.boxes()) {
            long volumes = b.volumes().stream().mapToLong(v -> v.sizeBytes()).sum();
            lines.add(String.format(Locale.ROOT, "box %s at %s: cache %s, %d host adapters, %d volume(s) of %s", b.id(),
                    b.site(), Units.format(Units.Kind.SIZE, b.cache().sizeBytes()), b.hostAdapters().count(),
                    b.volumes().size(), Units.format(Units.Kind.SIZE, volumes)));
        }
        for (var l : sc.links()) {
            lines.add(String.format(Locale.ROOT, "link %s: %s ↔ %s, %s, %.0f km", l.id(), l.between().get(0),
                    l.between().get(1), Units.format(Units.Kind.DATA_RATE, l.bandwidthBps()), l.distanceM() / 1000));
        }
        if (sc.replication() != null) {
            var r = sc.replication();
            String consistency = "cycle".equals(r.mode()) && !"none".equals(r.consistency().mode())
                    ? ", consistency " + r.consistency().mode() : "";
            lines.add("replication " + r.mode() + consistency + ": " + String.join(", ",
                    r.pairs().stream().map(p -> p.primary() + " → " + p.secondary()).toList()));
        }
        for (var w : sc.workloads()) {
            lines.add("workload " + w.id() + " on " + String.join(", ", w.volumes()));
        }
        return lines;
    }
}
