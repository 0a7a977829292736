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
 * Insert, remove-first and remove (cancel) are O(log n).
 *
 * <p>The heap orders slot numbers, not objects: each pending event sits in a fixed slot of
 * {@code pool} from push to poll, and sifting moves only {@code int}s and {@code long}s. A sift
 * therefore stores no references: with G1, every reference stored into a long-lived array pays
 * a card-marking barrier with a memory fence (in a profile of the cycle reference the sifts fell
 * from about a fifth of the run to about an eighth).
 * {@code position[slot]} gives the heap position of a slot (for cancel).
 *
 * <p>Taking the first event leaves the root empty until the next insert, which goes straight
 * into it (replace-top): an event that schedules another when it fires — most of a model's —
 * costs one sift instead of two.
 *
 * <p>Invariant: no entry's key is earlier than its parent's (position {@code i}'s parent is
 * {@code (i - 1) / 2}; a vacant root holds no entry). Keys are unique (the sequence number in the order), so the list pops
 * one sequence only, whatever its shape: any correct priority queue fires the same events in
 * the same order, and {@code EventHeapReferenceProperties} checks this one against
 * {@link java.util.PriorityQueue}, up to thousands of pending events.
 *
 * <p>Binary on purpose: 4- and 8-ary heaps, with the keys interleaved in one array so that a
 * node's children are contiguous or in the parallel arrays, were measured at the 64-box group's 4–8 thousand pending
 * events and spent more time in the list, not less (the list fits the processor's caches, so a
 * sift costs comparisons whose outcome is unpredictable, and a wider node needs more of them per
 * level than it saves in levels); see "Again at the 64-box group's size" in
 * {@code docs/performance.md}.
 *
 * <p>Events scheduled through DSOL's own API ({@code SimEvent}, {@code LambdaSimEvent}) are
 * wrapped on entry, so the list serves both the repsim scheduler and stock DSOL callers.
 */
final class EventHeap implements EventListInterface<Long> {
    private static final long serialVersionUID = 1L;

