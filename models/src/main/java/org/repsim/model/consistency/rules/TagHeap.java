package org.repsim.model.consistency.rules;

import java.util.Arrays;

/**
 * The pending (tag, slot) pairs of one box, smallest tag first, so that
 * {@link ConsistencyChecker} finds the writes an apply has reached without boxing.
 *
 * <p>Tags almost always arrive in non-decreasing order (cycle and shuttle numbers only grow): those
 * pairs go to a FIFO run, whose pops are O(1) and touch memory in order. A pair that would break
 * the run's order (an owed write's tag, then cycle numbers again after a resynchronisation) goes to
 * a binary min-heap beside it; {@link #pop} takes the smaller head of the two.
 */
final class TagHeap {
    // the FIFO run: non-decreasing tags, ring buffer
    private long[] runTags = new long[16];
    private int[] runSlots = new int[16];
    private int runHead;
    private int runSize;

    // the heap of pairs that arrived out of order
    private long[] tags = new long[16];
    private int[] slots = new int[16];
    private int size;

    void push(long tag, int slot) {
        if (runSize == 0 || tag >= runTags[(runHead + runSize - 1) & (runTags.length - 1)]) {
            if (runSize == runTags.length) {
                growRun();
            }
            int tail = (runHead + runSize) & (runTags.length - 1);
            runTags[tail] = tag;
            runSlots[tail] = slot;
            runSize++;
            return;
        }
        heapPush(tag, slot);
    }

    boolean isEmpty() {
        return runSize == 0 && size == 0;
    }

    int size() {
        return runSize + size;
    }

    /** The smallest tag; only when not empty. */
    long peekTag() {
        if (size == 0) {
            return runTags[runHead];
        }
        if (runSize == 0) {
            return tags[0];
        }
        return Math.min(runTags[runHead], tags[0]);
    }

    /**
     * Removes an entry with the smallest tag and returns its slot; only when not empty. Among
     * equal tags the run gives arrival order and the heap the smaller slot: deterministic either way.
     */
    int pop() {
        if (size == 0 || runSize > 0 && !less(tags[0], slots[0], runTags[runHead], runSlots[runHead])) {
            int slot = runSlots[runHead];
            runHead = (runHead + 1) & (runTags.length - 1);
            runSize--;
            return slot;
        }
        return heapPop();
    }

    private void growRun() {
        int n = runTags.length;
        long[] t = new long[n * 2];
        int[] s = new int[n * 2];
        for (int i = 0; i < runSize; i++) {
            t[i] = runTags[(runHead + i) & (n - 1)];
            s[i] = runSlots[(runHead + i) & (n - 1)];
        }
        runTags = t;
        runSlots = s;
        runHead = 0;
    }

    private void heapPush(long tag, int slot) {
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

    private int heapPop() {
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
