package org.repsim.core.collect;

import java.util.Arrays;

/**
 * Open-addressing map from a non-negative {@code long} key to a {@code long} value: linear probing
 * over a key array and a value array, load factor ≤ 1/2, growing by doubling. No boxing, no removal.
 */
public final class LongLongMap {
    private static final long EMPTY = -1L;
    private long[] keys;
    private long[] values;
    private int mask;
    private int size;

    /** A map sized for {@code expected} entries without growing. */
    public LongLongMap(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    /** Stores {@code value} for {@code key} (≥ 0). */
    public void put(long key, long value) {
        if (key < 0) {
            throw new IllegalArgumentException("key must be >= 0, was " + key);
        }
        int i = home(key);
        long k;
        while ((k = keys[i]) != EMPTY) {
            if (k == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** The value stored for {@code key}, or {@code absent}. */
    public long getOrDefault(long key, long absent) {
        int i = home(key);
        long k;
        while ((k = keys[i]) != EMPTY) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return absent;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != EMPTY) {
                int i = home(key);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                values[i] = oldValues[j];
            }
        }
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
