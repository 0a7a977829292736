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
 * {@code position[slot]} is its place (its entry in the chunk pool, or its index in bucket 0), for
 * cancel: removal from a bucket swaps in the bucket's last entry, from bucket 0 re-sifts its heap.
 *
 * <p>The buckets draw fixed chunks of entries from one pool and give each back as soon as it is
 * emptied, so their room follows the events pending, at most twice what the buckets ever held at
 * once plus a part-filled chunk per bucket. (Buckets of their own, each keeping the largest room
 * it ever needed, held room for millions of entries in a 64-box group that never had more than
 * 65,536 events pending: "The buckets' room" in {@code docs/performance.md}.)
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
    /** Entries per chunk of a bucket (a power of two): 16 times fill two cache lines, 16 slots one. */
    private static final int CHUNK_SHIFT = 4;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK - 1;
    static final int INITIAL_CHUNKS = 16;
    private static final int NONE = -1;
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
    /**
     * Buckets by level and digit value ({@code level × VALUES + value}), unordered. A bucket is a
     * stack of chunks of {@link #CHUNK} entries taken from one pool shared by all buckets: its top
     * chunk (where the next entry goes; {@link #NONE} while empty) and its size; every chunk below
     * the top is full. An entry is named by its index in the pool ({@code chunk × CHUNK + offset}).
     */
    private final int[] bucketTop = new int[BUCKETS];
    private final int[] bucketSize = new int[BUCKETS];
    /** The chunk pool: each entry's time and slot; per chunk, the next chunk down its bucket's stack or on the free list. */
    private long[] entryTimes = new long[INITIAL_CHUNKS << CHUNK_SHIFT];
    private int[] entrySlots = new int[INITIAL_CHUNKS << CHUNK_SHIFT];
    private int[] chunkNext = new int[INITIAL_CHUNKS];
    /** The free chunks, last freed first (its lines are likely still in the cache); {@link #NONE} when all are in use. */
    private int freeChunk = NONE;
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
        Arrays.fill(bucketTop, NONE);
        freeAllChunks();
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
        int offset = n & CHUNK_MASK;
        int chunk;
        if (offset == 0) {
            // the top chunk is full (or there is none): a new one goes on the bucket's stack
            chunk = takeChunk();
            chunkNext[chunk] = bucketTop[b];
            bucketTop[b] = chunk;
        } else {
            chunk = bucketTop[b];
        }
        int entry = (chunk << CHUNK_SHIFT) | offset;
        entryTimes[entry] = timeNs;
        entrySlots[entry] = slot;
        bucketSize[b] = n + 1;
        position[slot] = entry;
        if (n == 0) {
            occupied[b >>> 6] |= 1L << b;
            occupiedWords |= 1L << (b >>> 6);
        }
    }

    private int takeChunk() {
        if (freeChunk == NONE) {
            growChunks();
        }
        int chunk = freeChunk;
        freeChunk = chunkNext[chunk];
        return chunk;
    }

    private void giveChunk(int chunk) {
        chunkNext[chunk] = freeChunk;
        freeChunk = chunk;
    }

    /** All chunks in use: the pool doubles (so its room is at most twice the most ever in use). */
    private void growChunks() {
        int old = chunkNext.length;
        int n = 2 * old;
        entryTimes = Arrays.copyOf(entryTimes, n << CHUNK_SHIFT);
        entrySlots = Arrays.copyOf(entrySlots, n << CHUNK_SHIFT);
        chunkNext = Arrays.copyOf(chunkNext, n);
        for (int c = n - 1; c >= old; c--) {
            giveChunk(c);
        }
    }

    /** Every chunk on the free list (the buckets are empty or forgotten). */
    private void freeAllChunks() {
        freeChunk = NONE;
        for (int c = chunkNext.length - 1; c >= 0; c--) {
            giveChunk(c);
        }
    }

    /** Entries in a bucket's top chunk when it holds {@code n ≥ 1}. */
    private static int topCount(int n) {
        return ((n - 1) & CHUNK_MASK) + 1;
    }

    /** Empties bucket {@code b} of the index (its chunks stay the caller's to read and give back). */
    private void detach(int b) {
        bucketSize[b] = 0;
        bucketTop[b] = NONE;
        markEmpty(b);
    }

    /**
     * Bucket 0 is empty: the earliest time of the lowest non-empty bucket becomes the floor and
     * that bucket's events go down to lower buckets (bucket 0 among them). Only with events pending.
     */
    private void refill() {
        int b = lowestBucket();
        int n = bucketSize[b];
        int top = bucketTop[b];
        detach(b);
        if (n == 1) {
            // the usual case while few events are pending: it is the first, straight to bucket 0
            int entry = top << CHUNK_SHIFT;
            floor = entryTimes[entry];
            int slot = entrySlots[entry];
            giveChunk(top);
            zeroSize = 1;
            zeroPlace(0, slot, floor, slotOrders[slot]);
            return;
        }
        long[] times = entryTimes;
        long earliest = Long.MAX_VALUE;
        for (int c = top, count = topCount(n); c != NONE; c = chunkNext[c], count = CHUNK) {
            for (int e = c << CHUNK_SHIFT, end = e + count; e < end; e++) {
                long t = times[e];
                if (t < earliest) {
                    earliest = t;
                }
            }
        }
        floor = earliest;
        // every event of bucket b shares the new floor's digits from the bucket's level up: each goes
        // lower; a chunk goes back to the pool once read (filing may take it again at once)
        for (int c = top, count = topCount(n); c != NONE; count = CHUNK) {
            for (int e = c << CHUNK_SHIFT, end = e + count; e < end; e++) {
                file(entrySlots[e], entryTimes[e]);
            }
            int next = chunkNext[c];
            giveChunk(c);
            c = next;
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
            int n = bucketSize[b];
            int top = bucketTop[b];
            detach(b);
            for (int c = top, count = topCount(n); c != NONE; count = CHUNK) {
                for (int e = c << CHUNK_SHIFT, end = e + count; e < end; e++) {
                    int slot = entrySlots[e];
                    zeroPush(slot, entryTimes[e], slotOrders[slot]);
                }
                int next = chunkNext[c];
                giveChunk(c);
                c = next;
            }
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
        Arrays.fill(bucketTop, NONE);
        Arrays.fill(occupied, 0);
        occupiedWords = 0;
        freeAllChunks();
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

    /**
     * Removes pool entry {@code entry} of bucket {@code b ≥ 1}: the bucket's last entry takes its
     * place, and a top chunk left empty goes back to the pool.
     */
    private void bucketRemoveAt(int b, int entry) {
        int last = --bucketSize[b];
        int top = bucketTop[b];
        int lastEntry = (top << CHUNK_SHIFT) | (last & CHUNK_MASK);
        if (entry != lastEntry) {
            int moved = entrySlots[lastEntry];
            entrySlots[entry] = moved;
            entryTimes[entry] = entryTimes[lastEntry];
            position[moved] = entry;
        }
        if ((last & CHUNK_MASK) == 0) {
            bucketTop[b] = chunkNext[top];
            giveChunk(top);
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
            int size = bucketSize[b];
            if (size == 0) {
                continue;
            }
            for (int c = bucketTop[b], count = topCount(size); c != NONE; c = chunkNext[c], count = CHUNK) {
                for (int e = c << CHUNK_SHIFT, end = e + count; e < end; e++) {
                    all[n++] = entrySlots[e];
                }
            }
        }
        return all;
    }

    /** Room for entries in the buckets' chunk pool (in use or free): a figure for tests and benchmarks. */
    int bucketRoom() {
        return chunkNext.length << CHUNK_SHIFT;
    }

    /** Buckets other than bucket 0 now holding an event. */
    int bucketsOccupied() {
        int n = 0;
        for (long w : occupied) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /**
     * Checks the chunk pool's bookkeeping (for tests): every chunk is on exactly one bucket's
     * stack or on the free list, and each bucket's stack holds exactly the chunks its size needs.
     */
    void checkChunks() {
        int chunks = chunkNext.length;
        boolean[] seen = new boolean[chunks];
        for (int b = 0; b < BUCKETS; b++) {
            int size = bucketSize[b];
            boolean marked = (occupied[b >>> 6] & (1L << b)) != 0;
            if (marked != (size > 0)) {
                throw new IllegalStateException("bucket " + b + " holds " + size + " but is marked " + marked);
            }
            int stack = 0;
            for (int c = bucketTop[b]; c != NONE; c = chunkNext[c]) {
                if (seen[c]) {
                    throw new IllegalStateException("chunk " + c + " is in two places");
                }
                seen[c] = true;
                stack++;
            }
            if (stack != (size + CHUNK_MASK) >>> CHUNK_SHIFT) {
                throw new IllegalStateException("bucket " + b + " holds " + size + " in " + stack + " chunks");
            }
        }
        for (int c = freeChunk; c != NONE; c = chunkNext[c]) {
            if (seen[c]) {
                throw new IllegalStateException("chunk " + c + " is free and in use");
            }
            seen[c] = true;
        }
        for (int c = 0; c < chunks; c++) {
            if (!seen[c]) {
                throw new IllegalStateException("chunk " + c + " is lost");
            }
        }
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
