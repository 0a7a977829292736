package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Metric;

/**
 * {@code repsim merge DIR}: the summary of a run whose replications were written by several
 * processes (the shards of {@link ShardRun}, or an interrupted run), once every (point,
 * replication) pair is complete — {@code done.json} present and every file it lists with its
 * digest, the test {@code --resume} uses.
 *
 * <p>The summary is computed exactly as at the end of a run on one machine, from the stored
 * metrics in (plan point order, replication) order, so {@code summary.json} and
 * {@code summary.csv} are byte-identical to those of {@code repsim run} with the same scenario
 * and seed. Nothing is written while a pair is missing.
 */
public final class RunMerge {

    /** A pair that is not complete, and the shard that runs it (-1 for a run not in shards). */
    public record Missing(String pointId, int replication, int shard) {
    }

    /** The pairs found missing (none: the summary was written), and the run's description. */
    public record Result(Path dir, RunDescription description, List<Missing> missing, ExperimentSummary summary) {
        public Result {
            missing = List.copyOf(missing);
        }

        public boolean complete() {
            return missing.isEmpty();
        }

        /** The shards that hold a missing pair, in order (empty for a run not in shards). */
        public SortedSet<Integer> shardsToRerun() {
            SortedSet<Integer> out = new TreeSet<>();
            for (Missing m : missing) {
                if (m.shard() >= 0) {
                    out.add(m.shard());
                }
            }
            return out;
        }
    }

    private RunMerge() {
    }

    /**
     * Checks every pair of the run in {@code dir} and, when all are complete, writes
     * {@code summary.json} and {@code summary.csv}.
     *
     * @throws ResultStoreException when {@code dir} is not a run directory or cannot be read or written
     */
    public static Result merge(Path dir) {
        RunDescription description = description(dir);
        String resolved = read(dir, RunDescription.RESOLVED_SCENARIO);
        List<Missing> missing = new ArrayList<>();
        List<List<SortedMap<String, Metric>>> metrics = new ArrayList<>();
        List<PlanPoint> points = new ArrayList<>();
        for (int p = 0; p < description.points().size(); p++) {
            RunDescription.Point point = description.points().get(p);
            points.add(new PlanPoint(point.id(), point.params(), null));
            List<SortedMap<String, Metric>> perRep = new ArrayList<>();
            for (int r = 0; r < description.replications(); r++) {
                SortedMap<String, Metric> m = Experiment.storedMetrics(
                        Experiment.replicationDir(dir, point.id(), r));
                if (m == null) {
                    int shard = description.sharding() == null ? -1
                            : description.sharding().shardOf(p, r, description.replications());
                    missing.add(new Missing(point.id(), r, shard));
                }
                perRep.add(m);
            }
            metrics.add(perRep);
        }
        if (!missing.isEmpty()) {
            return new Result(dir, description, missing, null);
        }
        ExperimentPlan plan;
        try {
            plan = new ExperimentPlan(description.scenarioName(), description.toolVersion(), resolved,
                    description.masterSeed(), description.replications(), description.warmupNs(),
                    description.durationNs(), description.sampleIntervalNs(), points, description.sweptPaths());
        } catch (IllegalArgumentException e) {
            throw new ResultStoreException(dir.resolve(RunDescription.FILE) + " is not a valid run description: "
                    + e.getMessage(), e);
        }
        ExperimentSummary summary = Summaries.experiment(plan, metrics);
        try {
            SharedFiles.replace(dir.resolve(SummaryFiles.JSON), SummaryFiles.json(summary));
            SharedFiles.replace(dir.resolve(SummaryFiles.CSV), SummaryFiles.csv(summary));
        } catch (IOException e) {
            throw new ResultStoreException("cannot write the summary in " + dir + ": " + Experiment.reason(e), e);
        }
        return new Result(dir, description, missing, summary);
    }

    /** The run description stored in {@code dir}. */
    static RunDescription description(Path dir) {
        String text = read(dir, RunDescription.FILE);
        try {
            return RunDescription.readJson(text);
        } catch (IOException | RuntimeException e) {
            throw new ResultStoreException("cannot read " + dir.resolve(RunDescription.FILE) + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            throw new ResultStoreException(dir + " is not a directory (give the output directory of a run)");
        }
        try {
            return Files.readString(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new ResultStoreException(dir + " has no " + name
                    + ": not the output directory of repsim run or repsim slurm, or no shard has started yet", e);
        } catch (IOException e) {
            throw new ResultStoreException("cannot read " + dir.resolve(name) + ": " + Experiment.reason(e), e);
        }
    }
}
