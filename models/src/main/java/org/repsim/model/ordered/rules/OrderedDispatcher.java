package org.repsim.model.ordered.rules;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The per-task reorder queue of ordered asynchronous dispatch (docs/model.md §4, seed US 7,137,033).
 *
 * <p>A pure state machine: no clock, no scheduler, no randomness. Prepared subtasks come in with
 * {@link #offer}; the subtasks that may go to the second processor come out, in order, through the
 * {@link DispatchListener} given to the constructor, synchronously inside {@code offer}.
 *
 * <h2>Protocol [claim]</h2>
 * For every active write data task a record {@code {taskId, nextSeq}}; prepared subtasks wait in
 * one subqueue per task kept sorted by {@code seq}. Each time a subtask is added, the queued
 * subtasks are compared with their task's index; a subtask whose {@code seq == nextSeq} is removed
 * and dispatched, {@code nextSeq} advances, and this repeats while the head matches. A gap in one
 * task never delays another task.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@link Scan#ALL} — the literal claim: every queued subtask of every task is examined on
 *       every insertion; {@link Scan#HEAD} — only the inserted task's head is examined [design].
 *       Both dispatch identical sequences; they differ in {@link #lastExamined()}, the number of
 *       entries examined by the last insertion, which the timed layer charges as CPU per entry to
 *       the first-stage processor.</li>
 *   <li>{@link Ordering#OFF} — every subtask is dispatched at once in insertion (preparation)
 *       order, so the secondary shows the violations ordering prevents. Nothing is queued and
 *       nothing examined ({@code lastExamined() == 0}).</li>
 * </ul>
 *
 * <h2>Task lifecycle</h2>
 * {@link #registerTask(long, int)} returns an opaque {@code long} handle that every subtask of the
 * task carries back into {@link #offer}. A task with a known subtask count retires by itself when
 * its last subtask is dispatched (the listener sees {@code taskComplete == true}); an open-ended
 * task ({@link #OPEN_ENDED}) retires once {@link #setSubtaskCount} has fixed its count and all are
 * dispatched. Only active tasks hold memory; handles of retired tasks are rejected as stale.
 *
 * <h2>Rejections</h2>
 * A stale subtask ({@code seq < nextSeq}, or a retired task), a duplicate of a queued subtask, or a
 * {@code seq} outside {@code [0, subtaskCount)} is counted in {@link #rejected()} and then thrown
 * as {@link RejectedSubtaskException} naming task and seq; the dispatcher state is unchanged.
 *
 * <h2>Driving it from an engine</h2>
 * <pre>
 *   task created (host write over n tracks, or a copy pass):  h = d.registerTask(taskId, n)
 *   a preparation processor finishes subtask (h, seq):         int examined = d.offer(h, seq, subtask)
 *       → charge examined × costPerEntry to the first-stage processor;
 *       → the listener got every dispatched subtask: queue it at the second processor;
 *       → emit d.depth() / d.depth(h) if measuring queue depth.
 *   open-ended pass learns its size:                           d.setSubtaskCount(h, n)
 * </pre>
 * The listener must not call back into the dispatcher. Per-insertion work allocates nothing
 * except when a subqueue has to grow.
 *
 * @param <T> the engine's subtask object, handed back unchanged on dispatch
 */
public final class OrderedDispatcher<T> {

    /** Which queued entries an insertion examines (docs/model.md §4, option {@code scan}). */
    public enum Scan { ALL, HEAD }

    /** Whether subtasks are reordered at all (docs/model.md §4, option {@code ordering}). */
    public enum Ordering { ON, OFF }

    /** Subtask count of a task whose size is not known yet (see {@link #setSubtaskCount}). */
    public static final int OPEN_ENDED = -1;

    /** Receives subtasks in dispatch order. */
    @FunctionalInterface
    public interface DispatchListener<T> {
        /**
         * @param taskId       the task's id as registered
         * @param seq          the subtask's position in its task
         * @param subtask      the object given to {@link OrderedDispatcher#offer}
         * @param taskComplete true when this was the task's last subtask (the task has retired)
         */
        void onDispatch(long taskId, int seq, T subtask, boolean taskComplete);
    }

    private static final int NONE = -1;
    private static final int INITIAL_SLOTS = 16;
    private static final int INITIAL_QUEUE = 8;

    private final Scan scan;
    private final Ordering ordering;
    private final DispatchListener<T> listener;

    // Task records, indexed by slot. A handle is (generation << 32) | slot.
    private long[] taskId = new long[INITIAL_SLOTS];
    private int[] nextSeq = new int[INITIAL_SLOTS];
    private int[] subtaskCount = new int[INITIAL_SLOTS];
    private int[] generation = new int[INITIAL_SLOTS];
    private boolean[] active = new boolean[INITIAL_SLOTS];
    // Subqueue of each slot: seqs[slot][head .. head+size) sorted ascending, payloads alongside.
    private int[][] queueSeq = new int[INITIAL_SLOTS][];
    private Object[][] queuePayload = new Object[INITIAL_SLOTS][];
    private int[] queueHead = new int[INITIAL_SLOTS];
    private int[] queueSize = new int[INITIAL_SLOTS];
    // Ordering OFF: which seqs of the task were dispatched (duplicate detection), and how many.
    private BitSet[] offSeen = new BitSet[INITIAL_SLOTS];
    private int[] offCount = new int[INITIAL_SLOTS];
    // Tasks with a non-empty subqueue (doubly linked, in the order they began to wait): the only
    // entries Scan.ALL has to examine.
    private boolean[] waiting = new boolean[INITIAL_SLOTS];
    private int[] waitPrev = new int[INITIAL_SLOTS];
    private int[] waitNext = new int[INITIAL_SLOTS];
    private int firstWaiting = NONE;
    private int lastWaiting = NONE;
    // Free slots (stack).
    private int[] free = new int[INITIAL_SLOTS];
    private int freeCount;
    private int slotsUsed;

    private int activeTasks;
    private long depth;
    private long maxDepth;
    private boolean dispatching;

    private int lastExamined;
    private int lastDispatched;
    private long inserted;
    private long dispatched;
    private long rejected;
    private long examinedTotal;
    private long waited;

    /**
     * @param scan     which entries an insertion examines
     * @param ordering {@link Ordering#ON} to reorder, {@link Ordering#OFF} to dispatch in insertion order
     * @param listener receives dispatched subtasks, in order
     */
    public OrderedDispatcher(Scan scan, Ordering ordering, DispatchListener<T> listener) {
        if (scan == null || ordering == null || listener == null) {
            throw new IllegalArgumentException("scan, ordering and listener must not be null");
        }
        this.scan = scan;
        this.ordering = ordering;
        this.listener = listener;
    }

    /**
     * Opens the task record {@code {taskId, nextSeq = 0}}.
     *
     * @param id           the engine's task id (reported in dispatches and errors)
     * @param subtaskCount number of subtasks (≥ 1), or {@link #OPEN_ENDED}
     * @return the handle every subtask of this task passes to {@link #offer}
     */
    public long registerTask(long id, int subtaskCount) {
        if (subtaskCount < 1 && subtaskCount != OPEN_ENDED) {
            throw new IllegalArgumentException(
                    "task " + id + ": subtaskCount must be >= 1 or OPEN_ENDED, was " + subtaskCount);
        }
        int slot = allocateSlot();
        taskId[slot] = id;
        nextSeq[slot] = 0;
        this.subtaskCount[slot] = subtaskCount;
        active[slot] = true;
        queueHead[slot] = 0;
        queueSize[slot] = 0;
        offCount[slot] = 0;
        waiting[slot] = false;
        if (ordering == Ordering.OFF) {
            if (offSeen[slot] == null) {
                offSeen[slot] = new BitSet();
            } else {
                offSeen[slot].clear();
            }
        }
        activeTasks++;
        return ((long) generation[slot] << 32) | slot;
    }

    /**
     * Fixes the subtask count of an open-ended task. If all of its subtasks were already
     * dispatched the task retires at once.
     *
     * @return true if the task retired by this call
     */
    public boolean setSubtaskCount(long handle, int count) {
        int slot = slotOf(handle, 0);
        if (subtaskCount[slot] != OPEN_ENDED) {
            throw new IllegalArgumentException("task " + taskId[slot] + ": subtask count already set to "
                    + subtaskCount[slot]);
        }
        int atLeast = Math.max(1, ordering == Ordering.OFF ? offSeen[slot].length() : nextSeq[slot]);
        if (queueSize[slot] > 0) {
            atLeast = Math.max(atLeast, queueSeq[slot][queueHead[slot] + queueSize[slot] - 1] + 1);
        }
        if (count < atLeast) {
            throw new IllegalArgumentException("task " + taskId[slot] + ": subtask count " + count
                    + " is below the subtasks already seen (needs >= " + atLeast + ")");
        }
        subtaskCount[slot] = count;
        int done = ordering == Ordering.OFF ? offCount[slot] : nextSeq[slot];
        if (done == count) {
            retire(slot);
            return true;
        }
        return false;
    }

    /**
     * Adds a prepared subtask and dispatches, through the listener, every subtask that has become
     * next in its task (docs/model.md §4 rule).
     *
     * @return the number of queued entries examined by this insertion (also {@link #lastExamined()})
     * @throws RejectedSubtaskException for a stale, duplicate or out-of-range subtask
     */
    public int offer(long handle, int seq, T subtask) {
        if (dispatching) {
            throw new IllegalStateException("offer called from inside the dispatch listener");
        }
        int slot = slotOf(handle, seq);
        int count = subtaskCount[slot];
        if (seq < 0 || (count != OPEN_ENDED && seq >= count)) {
            throw reject(slot, seq, "outside the task's range [0, "
                    + (count == OPEN_ENDED ? "open" : Integer.toString(count)) + ")");
        }
        lastDispatched = 0;
        lastExamined = 0;
        dispatching = true;
        try {
            if (ordering == Ordering.OFF) {
                BitSet seen = offSeen[slot];
                if (seen.get(seq)) {
                    throw reject(slot, seq, "duplicate (already dispatched)");
                }
                seen.set(seq);
                offCount[slot]++;
                inserted++;
                // in OFF mode nextSeq is the highest dispatched seq + 1 (used only for range checks)
                nextSeq[slot] = Math.max(nextSeq[slot], seq + 1);
                boolean complete = count != OPEN_ENDED && offCount[slot] == count;
                emit(slot, seq, subtask, complete);
                return 0;
            }
            if (seq < nextSeq[slot]) {
                throw reject(slot, seq, "stale (nextSeq is " + nextSeq[slot] + ")");
            }
            if (!insertSorted(slot, seq, subtask)) {
                throw reject(slot, seq, "duplicate (already queued)");
            }
            inserted++;
            depth++;
            if (queueSize[slot] == 1) {
                linkWaiting(slot);
            }
            if (depth > maxDepth) {
                maxDepth = depth;
            }
            int examined = scan == Scan.HEAD ? drainHead(slot) : drainAll();
            lastExamined = examined;
            examinedTotal += examined;
            if (!(lastDispatchedIncludes(slot, seq))) {
                waited++;
            }
            return examined;
        } finally {
            dispatching = false;
        }
    }

    /** Entries examined by the last {@link #offer}. */
    public int lastExamined() {
        return lastExamined;
    }

    /** Subtasks dispatched by the last {@link #offer}. */
    public int lastDispatched() {
        return lastDispatched;
    }

    /** Subtasks queued now, over all tasks. */
    public long depth() {
        return depth;
    }

    /** Largest {@link #depth()} seen. */
    public long maxDepth() {
        return maxDepth;
    }

    /** Subtasks of one active task queued now. */
    public int depth(long handle) {
        return queueSize[slotOf(handle, 0)];
    }

    /** The index {@code nextSeq} of an active task. */
    public int nextSeq(long handle) {
        return nextSeq[slotOf(handle, 0)];
    }

    /** Whether the handle names a task that has not retired. */
    public boolean isActive(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < slotsUsed && active[slot] && generation[slot] == (int) (handle >>> 32);
    }

    /** Tasks registered and not retired. */
    public int activeTasks() {
        return activeTasks;
    }

    /** Subtasks accepted by {@link #offer}. */
    public long inserted() {
        return inserted;
    }

    /** Subtasks handed to the listener. */
    public long dispatched() {
        return dispatched;
    }

    /** Subtasks rejected as stale, duplicate or out of range. */
    public long rejected() {
        return rejected;
    }

    /** Entries examined over all insertions. */
    public long examinedTotal() {
        return examinedTotal;
    }

    /** Subtasks that were not dispatched by their own insertion (they waited for a predecessor). */
    public long waited() {
        return waited;
    }

    public Scan scan() {
        return scan;
    }

    public Ordering ordering() {
        return ordering;
    }

    // ---------------------------------------------------------------------------------------

    private boolean lastDispatchedIncludes(int slot, int seq) {
        // The inserted subtask was dispatched iff it is no longer queued: either its task retired,
        // or nextSeq moved past it.
        return !active[slot] || nextSeq[slot] > seq;
    }

    /** Scan.HEAD: examine the inserted task's head while it matches. */
    private int drainHead(int slot) {
        int examined = 0;
        while (active[slot] && queueSize[slot] > 0) {
            examined++;
            if (queueSeq[slot][queueHead[slot]] != nextSeq[slot]) {
                break;
            }
            dispatchHead(slot);
        }
        return examined;
    }

    /**
     * Scan.ALL: every queued entry of every task is examined once (tasks in the order they began
     * to wait, within a task in seq order). Within a sorted subqueue, once the head does not match
     * no later entry can match, so the remaining entries are counted as examined without
     * comparing. Tasks with an empty subqueue hold nothing to examine and are not visited.
     */
    private int drainAll() {
        int examined = 0;
        int slot = firstWaiting;
        while (slot != NONE) {
            int following = waitNext[slot];
            while (active[slot] && queueSize[slot] > 0) {
                examined++;
                if (queueSeq[slot][queueHead[slot]] != nextSeq[slot]) {
                    examined += queueSize[slot] - 1;
                    break;
                }
                dispatchHead(slot);
            }
            slot = following;
        }
        return examined;
    }

    private void dispatchHead(int slot) {
        int head = queueHead[slot];
        int seq = queueSeq[slot][head];
        @SuppressWarnings("unchecked")
        T subtask = (T) queuePayload[slot][head];
        queuePayload[slot][head] = null;
        queueHead[slot] = head + 1;
        queueSize[slot]--;
        depth--;
        if (queueSize[slot] == 0) {
            unlinkWaiting(slot);
        }
        nextSeq[slot] = seq + 1;
        boolean complete = subtaskCount[slot] != OPEN_ENDED && nextSeq[slot] == subtaskCount[slot];
        emit(slot, seq, subtask, complete);
    }

    private void emit(int slot, int seq, T subtask, boolean complete) {
        long id = taskId[slot];
        dispatched++;
        lastDispatched++;
        if (complete) {
            retire(slot);
        }
        listener.onDispatch(id, seq, subtask, complete);
    }

    /** Inserts keeping seq order; false if the seq is already queued. */
    private boolean insertSorted(int slot, int seq, T subtask) {
        int[] seqs = queueSeq[slot];
        if (seqs == null) {
            seqs = new int[INITIAL_QUEUE];
            queueSeq[slot] = seqs;
            queuePayload[slot] = new Object[INITIAL_QUEUE];
        }
        int head = queueHead[slot];
        int size = queueSize[slot];
        int pos = Arrays.binarySearch(seqs, head, head + size, seq);
        if (pos >= 0) {
            return false;
        }
        pos = -pos - 1;
        if (head + size == seqs.length) {
            if (head > 0) {
                // compact to the front
                System.arraycopy(seqs, head, seqs, 0, size);
                System.arraycopy(queuePayload[slot], head, queuePayload[slot], 0, size);
                Arrays.fill(queuePayload[slot], size, head + size, null);
                pos -= head;
                head = 0;
                queueHead[slot] = 0;
            } else {
                seqs = Arrays.copyOf(seqs, seqs.length * 2);
                queueSeq[slot] = seqs;
                queuePayload[slot] = Arrays.copyOf(queuePayload[slot], seqs.length);
            }
        }
        Object[] payloads = queuePayload[slot];
        int end = head + size;
        System.arraycopy(seqs, pos, seqs, pos + 1, end - pos);
        System.arraycopy(payloads, pos, payloads, pos + 1, end - pos);
        seqs[pos] = seq;
        payloads[pos] = subtask;
        queueSize[slot] = size + 1;
        return true;
    }

    private RejectedSubtaskException reject(int slot, int seq, String reason) {
        rejected++;
        return new RejectedSubtaskException(taskId[slot], seq, reason);
    }

    private int slotOf(long handle, int seq) {
        if (!isActive(handle)) {
            rejected++;
            throw new RejectedSubtaskException(-1, seq,
                    "unknown or retired task handle 0x" + Long.toHexString(handle));
        }
        return (int) handle;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == taskId.length) {
            int n = slotsUsed * 2;
            taskId = Arrays.copyOf(taskId, n);
            nextSeq = Arrays.copyOf(nextSeq, n);
            subtaskCount = Arrays.copyOf(subtaskCount, n);
            generation = Arrays.copyOf(generation, n);
            active = Arrays.copyOf(active, n);
            queueSeq = Arrays.copyOf(queueSeq, n);
            queuePayload = Arrays.copyOf(queuePayload, n);
            queueHead = Arrays.copyOf(queueHead, n);
            queueSize = Arrays.copyOf(queueSize, n);
            offSeen = Arrays.copyOf(offSeen, n);
            offCount = Arrays.copyOf(offCount, n);
            waiting = Arrays.copyOf(waiting, n);
            waitPrev = Arrays.copyOf(waitPrev, n);
            waitNext = Arrays.copyOf(waitNext, n);
            free = Arrays.copyOf(free, n);
        }
        return slotsUsed++;
    }

    private void retire(int slot) {
        active[slot] = false;
        generation[slot]++;
        unlinkWaiting(slot);
        activeTasks--;
        free[freeCount++] = slot;
    }

    private void linkWaiting(int slot) {
        waiting[slot] = true;
        waitPrev[slot] = lastWaiting;
        waitNext[slot] = NONE;
        if (lastWaiting == NONE) {
            firstWaiting = slot;
        } else {
            waitNext[lastWaiting] = slot;
        }
        lastWaiting = slot;
    }

    private void unlinkWaiting(int slot) {
        if (!waiting[slot]) {
            return;
        }
        waiting[slot] = false;
        int p = waitPrev[slot];
        int n = waitNext[slot];
        if (p == NONE) {
            firstWaiting = n;
        } else {
            waitNext[p] = n;
        }
        if (n == NONE) {
            lastWaiting = p;
        } else {
            waitPrev[n] = p;
        }
    }
}
