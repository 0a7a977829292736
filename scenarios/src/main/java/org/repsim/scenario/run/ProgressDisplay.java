package org.repsim.scenario.run;

/**
 * Shows an experiment's progress. The runner calls {@link #start} once, {@link #advance} from
 * worker threads (implementations are thread-safe) and {@link #close} at the end, also after a
 * failure.
 */
public interface ProgressDisplay extends AutoCloseable {

    /**
     * @param totalSimulatedNs simulated nanoseconds of all replications this run will execute
     *        (resumed ones excluded)
     * @param replications number of replications this run will execute
     */
    void start(long totalSimulatedNs, int replications);

    /** Adds simulated time and fired events done since the previous call. */
    void advance(long simulatedNs, long events);

    @Override
    void close();

    /** Shows nothing. */
    static ProgressDisplay silent() {
        return new ProgressDisplay() {
            @Override
            public void start(long totalSimulatedNs, int replications) {
            }

            @Override
            public void advance(long simulatedNs, long events) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Nothing when {@code quiet}; else a bar on stderr when it is an interactive terminal, and
     * lines every few minutes when it is not (a batch job's log: {@link LogProgress}).
     */
    static ProgressDisplay forStderr(boolean quiet) {
        if (quiet) {
            return silent();
        }
        return System.console() != null ? new TerminalProgress() : new LogProgress(System.err);
    }
}
