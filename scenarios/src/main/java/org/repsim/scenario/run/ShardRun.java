package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import org.repsim.core.result.Metric;

/**
 * Runs one shard of an experiment ({@code repsim run --shard K/N}): only the (point, replication)
 * pairs that {@link Sharding} assigns to shard K, on the local worker threads, into an output
 * directory that the other shards share, possibly at the same time and from other machines.
 *
 * <p>What a shard writes, and why shards never corrupt each other's files:
 * <ul>
 * <li>{@code run.json} (with {@code sharding}) and {@code scenario.resolved.json}: created once,
 * atomically and never replaced ({@link SharedFiles#createOrCompare}); every shard checks that
 * they equal its own, and a shard of a different scenario, seed, replications, sweep or number of
 * shards is refused ({@link ResultStoreException}) before it writes anything else.</li>
 * <li>{@code runs/<point>/<rep>/} of its own pairs only: each pair is in exactly one shard, and its
 * files are written as by a run on one machine ({@link RunFiles}, atomically, {@code done.json}
 * last).</li>
 * </ul>
 * A shard writes no summary and no report: {@link RunMerge} does, once every pair is complete.
 * With {@code resume}, a shard reruns only its pairs that are not complete (a task resubmitted
 * after a failure or a kill). One shard runs in one process at a time ({@link ShardLock}).
 */
public final class ShardRun {

    /** What a shard did: its pairs, how many ran now and how many were complete already. */
    public record Outcome(Path outputDir, Shard shard, int pairs, int replicationsRun, int replicationsResumed) {
    }

    private ShardRun() {
    }

    /** Runs shard {@code shard} with a progress bar on stderr unless quiet or stderr is no terminal. */
    public static Outcome run(ExperimentPlan plan, ReplicationModel model, RunOptions options, Shard shard) {
        return run(plan, model, options, ProgressDisplay.forStderr(options.quiet()), shard);
    }

    /**
     * Runs the pairs of {@code shard}.
     *
     * @throws ResultStoreException when the directory holds another run, or cannot be written
     * @throws ExperimentFailure when a replication failed (completed ones stay, for a rerun with resume)
     */
    public static Outcome run(ExperimentPlan plan, ReplicationModel model, RunOptions options,
            ProgressDisplay display, Shard shard) {
        return run(plan, model, options, display, shard, new Completions());
    }

    /** As {@link #run(ExperimentPlan, ReplicationModel, RunOptions, ProgressDisplay, Shard)}, counting the shard's complete replications. */
    public static Outcome run(ExperimentPlan plan, ReplicationModel model, RunOptions options,
            ProgressDisplay display, Shard shard, Completions completions) {
        Objects.requireNonNull(shard, "shard");
        Path out = options.outputDir();
        prepare(plan, out, shard.sharding());
        List<Sharding.Pair> pairs;
        List<Experiment.Task> tasks = new ArrayList<>();
        try (display; ShardLock lock = ShardLock.acquire(out, shard)) {
            // inside the lock: a shard of its own already running is named as such, not as complete pairs
            RunDirectory.requireNoCompleteOwnPairs(plan, out, shard, options.resume());
            pairs = shard.sharding().pairsOf(shard.index(), plan.points().size(), plan.replications());
            List<List<SortedMap<String, Metric>>> metrics = new ArrayList<>();
            for (int p = 0; p < plan.points().size(); p++) {
                metrics.add(new ArrayList<>(Collections.nCopies(plan.replications(), null)));
            }
            for (Sharding.Pair pair : pairs) {
                PlanPoint point = plan.points().get(pair.pointIndex());
                Path dir = Experiment.replicationDir(out, point.id(), pair.replication());
                if (!(options.resume() && RunFiles.isComplete(dir))) {
                    tasks.add(new Experiment.Task(pair.pointIndex(), pair.replication(), point, dir));
                }
            }
            completions.start(pairs.size(), pairs.size() - tasks.size());
            Experiment.execute(plan, model, tasks, options.threads(), display, metrics, completions);
        }
        return new Outcome(out, shard, pairs.size(), tasks.size(), pairs.size() - tasks.size());
    }

