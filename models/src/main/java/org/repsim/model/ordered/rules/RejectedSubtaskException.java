package org.repsim.model.ordered.rules;

/**
 * A subtask the ordered dispatcher refused: stale ({@code seq < nextSeq}, or its task already
 * retired), a duplicate of a queued or dispatched subtask, or out of the task's range
 * (docs/model.md §4: "duplicates or stale entries are an error in the engine: count and fail the run").
 */
public final class RejectedSubtaskException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long taskId;
    private final int seq;

    RejectedSubtaskException(long taskId, int seq, String reason) {
        super("subtask rejected: task " + taskId + " seq " + seq + ": " + reason);
        this.taskId = taskId;
        this.seq = seq;
    }

    /** The {@code taskId} of the rejected subtask. */
    public long taskId() {
        return taskId;
    }

    /** The {@code seq} of the rejected subtask. */
    public int seq() {
        return seq;
    }
}
