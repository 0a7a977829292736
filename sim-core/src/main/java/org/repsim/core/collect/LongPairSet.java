package org.repsim.core.collect;

import java.util.Arrays;

/**
 * A set of ({@code int} tag ≥ 0, {@code long}) pairs — e.g. (device index, track) — with open
 * addressing: load factor ≤ 1/2, growing by doubling, cleared in place (keeping its capacity). No boxing.
 */
public final class LongPairSet {
    private int[] tags;
    private long[] values;
    private int size;
    private int mask;

    public LongPairSet() {
        this(512);
    }

    /** A set sized for {@code expected} pairs without growing. */
    public LongPairSet(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1);
    }

    private void allocate(int capacity) {
        tags = new int[capacity];
        Arrays.fill(tags, -1);
        values = new long[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Adds the pair; returns true if it was not yet in the set. */
    public boolean add(int tag, long value) {
        if (tag < 0) {
            throw new IllegalArgumentException("tag must be >= 0, was " + tag);
        }
        if (2 * (size + 1) > tags.length) {
            grow();
        }
        int i = home(tag, value);
        while (tags[i] >= 0) {
            if (tags[i] == tag && values[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        tags[i] = tag;
        values[i] = value;
        size++;
        return true;
    }

    public boolean contains(int tag, long value) {
        int i = home(tag, value);
        while (tags[i] >= 0) {
            if (tags[i] == tag && values[i] == value) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** Removes every pair (the capacity stays). */
    public void clear() {
        if (size > 0) {
            Arrays.fill(tags, -1);
            size = 0;
        }
    }

    private int home(int tag, long value) {
        long h = value * 0x9E3779B97F4A7C15L + tag * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        int[] oldTags = tags;
        long[] oldValues = values;
        allocate(oldTags.length * 2);
        for (int j = 0; j < oldTags.length; j++) {
            if (oldTags[j] >= 0) {
                add(oldTags[j], oldValues[j]);
            }
        }
    }
}
