package org.repsim.core.collect;

import java.util.Arrays;

/**
 * A FIFO of ({@code long}, object) pairs stored as two columns sharing one head and size; the
 * capacity is a power of two that doubles when full. A removed pair's object is cleared, so the
 * ring keeps no garbage reachable. Shaped for small per-key histories such as a track's unsettled
 * writes by version (the recovery image, docs/model.md §7): adding and taking a pair allocates
 * nothing once the ring reached its working size.
 *
 * @param <T> the objects held
 */
public final class LongObjectRing<T> {
    private long[] keys;
    private Object[] values;
    private int mask;
    private int head;
    private int size;

    /** A ring holding {@code capacity} (rounded up to a power of two) pairs before it grows. */
    public LongObjectRing(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in 1 .. 2^30, was " + capacity);
        }
        int n = Integer.highestOneBit(capacity * 2 - 1);
        keys = new long[n];
        values = new Object[n];
        mask = n - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Appends a newest pair. */
    public void add(long key, T value) {
        if (size > mask) {
            grow();
        }
        int s = (head + size++) & mask;
        keys[s] = key;
        values[s] = value;
    }

    /** The key of the {@code i}-th oldest pair (0 the oldest). */
    public long keyAt(int i) {
        return keys[slot(i)];
    }

    /** The object of the {@code i}-th oldest pair (0 the oldest). */
    @SuppressWarnings("unchecked")
    public T valueAt(int i) {
        return (T) values[slot(i)];
    }

    /** Removes the oldest pair; the ring must not be empty. */
    public void removeFirst() {
        if (size == 0) {
            throw new IllegalStateException("the ring is empty");
        }
        values[head] = null;
        head = (head + 1) & mask;
        size--;
    }

    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("pair " + i + " of " + size);
        }
        return (head + i) & mask;
    }

    private void grow() {
        int n = keys.length;
        long[] k = new long[2 * n];
        Object[] v = new Object[2 * n];
        for (int i = 0; i < size; i++) {
            k[i] = keys[(head + i) & mask];
            v[i] = values[(head + i) & mask];
        }
        Arrays.fill(values, null);
        keys = k;
        values = v;
        mask = 2 * n - 1;
        head = 0;
    }
}
