package org.repsim.model.ordered;

/** A write data task (docs/model.md §4): a host write or a copy pass. Holds the secondary's record of it too. */
final class Task {
    final long id;
    final Relationship rel;
    final int count;
    final boolean pass;
    final long startNs;
    final Port port;
    long handle;
    int writtenCount;
    int ackedCount;
    /** The secondary's record: last seq written [product]. */
    int lastSeqWritten = -1;
    boolean secured;
    /** Subtasks 0 … prefix − 1 are written at the secondary (docs/model.md §7). */
    int prefix;
    /** Subtasks written beyond the prefix (made at the first out-of-order arrival). */
    java.util.BitSet beyond;

    /**
     * Subtask {@code seq} is written at the secondary.
     *
     * @return true if an earlier subtask of the task is still missing (a chain violation)
     */
    boolean written(int seq) {
        if (seq != prefix) {
            if (beyond == null) {
                beyond = new java.util.BitSet();
            }
            beyond.set(seq);
            return true;
        }
        prefix++;
        while (beyond != null && beyond.get(prefix)) {
            prefix++;
        }
        return false;
    }

    Task(long id, Relationship rel, int count, boolean pass, long startNs, Port port) {
        this.id = id;
        this.rel = rel;
        this.count = count;
        this.pass = pass;
        this.startNs = startNs;
        this.port = port;
    }
}
