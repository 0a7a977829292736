package org.repsim.model.algo.consistency;

import java.util.Arrays;

/**
 * A binary min-heap of (tag, slot) pairs in primitive arrays, ordered by tag then slot (so the
 * order is deterministic). Used by {@link ConsistencyChecker} to find the pending writes of one
 * box whose tag an apply has reached, without boxing.
 */
final class TagHeap {
    private long[] tags = new long[16];
    private int[] slots = new int[16];
    private int size;

    void push(long tag, int slot) {
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(tag, slot, tags[parent], slots[parent])) {
                break;
            }
            tags[i] = tags[parent];
            slots[i] = slots[parent];
            i = parent;
        }
        tags[i] = tag;
        slots[i] = slot;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The smallest tag; only when not empty. */
    long peekTag() {
        return tags[0];
    }

    /** Removes the smallest entry and returns its slot; only when not empty. */
    int pop() {
        int top = slots[0];
        size--;
        if (size > 0) {
            long tag = tags[size];
            int slot = slots[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(tags[child + 1], slots[child + 1], tags[child], slots[child])) {
                    child++;
                }
                if (!less(tags[child], slots[child], tag, slot)) {
                    break;
                }
                tags[i] = tags[child];
                slots[i] = slots[child];
                i = child;
            }
            tags[i] = tag;
            slots[i] = slot;
        }
        return top;
    }

    private static boolean less(long tagA, int slotA, long tagB, int slotB) {
        return tagA < tagB || (tagA == tagB && slotA < slotB);
    }
}
