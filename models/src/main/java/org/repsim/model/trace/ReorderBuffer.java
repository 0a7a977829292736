package org.repsim.model.trace;

/**
 * A bounded min-heap of records ordered by (raw timestamp, file order), used to repair
 * disorder spanning at most {@code capacity - 1} lines. Its records are preallocated, so
 * memory is O(capacity) whatever the trace length.
 */
final class ReorderBuffer {
    private final TraceRecord[] heap;
    private final TraceRecord[] free;
    private int size;
    private int freeCount;

    ReorderBuffer(int capacity) {
        heap = new TraceRecord[capacity];
        free = new TraceRecord[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = new TraceRecord();
        }
        freeCount = capacity;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == heap.length;
    }

    void add(TraceRecord record) {
        TraceRecord slot = free[--freeCount];
        slot.copyFrom(record);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = slot;
    }

    /** Moves the earliest record into {@code out}; the buffer must not be empty. */
    void pollInto(TraceRecord out) {
        TraceRecord top = heap[0];
        out.copyFrom(top);
        free[freeCount++] = top;
        TraceRecord last = heap[--size];
        heap[size] = null;
        if (size == 0) {
            return;
        }
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], last)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
    }

    void clear() {
        while (size > 0) {
            free[freeCount++] = heap[--size];
            heap[size] = null;
        }
    }

    private static boolean before(TraceRecord a, TraceRecord b) {
        return a.rawTime < b.rawTime || (a.rawTime == b.rawTime && a.sequence < b.sequence);
    }
}
