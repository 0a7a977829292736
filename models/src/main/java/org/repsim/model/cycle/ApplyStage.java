package org.repsim.model.cycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.Sampler;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.Processor;
import org.repsim.model.cycle.rules.CycleReceiver;
import org.repsim.model.cycle.rules.CycleSwitcher;

/**
 * Secondary side of one cycle session (docs/model.md §5): receives slots and commits into the
 * pure {@link CycleReceiver}, and applies committed cycles whole and in order — each slot takes
 * one service time of the apply pool then the secondary cache write (write pending, destaged
 * later), as many slots at once as the pool has servers. With
 * {@link ApplyTiming#AT_SWITCH} (legacy's default) the switch releases the received cycle for apply
 * (receive → apply); with {@link ApplyTiming#WHEN_COMPLETE} (multi-cycle and group modes) each cycle
 * applies once committed; a group's apply gate may hold a cycle back (docs/model.md §5).
 *
 * <p><b>Lanes and batches.</b> A cycle of N slots on a pool of c servers is served by
 * {@code min(c, N)} lanes; lane l serves {@code N / c} slots (the first {@code N mod c} lanes one
 * more), one after another, each slot one draw of the pool's service law. A lane submits its slots
 * in jobs of at most {@value #MAX_BATCH} slots (one pool job and one event per batch, service time
 * the sum of its slots' draws); when a batch's job ends, the next slots of the cycle in slot order,
 * as many as the batch held, are written into the secondary cache, and once they are all admitted
 * the lane submits its next batch. Invariants: every slot costs exactly one draw; a lane holds at
 * most one job in the pool, so at most c slots' service runs at once; with the pool to itself and a
 * cache that admits at once, the last slot is written when one-job-per-slot would write it
 * ({@code ceil(N / c)} service times after the start); slots enter the cache in slot order. With
 * N ≤ c every batch is one slot, exactly one job per slot.
 */
final class ApplyStage {

    /** Slots of an apply whose secondary-cache look-ups are issued together (see anticipateApply). */
    private static final int APPLY_LOOKAHEAD = 16;
    /** Most slots one job of the apply pool serves (the granularity of apply's cache writes). */
    static final int MAX_BATCH = 32;
    private static final long NONE = CycleSwitcher.NONE;

    private final CycleSession session;
    private final Scheduler scheduler;
    private final CycleConfig config;
    private final Box secondary;
    private final CycleSwitcher switcher;
    private final CycleReceiver receiver;
    private final Processor applyPool;
    private final int applyParallelism;

    // committed cycles waiting to apply, in order; apply released up to this number
    private final ArrayDeque<Long> committed = new ArrayDeque<>();
    private long releasedUpTo;
    private long applyingNumber = NONE;
    private int applySlots;
    private int applyWriteNext;
    /** Slots of the cycle being applied whose secondary-cache entries were read ahead: [0, this). */
    private int applyAnticipated;
    private int applyDone;
    /** Per lane: slots not yet submitted to the pool. */
    private final int[] laneLeft;
    /** Per lane: slots of its batch in service (before its job ends) or being written (after). */
    private final int[] laneBatch;
    /** Per lane: cache writes of its ended batch not yet admitted. */
    private final int[] laneWriting;
    private final Runnable[] laneServiced;
    private final Runnable[] laneWritten;

    /** Bytes of the secondary's cache the received, not yet applying cycles occupy (docs/model.md §7a). */
    private long heldInCache;
    /** Cache bytes a received slot occupies whatever its size (whole-track allocation), or 0: its bytes. */
    private final long wholeSlotBytes;

    private LongPredicate applyGate;
    private final List<CycleEventListener> committedListeners = new ArrayList<>();
    private final List<CycleEventListener> appliedListeners = new ArrayList<>();

