package org.repsim.core.kernel.dsol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import org.repsim.core.kernel.Tie;

/**
 * DSOL event list keyed on primitive time: a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990)
 * with exact ties.
 *
 * <p>The key of an event is its time, then its order (tie class and sequence number packed in one
 * {@code long}); keys are unique, so the list pops one sequence only, whatever its shape: any
 * correct priority queue fires the same events in the same order, and
 * {@code EventHeapReferenceProperties} checks this one against {@link java.util.PriorityQueue}, up
 * to thousands of pending events.
 *
 * <p>How it works: the list keeps a floor, a time no later than any pending event's. An event
 * whose time equals the floor waits in bucket 0, a small binary heap; any other in the bucket
 * named by the highest byte in which its time differs from the floor and by its value there,
 * unordered. Taking the first event takes bucket 0's first; when bucket 0 is empty, the lowest
 * non-empty bucket is scanned for its earliest time, which becomes the floor, and its events go
 * down to lower buckets (they all differ from the new floor in lower bytes only). An insert is an
 * exclusive-or, a count of leading zeros and an append: no comparisons, and an event moves down
 * at most eight times in its life (a few in practice) instead of sifting through the levels of a
 * comparison heap, whose comparisons of two-{@code long} keys have unpredictable outcomes (the
 * cost that 4- and 8-ary heaps could not remove; see "An event list without comparisons" in
 * {@code docs/performance.md}). Bucket 0 holds the events of one instant, usually one.
 *
 * <p>A handful of events is cheaper in one binary heap than in buckets (an M/M/1 queue keeps one
 * or two): up to {@link #RADIX_ABOVE} pending events all stay in bucket 0, a binary heap on
 * (time, order); above that they are filed in buckets, and below {@link #HEAP_BELOW} they go
 * back to the one heap.
 *
 * <p>The simulator never schedules before its clock and the clock never passes the first pending
 * event, so inserts are almost always at or after the floor. One that is not (after a run stopped
 * short of the next event, the clock stays before it, and a caller may then schedule in between)
 * lowers the floor and re-files every pending event: correct, and rare.
 *
 * <p>A pending event sits in a fixed slot of {@code pool} from insert to removal; buckets hold
 * slot numbers and times, never references (a reference stored into a long-lived array pays a
 * card-marking barrier). A slot's bucket follows from its time and the floor (every bucket below
 * the one a refill empties is empty then, so no event is ever left above its place), and
 * {@code position[slot]} is its place in the bucket, for cancel: removal from a bucket swaps in
 * the bucket's last entry, from bucket 0 re-sifts its heap.
 *
 * <p>Events scheduled through DSOL's own API ({@code SimEvent}, {@code LambdaSimEvent}) are
 * wrapped on entry, so the list serves both the repsim scheduler and stock DSOL callers.
 */
final class EventHeap implements EventListInterface<Long> {
    private static final long serialVersionUID = 1L;
    /**
     * Bits of a time per digit: a bucket per level (digit position) and digit value. Bytes: an
     * event moves down at most eight levels, and in replays of the reference scenarios' event
     * sequences bytes beat 1-, 2- and 4-bit digits (see docs/performance.md, "An event list
     * without comparisons").
     */
    private static final int DIGIT_SHIFT = 3;
    private static final int DIGIT_BITS = 1 << DIGIT_SHIFT;
    private static final int VALUES = 1 << DIGIT_BITS;
    private static final int LEVELS = 64 / DIGIT_BITS;
    private static final int BUCKETS = LEVELS * VALUES;
    private static final int INITIAL_BUCKET = 16;
    /** Above this many pending events the list files them in buckets; below {@link #HEAP_BELOW} it goes back to one binary heap. */
    private static final int RADIX_ABOVE = 32;
    private static final int HEAP_BELOW = 8;

