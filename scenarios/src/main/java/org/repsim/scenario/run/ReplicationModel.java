package org.repsim.scenario.run;

import org.repsim.core.result.RunResult;
import org.repsim.core.result.TableStores;

/**
 * Builds a fresh model for one (point, replication) and runs it to the end.
 *
 * <p>Random numbers: the model draws every stream from
 * {@code new RandomStreams(masterSeed, replication)}. The runner passes the same replication
 * index {@code 0 … replications-1} at every sweep point, so replication {@code r} of every point
 * sees the same arrival and service streams: <em>common random numbers</em>, which makes the
 * difference between two sweep points far less noisy than independent streams would. Points are
 * therefore not independent of each other; replications within a point are.
 *
 * <p>Implementations must be safe to call from several threads at once for different
 * (point, replication) pairs: they share nothing mutable between calls. The result must not
 * depend on which thread runs it or when.
 */
@FunctionalInterface
public interface ReplicationModel {

    /**
     * Runs one replication.
     *
     * @param point the sweep point (with the resolved scenario for the point)
     * @param replication replication index, 0-based, the same range at every point
     * @param masterSeed the experiment's master seed
     * @param progress where to report simulated time and events; throws
     *        {@link ExperimentCancelled} once the experiment is cancelled
     * @return the replication's result; its {@code replication()} must equal {@code replication}
     */
    RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress);

    /**
     * Runs one replication whose record tables keep their rows where {@code tables} says: the
     * runner passes stores that spool each table to its result file while the replication runs,
     * so a long run's records never pile up in memory. The tables the result returns must be the
     * ones opened through {@code tables} (or in-memory tables); a table opened but not returned
     * is dropped.
     *
     * <p>The default ignores {@code tables} and calls {@link #run(PlanPoint, int, long,
     * ProgressSink)}: a model whose tables are small may keep them in memory.
     */
    default RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress,
            TableStores tables) {
        return run(point, replication, masterSeed, progress);
    }
}
