package org.repsim.scenario.run;

import org.repsim.core.result.TimeSeries;

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

    /**
     * Hands over the time series the replication samples into, before it runs: the runner may
     * read the rows sampled so far at any {@link #onProgress} (on the replication's own thread),
     * to show a long replication's figures while it runs. The default ignores it.
     */
    default void onSeries(TimeSeries series) {
    }

    /** A sink that ignores reports, for running a model outside the runner. */
    static ProgressSink ignoring() {
        return (now, events) -> { };
    }
}