    /** Slot → event object (null for a posted event), action of a posted event, key, place. */
    private KernelEvent[] pool = new KernelEvent[64];
    private Runnable[] actions = new Runnable[64];
    private long[] slotTimes = new long[64];
    private long[] slotOrders = new long[64];
    private int[] position = new int[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    /** Pending events. */
    private int size;

    /** Whether the events are filed in buckets (else they are all in bucket 0, one binary heap). */
    private boolean radix;
    /** Filed in buckets: no pending event is earlier; bucket 0 holds the events at exactly this time. */
    private long floor;
    /** Time of the last event taken (0 before the first): no later insert comes before it, in a simulation. */
    private long lastTaken;
    /** Bucket 0: a binary min-heap on (time, order); filed in buckets, all its times equal the floor. */
    private long[] zeroTimes = new long[INITIAL_BUCKET];
    private long[] zeroOrders = new long[INITIAL_BUCKET];
    private int[] zeroSlots = new int[INITIAL_BUCKET];
    private int zeroSize;
    /** Buckets by level and digit value ({@code level × VALUES + value}), unordered: times and slots side by side, and their sizes. */
    private final long[][] bucketTimes = new long[BUCKETS][];
    private final int[][] bucketSlots = new int[BUCKETS][];
    private final int[] bucketSize = new int[BUCKETS];
    /** Bit {@code b % 64} of word {@code b / 64} set while bucket {@code b} holds an event; bit w of {@code occupiedWords} while word w is not 0. */
    private final long[] occupied = new long[(BUCKETS + 63) / 64];
    private long occupiedWords;
    /** Inserts before the floor so far (each re-filed every pending event): a figure for tests. */
    private long floorsLowered;

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
        return slotTimes[slot] == timeNs && slotOrders[slot] == order ? a : null;
    }

    /** Gives the posted event in {@code slot} (see {@link #postedAction}) another action; its place does not change. */
    void setPostedAction(int slot, Runnable action) {
        actions[slot] = action;
    }

    private void insert(int slot, long timeNs, long order) {
        slotTimes[slot] = timeNs;
        slotOrders[slot] = order;
        if (!radix) {
            zeroPush(slot, timeNs, order);
            if (++size > RADIX_ABOVE) {
                toBuckets();
            }
            return;
        }
        if (timeNs < floor) {
            lowerFloor(timeNs);
        }
        file(slot, timeNs);
        size++;
    }

    /**
     * The bucket of a time other than the floor's: the level is the highest digit in which it
     * differs from the floor, the value its digit there (times compared as unsigned numbers with
     * the sign bit flipped, which orders them as signed ones).
     */
    private static int bucketIndex(long timeNs, long differ) {
        int level = (63 - Long.numberOfLeadingZeros(differ)) >>> DIGIT_SHIFT;
        int value = (int) ((timeNs ^ Long.MIN_VALUE) >>> (level * DIGIT_BITS)) & (VALUES - 1);
        return level * VALUES + value;
    }

    /** Puts a slot whose time is at or after the floor into its bucket. */
    private void file(int slot, long timeNs) {
        long differ = timeNs ^ floor;
        if (differ == 0) {
            zeroPush(slot, timeNs, slotOrders[slot]);
        } else {
            append(bucketIndex(timeNs, differ), slot, timeNs);
        }
    }

    private void append(int b, int slot, long timeNs) {
        int n = bucketSize[b];
        long[] times = bucketTimes[b];
        if (times == null) {
            times = bucketTimes[b] = new long[INITIAL_BUCKET];
            bucketSlots[b] = new int[INITIAL_BUCKET];
        } else if (n == times.length) {
            times = bucketTimes[b] = Arrays.copyOf(times, 2 * n);
            bucketSlots[b] = Arrays.copyOf(bucketSlots[b], 2 * n);
        }
        times[n] = timeNs;
        bucketSlots[b][n] = slot;
        bucketSize[b] = n + 1;
        position[slot] = n;
        if (n == 0) {
            occupied[b >>> 6] |= 1L << b;
            occupiedWords |= 1L << (b >>> 6);
        }
    }

    /**
     * Bucket 0 is empty: the earliest time of the lowest non-empty bucket becomes the floor and
     * that bucket's events go down to lower buckets (bucket 0 among them). Only with events pending.
     */
    private void refill() {
        int b = lowestBucket();
        int n = bucketSize[b];
        long[] times = bucketTimes[b];
        int[] slots = bucketSlots[b];
        bucketSize[b] = 0;
        markEmpty(b);
        if (n == 1) {
            // the usual case while few events are pending: it is the first, straight to bucket 0
            floor = times[0];
            int slot = slots[0];
            zeroSize = 1;
            zeroPlace(0, slot, floor, slotOrders[slot]);
            return;
        }
        long earliest = times[0];
        for (int i = 1; i < n; i++) {
            long t = times[i];
            if (t < earliest) {
                earliest = t;
            }
        }
        floor = earliest;
        // every event of bucket b shares the new floor's digits from the bucket's level up: each goes lower
        for (int i = 0; i < n; i++) {
            file(slots[i], times[i]);
        }
    }

