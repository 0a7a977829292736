package org.repsim.scenario.run;

/**
 * Thrown by a {@link ProgressSink} into a replication that must stop because the experiment was
 * cancelled (another replication failed). The runner never reports it as a failure of its own.
 */
public final class ExperimentCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExperimentCancelled() {
        super("experiment cancelled", null, false, false);
    }

    /**
     * True when {@code error} is, or was caused by, a cancellation: the kernel wraps whatever an
     * event throws into a {@code SimulationFailure}, so a sink called inside an event arrives
     * wrapped.
     */
    public static boolean isCauseOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ExperimentCancelled) {
                return true;
            }
        }
        return false;
    }
}
