package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Metric;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;

/**
 * A run read before it finished ({@code repsim report --partial}): the replications complete so
 * far as stored, and the ones running (or stopped) as far as their time series go
 * ({@link RunFiles#SERIES_PART}, written every minute). Headline figures come from the complete
 * replications only — a running replication has no metrics yet, and the figures of a part of a
 * run are not the figures of the run — so a point with none complete has no headline figures.
 */
public final class PartialExperiment {
    private final Path dir;
    private final RunDescription description;
    private final ExperimentSummary summary;
    private final Map<String, List<RunResult>> runs;
    private final List<String> notice;

    private PartialExperiment(Path dir, RunDescription description, ExperimentSummary summary,
            Map<String, List<RunResult>> runs, List<String> notice) {
        this.dir = dir;
        this.description = description;
        this.summary = summary;
        this.runs = runs;
        this.notice = List.copyOf(notice);
    }

    /**
     * Reads what the run in {@code dir} holds now.
     *
     * @throws ResultStoreException when {@code dir} is not a run directory, or a replication's
     *         files cannot be read (naming the file)
     */
    public static PartialExperiment open(Path dir) {
        RunDescription d = RunMerge.description(dir);
        List<PointSummary> points = new ArrayList<>();
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        List<String> notice = new ArrayList<>();
        int complete = 0;
        int running = 0;
        for (RunDescription.Point point : d.points()) {
            List<SortedMap<String, Metric>> metrics = new ArrayList<>();
            List<RunResult> results = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            for (int r = 0; r < d.replications(); r++) {
                Path rep = Experiment.replicationDir(dir, point.id(), r);
                try {
                    if (RunFiles.isComplete(rep)) {
                        RunResult result = RunFiles.read(rep);
                        metrics.add(result.metrics());
                        results.add(result);
                        complete++;
                        continue;
                    }
                    RunResult sofar = Files.isDirectory(rep) ? RunFiles.readRunning(rep, r, d.masterSeed()) : null;
                    if (sofar != null) {
                        results.add(sofar);
                        running++;
                        int rows = sofar.series().rows();
                        double reached = rows == 0 ? 0 : sofar.series().time(rows - 1);
                        // series times count from the start, warm-up included, as repsim status does
                        partial.add("replication " + r + " at " + LogProgress.seconds(Math.round(reached * 1e9))
                                + " of " + LogProgress.seconds(d.warmupNs() + d.durationNs()) + " s simulated"
                                + (d.warmupNs() > 0 ? " (" + LogProgress.seconds(d.warmupNs()) + " s warm-up included)" : ""));
                    }
                } catch (IOException e) {
                    throw new ResultStoreException(e.getMessage(), e);
                }
            }
            points.add(Summaries.point(new PlanPoint(point.id(), point.params(), null), metrics));
            runs.put(point.id(), results);
            if (!partial.isEmpty()) {
                notice.add(point.id() + ": " + metrics.size() + " of " + d.replications() + " complete; "
                        + String.join(", ", partial));
            }
        }
        int total = d.points().size() * d.replications();
        List<String> head = new ArrayList<>();
        head.add(String.format(Locale.ROOT,
                "Partial report: %d of %d replications complete, %d running or stopped shown as far as their "
                        + "time series go (written every minute). Headline figures and tables come from the "
                        + "complete replications only; a running replication's charts show its time series and "
                        + "cycles so far.", complete, total, running));
        if (notice.size() > 12) {
            int more = notice.size() - 12;
            notice = new ArrayList<>(notice.subList(0, 12));
            notice.add("… and " + more + " more points");
        }
        head.addAll(notice);
        ExperimentSummary summary = new ExperimentSummary(d.scenarioName(), d.toolVersion(), d.sweptPaths(), points);
        return new PartialExperiment(dir, d, summary, runs, head);
    }

    public RunDescription description() {
        return description;
    }

    /** Per point, the summary of its complete replications ({@code replications} counts them). */
    public ExperimentSummary summary() {
        return summary;
    }

    /** A point's complete replications and those with a time series so far, in replication order. */
    public List<RunResult> runs(String pointId) {
        return runs.getOrDefault(pointId, List.of());
    }

    /** What the page says first: how much of the run it shows, then a line per point with running replications. */
    public List<String> notice() {
        return notice;
    }

    /** The resolved scenario as stored. */
    public String resolvedScenarioJson() {
        return StoredExperiment.resolvedScenarioJson(dir);
    }
}
