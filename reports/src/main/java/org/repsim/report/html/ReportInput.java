package org.repsim.report.html;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;

/**
 * Everything a report shows. Strings are plain text (the writer escapes them).
 *
 * @param scenarioName the scenario's {@code name}
 * @param description the scenario's {@code description} ("" when none)
 * @param topology one line per fact the caller wants at the top ("2 boxes at prod, 2 at dr", "link wan: 2 Gbit/s, 100 km")
 * @param sweptPaths the sweep paths in the scenario's order (empty when nothing was swept)
 * @param summary the experiment summary: every point's metric summaries
 * @param replications point id → that point's replications' results (a point may be missing: it then gets tables only)
 * @param rpoTargetS {@code report.rpoTarget} in seconds, or null when not set
 * @param sampleEveryS {@code report.sampleEvery} in seconds
 * @param baseline {@code report.baseline}: the point paired differences are taken from, or null for the first
 * @param notice paragraphs the page shows first, above everything (a partial report says how partial); empty for none
 */
public record ReportInput(String scenarioName, String description, List<String> topology, List<String> sweptPaths,
        ExperimentSummary summary, Map<String, List<RunResult>> replications, Double rpoTargetS, double sampleEveryS, String baseline,
        List<String> notice) {

    /** An input without a notice. */
    public ReportInput(String scenarioName, String description, List<String> topology, List<String> sweptPaths,
            ExperimentSummary summary, Map<String, List<RunResult>> replications, Double rpoTargetS, double sampleEveryS,
            String baseline) {
        this(scenarioName, description, topology, sweptPaths, summary, replications, rpoTargetS, sampleEveryS, baseline,
                List.of());
    }

    /** An input without a baseline setting: paired differences from the first point. */
    public ReportInput(String scenarioName, String description, List<String> topology, List<String> sweptPaths,
            ExperimentSummary summary, Map<String, List<RunResult>> replications, Double rpoTargetS, double sampleEveryS) {
        this(scenarioName, description, topology, sweptPaths, summary, replications, rpoTargetS, sampleEveryS, null);
    }

    public ReportInput {
        Objects.requireNonNull(scenarioName, "scenarioName");
        description = description == null ? "" : description;
        topology = List.copyOf(Objects.requireNonNull(topology, "topology"));
        notice = List.copyOf(Objects.requireNonNull(notice, "notice"));
        sweptPaths = List.copyOf(Objects.requireNonNull(sweptPaths, "sweptPaths"));
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(replications, "replications");
        if (!(sampleEveryS > 0) || Double.isInfinite(sampleEveryS)) {
            throw new IllegalArgumentException("sampleEveryS must be a positive number of seconds: " + sampleEveryS);
        }
        if (rpoTargetS != null && (!(rpoTargetS > 0) || rpoTargetS.isInfinite())) {
            throw new IllegalArgumentException("rpoTargetS must be a positive number of seconds or null: " + rpoTargetS);
        }
        Set<String> ids = new HashSet<>();
        for (PointSummary p : summary.points()) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("sweep point id used twice: " + p.id());
            }
        }
        LinkedHashMap<String, List<RunResult>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunResult>> e : replications.entrySet()) {
            if (!ids.contains(e.getKey())) {
                throw new IllegalArgumentException("replications given for unknown sweep point '" + e.getKey()
                        + "'; points are " + summary.points().stream().map(PointSummary::id).toList());
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        replications = Collections.unmodifiableMap(copy);
    }

    /** The replications of a point (empty when none were given). */
    public List<RunResult> runsOf(String pointId) {
        return replications.getOrDefault(pointId, List.of());
    }
}
