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
 * marked list with {@code since = now}, and {@link #take} moves tracks into the (empty)
 * in-flight list in marked-list order. So the oldest unsecured write of the relationship is the
 * older of the two heads — O(1), no scan.
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
     * A copy pass takes the marked tracks — all of them, or the {@code maxTracks} lowest-numbered
     * when {@code maxTracks > 0} — and returns them in ascending track order (the pass's seq
     * order, DOMAIN §4); they move in flight. Requires the previous pass to be secured.
     */
    int[] take(int maxTracks) {
        if (inFlight.size != 0) {
            throw new IllegalStateException("a copy pass starts while " + inFlight.size
                    + " tracks of the previous pass are not secured");
        }
        int n = maxTracks > 0 ? Math.min(maxTracks, marked.size) : marked.size;
        int[] tracks = new int[n];
        int last = -1;
        for (int i = 0; i < n; i++) {
            last = marked.member.nextSetBit(last + 1);
            tracks[i] = last;
        }
        if (n == marked.size) {
            // the whole marked list becomes the in-flight list, its since order unchanged
            Generation emptied = inFlight;
            inFlight = marked;
            marked = emptied;
        } else {
            // walk the marked list in since order and move the taken tracks (numbers ≤ last): both lists stay ordered
            for (int t = marked.head; t != NONE; ) {
                int following = marked.next[t];
                if (t <= last) {
                    long since = marked.since[t];
                    marked.remove(t);
                    inFlight.append(t, since);
                }
                t = following;
            }
        }
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
        long oldest = Long.MAX_VALUE;
        if (inFlight.head != NONE) {
            oldest = inFlight.since[inFlight.head];
        }
        if (marked.head != NONE) {
            oldest = Math.min(oldest, marked.since[marked.head]);
        }
        return oldest == Long.MAX_VALUE ? Long.MIN_VALUE : oldest;
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