    /** The lowest bucket holding an event; only while one does. */
    private int lowestBucket() {
        int w = Long.numberOfTrailingZeros(occupiedWords);
        return w * 64 + Long.numberOfTrailingZeros(occupied[w]);
    }

    /**
     * More than {@link #RADIX_ABOVE} events: file them in buckets, from a floor no later than any
     * of them nor than the last event taken (so that a simulation's inserts come at or after it).
     */
    private void toBuckets() {
        radix = true;
        floor = Math.min(lastTaken, zeroTimes[0]);
        int n = zeroSize;
        int[] slots = Arrays.copyOf(zeroSlots, n);
        zeroSize = 0;
        for (int i = 0; i < n; i++) {
            file(slots[i], slotTimes[slots[i]]);
        }
    }

    /** Fewer than {@link #HEAP_BELOW} events: all into bucket 0, one binary heap on (time, order). */
    private void toHeap() {
        radix = false;
        while (occupiedWords != 0) {
            int b = lowestBucket();
            int[] slots = bucketSlots[b];
            long[] times = bucketTimes[b];
            for (int i = 0; i < bucketSize[b]; i++) {
                zeroPush(slots[i], times[i], slotOrders[slots[i]]);
            }
            bucketSize[b] = 0;
            markEmpty(b);
        }
    }

    /** An insert before the floor: the floor drops to its time and every pending event is re-filed. */
    private void lowerFloor(long timeNs) {
        floorsLowered++;
        int[] all = pendingSlots();
        emptyBuckets();
        floor = timeNs;
        for (int slot : all) {
            file(slot, slotTimes[slot]);
        }
    }

    /** Forgets where every event is (bucket 0 and the buckets empty); the slots are the caller's. */
    private void emptyBuckets() {
        zeroSize = 0;
        Arrays.fill(bucketSize, 0);
        Arrays.fill(occupied, 0);
        occupiedWords = 0;
    }

    private void zeroPush(int slot, long time, long order) {
        int i = zeroSize++;
        if (i == zeroOrders.length) {
            zeroTimes = Arrays.copyOf(zeroTimes, 2 * i);
            zeroOrders = Arrays.copyOf(zeroOrders, 2 * i);
            zeroSlots = Arrays.copyOf(zeroSlots, 2 * i);
        }
        zeroSiftUp(i, slot, time, order);
    }

