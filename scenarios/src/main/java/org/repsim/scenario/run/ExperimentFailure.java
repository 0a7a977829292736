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
        this(pointId, replication, cause, 2);
    }

    /** @param replicationsAtOnce how many replications were running at once (what running fewer would change) */
    public ExperimentFailure(String pointId, int replication, Throwable cause, int replicationsAtOnce) {
        super("replication " + replication + " of point " + pointId + " failed: " + describe(cause, replicationsAtOnce),
                cause);
        this.pointId = pointId;
        this.replication = replication;
    }

    public String pointId() {
        return pointId;
    }

    public int replication() {
        return replication;
    }

    private static String describe(Throwable cause, int replicationsAtOnce) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return outOfMemory(oom, Runtime.getRuntime().maxMemory(), replicationsAtOnce);
            }
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /**
     * What to tell a user whose replication ran out of memory, in a JVM of {@code maxHeapBytes}
     * running {@code replicationsAtOnce} replications at once.
     */
    static String outOfMemory(OutOfMemoryError e, long maxHeapBytes, int replicationsAtOnce) {
        String what = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        String head = "out of memory" + what + " with a maximum heap of " + maxHeapBytes / (1024 * 1024) + " MiB: ";
        if (replicationsAtOnce <= 1) {
            return head + "this replication alone holds more than that (its caches' indexes grow with the tracks "
                    + "they hold; `repsim validate --memory` forecasts them); give Java more heap "
                    + "(java -Xmx<size> -jar repsim.jar …); --resume keeps the replications already done";
        }
        return head + "each of the " + replicationsAtOnce + " replications running at once holds its whole model "
                + "(its caches' indexes grow with the tracks they hold); give Java more heap (java -Xmx<size> -jar "
                + "repsim.jar …) or run fewer replications at once (--threads 1); --resume keeps the replications "
                + "already done";
    }
}
