package org.repsim.model;

/**
 * Open-addressing map from a track number (≥ 0) to a slot index, linear probing with
 * backward-shift deletion: no boxing, fixed memory set at construction (a power of two ≥ twice
 * the number of entries it may hold, so the load factor stays ≤ 1/2).
 */
final class TrackMap {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    TrackMap(int maxEntries) {
        int cap = Integer.highestOneBit(Math.max(2, maxEntries) * 2 - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        java.util.Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Slot of {@code key}, or −1. */
    int get(long key) {
        int i = home(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        int i = home(key);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    void remove(long key) {
        int i = home(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // backward-shift: move later entries of the probe run into the hole
        int hole = i;
        int j = (i + 1) & mask;
        while (keys[j] != EMPTY) {
            int h = home(keys[j]);
            boolean movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        keys[hole] = EMPTY;
    }

    int size() {
        return size;
    }

    int capacity() {
        return keys.length;
    }
}
