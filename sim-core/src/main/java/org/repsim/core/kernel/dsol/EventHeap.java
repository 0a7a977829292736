package org.repsim.core.kernel.dsol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import org.repsim.core.kernel.Tie;

/**
 * DSOL event list keyed on primitive time: an indexed binary min-heap.
 *
 * <p>Keys (time, then packed tie class and sequence number) are kept in parallel {@code long}
 * arrays beside the entries, so sifting compares primitives without following pointers.
 * Insert, remove-first and remove (cancel) are O(log n); each entry knows its position.
 *
 * <p>Events scheduled through DSOL's own API ({@code SimEvent}, {@code LambdaSimEvent}) are
 * wrapped on entry, so the list serves both the repsim scheduler and stock DSOL callers.
 */
final class EventHeap implements EventListInterface<Long> {
    private static final long serialVersionUID = 1L;

    private long[] times = new long[64];
    private long[] orders = new long[64];
    private KernelEvent[] events = new KernelEvent[64];
    private int size;
    /** Sequence numbers for wrapped foreign events (the kernel numbers its own). */
    private long foreignSeq;
    /** Foreign events by identity, so DSOL's remove(event) can find their wrappers. */
    private final java.util.IdentityHashMap<SimEventInterface<Long>, KernelEvent> foreign =
            new java.util.IdentityHashMap<>();

    /** Inserts an event created by the kernel. */
    void push(KernelEvent e) {
        if (size == events.length) {
            grow();
        }
        siftUp(size++, e);
    }

    /** The earliest event, or null. */
    KernelEvent peek() {
        return size == 0 ? null : events[0];
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTimeNs() {
        return times[0];
    }

    /** Removes and returns the earliest event, or null when empty. */
    KernelEvent poll() {
        if (size == 0) {
            return null;
        }
        KernelEvent first = events[0];
        first.index = -1;
        int last = --size;
        if (last > 0) {
            KernelEvent moved = events[last];
            events[last] = null;
            siftDown(0, moved, times[last], orders[last]);
        } else {
            events[0] = null;
        }
        return first;
    }

    /** Removes a pending event; false if it is not in the heap. */
    boolean delete(KernelEvent e) {
        int i = e.index;
        if (i < 0 || i >= size || events[i] != e) {
            return false;
        }
        e.index = -1;
        int last = --size;
        if (i == last) {
            events[last] = null;
            return true;
        }
        KernelEvent moved = events[last];
        long movedTime = times[last];
        long movedOrder = orders[last];
        events[last] = null;
        siftDown(i, moved, movedTime, movedOrder);
        if (events[i] == moved) {
            siftUp(i, moved);
        }
        return true;
    }

    int count() {
        return size;
    }

    private void siftUp(int i, KernelEvent e) {
        long t = e.timeNs;
        long o = e.order;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = times[parent];
            if (pt < t || (pt == t && orders[parent] < o)) {
                break;
            }
            place(i, events[parent], pt, orders[parent]);
            i = parent;
        }
        place(i, e, t, o);
    }

    private void siftDown(int i, KernelEvent e, long t, long o) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            long ct = times[child];
            long co = orders[child];
            if (right < size) {
                long rt = times[right];
                long ro = orders[right];
                if (rt < ct || (rt == ct && ro < co)) {
                    child = right;
                    ct = rt;
                    co = ro;
                }
            }
            if (t < ct || (t == ct && o < co)) {
                break;
            }
            place(i, events[child], ct, co);
            i = child;
        }
        place(i, e, t, o);
    }

    private void place(int i, KernelEvent e, long t, long o) {
        events[i] = e;
        times[i] = t;
        orders[i] = o;
        e.index = i;
    }

    private void grow() {
        int n = events.length * 2;
        events = Arrays.copyOf(events, n);
        times = Arrays.copyOf(times, n);
        orders = Arrays.copyOf(orders, n);
    }

    // ---- DSOL EventListInterface: used by stock DSOL callers, not by the fast loop ----

    @Override
    public void add(SimEventInterface<Long> event) {
        if (event instanceof KernelEvent) {
            push((KernelEvent) event);
            return;
        }
        // DSOL priority: higher runs first. Map MAX..MIN onto CONTROL..OBSERVE-ish by clamping.
        int tie = Math.max(0, Math.min(Tie.OBSERVE.ordinal(), SimEventInterface.MAX_PRIORITY - event.getPriority()));
        KernelEvent wrapper = new KernelEvent(event.getAbsoluteExecutionTime(),
                KernelEvent.order(Tie.ofOrdinal(tie), foreignSeq++ | (1L << 55)), () -> {
                    foreign.remove(event);
                    event.execute();
                });
        foreign.put(event, wrapper);
        push(wrapper);
    }

    @Override
    public boolean contains(SimEventInterface<Long> event) {
        KernelEvent e = event instanceof KernelEvent ? (KernelEvent) event : foreign.get(event);
        return e != null && e.index >= 0;
    }

    @Override
    public void clear() {
        for (int i = 0; i < size; i++) {
            events[i].index = -1;
            events[i] = null;
        }
        size = 0;
        foreign.clear();
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Iterator<SimEventInterface<Long>> iterator() {
        List<SimEventInterface<Long>> snapshot = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            snapshot.add(events[i]);
        }
        return snapshot.iterator();
    }

    @Override
    public boolean remove(SimEventInterface<Long> event) {
        KernelEvent e = event instanceof KernelEvent ? (KernelEvent) event : foreign.remove(event);
        return e != null && delete(e);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public SimEventInterface<Long> first() {
        return peek();
    }

    @Override
    public SimEventInterface<Long> removeFirst() {
        return poll();
    }
}
