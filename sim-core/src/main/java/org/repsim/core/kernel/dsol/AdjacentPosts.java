package org.repsim.core.kernel.dsol;

/**
 * A posted event joins the list entry of the last event posted for the same key — the same
 * instant and tie class — while that entry waits, with results identical to one entry each
 * (docs/performance.md, "Posts of one instant share an entry").
 *
 * <p>Why the results cannot change: events of one instant and tie class fire in the order they
 * were scheduled, so a post fires right after the last one posted before it for its key — every
 * other event of the key was scheduled earlier (and fires earlier) or will be scheduled later (and
 * fires later); events of other keys do not sort between the two. The joined entry runs its
 * actions in posting order at the first one's place, with one exception handled exactly: when an
 * action schedules an event at the current instant with an earlier tie class, that event would
 * have fired before the next joined action, so the entry goes back into the list at its own key
 * with the actions not yet run (the new event, sorting before it, fires first). The same happens
 * when the run is asked to stop, or when a caller steps one event at a time
 * ({@link DsolKernel#fireNext()} runs one action). An event scheduled with a handle
 * ({@link DsolKernel#at}) at a key ends the key's joining: later posts sort after it.
 *
 * <p>What the kernel reports is unchanged: {@link DsolKernel#eventsFired()} counts actions run,
 * {@link DsolKernel#pendingEvents()} actions waiting. A joined post costs no heap insertion and no
 * heap removal; in the reference scenarios such posts come from service completions of equal
 * length that started together (RAID phases of a batch of destages, adapters with a constant
 * overhead).
 *
 * <p>Invariants: the key table holds, per key it remembers, the last post of that key (so a key
 * lost to another of the same index only means no join); a batch is in the list at most once; its
 * actions run once each, in posting order; {@link #pendingJoined} is the sum over batches in the
 * list of (actions left − 1); a batch is back in the pool only when its last action is taken.
 */
final class AdjacentPosts {
    private final DsolKernel kernel;
    private final EventHeap heap;

    /**
     * The last post of each key (instant and tie class) in a direct-mapped table of primitives:
     * its time, its order (tie class and sequence number: unique) and its list slot; the list
     * itself holds its action, or the batch once a later post joined it. A key's entry is replaced
     * by each post of that key and cleared by an event of that key scheduled with a handle; an
     * entry lost to another key of the same index only means no join. No reference is stored
     * per post (a reference store into a long-lived array costs G1 a card-marking barrier).
     */
    private static final int KEYS = 1 << 10;
    private static final long NO_KEY = Long.MIN_VALUE;
    /** Per index: time and order of the key's last post, interleaved. */
    private final long[] keys = new long[2 * KEYS];
    private final int[] keySlot = new int[KEYS];

    private Batch[] idle = new Batch[8];
    private int idleCount;

    /** Joined actions not run yet, beyond one per batch in the list. */
    private int pendingJoined;
    /** Actions that joined another post's entry (a figure for developers). */
    private long joined;

    /** Batches put back with actions left (tests check the path is taken). */
    private long requeued;

    /** While a batch runs: its tie class; else −1. An earlier-class event at now pauses the batch. */
    private int fenceTie = -1;
    private boolean earlierScheduled;

    AdjacentPosts(DsolKernel kernel, EventHeap heap) {
        this.kernel = kernel;
        this.heap = heap;
        for (int i = 0; i < KEYS; i++) {
            keys[2 * i] = NO_KEY;
        }
    }

