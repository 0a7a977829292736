package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Metric;
import org.repsim.core.result.RunResult;

/**
 * Runs every (point, replication) of a plan on a fixed pool of worker threads and writes the
 * output directory of docs/scenario-format.md ("What a run writes"):
 * <pre>
 * out/scenario.resolved.json   the plan's resolved scenario, as given
 * out/run.json                 tool version, seeds, points ({@link RunDescription})
 * out/summary.json, summary.csv ({@link SummaryFiles}), written last
 * out/runs/&lt;point&gt;/&lt;rep&gt;/     one replication ({@link RunFiles}), done.json written last
 * </pre>
 *
 * <p>Determinism: a replication's files depend only on (point, replication, seed), and the
 * summary is computed from the metrics ordered by (plan point order, replication), so the output
 * is byte-identical whatever the thread count or completion order. No file holds a wall-clock
 * time.
 *
 * <p>Memory: each replication's record tables are spooled to part files in its directory while
 * it runs ({@link SpooledTables}); its other files are written by its worker as soon as it
 * completes; only its metrics (a few hundred numbers) are kept until the summary is computed at
 * the end. Time series are released right after writing. A replication that fails leaves no
 * part file (best effort) and never a {@code done.json}.
 *
 * <p>Failure: the first replication to throw cancels the experiment: no new replication starts,
 * running ones are stopped at their next {@link ProgressSink} report or interrupt, the pool is
 * shut down and awaited, and {@link ExperimentFailure} names the point and replication.
 * Completed replications stay on disk (with their {@code done.json}); {@code summary.*} is not
 * written, and a stale one from an earlier run is removed at the start, so a summary on disk
 * always matches the replications beside it.
 */
public final class Experiment {
    /** Worker threads are named with this prefix followed by a number. */
    public static final String THREAD_PREFIX = "repsim-replication-";
    public static final String RUNS = "runs";
    /** How long to wait for workers that ignore cancellation before giving up on them (daemons). */
    private static final long STOP_WAIT_SECONDS = 60;

    private Experiment() {
    }

    /** Runs with progress on stderr (a bar on a terminal, lines in a log) unless {@code options.quiet()}. */
    public static ExperimentOutcome run(ExperimentPlan plan, ReplicationModel model, RunOptions options) {
        return run(plan, model, options, ProgressDisplay.forStderr(options.quiet()));
    }

    /**
     * Runs the experiment.
     *
     * @throws ExperimentFailure when a replication failed (the run was stopped)
     * @throws ResultStoreException when the output directory cannot be created or written, or
     *         {@code resume} meets results of a different experiment
     * @throws ExperimentCancelled when the calling thread is interrupted (workers are stopped
     *         first; the interrupt flag is set again)
     */
    public static ExperimentOutcome run(ExperimentPlan plan, ReplicationModel model, RunOptions options,
            ProgressDisplay display) {
        return run(plan, model, options, display, new Completions());
    }

    /** As {@link #run(ExperimentPlan, ReplicationModel, RunOptions, ProgressDisplay)}, counting complete replications in {@code completions}. */
    public static ExperimentOutcome run(ExperimentPlan plan, ReplicationModel model, RunOptions options,
            ProgressDisplay display, Completions completions) {
        Path out = options.outputDir();
        prepare(plan, out, options.resume());

        int points = plan.points().size();
        List<List<SortedMap<String, Metric>>> metrics = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            List<SortedMap<String, Metric>> perRep = new ArrayList<>();
            for (int r = 0; r < plan.replications(); r++) {
                Path dir = replicationDir(out, plan.points().get(p).id(), r);
                SortedMap<String, Metric> stored = options.resume() ? storedMetrics(dir) : null;
                perRep.add(stored);
                if (stored == null) {
                    tasks.add(new Task(p, r, plan.points().get(p), dir));
                }
            }
            metrics.add(perRep);
        }
        int resumed = plan.totalReplications() - tasks.size();
        completions.start(plan.totalReplications(), resumed);

        try (display) {
            execute(plan, model, tasks, options.threads(), display, metrics, completions);
        }

