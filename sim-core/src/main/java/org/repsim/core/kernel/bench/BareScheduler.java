package org.repsim.core.kernel.bench;

import java.util.PriorityQueue;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;

/**
 * Baseline (a) of the kernel benchmark: the smallest correct event loop, a
 * {@link java.util.PriorityQueue} of (time, tie, sequence) entries. No cancel support beyond
 * marking; it exists only to measure what a bare heap loop costs.
 */
final class BareScheduler implements Scheduler {
    private static final class Entry implements EventHandle {
        final long timeNs;
        final long order;
        final Runnable action;
        boolean done;

        Entry(long timeNs, long order, Runnable action) {
            this.timeNs = timeNs;
            this.order = order;
            this.action = action;
        }

        @Override
        public long timeNs() {
            return timeNs;
        }

        @Override
        public Tie tie() {
            return Tie.ofOrdinal((int) (order >>> 56));
        }

        @Override
        public boolean isPending() {
            return !done;
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            (x, y) -> x.timeNs != y.timeNs ? Long.compare(x.timeNs, y.timeNs) : Long.compare(x.order, y.order));
    private long now;
    private long seq;
    private boolean stop;
    private long fired;

    @Override
    public long now() {
        return now;
    }

    @Override
    public EventHandle at(long timeNs, Tie tie, Runnable action) {
        Entry e = new Entry(timeNs, ((long) tie.ordinal() << 56) | seq++, action);
        queue.add(e);
        return e;
    }

    @Override
    public boolean cancel(EventHandle event) {
        Entry e = (Entry) event;
        if (e.done) {
            return false;
        }
        e.done = true;
        return queue.remove(e);
    }

    void stop() {
        stop = true;
    }

    long run() {
        stop = false;
        Entry e;
        while (!stop && (e = queue.poll()) != null) {
            now = e.timeNs;
            e.done = true;
            fired++;
            e.action.run();
        }
        return fired;
    }
}
