package org.repsim.model.cycle.rules;

import org.repsim.core.collect.LongIntMap;
import java.util.Arrays;

/**
 * Slot storage of one primary-side cycle: parallel arrays indexed by slot, one slot per track.
 * {@code index} maps track → slot: while capturing for write folding, once closed (until the cycle
 * leaves the transmit queue, or until its switcher counts its unsent slots instead, {@code counted})
 * for the duplicate-slot check. While capturing, slots are spilled from the start upward
 * ({@code spillFloor}; only with {@link SpillFrom#ANY}), so the spilled capture slots are exactly
 * {@code [0, spillFloor)} however many slots are added later. Once closed, slots are sent in
 * index order from {@code takeCursor} upward and spilled from {@code spillCursor} downward, so the
 * spillable slots are exactly {@code [max(takeCursor, spillFloor), spillCursor)}.
 */
final class Cycle {

    static final byte QUEUED = 0;
    static final byte IN_FLIGHT = 1;
    static final byte SENT = 2;

    long number;
    long openNs;
    LongIntMap index;

    long[] track;
    long[] version;
    /**
     * Per slot its extent: the dirty-block bitmap ({@link BlockMap}) of a switcher with a block
     * map, else the slot's bytes; {@code CycleSwitcher#bytesOf} turns it into bytes. One long per
     * slot either way.
     */
    long[] bytes;
    byte[] state;
    boolean[] spilled;
    /**
     * Per slot, when the switcher counts host writes ({@code CycleSwitcher#countHostWrites}): the
     * bytes and the number of the host writes whose last track entered this slot — what the slot's
     * transfer carries to the secondary (docs/model.md §6b); null otherwise.
     */
    long[] hostBytes;
    int[] hostWrites;
    int slots;

    long writes;
    long folded;
    long duplicates;
    long totalBytes;
    /** Bytes hosts wrote into the cycle, before folding. */
    long writtenBytes;

    // transmit side
    CycleRecord record;
    int takeCursor;
    int spillCursor;
    /** Slots {@code [0, spillFloor)} were spilled while this cycle was the capture cycle. */
    int spillFloor;
    int sentSlots;
    boolean commitSent;
    /**
     * Closed and counted by its switcher: its unsent slots are in the switcher's count map and
     * it has no map of its own any more ({@code CycleSwitcher#countOlderCycles}).
     */
    boolean counted;
    /**
     * Once closed: one bit per hashed track of its slots, at least eight bits per slot, so that
     * the duplicate-slot check of a track without a slot here mostly reads one word of this small
     * array instead of the cycle's map ({@link #mayHold}); null while capturing. A clear bit
     * means no slot of the track; a set bit means maybe.
     */
    long[] filter;
    private int filterShift;

    Cycle(long number, long openNs) {
        this(number, openNs, new LongIntMap(64), 64, null);
    }

    /**
     * A cycle whose capture reuses {@code index} (emptied) and expects about {@code expectedSlots}
     * slots: sized like the cycle before it, capture neither rehashes nor regrows as it fills. It
     * takes over the arrays of {@code spare}, a cycle that left ({@link #release}), if they are
     * large enough (null: none), so that a steady stream of cycles allocates no new large arrays.
     */
    Cycle(long number, long openNs, LongIntMap index, int expectedSlots, Cycle spare) {
        this.number = number;
        this.openNs = openNs;
        index.clear();
        this.index = index;
        int n = Math.max(64, expectedSlots);
        if (spare != null && spare.track != null && spare.track.length >= n) {
            track = spare.track;
            version = spare.version;
            bytes = spare.bytes;
            state = spare.state;
            spilled = spare.spilled;
            hostBytes = spare.hostBytes;
            hostWrites = spare.hostWrites;
            spare.track = null;
            return;
        }
        track = new long[n];
        version = new long[n];
        bytes = new long[n];
        state = new byte[n];
        spilled = new boolean[n];
    }

    /**
     * The cycle left the transmit queue: its slot states and spill marks are cleared so that a
     * later capture cycle can take over its arrays. The cycle itself is not used again.
     */
    void release() {
        Arrays.fill(state, 0, slots, QUEUED);
        Arrays.fill(spilled, 0, slots, false);
    }

    /** Makes room for per-slot host counts (kept from here on, also by the cycles taking over these arrays). */
    void countHostWrites() {
        if (hostBytes == null || hostBytes.length < track.length) {
            hostBytes = new long[track.length];
            hostWrites = new int[track.length];
        }
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
            if (hostBytes != null) {
                hostBytes = Arrays.copyOf(hostBytes, n);
                hostWrites = Arrays.copyOf(hostWrites, n);
            }
        }
        int s = slots++;
        if (hostBytes != null) {
            hostBytes[s] = 0;
            hostWrites[s] = 0;
        }
        track[s] = t;
        version[s] = v;
        bytes[s] = b;
        spilled[s] = false;
        index.put(t, s);
        return s;
    }

    /** Builds {@link #filter} over the cycle's slots (at its close). */
    void buildFilter() {
        int bits = Integer.highestOneBit(Math.max(64, slots * 8) - 1) << 1;
        filterShift = 64 - Integer.numberOfTrailingZeros(bits);
        long[] f = new long[bits >>> 6];
        for (int s = 0; s < slots; s++) {
            int b = filterBit(track[s]);
            f[b >>> 6] |= 1L << b;
        }
        filter = f;
    }

    /** False if the closed cycle has no slot of {@code track}; true if it may have one. */
    boolean mayHold(long track) {
        int b = filterBit(track);
        return (filter[b >>> 6] & (1L << b)) != 0;
    }

    private int filterBit(long t) {
        return (int) ((t * 0x9E3779B97F4A7C15L) >>> filterShift);
    }

    boolean allSent() {
        return sentSlots == slots;
    }
}
