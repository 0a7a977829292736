package org.repsim.scenario.run;

/**
 * Where a running replication reports how far it got. Models call it regularly (for example at
 * every time-series sample): it feeds the progress bar and is the point where a cancelled
 * experiment stops a replication.
 */
@FunctionalInterface
public interface ProgressSink {

    /**
     * Reports the replication's state so far.
     *
     * @param simulatedNowNs current simulated time in ns since the replication started (warm-up
     *        included), so it runs from 0 to {@link ExperimentPlan#replicationNs()}
     * @param eventsFired events fired so far by this replication's kernel (cumulative)
     * @throws ExperimentCancelled when the experiment was cancelled (another replication failed);
     *         the model must let it propagate
     */
    void onProgress(long simulatedNowNs, long eventsFired);

    /** A sink that ignores reports, for running a model outside the runner. */
    static ProgressSink ignoring() {
        return (now, events) -> { };
    }
}
