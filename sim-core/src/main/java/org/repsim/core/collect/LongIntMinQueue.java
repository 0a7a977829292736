package org.repsim.core.collect;

/**
 * A min priority queue of (long key, int value) pairs for keys that almost always arrive in
 * non-decreasing order (sequence and cycle numbers): those pairs go to a FIFO run, whose pushes
 * and pops are O(1) and touch memory in order; a pair whose key is below the run's newest goes to
 * a {@link LongIntHeap} beside it, and {@link #pop} takes the smaller head of the two.
 *
 * <p>Order among equal keys: the run gives arrival order and the heap the smaller value; between
 * run and heap the smaller value wins — deterministic either way.
 */
public final class LongIntMinQueue {
    private final LongRing runKeys = new LongRing(1);
    private final IntRing runValues = new IntRing();
    private final LongIntHeap others = new LongIntHeap();
    /** The newest key of the run, while the run is not empty. */
    private long runNewest;

    public void push(long key, int value) {
        if (runKeys.isEmpty() || key >= runNewest) {
            runNewest = key;
            runKeys.addLast(key);
            runValues.addLast(value);
        } else {
            others.push(key, value);
        }
    }

    public boolean isEmpty() {
        return runKeys.isEmpty() && others.isEmpty();
    }

    public int size() {
        return runKeys.size() + others.size();
    }

    /** The smallest key; only when not empty. */
    public long peekKey() {
        if (others.isEmpty()) {
            return runKeys.oldest(0);
        }
        if (runKeys.isEmpty()) {
            return others.peekKey();
        }
        return Math.min(runKeys.oldest(0), others.peekKey());
    }

    /** Removes a pair with the smallest key and returns its value; only when not empty. */
    public int pop() {
        if (others.isEmpty() || !runKeys.isEmpty()
                && !LongIntHeap.less(others.peekKey(), others.peekValue(), runKeys.oldest(0), runValues.first())) {
            runKeys.removeFirst();
            return runValues.removeFirst();
        }
        return others.pop();
    }
}