    private static int index(long timeNs, int tie) {
        long h = (timeNs + tie) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - 10));
    }

    /**
     * Posts an event of key ({@code timeNs}, tie class of {@code order}): joins the entry of the
     * last post of that key if {@code joinable} (the caller checked that {@code timeNs} is still to
     * come, so that entry has not fired) and there is one; else the event takes an entry of its
     * own and becomes its key's last post.
     */
    void post(long timeNs, long order, Runnable action, boolean joinable) {
        int i = index(timeNs, (int) (order >>> KernelEvent.SEQ_BITS));
        if (joinable && keys[2 * i] == timeNs && join(i, timeNs, order, action)) {
            return;
        }
        keys[2 * i] = timeNs;
        keys[2 * i + 1] = order;
        keySlot[i] = heap.post(timeNs, order, action);
    }

    /** Joins the action to the entry of index {@code i} if that entry's key is the post's; see {@link #post}. */
    private boolean join(int i, long timeNs, long order, Runnable action) {
        long lastOrder = keys[2 * i + 1];
        if ((lastOrder >>> KernelEvent.SEQ_BITS) != (order >>> KernelEvent.SEQ_BITS)) {
            return false;
        }
        int slot = keySlot[i];
        Runnable there = heap.postedAction(slot, timeNs, lastOrder);
        if (there == null) {
            return false; // the list was cleared under it: the post takes the key's entry over
        }
        Batch b;
        if (there instanceof Batch joinedBefore) {
            b = joinedBefore;
        } else {
            b = idleCount > 0 ? idle[--idleCount] : new Batch();
            b.start(timeNs, lastOrder, there);
            heap.setPostedAction(slot, b);
        }
        b.add(action);
        pendingJoined++;
        joined++;
        return true;
    }

    /** An event with a handle is scheduled at this key: later posts of the key sort after it, so none may join before it. */
    void scheduledWithHandle(long timeNs, int tieOrdinal) {
        int i = index(timeNs, tieOrdinal);
        if (keys[2 * i] == timeNs && (keys[2 * i + 1] >>> KernelEvent.SEQ_BITS) == tieOrdinal) {
            keys[2 * i] = NO_KEY;
        }
    }

    /** An event is being scheduled at {@code timeNs} with tie class {@code tieOrdinal}, now {@code nowNs}. */
    void scheduling(long timeNs, int tieOrdinal, long nowNs) {
        if (tieOrdinal < fenceTie && timeNs == nowNs) {
            earlierScheduled = true;
        }
    }

    /** An event is being scheduled through DSOL's own API while a batch may run: pause it, to be safe. */
    void schedulingForeign() {
        if (fenceTie >= 0) {
            earlierScheduled = true;
        }
    }

    int pendingJoined() {
        return pendingJoined;
    }

    long joined() {
        return joined;
    }

    long requeued() {
        return requeued;
    }

    /** The action a list entry runs first: its own, or a joined entry's next one (for the census). */
    static Runnable nextActionOf(Runnable entryAction) {
        return entryAction instanceof Batch b ? b.actions[b.next] : entryAction;
    }

    /** The actions of adjacent posts of one key, run at the first one's place in the list. */
    private final class Batch implements Runnable {
        private Runnable[] actions = new Runnable[4];
        private int size;
        private int next;
        private long timeNs;
        private long order;

        void start(long time, long firstOrder, Runnable first) {
            timeNs = time;
            order = firstOrder;
            size = 0;
            next = 0;
            add(first);
        }

        void add(Runnable action) {
            if (size == actions.length) {
                actions = java.util.Arrays.copyOf(actions, size * 2);
            }
            actions[size++] = action;
        }

        void clear() {
            java.util.Arrays.fill(actions, 0, size, null);
            size = 0;
            next = 0;
        }

        @Override
        public void run() {
            pendingJoined -= size - next - 1;
            int tie = (int) (order >>> KernelEvent.SEQ_BITS);
            fenceTie = tie;
            earlierScheduled = false;
            boolean first = true;
            try {
                while (true) {
                    Runnable a = actions[next];
                    actions[next++] = null;
                    if (!first) {
                        kernel.firedJoined(timeNs, a);
                    }
                    first = false;
                    if (next == size) {
                        // the last action: the batch is free before it runs (it may post and join)
                        size = 0;
                        next = 0;
                        if (idleCount == idle.length) {
                            idle = java.util.Arrays.copyOf(idle, idleCount * 2);
                        }
                        idle[idleCount++] = this;
                        fenceTie = -1;
                        a.run();
                        return;
                    }
                    a.run();
                    if (earlierScheduled || kernel.pauseRequested()) {
                        // the rest goes back at its own key: what was scheduled before it fires first
                        pendingJoined += size - next - 1;
                        requeued++;
                        heap.post(timeNs, order, this);
                        return;
                    }
                }
            } finally {
                fenceTie = -1;
            }
        }
    }
}
