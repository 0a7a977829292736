package org.repsim.model.algo;

import java.util.Arrays;

/**
 * Open-addressing map from a track number (≥ 0) to a non-negative int (a slot index or a count):
 * linear probing over one array of (key, value) pairs with an empty-key sentinel, so a lookup
 * that hits touches one cache line; backward-shift deletion, load factor ≤ 1/2, growing by
 * doubling. No boxing on the per-write path; memory proportional to the entries held, never to
 * run length.
 */
public final class TrackMap {
    /** Returned for an absent track. */
    public static final int MISSING = -1;
    private static final long EMPTY = -1L;

    /** Entry i: key at [2i], value at [2i + 1]. */
    private long[] table;
    private int mask;
    private int size;
    /** Keeps the reads of {@link #touch} (a read whose value nobody uses would be dropped by the JIT). */
    private long touched;

    /** A map sized for {@code expected} entries without growing. */
    public TrackMap(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1);
    }

    private void allocate(int capacity) {
        table = new long[2 * capacity];
        for (int i = 0; i < table.length; i += 2) {
            table[i] = EMPTY;
        }
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    /** The value stored for the track, or {@link #MISSING}. */
    public int get(long track) {
        int i = indexOf(track);
        return i < 0 ? MISSING : (int) table[2 * i + 1];
    }

    /**
     * Reads the place where the track's entry is or would go, and nothing more: a performance
     * hint for a caller that will look the track up soon. In a large map that read misses the
     * processor's caches; issued next to another such read (another map, the same write), the
     * two misses overlap instead of following each other, and the later look-up finds its line
     * in cache. Changes nothing in the map.
     */
    public void touch(long track) {
        touched += table[2 * home(track)];
    }

    /** Stores {@code value} (≥ 0) for the track. */
    public void put(long track, int value) {
        if (track < 0 || value < 0) {
            throw new IllegalArgumentException("track and value must be >= 0, were " + track + ", " + value);
        }
        int i = home(track);
        long k;
        while ((k = table[2 * i]) != EMPTY) {
            if (k == track) {
                table[2 * i + 1] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        table[2 * i] = track;
        table[2 * i + 1] = value;
        if (++size * 2 > capacity()) {
            grow();
        }
    }

    /** Adds one to the track's count (0 if absent). */
    public void increment(long track) {
        int i = indexOf(track);
        if (i < 0) {
            put(track, 1);
        } else {
            table[2 * i + 1]++;
        }
    }

    /** Subtracts one from the track's count, removing it at zero. */
    public void decrement(long track) {
        int i = indexOf(track);
        if (i < 0 || table[2 * i + 1] <= 0) {
            throw new IllegalStateException("no positive count for track " + track);
        }
        if (--table[2 * i + 1] == 0) {
            removeAt(i);
        }
    }

    /** Removes the track; returns its value or {@link #MISSING}. */
    public int remove(long track) {
        int i = indexOf(track);
        if (i < 0) {
            return MISSING;
        }
        int old = (int) table[2 * i + 1];
        removeAt(i);
        return old;
    }

    public void clear() {
        for (int i = 0; i < table.length; i += 2) {
            table[i] = EMPTY;
        }
        size = 0;
    }

    /** All tracks, ascending. */
    public long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != EMPTY) {
                out[n++] = table[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Number of places in the table (a power of two, at least twice the size). */
    public int capacity() {
        return table.length >>> 1;
    }

    private int indexOf(long track) {
        if (size == 0) {
            // an emptied map keeps its large table: do not touch it
            return -1;
        }
        int i = home(track);
        long k;
        while ((k = table[2 * i]) != EMPTY) {
            if (k == track) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void removeAt(int hole) {
        size--;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            long k = table[2 * j];
            if (k == EMPTY) {
                break;
            }
            int home = home(k);
            // entry j may stay if its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                table[2 * hole] = k;
                table[2 * hole + 1] = table[2 * j + 1];
                hole = j;
            }
        }
        table[2 * hole] = EMPTY;
    }

    private void grow() {
        long[] old = table;
        allocate(capacity() * 2);
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                put(old[i], (int) old[i + 1]);
            }
        }
    }

    private int home(long track) {
        long h = track * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