    ApplyStage(CycleSession session, Scheduler scheduler, CycleConfig config, Box secondary, CycleSwitcher switcher) {
        this.session = session;
        this.scheduler = scheduler;
        this.config = config;
        this.secondary = secondary;
        this.switcher = switcher;
        this.receiver = new CycleReceiver(config.trackImages());
        applyPool = config.applyPool() == null ? secondary.remoteAdapters() : secondary.processor(config.applyPool());
        if (applyPool.serviceLaw() == null) {
            throw new IllegalArgumentException("cycle session " + config.name() + ": apply pool " + applyPool.name()
                    + " has no service-time law");
        }
        applyParallelism = applyPool.servers();
        laneLeft = new int[applyParallelism];
        laneBatch = new int[applyParallelism];
        laneWriting = new int[applyParallelism];
        laneServiced = new Runnable[applyParallelism];
        laneWritten = new Runnable[applyParallelism];
        for (int l = 0; l < applyParallelism; l++) {
            final int lane = l;
            laneServiced[l] = () -> onBatchServiced(lane);
            laneWritten[l] = () -> onSlotWritten(lane);
        }
        wholeSlotBytes = secondary.cache().policy().slotAllocation() == org.repsim.model.CachePolicy.SlotAllocation.TRACK
                ? secondary.cache().trackSizeBytes() : 0;
        releasedUpTo = config.applyTiming() == ApplyTiming.AT_SWITCH ? NONE : Long.MAX_VALUE;
    }

    CycleReceiver receiver() {
        return receiver;
    }

    // ---------------------------------------------------------------- receive

    void onSlotReceived(long number, long track, long version, long bytes) {
        receiver.onSlotReceived(number, track, version, bytes);
        syncHeld();
    }

    /**
     * Received cycles occupy the secondary's cache until applied (docs/model.md §7a): the slots
     * received and not yet applying, a whole track each or their bytes. An applying cycle's slots
     * become the cache's dirty slots (destaged later).
     */
    private void syncHeld() {
        long slots = receiver.unappliedSlots() - receiver.applyingSlots();
        long bytes = receiver.unappliedBytes() - receiver.applyingBytes();
        long held = wholeSlotBytes > 0 ? slots * wholeSlotBytes : bytes;
        long delta = held - heldInCache;
        heldInCache = held;
        secondary.cache().hold(delta);
    }

    /** Cycle {@code n}'s commit arrived after all its slots: it is committed and waits to apply. */
    void onCommitArrived(long n, long now) {
        receiver.onCommit(n, now);
        committed.addLast(n);
        for (CycleEventListener l : committedListeners) {
            l.onCycle(n, now);
        }
        tryApply();
    }

    /** A resynchronisation copy of {@code track} arrived: into the image and the secondary cache. */
    void onTrackCopied(long track, long version, long bytes) {
        receiver.onTrackCopied(track, version, bytes);
        secondary.cache().write(track, 1, NOTHING);
    }

    private static final Runnable NOTHING = () -> { };

    // ---------------------------------------------------------------- release and gate

    /** {@link ApplyTiming#AT_SWITCH}: the switch moves the received (committed) cycle to apply. */
    void releaseForApply() {
        releasedUpTo = receiver.lastCommitted();
        tryApply();
    }

    /** The session dropped: uncommitted cycles are discarded, every committed one may apply. */
    void onDropped() {
        receiver.discardUncommitted();
        syncHeld();
        releasedUpTo = Long.MAX_VALUE;
    }

    /** A fresh first cycle opened after a resynchronisation. */
    void onResynchronised() {
        releasedUpTo = config.applyTiming() == ApplyTiming.AT_SWITCH ? receiver.lastCommitted() : Long.MAX_VALUE;
    }

    /** Condition 3: no apply in progress and no cycle released for apply still waiting to start. */
    boolean applyIdle() {
        return applyingNumber == NONE && (committed.isEmpty() || committed.peekFirst() > releasedUpTo);
    }

    /** No apply in progress and no committed cycle waiting (what a resynchronisation waits for). */
    boolean drained() {
        return applyingNumber == NONE && committed.isEmpty();
    }

    void setApplyGate(LongPredicate gate) {
        this.applyGate = gate;
        tryApply();
    }

