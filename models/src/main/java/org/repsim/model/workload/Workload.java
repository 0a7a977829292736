package org.repsim.model.workload;

/** A source of host I/Os (docs/model.md §2) that runs between two instants. */
public interface Workload {
    String id();

    /** Issues I/Os from {@code fromNs} on; no new I/O is issued at or after {@code untilNs}. */
    void start(long fromNs, long untilNs);
}
