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
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return outOfMemory(oom, Runtime.getRuntime().maxMemory());
            }
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** What to tell a user whose replication ran out of memory, in a JVM of {@code maxHeapBytes}. */
    static String outOfMemory(OutOfMemoryError e, long maxHeapBytes) {
        String what = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        return "out of memory" + what + " with a maximum heap of " + maxHeapBytes / (1024 * 1024) + " MiB: "
                + "each replication running at once holds its whole model (its caches' indexes grow with the "
                + "tracks they hold); give Java more heap (java -Xmx<size> -jar repsim.jar …) or run fewer "
                + "replications at once (--threads 1); --resume keeps the replications already done";
    }
}
