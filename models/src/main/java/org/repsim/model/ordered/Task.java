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

    Task(long id, Relationship rel, int count, boolean pass, long startNs, Port port) {
        this.id = id;
        this.rel = rel;
        this.count = count;
        this.pass = pass;
        this.startNs = startNs;
        this.port = port;
    }
}
