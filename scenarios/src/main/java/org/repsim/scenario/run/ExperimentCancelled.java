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
}
