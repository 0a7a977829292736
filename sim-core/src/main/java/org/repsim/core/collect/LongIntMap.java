package org.repsim.core.collect;

import java.util.Arrays;

/**
 * Open-addressing map from a non-negative {@code long} key (a track number) to a non-negative
 * int (a slot index or a count): linear probing over one {@code long} array with an empty
 * sentinel, backward-shift deletion, load factor ≤ 1/2, growing by doubling. No boxing; memory
 * proportional to the entries held, never to run length.
 *
 * <p>Layout: while every key is below 2^32 (a box's tracks, unless its volumes hold more than
 * 2^32 tracks) an entry is one {@code long}, key in the high half and value in the low half;
 * the first larger key turns the map into the wide layout, key and value in two {@code long}s.
 * The narrow layout halves the memory of a map, and a look-up reads one array, not a key array
 * and a value array: the maps of a large volume (a cycle's captures) hold millions of tracks,
 * and their look-ups miss the processor's caches. (A cache's own index is a {@code SlotIndex} in
 * the models module, keyed on its slots' tracks: four bytes a place.) (fastutil's {@code Long2IntOpenHashMap}
 * keeps keys and values apart: two misses per look-up in a large map.)
 */
public final class LongIntMap {
    /** Returned for an absent track. */
    public static final int MISSING = -1;
    /** An empty place in either layout (a narrow entry's value half is never -1). */
    private static final long EMPTY = -1L;
    private static final long NARROW_KEY_LIMIT = 1L << 32;

    /** Narrow: entry i at [i] = key << 32 | value. Wide: key at [2i], value at [2i + 1]. */
    private long[] table;
    private boolean wide;
    private int mask;
    private int size;
    /** Keeps the reads of {@link #touch} (a read whose value nobody uses would be dropped by the JIT). */
    private long touched;

    /** A map sized for {@code expected} entries without growing. */
    public LongIntMap(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1);
    }

    private void allocate(int capacity) {
        table = new long[wide ? 2 * capacity : capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    /** The value stored for the track, or {@link #MISSING}. */
    public int get(long track) {
        int i = indexOf(track);
        return i < 0 ? MISSING : valueAt(i);
    }

    /**
     * Reads the place where the track's entry is or would go, and nothing more: a performance
     * hint ({@link Prefetch}) for a caller that will look the track up soon. In a large map that read misses the
     * processor's caches; issued next to another such read (another map, the same write), the
     * two misses overlap instead of following each other, and the later look-up finds its line
     * in cache. Changes nothing in the map.
     */
    public void touch(long track) {
        int i = home(track);
        touched += table[wide ? 2 * i : i];
    }

    /** Stores {@code value} (≥ 0) for the track. */
    public void put(long track, int value) {
        if (track < 0 || value < 0) {
            throw new IllegalArgumentException("track and value must be >= 0, were " + track + ", " + value);
        }
        if (!wide && track >= NARROW_KEY_LIMIT) {
            widen();
        }
        int i = home(track);
        while (!emptyAt(i)) {
            if (keyAt(i) == track) {
                setValueAt(i, value);
                return;
            }
            i = (i + 1) & mask;
        }
        setAt(i, track, value);
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
            setValueAt(i, valueAt(i) + 1);
        }
    }

    /** Subtracts one from the track's count, removing it at zero. */
    public void decrement(long track) {
        int i = indexOf(track);
        if (i < 0 || valueAt(i) <= 0) {
            throw new IllegalStateException("no positive count for track " + track);
        }
        int left = valueAt(i) - 1;
        if (left == 0) {
            removeAt(i);
        } else {
            setValueAt(i, left);
        }
    }

    /** Removes the track; returns its value or {@link #MISSING}. */
    public int remove(long track) {
        int i = indexOf(track);
        if (i < 0) {
            return MISSING;
        }
        int old = valueAt(i);
        removeAt(i);
        return old;
    }

    public void clear() {
        Arrays.fill(table, EMPTY);
        size = 0;
    }

    /** All tracks, ascending. */
    public long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (!emptyAt(i)) {
                out[n++] = keyAt(i);
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Number of places in the table (a power of two, at least twice the size). */
    public int capacity() {
        return mask + 1;
    }

    /** Whether the map holds a track of 2^32 or above, so that its entries take two longs. */
    public boolean isWide() {
        return wide;
    }

    private int indexOf(long track) {
        if (size == 0) {
            // an emptied map keeps its large table: do not touch it
            return -1;
        }
        int i = home(track);
        if (wide) {
            long k;
            while ((k = table[2 * i]) != EMPTY) {
                if (k == track) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }
        if (track >= NARROW_KEY_LIMIT) {
            return -1; // a narrow map holds no such key
        }
        long e;
        while ((e = table[i]) != EMPTY) {
            if (e >>> 32 == track) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private boolean emptyAt(int i) {
        return table[wide ? 2 * i : i] == EMPTY;
    }

    private long keyAt(int i) {
        return wide ? table[2 * i] : table[i] >>> 32;
    }

    private int valueAt(int i) {
        return (int) (wide ? table[2 * i + 1] : table[i]);
    }

    private void setAt(int i, long key, int value) {
        if (wide) {
            table[2 * i] = key;
            table[2 * i + 1] = value;
        } else {
            table[i] = key << 32 | value;
        }
    }

    private void setValueAt(int i, int value) {
        if (wide) {
            table[2 * i + 1] = value;
        } else {
            table[i] = (table[i] & 0xFFFF_FFFF_0000_0000L) | value;
        }
    }

    private void removeAt(int hole) {
        size--;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (emptyAt(j)) {
                break;
            }
            int home = home(keyAt(j));
            // entry j may stay if its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                setAt(hole, keyAt(j), valueAt(j));
                hole = j;
            }
        }
        if (wide) {
            table[2 * hole] = EMPTY;
        } else {
            table[hole] = EMPTY;
        }
    }

    private void grow() {
        rebuild(capacity() * 2, wide);
    }

    private void widen() {
        rebuild(capacity(), true);
    }

    /** Re-inserts every entry into a fresh table of {@code capacity} places in the given layout. */
    private void rebuild(int capacity, boolean wideLayout) {
        long[] old = table;
        boolean oldWide = wide;
        int oldCapacity = capacity();
        wide = wideLayout;
        allocate(capacity);
        for (int j = 0; j < oldCapacity; j++) {
            long key;
            int value;
            if (oldWide) {
                key = old[2 * j];
                value = (int) old[2 * j + 1];
            } else {
                key = old[j] == EMPTY ? EMPTY : old[j] >>> 32;
                value = (int) old[j];
            }
            if (key == EMPTY) {
                continue;
            }
            int i = home(key);
            while (!emptyAt(i)) {
                i = (i + 1) & mask;
            }
            setAt(i, key, value);
        }
    }

    private int home(long track) {
        long h = track * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
