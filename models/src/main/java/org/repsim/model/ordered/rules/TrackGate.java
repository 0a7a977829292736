package org.repsim.model.ordered.rules;

import java.util.Arrays;
import org.repsim.core.collect.LongIntMap;

/**
 * The per-track gate of ordered asynchronous dispatch (docs/model.md §4) [design]: a subtask may
 * not start its preparation — the cache read that fixes the data it carries — while an older
 * subtask of the same track has not yet been dispatched to the second processor.
 *
 * <p>A pure state machine: no clock, no scheduler, no randomness. The engine adds every subtask
 * with {@link #add} in creation order (tasks in creation order, the subtasks of one task in
 * {@code seq} order), so per track the subtasks are added oldest first. Per track the gate keeps
 * the number of subtasks added and not yet dispatched, and a FIFO of the ones held back; only the
 * oldest undispatched subtask of a track is ever admitted, so the rule "no older undispatched
 * subtask of my track" reduces to "I am the oldest one". When the admitted subtask is dispatched
 * ({@link #dispatched}), the next held one of its track is admitted. Every operation is O(1)
 * (one map look-up); memory is one map entry per track with undispatched subtasks and one node
 * per held subtask, never set by the run length.
 *
 * <h2>Invariant</h2>
 * Per track, the dispatch order is the creation order: a subtask is dispatched only after it was
 * admitted, and it is admitted only when every older subtask of its track has been dispatched.
 * Since a subtask reads its track's data during its preparation, which starts after the older
 * subtasks of the track were dispatched (and so after they read theirs), per track the data
 * dispatched never gets older.
 *
 * <h2>No deadlock</h2>
 * Subtasks are totally ordered by age: (task creation, seq). A held subtask waits only for an
 * older subtask of its track to be dispatched; the reorder queue (the per-task index) makes a
 * prepared subtask wait only for lower {@code seq}s of its own task — older again. So every wait
 * points to a strictly older subtask and the waits-for graph has no cycle. By induction over age:
 * the oldest undispatched subtask has nothing older left undispatched, so it is admitted (it is its
 * track's oldest), its preparation ends (a processor always finishes), and it is the next seq of
 * its task (all lower seqs are older, hence dispatched), so it is dispatched; then the next
 * oldest is in the same position. Everything added is eventually dispatched
 * ({@code TrackGateProperties}).
 *
 * <h2>Driving it from an engine</h2>
 * <pre>
 *   subtask created (track t):        if (gate.add(t, s)) start its preparation, else it is held
 *   subtask s of track t dispatched:  T next = gate.dispatched(t); if (next != null) start its preparation
 * </pre>
 *
 * @param <T> the engine's subtask object, handed back unchanged when admitted
 */
public final class TrackGate<T> {
    private static final int NONE = -1;
    private static final int INITIAL = 16;

    /** Track → slot of its record; present while the track has an undispatched subtask. */
    private final LongIntMap slotOf = new LongIntMap(INITIAL);
    // Track records by slot: undispatched subtasks (admitted one + held), FIFO of held nodes.
    private int[] count = new int[INITIAL];
    private int[] headNode = new int[INITIAL];
    private int[] tailNode = new int[INITIAL];
    private int[] freeSlots = new int[INITIAL];
    private int freeSlotCount;
    private int slotsUsed;
    // Held subtasks: payload and next node of the same track's FIFO; free nodes chained by next.
    private Object[] item = new Object[INITIAL];
    private int[] next = new int[INITIAL];
    private int freeNode = NONE;
    private int nodesUsed;

    private long added;
    private long admitted;
    private long dispatched;
    private long heldNow;
    private long heldTotal;

    /**
     * A new subtask of {@code track}; subtasks must be added in creation order.
     *
     * @return true if it may start its preparation now (no older subtask of its track is
     *         undispatched); false if it is held until {@link #dispatched} hands it back
     */
    public boolean add(long track, T subtask) {
        if (subtask == null) {
            throw new IllegalArgumentException("subtask must not be null");
        }
        added++;
        int slot = slotOf.get(track);
        if (slot == LongIntMap.MISSING) {
            slot = newSlot();
            slotOf.put(track, slot);
            count[slot] = 1;
            admitted++;
            return true;
        }
        count[slot]++;
        int node = newNode();
        item[node] = subtask;
        next[node] = NONE;
        if (tailNode[slot] == NONE) {
            headNode[slot] = node;
        } else {
            next[tailNode[slot]] = node;
        }
        tailNode[slot] = node;
        heldNow++;
        heldTotal++;
        return false;
    }

    /**
     * The admitted subtask of {@code track} has been dispatched to the second processor.
     *
     * @return the next subtask of the track, now admitted (start its preparation), or null
     * @throws IllegalStateException if the track has no admitted subtask
     */
    @SuppressWarnings("unchecked")
    public T dispatched(long track) {
        int slot = slotOf.get(track);
        if (slot == LongIntMap.MISSING) {
            throw new IllegalStateException("track " + track + " has no admitted subtask to dispatch");
        }
        dispatched++;
        if (--count[slot] == 0) {
            slotOf.remove(track);
            freeSlots[freeSlotCount++] = slot;
            return null;
        }
        int node = headNode[slot];
        T out = (T) item[node];
        headNode[slot] = next[node];
        if (headNode[slot] == NONE) {
            tailNode[slot] = NONE;
        }
        item[node] = null;
        next[node] = freeNode;
        freeNode = node;
        heldNow--;
        admitted++;
        return out;
    }

    /** Subtasks held now (waiting for an older subtask of their track). */
    public long held() {
        return heldNow;
    }

    /** Tracks with an undispatched subtask now. */
    public int tracks() {
        return slotOf.size();
    }

    /** Undispatched subtasks of {@code track} (admitted or held). */
    public int undispatched(long track) {
        int slot = slotOf.get(track);
        return slot == LongIntMap.MISSING ? 0 : count[slot];
    }

    /** Subtasks added since creation. */
    public long added() {
        return added;
    }

    /** Subtasks admitted since creation (at once or after being held). */
    public long admitted() {
        return admitted;
    }

    /** Subtasks dispatched since creation. */
    public long dispatchedCount() {
        return dispatched;
    }

    /** Subtasks that were held at least once since creation. */
    public long heldTotal() {
        return heldTotal;
    }

    private int newSlot() {
        int slot;
        if (freeSlotCount > 0) {
            slot = freeSlots[--freeSlotCount];
        } else {
            if (slotsUsed == count.length) {
                int n = count.length * 2;
                count = Arrays.copyOf(count, n);
                headNode = Arrays.copyOf(headNode, n);
                tailNode = Arrays.copyOf(tailNode, n);
                freeSlots = Arrays.copyOf(freeSlots, n);
            }
            slot = slotsUsed++;
        }
        headNode[slot] = NONE;
        tailNode[slot] = NONE;
        return slot;
    }

    private int newNode() {
        if (freeNode != NONE) {
            int node = freeNode;
            freeNode = next[node];
            return node;
        }
        if (nodesUsed == item.length) {
            int n = item.length * 2;
            item = Arrays.copyOf(item, n);
            next = Arrays.copyOf(next, n);
        }
        return nodesUsed++;
    }
}
