package org.repsim.model.ordered;

/** One track of a task on its way to the secondary. */
final class Subtask {
    final Task task;
    final int seq;
    final long track;
    final long bytes;
    /** Copy passes: the out-of-sync node of this track's in-flight copy; −1 for host tasks. */
    int node = -1;
    /** When it was created and met the per-track gate (ordering on). */
    long createdNs;
    long preparedNs;
    /** The track's version when it was read at preparation (docs/model.md §7). */
    long version;
    Port port;
    /** Bytes its copy holds in the primary's cache until the secondary wrote it (host tasks; 0: none). */
    long cacheBytes;

    Subtask(Task task, int seq, long track, long bytes) {
        this.task = task;
        this.seq = seq;
        this.track = track;
        this.bytes = bytes;
    }
}
