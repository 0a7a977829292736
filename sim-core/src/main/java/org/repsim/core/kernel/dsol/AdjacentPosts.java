package org.repsim.core.kernel.dsol;

/**
 * Posted events that follow each other with the same key share one entry of the event list, with
 * results identical to one entry each (docs/performance.md, "Adjacent posts share an entry").
 *
 * <p>The rule: a {@link DsolKernel#post post} for the same instant and tie class as the post just
 * before it — nothing scheduled in between, that instant still to come — joins that post's entry.
 * Events of one instant and tie class fire in the order they were scheduled, so the two would have
 * fired one right after the other: nothing can sort between them (an event scheduled later of the
 * same class sorts after both). The joined entry runs its actions in posting order at the first
 * one's place, with one exception handled exactly: when an action schedules an event at the
 * current instant with an earlier tie class, that event would have fired before the next joined
 * action, so the entry goes back into the list at its own key with the actions not yet run (the
 * new event, sorting before it, fires first). The same happens when the run is asked to stop, or
 * when a caller steps one event at a time ({@link DsolKernel#fireNext()} runs one action).
 *
 * <p>What the kernel reports is unchanged: {@link DsolKernel#eventsFired()} counts actions run,
 * {@link DsolKernel#pendingEvents()} actions waiting. A joined post costs no heap insertion and no
 * heap removal; in the reference scenarios such pairs come from service completions of equal
 * length that started together (RAID phases, adapters with a constant overhead).
 *
 * <p>Invariants: a batch is in the list at most once; its actions run once each, in posting order;
 * {@link #pendingJoined} is the sum over batches in the list of (actions left − 1); a batch is
 * back in the pool only when its last action is taken.
 */
final class AdjacentPosts {
    private final DsolKernel kernel;
    private final EventHeap heap;

    /** The post just before: its key, sequence number, list slot and action (or batch). */
    private long lastTimeNs = Long.MIN_VALUE;
    private long lastOrder;
    private long lastSeq = Long.MIN_VALUE;
    private int lastSlot = -1;
    private Runnable lastAction;
    /** The batch in {@link #lastSlot}, once the last post was joined. */
    private Batch lastBatch;

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
    }

    /**
     * Joins a post of key ({@code timeNs}, {@code order}) and sequence number {@code seq} to the
     * entry of the post before if the rule allows; the caller checked that {@code timeNs} is
     * still to come. Returns false when the post must take an entry of its own.
     */
    boolean tryJoin(long timeNs, long order, long seq, Runnable action) {
        if (timeNs != lastTimeNs || seq != lastSeq + 1
                || (order >>> KernelEvent.SEQ_BITS) != (lastOrder >>> KernelEvent.SEQ_BITS)) {
            return false;
        }
        Batch b = lastBatch;
        if (b == null) {
            b = idleCount > 0 ? idle[--idleCount] : new Batch();
            b.start(timeNs, lastOrder, lastAction);
            if (!heap.replaceAction(lastSlot, lastAction, b)) {
                b.clear();
                idle[idleCount++] = b;
                return false;
            }
            lastBatch = b;
        } else if (!heap.replaceAction(lastSlot, b, b)) {
            return false; // the list was cleared under it
        }
        b.add(action);
        pendingJoined++;
        joined++;
        lastSeq = seq;
        return true;
    }

    /** Records a post that took entry {@code slot} of the list. */
    void posted(long timeNs, long order, long seq, int slot, Runnable action) {
        lastTimeNs = timeNs;
        lastOrder = order;
        lastSeq = seq;
        lastSlot = slot;
        lastAction = action;
        lastBatch = null;
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
