package org.repsim.core.collect;

/**
 * A FIFO of {@code int}s: a ring whose capacity is a power of two and doubles when full; it never
 * shrinks, so its memory is set by the longest queue seen, not by run length. Beside a
 * {@link LongRing} of the same records, it keeps an int field at half the memory of a long one.
 */
public final class IntRing {
    private int[] ring;
    private int head;
    private int size;

    /** A ring holding 16 values before it grows. */
    public IntRing() {
        this(16);
    }

    /** A ring holding {@code capacity} values (rounded up to a power of two) before it grows. */
    public IntRing(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in 1 .. 2^30, was " + capacity);
        }
        ring = new int[Integer.highestOneBit(capacity * 2 - 1)];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Values the ring holds before it grows (a power of two). */
    public int capacity() {
        return ring.length;
    }

    public void addLast(int value) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size++) & (ring.length - 1)] = value;
    }

    /** The oldest value. */
    public int first() {
        checkNotEmpty();
        return ring[head];
    }

    /** The {@code i}-th oldest value (0 the oldest). */
    public int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("value " + i + " of " + size);
        }
        return ring[(head + i) & (ring.length - 1)];
    }

    /** Removes and returns the oldest value. */
    public int removeFirst() {
        checkNotEmpty();
        int v = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        return v;
    }

    /** Removes every value (the capacity stays). */
    public void clear() {
        head = 0;
        size = 0;
    }

    private void checkNotEmpty() {
        if (size == 0) {
            throw new IllegalStateException("the ring is empty");
        }
    }

    private void grow() {
        int n = ring.length;
        if (n > 1 << 29) {
            throw new IllegalStateException("a ring of more than 2^30 values");
        }
        int[] grown = new int[n * 2];
        int firstPart = n - head;
        System.arraycopy(ring, head, grown, 0, firstPart);
        System.arraycopy(ring, 0, grown, firstPart, head);
        ring = grown;
        head = 0;
    }
}
