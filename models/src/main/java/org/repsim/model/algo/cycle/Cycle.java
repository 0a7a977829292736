package org.repsim.model.algo.cycle;

import org.repsim.model.algo.TrackMap;
import java.util.Arrays;

/**
 * Slot storage of one primary-side cycle: parallel arrays indexed by slot, one slot per track.
 * While capturing, {@code index} maps track → slot (write folding); once closed, slots are sent in
 * index order from {@code takeCursor} upward and spilled from {@code spillCursor} downward, so the
 * spillable slots are exactly {@code [takeCursor, spillCursor)}.
 */
final class Cycle {

    static final byte QUEUED = 0;
    static final byte IN_FLIGHT = 1;
    static final byte SENT = 2;

    long number;
    long openNs;
    TrackMap index = new TrackMap(64);

    long[] track = new long[64];
    long[] version = new long[64];
    long[] bytes = new long[64];
    byte[] state = new byte[64];
    boolean[] spilled = new boolean[64];
    int slots;

    long writes;
    long folded;
    long duplicates;
    long totalBytes;

    // transmit side
    CycleRecord record;
    int takeCursor;
    int spillCursor;
    int sentSlots;
    boolean commitSent;

    Cycle(long number, long openNs) {
        this.number = number;
        this.openNs = openNs;
    }

    boolean isEmpty() {
        return slots == 0;
    }

    int addSlot(long t, long v, long b) {
        if (slots == track.length) {
            int n = slots * 2;
            track = Arrays.copyOf(track, n);
            version = Arrays.copyOf(version, n);
            bytes = Arrays.copyOf(bytes, n);
            state = Arrays.copyOf(state, n);
            spilled = Arrays.copyOf(spilled, n);
        }
        int s = slots++;
        track[s] = t;
        version[s] = v;
        bytes[s] = b;
        index.put(t, s);
        return s;
    }

    boolean allSent() {
        return sentSlots == slots;
    }
}
