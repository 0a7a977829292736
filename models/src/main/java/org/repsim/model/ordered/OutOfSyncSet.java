package org.repsim.model.ordered;

import java.util.BitSet;

/**
 * The out-of-sync tracks of one relationship (DOMAIN §4, background copy) and the age of the
 * oldest unsecured write among them — memory fixed by the volume size, nothing grows per write.
 *
 * <p>Tracks are volume-relative indices {@code 0..trackCount-1}. Two disjoint generations:
 * <ul>
 *   <li><b>marked</b>: written since the last pass took them (a bitset plus a list in marking
 *       order, each with the time of its oldest unsecured write);</li>
 *   <li><b>in flight</b>: taken by the running pass and not yet written at the secondary.</li>
 * </ul>
 * A track can be in both: written again while its copy is in flight [product].
 *
 * <p>Invariant: each list is ordered by its {@code since} time, because a track enters the
 * marked list with {@code since = now} and {@link #takeAll} moves the whole marked list into the
 * (empty) in-flight list unchanged. So the oldest unsecured write of the relationship is the head
 * of the in-flight list if any, else the head of the marked list — O(1), no scan.
 */
final class OutOfSyncSet {
    private static final int NONE = -1;

    private final int trackCount;
    private Generation marked;
    private Generation inFlight;

    /** One generation: a membership bitset and a doubly linked list in {@code since} order. */
    private static final class Generation {
        final BitSet member;
        final int[] prev;
        final int[] next;
        final long[] since;
        int head = NONE;
        int tail = NONE;
        int size;

        Generation(int n) {
            member = new BitSet(n);
            prev = new int[n];
            next = new int[n];
            since = new long[n];
        }

        void append(int t, long sinceNs) {
            member.set(t);
            since[t] = sinceNs;
            prev[t] = tail;
            next[t] = NONE;
            if (tail == NONE) {
                head = t;
            } else {
                next[tail] = t;
            }
            tail = t;
            size++;
        }

        void remove(int t) {
            member.clear(t);
            int p = prev[t];
            int n = next[t];
            if (p == NONE) {
                head = n;
            } else {
                next[p] = n;
            }
            if (n == NONE) {
                tail = p;
            } else {
                prev[n] = p;
            }
            size--;
        }
    }

    OutOfSyncSet(long trackCount) {
        if (trackCount < 1 || trackCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ordered copy: volume of " + trackCount
                    + " tracks is outside the supported range [1, " + (Integer.MAX_VALUE - 8) + "]");
        }
        this.trackCount = (int) trackCount;
        this.marked = new Generation(this.trackCount);
        this.inFlight = new Generation(this.trackCount);
    }

    /** A host write at {@code nowNs} to {@code track}; true if the track was not marked yet. */
    boolean mark(int track, long nowNs) {
        if (marked.member.get(track)) {
            return false;
        }
        marked.append(track, nowNs);
        return true;
    }

    /**
     * A copy pass takes every marked track: returns them in ascending track order (the pass's
     * seq order, DOMAIN §4) and moves them in flight. Requires the previous pass to be secured.
     */
    int[] takeAll() {
        if (inFlight.size != 0) {
            throw new IllegalStateException("a copy pass starts while " + inFlight.size
                    + " tracks of the previous pass are not secured");
        }
        int[] tracks = new int[marked.size];
        int i = 0;
        for (int t = marked.member.nextSetBit(0); t >= 0; t = marked.member.nextSetBit(t + 1)) {
            tracks[i++] = t;
        }
        Generation emptied = inFlight;
        inFlight = marked;
        marked = emptied;
        return tracks;
    }

    /** The copy of {@code track} taken by the running pass is written at the secondary. */
    void secure(int track) {
        if (!inFlight.member.get(track)) {
            throw new IllegalStateException("track " + track + " secured but not in flight");
        }
        inFlight.remove(track);
    }

    /** Issue-side time of the oldest unsecured write, or {@code Long.MIN_VALUE} when none. */
    long oldestSinceNs() {
        if (inFlight.head != NONE) {
            return inFlight.since[inFlight.head];
        }
        if (marked.head != NONE) {
            return marked.since[marked.head];
        }
        return Long.MIN_VALUE;
    }

    int markedCount() {
        return marked.size;
    }

    int inFlightCount() {
        return inFlight.size;
    }

    boolean isMarked(int track) {
        return marked.member.get(track);
    }

    int trackCount() {
        return trackCount;
    }

    @Override
    public String toString() {
        return "OutOfSyncSet[marked=" + marked.size + ", inFlight=" + inFlight.size + ", oldest="
                + oldestSinceNs() + "]";
    }
}
