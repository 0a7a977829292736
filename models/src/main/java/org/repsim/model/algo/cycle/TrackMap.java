package org.repsim.model.algo.cycle;

import java.util.Arrays;

/**
 * Open-addressing map from a track number to a non-negative int (a slot index or a count), with
 * linear probing and backward-shift deletion: no boxing on the per-write path.
 */
final class TrackMap {

    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int mask;
    private int size;

    TrackMap() {
        this(16);
    }

    TrackMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value stored for the track, or {@link #MISSING}. */
    int get(long key) {
        int i = indexOf(key);
        return i < 0 ? MISSING : values[i];
    }

    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, was " + value);
        }
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Adds one to the track's count (0 if absent). */
    void increment(long key) {
        int i = indexOf(key);
        if (i < 0) {
            put(key, 1);
        } else {
            values[i]++;
        }
    }

    /** Subtracts one from the track's count, removing it at zero. */
    void decrement(long key) {
        int i = indexOf(key);
        if (i < 0 || values[i] <= 0) {
            throw new IllegalStateException("no positive count for track " + key);
        }
        if (--values[i] == 0) {
            removeAt(i);
        }
    }

    /** Removes the track; returns its value or {@link #MISSING}. */
    int remove(long key) {
        int i = indexOf(key);
        if (i < 0) {
            return MISSING;
        }
        int old = values[i];
        removeAt(i);
        return old;
    }

    void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    /** All keys, ascending. */
    long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                out[n++] = keys[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    private int indexOf(long key) {
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void removeAt(int hole) {
        used[hole] = false;
        size--;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (!used[j]) {
                return;
            }
            int home = hash(keys[j]) & mask;
            // entry j may stay if its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                used[hole] = true;
                used[j] = false;
                hole = j;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        int capacity = oldKeys.length * 2;
        keys = new long[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
