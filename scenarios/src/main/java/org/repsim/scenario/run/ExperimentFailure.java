package org.repsim.scenario.run;

/**
 * A replication failed (an exception from the model, typically a
 * {@link org.repsim.core.kernel.SimulationFailure}, or its results could not be written).
 * The experiment was stopped; replications completed before are kept on disk and
 * {@code --resume} continues from them. The CLI maps this to exit code 1.
 */
public final class ExperimentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pointId;
    private final int replication;

    public ExperimentFailure(String pointId, int replication, Throwable cause) {
        super("replication " + replication + " of point " + pointId + " failed: " + describe(cause), cause);
        this.pointId = pointId;
        this.replication = replication;
    }

    public String pointId() {
        return pointId;
    }

    public int replication() {
        return replication;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