        ExperimentSummary summary = Summaries.experiment(plan, metrics);
        try {
            AtomicFiles.write(out.resolve(SummaryFiles.JSON), SummaryFiles.json(summary));
            AtomicFiles.write(out.resolve(SummaryFiles.CSV), SummaryFiles.csv(summary));
        } catch (IOException e) {
            throw new ResultStoreException("cannot write the summary in " + out + ": " + reason(e), e);
        }
        return new ExperimentOutcome(out, summary, tasks.size(), resumed);
    }

    /** {@code out/runs/<point>/<replication>}. */
    public static Path replicationDir(Path outputDir, String pointId, int replication) {
        return outputDir.resolve(RUNS).resolve(pointId).resolve(Integer.toString(replication));
    }

    record Task(int pointIndex, int replication, PlanPoint point, Path dir) {
    }

    private static void prepare(ExperimentPlan plan, Path out, boolean resume) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ResultStoreException("cannot create output directory " + out + ": " + reason(e), e);
        }
        String resolved = plan.resolvedScenarioJson();
        String description = RunDescription.of(plan).json();
        try {
            if (resume) {
                requireFormat(out);
                requireSame(out.resolve(RunDescription.FILE), description);
                requireSame(out.resolve(RunDescription.RESOLVED_SCENARIO), resolved);
            }
            Files.deleteIfExists(out.resolve(SummaryFiles.JSON));
            Files.deleteIfExists(out.resolve(SummaryFiles.CSV));
            AtomicFiles.write(out.resolve(RunDescription.RESOLVED_SCENARIO), resolved);
            AtomicFiles.write(out.resolve(RunDescription.FILE), description);
            Files.createDirectories(out.resolve(RUNS));
        } catch (IOException e) {
            throw new ResultStoreException("cannot write results to " + out + ": " + reason(e), e);
        }
    }

    /** Resuming a run written by a repsim of another results format would mix results of two versions: refuse. */
    private static void requireFormat(Path out) throws IOException {
        Path file = out.resolve(RunDescription.FILE);
        if (Files.exists(file)) {
            String mismatch = RunDescription.formatMismatch(out, Files.readString(file), "use a new output directory, "
                    + "or --overwrite instead of --resume to replace the run there");
            if (mismatch != null) {
                throw new ResultStoreException("cannot resume: " + mismatch);
            }
        }
    }

    /** Resuming into a directory of another experiment would mix results: refuse. */
    private static void requireSame(Path file, String expected) throws IOException {
        if (Files.exists(file) && !Files.readString(file).equals(expected)) {
            throw new ResultStoreException("cannot resume: " + file + " differs from this run's (the scenario, "
                    + "seed, replications, sweep or sharding changed); use a new output directory, or --overwrite "
                    + "instead of --resume to replace the run there");
        }
    }

    static SortedMap<String, Metric> storedMetrics(Path dir) {
        if (!RunFiles.isComplete(dir)) {
            return null;
        }
        try {
            return RunFiles.readMetrics(dir);
        } catch (IOException e) {
            return null;
        }
    }

    static void execute(ExperimentPlan plan, ReplicationModel model, List<Task> tasks, int threads,
            ProgressDisplay display, List<List<SortedMap<String, Metric>>> metrics, Completions completions) {
        if (tasks.isEmpty()) {
            return;
        }
        ProgressTracker tracker = new ProgressTracker(display, plan.replicationNs());
        display.start(plan.replicationNs() * tasks.size(), tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), workers());
        ExecutorCompletionService<SortedMap<String, Metric>> completion = new ExecutorCompletionService<>(pool);
        Map<Future<SortedMap<String, Metric>>, Task> taskOf = new IdentityHashMap<>();
        for (Task t : tasks) {
            taskOf.put(completion.submit(() -> runOne(plan, model, t, tracker, completions)), t);
        }
        ExperimentFailure failure = null;
        boolean interrupted = false;
        try {
            for (int i = 0; i < tasks.size() && failure == null; i++) {
                Future<SortedMap<String, Metric>> done = completion.take();
                Task t = taskOf.get(done);
                try {
                    metrics.get(t.pointIndex()).set(t.replication(), done.get());
                } catch (ExecutionException e) {
                    // a replication stopped by the cancellation may complete before the one
                    // whose failure caused it: keep taking until the failure itself arrives
                    if (!ExperimentCancelled.isCauseOf(e.getCause())) {
                        failure = new ExperimentFailure(t.point().id(), t.replication(), e.getCause(),
                                Math.min(threads, tasks.size()));
                    }
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (failure != null || interrupted) {
                tracker.cancel();
                pool.shutdownNow();
            } else {
                pool.shutdown();
            }
            interrupted |= !awaitStop(pool);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new ExperimentCancelled();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static SortedMap<String, Metric> runOne(ExperimentPlan plan, ReplicationModel model, Task t,
            ProgressTracker tracker, Completions completions) throws IOException {
        if (tracker.isCancelled()) {
            throw new ExperimentCancelled();
        }
        ProgressTracker.Replication sink = tracker.replication(t.dir());
        // before the model is built: it creates its tables' part files in the directory
        try (SpooledTables tables = prepared(t.dir())) {
            sink.spooling(tables);
            RunResult result = model.run(t.point(), t.replication(), plan.masterSeed(), sink, tables);
            if (result == null) {
                throw new IllegalStateException("the model returned no result");
            }
            if (result.replication() != t.replication()) {
                throw new IllegalStateException("the model returned the result of replication "
                        + result.replication());
            }
            RunFiles.write(t.dir(), t.point().id(), result);
            completions.completed();
            sink.finish();
            return new TreeMap<>(result.metrics());
        } catch (IOException | RuntimeException | Error e) {
            if (!ExperimentCancelled.isCauseOf(e)) {
                // cancel here, not when the main thread sees it, so this worker starts no further task
                tracker.cancel();
            }
            throw e;
        }
    }

    /**
     * The table stores of a replication about to run in {@code dir}, after the files of an
     * earlier attempt were removed ({@code done.json} first).
     */
    private static SpooledTables prepared(Path dir) throws IOException {
        RunFiles.prepare(dir);
        return new SpooledTables(dir);
    }

    /** Waits for the workers to end; false when interrupted while waiting. */
    private static boolean awaitStop(ExecutorService pool) {
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static ThreadFactory workers() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }
}