    /** Heap position → key and slot. */
    private long[] times = new long[64];
    private long[] orders = new long[64];
    private int[] slots = new int[64];
    /** Slot → event and heap position; free slots are stacked in {@code freeSlots}. */
    private KernelEvent[] pool = new KernelEvent[64];
    /** Slot → action of a posted event (one without a {@link KernelEvent}; its pool entry is null). */
    private Runnable[] actions = new Runnable[64];
    private int[] position = new int[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    /** Heap positions in use, the vacant root included (see {@link #vacant}). */
    private int size;
    /**
     * The root's event was taken ({@link #pollAction}) and its place left empty: the event being
     * fired usually schedules another, which then goes straight into the root and sifts down once
     * (a heap's replace-top) instead of the last entry sifting down and the new one sifting up.
     * Any other access first fills the root with the last entry ({@link #fillRoot}).
     */
    private boolean vacant;
    /** Sequence numbers for wrapped foreign events (the kernel numbers its own). */
    private long foreignSeq;
    /** Foreign events by identity, so DSOL's remove(event) can find their wrappers. */
    private final java.util.IdentityHashMap<SimEventInterface<Long>, KernelEvent> foreign =
            new java.util.IdentityHashMap<>();

    EventHeap() {
        for (int i = 0; i < 64; i++) {
            freeSlots[i] = 63 - i;
        }
        freeCount = 64;
    }

    /** Inserts an event created by the kernel. */
    void push(KernelEvent e) {
        int slot = takeSlot();
        pool[slot] = e;
        e.slot = slot;
        insert(slot, e.timeNs, e.order);
    }

    /**
     * Inserts a posted event: its key and action only, no {@link KernelEvent} (nobody can hold or
     * cancel it, so none is needed; one is made only if a DSOL list view asks for the event).
     */
    int post(long timeNs, long order, Runnable action) {
        int slot = takeSlot();
        actions[slot] = action;
        insert(slot, timeNs, order);
        return slot;
    }

    /**
     * The action of the posted event in {@code slot} if that event is pending with exactly the key
     * ({@code timeNs}, {@code order}) and no DSOL view made an event object of it; else null.
     */
    Runnable postedAction(int slot, long timeNs, long order) {
        if (slot < 0 || slot >= actions.length || pool[slot] != null) {
            return null;
        }
        Runnable a = actions[slot];
        if (a == null) {
            return null;
        }
        int i = position[slot];
        return times[i] == timeNs && orders[i] == order ? a : null;
    }

    /** Gives the posted event in {@code slot} (see {@link #postedAction}) another action; its place does not change. */
    void setPostedAction(int slot, Runnable action) {
        actions[slot] = action;
    }

    private void insert(int slot, long timeNs, long order) {
        if (vacant) {
            vacant = false;
            siftDown(0, slot, timeNs, order);
        } else {
            siftUp(size++, slot, timeNs, order);
        }
    }

    /** Ends a vacancy of the root: the last entry takes it and sifts down (a heap's remove-first). */
    private void fillRoot() {
        if (vacant) {
            vacant = false;
            int last = --size;
            if (last > 0) {
                siftDown(0, slots[last], times[last], orders[last]);
            }
        }
    }

    private int takeSlot() {
        if (freeCount == 0) {
            grow();
        }
        return freeSlots[--freeCount];
    }

    /** The earliest event, or null. */
    KernelEvent peek() {
        fillRoot();
        return size == 0 ? null : eventAt(slots[0]);
    }

    /** The event in {@code slot}, made for a posted one on first demand (DSOL list views). */
    private KernelEvent eventAt(int slot) {
        KernelEvent e = pool[slot];
        if (e == null) {
            int i = position[slot];
            e = new KernelEvent(times[i], orders[i], actions[slot]);
            e.slot = slot;
            pool[slot] = e;
            actions[slot] = null;
        }
        return e;
    }

    /**
     * Removes the first event and returns its action (the run loop's path: no event object is
     * made for a posted event). The first event's time is {@link #peekTimeNs()} before the call.
     */
    Runnable pollAction() {
        fillRoot();
        int slot = slots[0];
        KernelEvent e = pool[slot];
        Runnable action = e == null ? actions[slot] : e.action;
        free(slot);
        vacant = true; // filled by the next insert, or by the last entry on the next other access
        return action;
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTimeNs() {
        fillRoot();
        return times[0];
    }

    /** Removes and returns the earliest event, or null when empty. */
    KernelEvent poll() {
        fillRoot();
        if (size == 0) {
            return null;
        }
        KernelEvent first = eventAt(slots[0]);
        pollAction();
        return first;
    }

    /** Removes a pending event; false if it is not in the heap. */
    boolean delete(KernelEvent e) {
        fillRoot();
        int slot = e.slot;
        if (slot < 0 || slot >= pool.length || pool[slot] != e) {
            return false;
        }
        int i = position[slot];
        release(slot);
        int last = --size;
        if (i == last) {
            return true;
        }
        int moved = slots[last];
        siftDown(i, moved, times[last], orders[last]);
        if (slots[i] == moved) {
            siftUp(i, moved, times[i], orders[i]);
        }
        return true;
    }

    /** Frees the slot of a posted event or of an event object (marked as no longer pending). */
    private void free(int slot) {
        if (pool[slot] == null) {
            actions[slot] = null;
            freeSlots[freeCount++] = slot;
        } else {
            release(slot);
        }
    }

    /** Frees the slot and returns its event, marked as no longer pending. */
    private KernelEvent release(int slot) {
        KernelEvent e = pool[slot];
        pool[slot] = null;
        e.slot = -1;
        freeSlots[freeCount++] = slot;
        return e;
    }

    int count() {
        return vacant ? size - 1 : size;
    }

    private void siftUp(int i, int slot, long t, long o) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = times[parent];
            if (pt < t || (pt == t && orders[parent] < o)) {
                break;
            }
            place(i, slots[parent], pt, orders[parent]);
            i = parent;
        }
        place(i, slot, t, o);
    }

    private void siftDown(int i, int slot, long t, long o) {
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
            place(i, slots[child], ct, co);
            i = child;
        }
        place(i, slot, t, o);
    }

    private void place(int i, int slot, long t, long o) {
        slots[i] = slot;
        times[i] = t;
        orders[i] = o;
        position[slot] = i;
    }

    /** Doubles every array; the new slots go on the free stack. */
    private void grow() {
        int old = pool.length;
        int n = old * 2;
        times = Arrays.copyOf(times, n);
        orders = Arrays.copyOf(orders, n);
        slots = Arrays.copyOf(slots, n);
        pool = Arrays.copyOf(pool, n);
        actions = Arrays.copyOf(actions, n);
        position = Arrays.copyOf(position, n);
        freeSlots = Arrays.copyOf(freeSlots, n);
        for (int s = n - 1; s >= old; s--) {
            freeSlots[freeCount++] = s;
        }
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
        return e != null && e.isPending();
    }

    @Override
    public void clear() {
        fillRoot();
        while (size > 0) {
            free(slots[--size]);
        }
        foreign.clear();
    }

    @Override
    public boolean isEmpty() {
        return count() == 0;
    }

    @Override
    public Iterator<SimEventInterface<Long>> iterator() {
        fillRoot();
        List<SimEventInterface<Long>> snapshot = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            snapshot.add(eventAt(slots[i]));
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
        return count();
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
