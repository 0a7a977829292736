package org.repsim.model.cycle;

import org.repsim.core.collect.LongRing;

/**
 * The slots a session has handed to one link direction and that have not arrived yet, oldest
 * first. A direction delivers its transfers in the order they were sent (docs/model.md §1, one FIFO
 * serialiser, one propagation delay), so the transfer arriving is always the oldest slot here:
 * the session sends every slot with the same arrival action and takes the slot from this queue,
 * instead of making an object per slot. A slot's fields are five {@code long}s, one record of a {@link LongRing}.
 */
final class SlotsOnLink {
    private static final int HANDLE = 0;
    private static final int NUMBER = 1;
    private static final int TRACK = 2;
    private static final int VERSION = 3;
    private static final int BYTES = 4;
    private final LongRing ring = new LongRing(5);

    void add(long handle, long number, long track, long version, long bytes) {
        int r = ring.addLast();
        ring.set(r, HANDLE, handle);
        ring.set(r, NUMBER, number);
        ring.set(r, TRACK, track);
        ring.set(r, VERSION, version);
        ring.set(r, BYTES, bytes);
    }

    boolean isEmpty() {
        return ring.isEmpty();
    }

    int size() {
        return ring.size();
    }

    long oldestHandle() {
        return oldest(HANDLE);
    }

    long oldestNumber() {
        return oldest(NUMBER);
    }

    long oldestTrack() {
        return oldest(TRACK);
    }

    long oldestVersion() {
        return oldest(VERSION);
    }

    long oldestBytes() {
        return oldest(BYTES);
    }

    /** Drops the oldest slot (it arrived). */
    void removeOldest() {
        checkNotEmpty();
        ring.removeFirst();
    }

    private long oldest(int field) {
        checkNotEmpty();
        return ring.oldest(field);
    }

    private void checkNotEmpty() {
        if (ring.isEmpty()) {
            throw new IllegalStateException("no slot on the link");
        }
    }
}
