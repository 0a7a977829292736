package org.repsim.model.cycle;

/**
 * The slots a session has handed to one link direction and that have not arrived yet, oldest
 * first. A direction delivers its transfers in the order they were sent (DOMAIN §1, one FIFO
 * serialiser, one propagation delay), so the transfer arriving is always the oldest slot here:
 * the session sends every slot with the same arrival action and takes the slot from this queue,
 * instead of making an object per slot. A slot's fields are five {@code long}s in one ring.
 */
final class SlotsOnLink {
    private static final int STRIDE = 5;
    private long[] ring = new long[16 * STRIDE];
    private int head;
    private int size;

    void add(long handle, long number, long track, long version, long bytes) {
        int capacity = ring.length / STRIDE;
        if (size == capacity) {
            long[] grown = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                System.arraycopy(ring, ((head + i) % capacity) * STRIDE, grown, i * STRIDE, STRIDE);
            }
            ring = grown;
            head = 0;
            capacity *= 2;
        }
        int r = ((head + size) % capacity) * STRIDE;
        ring[r] = handle;
        ring[r + 1] = number;
        ring[r + 2] = track;
        ring[r + 3] = version;
        ring[r + 4] = bytes;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long oldestHandle() {
        return field(0);
    }

    long oldestNumber() {
        return field(1);
    }

    long oldestTrack() {
        return field(2);
    }

    long oldestVersion() {
        return field(3);
    }

    long oldestBytes() {
        return field(4);
    }

    /** Drops the oldest slot (it arrived). */
    void removeOldest() {
        if (size == 0) {
            throw new IllegalStateException("no slot on the link");
        }
        head = (head + 1) % (ring.length / STRIDE);
        size--;
    }

    private long field(int f) {
        if (size == 0) {
            throw new IllegalStateException("no slot on the link");
        }
        return ring[head * STRIDE + f];
    }
}
