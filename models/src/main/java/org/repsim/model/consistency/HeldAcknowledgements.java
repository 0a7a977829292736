package org.repsim.model.consistency;

import org.repsim.model.recovery.rules.TrackImage;

/**
 * The host acknowledgements one member holds until its entity's next shuttle visit
 * ({@code after-round}, docs/model.md §6b), oldest first: a ring of parallel columns — the host's
 * acknowledgement, the write's run in the recoverable image, its host bytes and its tag time. A
 * held write costs no object of its own, and a visit releasing hundreds of them reads the columns
 * in order instead of one object per write allocated a round earlier (long gone from the
 * processor's caches).
 *
 * <p>Invariants: entries leave in the order they were added; {@code i} counts from the oldest
 * ({@code 0}) to {@code size() - 1}; a removed entry's references are cleared.
 */
final class HeldAcknowledgements {
    private Runnable[] hostAcks = new Runnable[64];
    private TrackImage.Run[] runs = new TrackImage.Run[64];
    private long[] bytes = new long[64];
    private long[] taggedNs = new long[64];
    private int head;
    private int size;
    /** Keeps the reads of {@link #touch} (a read whose value nobody uses would be dropped). */
    private long touched;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Holds the acknowledgement of a write of {@code hostBytes} tagged at {@code tagNs} into {@code run}. */
    void add(Runnable hostAck, TrackImage.Run run, long hostBytes, long tagNs) {
        if (size == hostAcks.length) {
            grow();
        }
        int slot = (head + size) & (hostAcks.length - 1);
        hostAcks[slot] = hostAck;
        runs[slot] = run;
        bytes[slot] = hostBytes;
        taggedNs[slot] = tagNs;
        size++;
    }

    Runnable hostAck(int i) {
        return hostAcks[slot(i)];
    }

    TrackImage.Run run(int i) {
        return runs[slot(i)];
    }

    long bytes(int i) {
        return bytes[slot(i)];
    }

    long taggedNs(int i) {
        return taggedNs[slot(i)];
    }

    /**
     * Reads the objects entry {@code i} refers to (a prefetch hint, {@code Prefetch}): their
     * cache misses overlap with the release of the entries before it. Changes nothing.
     */
    void touch(int i) {
        int s = slot(i);
        TrackImage.Run run = runs[s];
        // reading an object's class reads its header: its first cache line
        Object a = hostAcks[s].getClass();
        touched += a == (run == null ? null : run.getClass()) ? 1 : 0;
    }

    void removeFirst() {
        if (size == 0) {
            throw new IllegalStateException("no held acknowledgement");
        }
        hostAcks[head] = null;
        runs[head] = null;
        head = (head + 1) & (hostAcks.length - 1);
        size--;
    }

    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("entry " + i + " of " + size);
        }
        return (head + i) & (hostAcks.length - 1);
    }

    private void grow() {
        int n = hostAcks.length;
        Runnable[] a = new Runnable[2 * n];
        TrackImage.Run[] r = new TrackImage.Run[2 * n];
        long[] b = new long[2 * n];
        long[] t = new long[2 * n];
        for (int i = 0; i < size; i++) {
            int s = (head + i) & (n - 1);
            a[i] = hostAcks[s];
            r[i] = runs[s];
            b[i] = bytes[s];
            t[i] = taggedNs[s];
        }
        hostAcks = a;
        runs = r;
        bytes = b;
        taggedNs = t;
        head = 0;
    }

    @Override
    public String toString() {
        return "HeldAcknowledgements[" + size + " held]";
    }
}
