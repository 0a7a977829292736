package org.repsim.model.consistency.rules;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What one secondary of a shuttle group received per sequence number (docs/model.md §6b): the host
 * bytes and writes its slot transfers carried, summed as they arrive. The secondary reports a
 * number's counts to the gatherer ({@link ShuttleCommitTracker#onReceivedCount}) and then forgets
 * them; it never learns its primary's own share, so a transfer that did not arrive shows only as
 * a count short of the final total.
 *
 * <p>Memory: one entry per number with transfers received and not yet reported (numbers arrive
 * almost in order, so a look-up scans from the newest).
 */
public final class ReceivedCounts {

    private static final class Entry {
        final long seq;
        long bytes;
        long writes;

        Entry(long seq) {
            this.seq = seq;
        }
    }

    /** Entries ascending by number. */
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** A transfer of number {@code seq} arrived carrying {@code bytes} host bytes of {@code writes} host writes. */
    public void onTransfer(long seq, long bytes, long writes) {
        if (bytes < 0 || writes < 0) {
            throw new IllegalArgumentException("a transfer carries >= 0 bytes and writes, got " + bytes + ", " + writes);
        }
        Entry e = find(seq, true);
        e.bytes += bytes;
        e.writes += writes;
    }

    /** The counts of number {@code seq} received so far (zero if none); the entry stays. */
    public NumberTotal counts(long seq) {
        Entry e = find(seq, false);
        return e == null ? new NumberTotal(seq, 0, 0) : new NumberTotal(seq, e.bytes, e.writes);
    }

    /** Forgets the counts of every number ≤ {@code seq} (reported, or discarded by a drop). */
    public void forgetThrough(long seq) {
        while (!entries.isEmpty() && entries.peekFirst().seq <= seq) {
            entries.pollFirst();
        }
    }

    /** Numbers with counts kept. */
    public int size() {
        return entries.size();
    }

    private Entry find(long seq, boolean create) {
        Entry last = entries.peekLast();
        if (last != null && last.seq == seq) {
            return last; // most transfers belong to the newest number received
        }
        if (last == null || last.seq < seq) {
            if (!create) {
                return null;
            }
            Entry e = new Entry(seq);
            entries.addLast(e);
            return e;
        }
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.seq == seq) {
                return e;
            }
            if (e.seq < seq) {
                break;
            }
        }
        if (!create) {
            return null;
        }
        // out of order (rare): rebuild with the new entry in place
        ArrayDeque<Entry> copy = new ArrayDeque<>(entries.size() + 1);
        Entry made = new Entry(seq);
        boolean placed = false;
        for (Entry e : entries) {
            if (!placed && e.seq > seq) {
                copy.addLast(made);
                placed = true;
            }
            copy.addLast(e);
        }
        if (!placed) {
            copy.addLast(made);
        }
        entries.clear();
        entries.addAll(copy);
        return made;
    }
}
