package org.repsim.core.collect;

import java.util.Arrays;

/**
 * A binary min-heap of (long key, int value) pairs ordered by key, then value (so the order among
 * equal keys is deterministic), in two arrays that double when full. No boxing.
 */
public final class LongIntHeap {
    private long[] keys;
    private int[] values;
    private int size;

    public LongIntHeap() {
        this(16);
    }

    public LongIntHeap(int capacity) {
        int n = Math.max(1, capacity);
        keys = new long[n];
        values = new int[n];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void push(long key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, value, keys[parent], values[parent])) {
                break;
            }
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** The smallest key. */
    public long peekKey() {
        checkNotEmpty();
        return keys[0];
    }

    /** The value of the smallest pair. */
    public int peekValue() {
        checkNotEmpty();
        return values[0];
    }

    /** Removes the smallest pair and returns its value. */
    public int pop() {
        checkNotEmpty();
        int top = values[0];
        size--;
        if (size > 0) {
            long key = keys[size];
            int value = values[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(keys[child + 1], values[child + 1], keys[child], values[child])) {
                    child++;
                }
                if (!less(keys[child], values[child], key, value)) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
        }
        return top;
    }

    public void clear() {
        size = 0;
    }

    private void checkNotEmpty() {
        if (size == 0) {
            throw new IllegalStateException("the heap is empty");
        }
    }

    /** Whether pair a comes before pair b: smaller key, or equal key and smaller value. */
    static boolean less(long keyA, int valueA, long keyB, int valueB) {
        return keyA < keyB || (keyA == keyB && valueA < valueB);
    }
}