    private void zeroSiftUp(int i, int slot, long time, long order) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = zeroTimes[parent];
            long po = zeroOrders[parent];
            if (earlier(pt, po, time, order)) {
                break;
            }
            zeroPlace(i, zeroSlots[parent], pt, po);
            i = parent;
        }
        zeroPlace(i, slot, time, order);
    }

    private void zeroSiftDown(int i, int slot, long time, long order) {
        int half = zeroSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long ct = zeroTimes[child];
            long co = zeroOrders[child];
            int right = child + 1;
            if (right < zeroSize) {
                long rt = zeroTimes[right];
                long ro = zeroOrders[right];
                if (earlier(rt, ro, ct, co)) {
                    child = right;
                    ct = rt;
                    co = ro;
                }
            }
            if (earlier(time, order, ct, co)) {
                break;
            }
            zeroPlace(i, zeroSlots[child], ct, co);
            i = child;
        }
        zeroPlace(i, slot, time, order);
    }

    /** Whether key (t1, o1) comes before key (t2, o2): time first, then order. */
    private static boolean earlier(long t1, long o1, long t2, long o2) {
        return t1 < t2 || (t1 == t2 && o1 < o2);
    }

    private void zeroPlace(int i, int slot, long time, long order) {
        zeroSlots[i] = slot;
        zeroTimes[i] = time;
        zeroOrders[i] = order;
        position[slot] = i;
    }

    /** Removes the entry at position {@code i} of bucket 0. */
    private void zeroRemoveAt(int i) {
        int last = --zeroSize;
        if (i == last) {
            return;
        }
        int moved = zeroSlots[last];
        long time = zeroTimes[last];
        long order = zeroOrders[last];
        zeroSiftDown(i, moved, time, order);
        if (zeroSlots[i] == moved) {
            zeroSiftUp(i, moved, time, order);
        }
    }

    /** Removes the entry at position {@code i} of bucket {@code b ≥ 1}: the bucket's last takes its place. */
    private void bucketRemoveAt(int b, int i) {
        int last = --bucketSize[b];
        if (i != last) {
            int moved = bucketSlots[b][last];
            bucketSlots[b][i] = moved;
            bucketTimes[b][i] = bucketTimes[b][last];
            position[moved] = i;
        }
        if (last == 0) {
            markEmpty(b);
        }
    }

    private void markEmpty(int b) {
        int w = b >>> 6;
        if ((occupied[w] &= ~(1L << b)) == 0) {
            occupiedWords &= ~(1L << w);
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
        if (size == 0) {
            return null;
        }
        if (zeroSize == 0) {
            refill();
        }
        return eventAt(zeroSlots[0]);
    }

    /** The event in {@code slot}, made for a posted one on first demand (DSOL list views). */
    private KernelEvent eventAt(int slot) {
        KernelEvent e = pool[slot];
        if (e == null) {
            e = new KernelEvent(slotTimes[slot], slotOrders[slot], actions[slot]);
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
        if (zeroSize == 0) {
            refill();
        }
        int slot = zeroSlots[0];
        lastTaken = zeroTimes[0];
        zeroRemoveAt(0);
        if (--size < HEAP_BELOW && radix) {
            toHeap();
        }
        KernelEvent e = pool[slot];
        Runnable action = e == null ? actions[slot] : e.action;
        free(slot);
        return action;
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTimeNs() {
        if (zeroSize == 0) {
            refill();
        }
        return zeroTimes[0];
    }

    /** Removes and returns the earliest event, or null when empty. */
    KernelEvent poll() {
        if (size == 0) {
            return null;
        }
        KernelEvent first = peek();
        pollAction();
        return first;
    }

    /** Removes a pending event; false if it is not in the list. */
    boolean delete(KernelEvent e) {
        int slot = e.slot;
        if (slot < 0 || slot >= pool.length || pool[slot] != e) {
            return false;
        }
        long t = slotTimes[slot];
        if (!radix || t == floor) {
            zeroRemoveAt(position[slot]);
        } else {
            bucketRemoveAt(bucketIndex(t, t ^ floor), position[slot]);
        }
        if (--size < HEAP_BELOW && radix) {
            toHeap();
        }
        release(slot);
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
        return size;
    }

    /** How many inserts came before the floor (the slow path that re-files every pending event). */
    long floorsLowered() {
        return floorsLowered;
    }

    /** Every pending slot: bucket 0's, then each bucket's in turn. */
    private int[] pendingSlots() {
        int[] all = new int[size];
        int n = 0;
        for (int i = 0; i < zeroSize; i++) {
            all[n++] = zeroSlots[i];
        }
        for (int b = 0; b < BUCKETS; b++) {
            int[] slots = bucketSlots[b];
            for (int i = 0; i < bucketSize[b]; i++) {
                all[n++] = slots[i];
            }
        }
        return all;
    }

    /** Doubles every slot array; the new slots go on the free stack. */
    private void grow() {
        int old = pool.length;
        int n = old * 2;
        pool = Arrays.copyOf(pool, n);
        actions = Arrays.copyOf(actions, n);
        slotTimes = Arrays.copyOf(slotTimes, n);
        slotOrders = Arrays.copyOf(slotOrders, n);
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
        for (int slot : pendingSlots()) {
            free(slot);
        }
        size = 0;
        emptyBuckets();
        radix = false;
        foreign.clear();
    }

    @Override
    public boolean isEmpty() {
        return count() == 0;
    }

    @Override
    public Iterator<SimEventInterface<Long>> iterator() {
        List<SimEventInterface<Long>> snapshot = new ArrayList<>(size);
        for (int slot : pendingSlots()) {
            snapshot.add(eventAt(slot));
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
