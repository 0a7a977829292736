package org.repsim.model.ordered;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The out-of-sync tracks of one relationship (docs/model.md §4, background copy) and the age of the
 * oldest unsecured write among them.
 *
 * <p>Tracks are volume-relative indices {@code 0..trackCount-1}. Two generations:
 * <ul>
 *   <li><b>marked</b>: written since a pass last took them — a bitset over the volume (pass
 *       order is ascending track order);</li>
 *   <li><b>in flight</b>: taken by the running pass and not yet written at the secondary.</li>
 * </ul>
 * A track can be in both: written again while its copy is in flight [product].
 *
 * <p>Memory: two bitsets over the volume (2 bits per track) plus one node per outstanding
 * (marked or in-flight) track holding the time of its oldest unsecured write; the node pool
 * grows to the peak outstanding count, never per write (a rewrite of a marked track folds).
 *
 * <p>Invariant: the nodes of each generation form a list ordered by {@code since}, because a
 * track enters the marked list with {@code since = now}, and {@link #take} moves nodes into the
 * (empty) in-flight list in marked-list order. So the oldest unsecured write of the relationship
 * is the older of the two list heads — O(1), no scan.
 */
final class OutOfSyncSet {
    private static final int NONE = -1;
    private static final byte FREE = 0;
    private static final byte MARKED = 1;
    private static final byte IN_FLIGHT = 2;

    /** The tracks a pass took, ascending, and the node of each (for {@link #secure}). */
    record Taken(int[] tracks, int[] nodes) {
    }

    /** Head, tail and size of one generation's list. */
    private static final class Chain {
        int head = NONE;
        int tail = NONE;
        int size;
    }

    private final int trackCount;
    private BitSet marked;
    private BitSet inFlight;
    private Chain markedChain = new Chain();
    private Chain inFlightChain = new Chain();

    private int[] nodeTrack = new int[64];
    private long[] nodeSince = new long[64];
    private int[] nodePrev = new int[64];
    private int[] nodeNext = new int[64];
    private byte[] nodeState = new byte[64];
    private int[] free = new int[64];
    private int freeCount;
    private int used;

    OutOfSyncSet(long trackCount) {
        if (trackCount < 1 || trackCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ordered copy: volume of " + trackCount
                    + " tracks is outside the supported range [1, " + (Integer.MAX_VALUE - 8) + "]");
        }
        this.trackCount = (int) trackCount;
        this.marked = new BitSet();
        this.inFlight = new BitSet();
    }

    /** A host write at {@code nowNs} to {@code track}; true if the track was not marked yet. */
    boolean mark(int track, long nowNs) {
        if (marked.get(track)) {
            return false;
        }
        marked.set(track);
        int node = allocate();
        nodeTrack[node] = track;
        nodeState[node] = MARKED;
        append(markedChain, node, nowNs);
        return true;
    }

    /**
     * A copy pass takes the marked tracks — all of them, or the {@code maxTracks} lowest-numbered
     * when {@code maxTracks > 0} — in ascending track order (the pass's seq order, docs/model.md §4);
     * they move in flight. Requires the previous pass to be secured.
     */
    Taken take(int maxTracks) {
        if (inFlightChain.size != 0) {
            throw new IllegalStateException("a copy pass starts while " + inFlightChain.size
                    + " tracks of the previous pass are not secured");
        }
        int n = maxTracks > 0 ? Math.min(maxTracks, markedChain.size) : markedChain.size;
        int[] tracks = new int[n];
        int[] nodes = new int[n];
        int last = -1;
        for (int i = 0; i < n; i++) {
            last = marked.nextSetBit(last + 1);
            tracks[i] = last;
        }
        if (n == markedChain.size) {
            // the whole marked list becomes the in-flight list, its since order unchanged
            Chain emptied = inFlightChain;
            inFlightChain = markedChain;
            markedChain = emptied;
            BitSet cleared = inFlight;
            inFlight = marked;
            marked = cleared;
            for (int node = inFlightChain.head; node != NONE; node = nodeNext[node]) {
                nodeState[node] = IN_FLIGHT;
                nodes[Arrays.binarySearch(tracks, nodeTrack[node])] = node;
            }
        } else {
            // walk the marked list in since order and move the taken tracks (numbers ≤ last)
            for (int node = markedChain.head; node != NONE; ) {
                int following = nodeNext[node];
                int track = nodeTrack[node];
                if (track <= last) {
                    long since = nodeSince[node];
                    unlink(markedChain, node);
                    marked.clear(track);
                    inFlight.set(track);
                    nodeState[node] = IN_FLIGHT;
                    append(inFlightChain, node, since);
                    nodes[Arrays.binarySearch(tracks, track)] = node;
                }
                node = following;
            }
        }
        return new Taken(tracks, nodes);
    }

    /** The in-flight copy held by {@code node} (from {@link #take}) is written at the secondary. */
    void secure(int node) {
        if (node < 0 || node >= used || nodeState[node] != IN_FLIGHT) {
            throw new IllegalStateException("node " + node + " secured but not in flight");
        }
        unlink(inFlightChain, node);
        inFlight.clear(nodeTrack[node]);
        nodeState[node] = FREE;
        free[freeCount++] = node;
    }

    /** Time of the oldest unsecured write, or {@code Long.MIN_VALUE} when none. */
    long oldestSinceNs() {
        long oldest = Long.MAX_VALUE;
        if (inFlightChain.head != NONE) {
            oldest = nodeSince[inFlightChain.head];
        }
        if (markedChain.head != NONE) {
            oldest = Math.min(oldest, nodeSince[markedChain.head]);
        }
        return oldest == Long.MAX_VALUE ? Long.MIN_VALUE : oldest;
    }

    int markedCount() {
        return markedChain.size;
    }

    int inFlightCount() {
        return inFlightChain.size;
    }

    int trackCount() {
        return trackCount;
    }

    /** Nodes allocated so far (the pool's high-water mark). */
    int nodePoolSize() {
        return used;
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (used == nodeTrack.length) {
            int n = used * 2;
            nodeTrack = Arrays.copyOf(nodeTrack, n);
            nodeSince = Arrays.copyOf(nodeSince, n);
            nodePrev = Arrays.copyOf(nodePrev, n);
            nodeNext = Arrays.copyOf(nodeNext, n);
            nodeState = Arrays.copyOf(nodeState, n);
            free = Arrays.copyOf(free, n);
        }
        return used++;
    }

    private void append(Chain c, int node, long since) {
        nodeSince[node] = since;
        nodePrev[node] = c.tail;
        nodeNext[node] = NONE;
        if (c.tail == NONE) {
            c.head = node;
        } else {
            nodeNext[c.tail] = node;
        }
        c.tail = node;
        c.size++;
    }

    private void unlink(Chain c, int node) {
        int p = nodePrev[node];
        int n = nodeNext[node];
        if (p == NONE) {
            c.head = n;
        } else {
            nodeNext[p] = n;
        }
        if (n == NONE) {
            c.tail = p;
        } else {
            nodePrev[n] = p;
        }
        c.size--;
    }

    @Override
    public String toString() {
        return "OutOfSyncSet[marked=" + markedChain.size + ", inFlight=" + inFlightChain.size + ", oldest="
                + oldestSinceNs() + "]";
    }
}