    void addCommittedListener(CycleEventListener listener) {
        committedListeners.add(listener);
    }

    void addAppliedListener(CycleEventListener listener) {
        appliedListeners.add(listener);
    }

    // ---------------------------------------------------------------- apply

    void tryApply() {
        if (applyingNumber != NONE || committed.isEmpty()) {
            return;
        }
        long n = committed.peekFirst();
        if (n > releasedUpTo || applyGate != null && !applyGate.test(n) || !receiver.canStartApply()) {
            return;
        }
        committed.pollFirst();
        applyingNumber = receiver.startApply(scheduler.now());
        applySlots = receiver.applyingSlots();
        syncHeld();
        applyWriteNext = 0;
        applyAnticipated = 0;
        applyDone = 0;
        if (applySlots == 0) {
            finishApply();
            return;
        }
        int lanes = Math.min(applyParallelism, applySlots);
        int each = applySlots / lanes;
        int extra = applySlots % lanes;
        for (int l = 0; l < lanes; l++) {
            laneLeft[l] = each + (l < extra ? 1 : 0);
        }
        for (int l = 0; l < lanes; l++) {
            submitBatch(l);
        }
    }

    /** Lane {@code l} submits its next batch: up to {@link #MAX_BATCH} of its slots, one draw of the service law each. */
    private void submitBatch(int l) {
        int n = Math.min(MAX_BATCH, laneLeft[l]);
        laneLeft[l] -= n;
        laneBatch[l] = n;
        Sampler law = applyPool.serviceLaw();
        long serviceNs = 0;
        for (int i = 0; i < n; i++) {
            serviceNs += law.sampleLong();
        }
        applyPool.submit(serviceNs, laneServiced[l]);
    }

    /** Lane {@code l}'s batch was served: the next slots of the cycle, as many, go into the secondary cache. */
    private void onBatchServiced(int l) {
        int n = laneBatch[l];
        laneWriting[l] = n;
        for (int k = 0; k < n; k++) {
            writeSlot(applyWriteNext++, laneWritten[l]);
        }
    }

    private void writeSlot(int i, Runnable written) {
        if (Prefetch.ENABLED && i >= applyAnticipated) {
            anticipateApply(i);
        }
        if (wholeSlotBytes > 0) {
            secondary.cache().write(receiver.applyingTrack(i), 1, written);
        } else {
            // block allocation: the slot's dirty bytes (their place in the track is not kept here)
            secondary.cache().write(receiver.applyingTrack(i), 1, 0, receiver.applyingSlotBytes(i), false, written);
        }
    }

    /**
     * A performance hint: reads the secondary cache's index entries of the next
     * {@value #APPLY_LOOKAHEAD} slots to apply, from slot {@code i}, together with those of the
     * slots their misses would evict, then their slots' states — each batch of cache misses
     * overlaps, where one by one each write would wait for its own.
     */
    private void anticipateApply(int i) {
        int end = Math.min(applySlots, i + APPLY_LOOKAHEAD);
        Cache cache = secondary.cache();
        for (int j = i; j < end; j++) {
            cache.anticipateIndex(receiver.applyingTrack(j));
        }
        cache.anticipateEvictions(end - i);
        for (int j = i; j < end; j++) {
            cache.anticipateSlot(receiver.applyingTrack(j));
        }
        applyAnticipated = end;
    }

    /** One slot of lane {@code l}'s ended batch is in the secondary cache. */
    private void onSlotWritten(int l) {
        applyDone++;
        if (--laneWriting[l] == 0 && laneLeft[l] > 0) {
            submitBatch(l);
        }
        if (applyDone == applySlots) {
            finishApply();
        }
    }

    private void finishApply() {
        long now = scheduler.now();
        long n = receiver.finishApply(now);
        applyingNumber = NONE;
        switcher.onApplied(n, now);
        for (CycleEventListener l : appliedListeners) {
            l.onCycle(n, now);
        }
        session.conditionChanged();
        tryApply();
        session.resync.tryResync();
    }
}
