package org.repsim.model.cycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.Scheduler;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.Processor;
import org.repsim.model.cycle.rules.CycleReceiver;
import org.repsim.model.cycle.rules.CycleSwitcher;

/**
 * Secondary side of one cycle session (docs/model.md §5): receives slots and commits into the
 * pure {@link CycleReceiver}, and applies committed cycles whole and in order — each slot takes
 * one job of the apply pool (the secondary's remote adapters by default) then the secondary cache
 * write (write pending, destaged later), as many slots at once as the pool has servers. With
 * {@link ApplyTiming#AT_SWITCH} (legacy's default) the switch releases the received cycle for apply
 * (receive → apply); with {@link ApplyTiming#WHEN_COMPLETE} (multi-cycle and group modes) each cycle
 * applies once committed; a group's apply gate may hold a cycle back (docs/model.md §5).
 */
final class ApplyStage {

    /** Slots of an apply whose secondary-cache look-ups are issued together (see anticipateApply). */
    private static final int APPLY_LOOKAHEAD = 16;
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
    private int applyStarted;
    private int applyWriteNext;
    /** Slots of the cycle being applied whose secondary-cache entries were read ahead: [0, this). */
    private int applyAnticipated;
    private int applyDone;
    private final Runnable slotServiced = this::onSlotServiced;
    private final Runnable slotWritten = this::onSlotWritten;

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
        applyStarted = 0;
        applyWriteNext = 0;
        applyAnticipated = 0;
        applyDone = 0;
        if (applySlots == 0) {
            finishApply();
            return;
        }
        int first = Math.min(applyParallelism, applySlots);
        for (int i = 0; i < first; i++) {
            applyStarted++;
            applyPool.submit(slotServiced);
        }
    }

    private void onSlotServiced() {
        int i = applyWriteNext++;
        if (Prefetch.ENABLED && i >= applyAnticipated) {
            anticipateApply(i);
        }
        if (wholeSlotBytes > 0) {
            secondary.cache().write(receiver.applyingTrack(i), 1, slotWritten);
        } else {
            // block allocation: the slot's dirty bytes (their place in the track is not kept here)
            secondary.cache().write(receiver.applyingTrack(i), 1, 0, receiver.applyingSlotBytes(i), false, slotWritten);
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

    private void onSlotWritten() {
        applyDone++;
        if (applyStarted < applySlots) {
            applyStarted++;
            applyPool.submit(slotServiced);
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