    /**
     * Makes {@code out} the directory of this run in {@code sharding.shards()} shards: creates
     * {@code run.json} and {@code scenario.resolved.json} if missing, else checks they are this
     * run's, and creates {@code runs/}.
     *
     * @throws ResultStoreException when {@code out} holds another run (the message says what
     *         differs) or cannot be written
     */
    public static void prepare(ExperimentPlan plan, Path out, Sharding sharding) {
        RunDescription mine = RunDescription.of(plan).withSharding(sharding);
        RunDirectory.requireRunOrNone(out);
        try {
            Files.createDirectories(out);
            String found = SharedFiles.createOrCompare(out.resolve(RunDescription.FILE), mine.json());
            String otherFormat = found == null ? null : RunDescription.formatMismatch(out, found,
                    "finish the run with the repsim that started it, or start it again in a new output directory");
            if (otherFormat != null) {
                throw new ResultStoreException(otherFormat);
            }
            if (found != null) {
                throw new ResultStoreException(out.resolve(RunDescription.FILE) + " is of another run: "
                        + difference(found, mine) + "; give the same scenario, --set, --seed, --replications and "
                        + "number of shards as the other shards, or use a new output directory");
            }
            found = SharedFiles.createOrCompare(out.resolve(RunDescription.RESOLVED_SCENARIO),
                    plan.resolvedScenarioJson());
            if (found != null) {
                throw new ResultStoreException(out.resolve(RunDescription.RESOLVED_SCENARIO)
                        + " differs from this shard's resolved scenario: the scenario file or a --set changed since "
                        + "the run was started; give the same scenario as the other shards, or use a new output "
                        + "directory");
            }
            Files.createDirectories(out.resolve(Experiment.RUNS));
        } catch (IOException e) {
            throw new ResultStoreException("cannot write results to " + out + ": " + Experiment.reason(e), e);
        }
    }

    /** What differs between the stored description and this shard's, for the message. */
    static String difference(String storedJson, RunDescription mine) {
        RunDescription stored;
        try {
            stored = RunDescription.readJson(storedJson);
        } catch (IOException | RuntimeException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
        List<String> diffs = new ArrayList<>();
        if (stored.sharding() == null) {
            diffs.add("it is a run on one machine, not in shards");
        } else if (stored.sharding().shards() != mine.sharding().shards()) {
            diffs.add(stored.sharding().shards() + " shards there, " + mine.sharding().shards() + " here");
        }
        diffs.addAll(differences(stored, mine));
        return diffs.isEmpty() ? "its run.json differs" : String.join("; ", diffs);
    }

    /** What differs between two runs' descriptions, apart from their sharding (empty: nothing). */
    static List<String> differences(RunDescription stored, RunDescription mine) {
        List<String> diffs = new ArrayList<>();
        if (!stored.scenarioName().equals(mine.scenarioName())) {
            diffs.add("scenario '" + stored.scenarioName() + "' there, '" + mine.scenarioName() + "' here");
        }
        if (stored.masterSeed() != mine.masterSeed()) {
            diffs.add("seed " + stored.masterSeed() + " there, " + mine.masterSeed() + " here");
        }
        if (stored.replications() != mine.replications()) {
            diffs.add(stored.replications() + " replications there, " + mine.replications() + " here");
        }
        if (!stored.points().equals(mine.points()) || !stored.sweptPaths().equals(mine.sweptPaths())) {
            diffs.add("the sweep points differ");
        }
        if (stored.warmupNs() != mine.warmupNs() || stored.durationNs() != mine.durationNs()
                || stored.sampleIntervalNs() != mine.sampleIntervalNs()) {
            diffs.add("the run's duration, warm-up or sample interval differ");
        }
        if (!stored.toolVersion().equals(mine.toolVersion())) {
            diffs.add("repsim " + stored.toolVersion() + " there, " + mine.toolVersion() + " here");
        }
        return diffs;
    }
}
