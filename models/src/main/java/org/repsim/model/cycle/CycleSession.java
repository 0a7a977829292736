package org.repsim.model.cycle;

import java.util.List;
import java.util.function.LongPredicate;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.result.Interval;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.CachePolicy;
import org.repsim.model.DiskGroup;
import org.repsim.model.HostIo;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.cycle.rules.CycleReceiver;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.BlockMap;
import org.repsim.model.cycle.rules.CycleSwitcher;
import org.repsim.model.cycle.rules.SessionState;
import org.repsim.model.cycle.rules.SwitchMode;
import org.repsim.model.cycle.rules.SwitchOutcome;
import org.repsim.model.measure.SignalKeys;

/**
 * Timed engine of one cycle-based asynchronous replication session (docs/model.md §5): one primary box
 * → one secondary box over one or more WAN links, driving a {@link CycleSwitcher} (primary) and a
 * {@link CycleReceiver} (secondary). It installs itself as the primary box's
 * {@link ReplicationHandler}; volumes join it with {@link #addPair}.
 *
 * <p>A thin coordinator: it owns the switch timer, link state, drops and the external-control
 * API, and delegates each concern to one collaborator — {@link WriteIntake} (host writes, pacing,
 * the consistency window), {@link Transmitter} (slots, commits and copies over the links),
 * {@link ApplyStage} (receiver and apply at the secondary), {@link Resynchroniser} (owed-track
 * copy after a drop), {@link SpillPool} (the spill pool's disk group).
 *
 * <h2>Timing</h2>
 * <ul>
 *   <li><b>Host write</b>: after the host adapter and local cache write, each track of the write
 *       enters the capture cycle ({@link CycleSwitcher#write}); slot bytes follow
 *       {@link SlotSizing}. The host is acknowledged when the last track is in, i.e. after the
 *       local cache write, plus the spill pool write if the write forced a spill or folded into a
 *       spilled capture slot ({@link CycleSwitcher#lastPoolWriteBytes}), plus the pacing
 *       wait while the cache is full under {@code pace}, plus the hold while
 *       {@link #holdWrites()} is in force. Waiting writes (paced or held) proceed in arrival order.</li>
 *   <li><b>Transmit</b>: slots of the oldest transmit cycle first. Load sharing over links
 *       [design]: each link direction that is up keeps up to {@code ahead} bytes of this session's
 *       transfers outstanding (taken and not yet arrived), {@code ahead = bandwidth × (2 × delay +
 *       1 ms) + 4 slots}; every arrival pulls the next slot. Faster links therefore carry more. A
 *       spilled slot is read back from the spill pool's disk group before it is sent. A slot
 *       transfer is {@code slotBytes + slotHeaderBytes}. Once all slots of the cycle arrived, its
 *       commit ({@code commitBytes}) goes over the next link that is up; the secondary answers
 *       with an acknowledgement ({@code ackBytes}) over the same link.</li>
 *   <li><b>Apply</b>: a committed cycle is applied whole and in order: each slot takes one job of
 *       the apply pool (the secondary's remote adapters by default) then the secondary cache
 *       write (write pending, destaged later); as many slots at once as the pool has servers.
 *       With {@link ApplyTiming#AT_SWITCH} (legacy's default) the switch releases the received
 *       cycle for apply (receive → apply); with {@link ApplyTiming#WHEN_COMPLETE} (default of
 *       multi-cycle and external modes) each cycle applies as soon as it is committed
 *       (docs/model.md §5).</li>
 *   <li><b>Switch</b>: legacy / multi-cycle rules of {@link CycleSwitcher#trySwitch}; the timer is
 *       armed at {@link CycleSwitcher#nextSwitchNotBeforeNs()}, and a switch held back by condition
 *       2 or 3 (or a full multi-cycle queue) is retried when a commit is acknowledged or an apply
 *       finishes. No empty cycle is ever closed.</li>
 *   <li><b>Links</b>: the session listens to its links' state ({@link WanLink#addStateListener}).
 *       While every link is down nothing is sent (transfers already queued on a link wait there);
 *       after {@code transmitIdle} the session drops. Link loss is therefore seen exactly, whoever
 *       downs the link.</li>
 *   <li><b>Drop and resynchronisation</b>: on a drop (policy {@code drop}, transmit idle) the
 *       secondary discards uncommitted cycles and applies those it had committed; then, once a
 *       link is up, owed tracks are copied (one track, {@code trackSize} bytes, each) with the
 *       primary's current value, repeatedly until none is owed, and a fresh first cycle opens.
 *       Each drop is a {@code session-drop} interval from drop to the fresh cycle.</li>
 * </ul>
 *
 * <h2>External control (consistency groups, docs/model.md §6)</h2>
 * Unused hooks cost one null check each.
 * <ol>
 *   <li>{@link #readyToSwitch()}: legacy conditions 2 and 3.</li>
 *   <li>{@link #close(long)}, {@link #close(long, long)}: close now (use {@code SwitchRules.external()}
 *       so the session never switches by itself).</li>
 *   <li>{@link #holdWrites()} / {@link #releaseWrites()}: the consistency window.</li>
 *   <li>{@link #addWriteTagListener}: each host write with its cycle number.</li>
 *   <li>{@link #setApplyGate}, {@link #retryApply()}, {@link #addCommittedListener},
 *       {@link #addAppliedListener}: group-wide apply.</li>
 *   <li>{@link #setTransmitGate}, {@link #retryTransmit()}: the shuttle's transfer permission.</li>
 *   <li>{@link #countHostWrites()}, {@link #addSlotArrivalListener}: what each slot transfer carries
 *       (docs/model.md §6b); {@link #setTransferFault}: delayed or lost transfers (fault injection).</li>
 *   <li>{@link #drop()}, {@link #addDropListener}, {@link #addResynchronisedListener}: a group dropping
 *       and resuming as one (docs/model.md §6).</li>
 * </ol>
 *
 * <p>Signals ({@code cycle.<name>.…}): {@code cacheBytes}, {@code spillBytes}, {@code transmitQueue}
 * (levels), {@code cycleDuration} (observation, ns, at each close), {@code drops}, {@code pacedWrites}
 * (counts).
 */
public final class CycleSession implements ReplicationHandler {

    /** Cycle number reported for a write that entered no cycle (session dropped or resynchronising). */
    public static final long UNTAGGED = -1;

    private final Scheduler scheduler;
    private final CycleConfig config;
    private final Box primary;
    private final Box secondary;
    private final List<WanLink> links;
    private final CycleSwitcher switcher;
    private final long startNs;
    private final long trackSize;
    private final SpillPool spillPool;

    // collaborators, one job each (package-private: they reach each other through the session)
    final WriteIntake intake;
    final Transmitter transmitter;
    final ApplyStage apply;
    final Resynchroniser resync;

    private boolean allDown;
    private EventHandle switchTimer;
    private final Runnable switchFire = this::onSwitchTimer;
    private EventHandle idleTimer;
    private final List<CycleEventListener> resynchronisedListeners = new java.util.ArrayList<>();
    private final List<CycleEventListener> dropListeners = new java.util.ArrayList<>();

    private final Signal cacheSignal;
    private final Signal spillSignal;
    private final Signal queueSignal;
    private final Signal durationSignal;
    private final Signal dropSignal;
    /** Values last emitted on the level signals (none yet: -1). */
    private long emittedCache = -1;
    /** Bytes of the primary's cache this session's slots were last reported to occupy (docs/model.md §7a). */
    private long heldInPrimary;
    private long emittedSpill = -1;
    private int emittedQueue = -1;

    /**
     * @param links     the links joining the primary's site to the secondary's (at least one)
     * @param config    session configuration; the spill disk group and apply pool are looked up on the boxes
     */
    public CycleSession(Scheduler scheduler, Signals signals, Box primary, Box secondary, List<WanLink> links,
                        CycleConfig config) {
        if (primary == secondary) {
            throw new IllegalArgumentException("cycle session " + config.name() + ": primary and secondary are the same box");
        }
        if (links == null || links.isEmpty()) {
            throw new IllegalArgumentException("cycle session " + config.name() + " needs at least one link");
        }
        this.scheduler = scheduler;
        this.config = config;
        this.primary = primary;
        this.secondary = secondary;
        this.links = List.copyOf(links);
        this.startNs = scheduler.now();
        this.trackSize = primary.cache().trackSizeBytes();
        this.switcher = new CycleSwitcher(config.rules(), config.pressure(), 0, startNs,
                BlockMap.of(primary.cache().trackSizeBytes(), primary.blockSizeBytes()),
                primary.cache().policy().slotAllocation() == CachePolicy.SlotAllocation.TRACK ? trackSize : 0);
        if (config.spillDiskGroup() >= 0) {
            List<DiskGroup> groups = primary.backEnd().groups();
            if (config.spillDiskGroup() >= groups.size()) {
                throw new IllegalArgumentException("cycle session " + config.name() + ": spill disk group "
                        + config.spillDiskGroup() + " does not exist on box " + primary.name() + " (" + groups.size() + " groups)");
            }
            spillPool = new SpillPool(groups.get(config.spillDiskGroup()));
        } else {
            spillPool = null;
        }
        this.transmitter = new Transmitter(this, scheduler, config, primary, secondary, this.links, switcher, spillPool);
        this.apply = new ApplyStage(this, scheduler, config, secondary, switcher);
        this.resync = new Resynchroniser(this, scheduler, config, switcher);
        String p = "cycle." + config.name();
        cacheSignal = signals.declare(p, SignalKeys.Cycle.CACHE_BYTES);
        spillSignal = signals.declare(p, SignalKeys.Cycle.SPILL_BYTES);
        queueSignal = signals.declare(p, SignalKeys.Cycle.TRANSMIT_QUEUE);
        durationSignal = signals.declare(p, SignalKeys.Cycle.CYCLE_DURATION);
        dropSignal = signals.declare(p, SignalKeys.Cycle.DROPS);
        Signal pacedSignal = signals.declare(p, SignalKeys.Cycle.PACED_WRITES);
        this.intake = new WriteIntake(this, scheduler, config, primary, secondary, switcher, spillPool, pacedSignal);
        primary.setReplicationHandler(this);
        armSwitchTimer();
    }

    /** Replicates {@code primaryVolume} (on the primary box) to {@code secondaryVolume} (on the secondary box, at least as large). */
    public void addPair(Volume primaryVolume, Volume secondaryVolume) {
        intake.addPair(primaryVolume, secondaryVolume);
    }

    /** Primary volumes replicated by this session, in pairing order. */
    public List<Volume> pairedVolumes() {
        return intake.pairedVolumes();
    }

    // ---------------------------------------------------------------- host writes

    @Override
    public void anticipate(HostIo io) {
        intake.anticipate(io);
    }

    @Override
    public boolean holdsInCache(HostIo io) {
        return switcher.state() == SessionState.ACTIVE && intake.entersAtOnce(io.volume());
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        intake.onHostWrite(io, acknowledgeHost);
    }

    // ---------------------------------------------------------------- switching

    private void armSwitchTimer() {
        if (config.rules().mode() == SwitchMode.EXTERNAL || switcher.state() != SessionState.ACTIVE) {
            return;
        }
        long t = switcher.nextSwitchNotBeforeNs();
        if (t == Long.MAX_VALUE) {
            return;
        }
        if (switchTimer != null) {
            if (switchTimer.isPending() && switchTimer.timeNs() == Math.max(t, scheduler.now())) {
                return;
            }
            scheduler.cancel(switchTimer);
        }
        switchTimer = scheduler.at(Math.max(t, scheduler.now()), Tie.NORMAL, switchFire);
    }

    private void onSwitchTimer() {
        switchTimer = null;
        attemptSwitch();
    }

    /** A switch condition may have changed (commit acknowledged, apply finished). */
    void conditionChanged() {
        if (config.rules().mode() == SwitchMode.EXTERNAL || switchTimer != null
                || switcher.state() != SessionState.ACTIVE) {
            return;
        }
        if (scheduler.now() >= switcher.nextSwitchNotBeforeNs()) {
            attemptSwitch();
        } else {
            armSwitchTimer();
        }
    }

    private void attemptSwitch() {
        long now = scheduler.now();
        SwitchOutcome o = switcher.trySwitch(now, apply.applyIdle());
        boolean atSwitch = config.applyTiming() == ApplyTiming.AT_SWITCH;
        switch (o) {
            case SWITCHED -> {
                onClosed(now);
                if (atSwitch) {
                    apply.releaseForApply();
                }
                armSwitchTimer();
                transmitter.pump();
            }
            case SKIPPED_EMPTY -> {
                if (atSwitch) {
                    apply.releaseForApply();
                }
                armSwitchTimer();
            }
            case TOO_EARLY -> armSwitchTimer();
            default -> {
                // held back by condition 2 or 3 (or a full queue): retried by conditionChanged()
            }
        }
    }

    private void onClosed(long now) {
        CycleRecord r = switcher.lastClosed();
        transmitter.onCycleClosed(r);
        durationSignal.emit(now, r.durationNs());
        queueSignal.emit(now, switcher.transmitCycles());
    }

    // ---------------------------------------------------------------- external control (docs/model.md §6)

    /**
     * Legacy conditions 2 and 3 hold: every closed cycle is fully sent and its commit acknowledged
     * (the transmit queue is empty), no apply is in progress at the secondary and no cycle released
     * for apply waits to start. The session is active. A coordinator polls this before a switch.
     */
    public boolean readyToSwitch() {
        return switcher.state() == SessionState.ACTIVE && switcher.transmitCycles() == 0 && apply.applyIdle();
    }

    /**
     * Closes the capture cycle now whatever the time rules say (next number = current + 1); an
     * empty capture cycle is not closed ({@link SwitchOutcome#SKIPPED_EMPTY}). With
     * {@link ApplyTiming#AT_SWITCH} the received cycle is released for apply, as at a timed switch.
     */
    public SwitchOutcome close(long nowNs) {
        return afterClose(switcher.close(nowNs), nowNs);
    }

    /** As {@link #close(long)}, the next capture cycle being numbered {@code nextNumber} (a shuttle sequence number). */
    public SwitchOutcome close(long nowNs, long nextNumber) {
        return afterClose(switcher.close(nowNs, nextNumber), nowNs);
    }

    private SwitchOutcome afterClose(SwitchOutcome o, long nowNs) {
        if (o == SwitchOutcome.SWITCHED) {
            onClosed(nowNs);
        }
        if (o.releasesReceivedCycle()) {
            if (config.applyTiming() == ApplyTiming.AT_SWITCH) {
                apply.releaseForApply();
            }
            armSwitchTimer();
            transmitter.pump();
        }
        return o;
    }

    /** Opens the consistency window: host writes arriving from now wait (not tagged, not acknowledged). */
    public void holdWrites() {
        intake.hold();
    }

    /** Closes the window: waiting writes enter the then-open capture cycle, in arrival order. */
    public void releaseWrites() {
        intake.release();
    }

    public boolean isHoldingWrites() {
        return intake.isHolding();
    }

    public void addWriteTagListener(WriteTagListener listener) {
        intake.addWriteTagListener(listener);
    }

    /**
     * The secondary starts applying committed cycle {@code k} only when {@code gate.test(k)} (and,
     * with {@link ApplyTiming#AT_SWITCH}, after the switch released it). Call {@link #retryApply()} when the gate's
     * answer may have changed. Null removes the gate.
     */
    public void setApplyGate(LongPredicate gate) {
        apply.setApplyGate(gate);
    }

    public void retryApply() {
        apply.tryApply();
    }

    /** Runs when cycle {@code k} is fully received and its commit arrived at the secondary (before the acknowledgement leaves). */
    public void addCommittedListener(CycleEventListener listener) {
        apply.addCommittedListener(listener);
    }

    /** Runs when the secondary finished applying cycle {@code k} (in a group of mode {@code none}, its writes entered the recoverable image, docs/model.md §7). */
    public void addAppliedListener(CycleEventListener listener) {
        apply.addAppliedListener(listener);
    }

    /**
     * Slots of closed cycle {@code k} are taken for transfer only when {@code gate.test(k)} (the
     * oldest cycle with untransferred slots is asked; later cycles wait behind it). Call
     * {@link #retryTransmit()} when the answer may have changed. Null removes the gate.
     */
    public void setTransmitGate(LongPredicate gate) {
        transmitter.setTransmitGate(gate);
    }

    public void retryTransmit() {
        transmitter.pump();
    }

    /**
     * Every slot credits the host writes whose last track it holds, and its transfer carries
     * those counts to {@link #addSlotArrivalListener} listeners (docs/model.md §6b). Call before
     * the first host write.
     */
    public void countHostWrites() {
        switcher.countHostWrites();
        intake.creditHost = true;
    }

    /** Runs for every slot the secondary receives (after it entered the receiver), with the host counts it carries. */
    public void addSlotArrivalListener(SlotArrivalListener listener) {
        transmitter.addArrivalListener(listener);
    }

    /** Fault injection on slot transfers: delayed or lost on the way to the secondary (null: none). */
    public void setTransferFault(TransferFault fault) {
        transmitter.setTransferFault(fault);
    }

    /** Drops the session now, on a consistency group's decision (docs/model.md §6); no effect unless active. */
    public void drop() {
        long now = scheduler.now();
        if (switcher.dropNow(now)) {
            onDropped(now);
        }
    }

    /** Runs when a resynchronisation finished: {@code k} is the fresh first cycle just opened. */
    public void addResynchronisedListener(CycleEventListener listener) {
        resynchronisedListeners.add(listener);
    }

    /** Runs when the session dropped (any cause), at the drop; {@code k} is {@link #UNTAGGED}. */
    public void addDropListener(CycleEventListener listener) {
        dropListeners.add(listener);
    }

    // ---------------------------------------------------------------- links, drop, resync

    void onLinkStateChanged() {
        long now = scheduler.now();
        if (!transmitter.anyUp()) {
            if (!allDown) {
                allDown = true;
                if (switcher.onAllLinksDown(now)) {
                    onDropped(now);
                } else {
                    long deadline = switcher.transmitIdleDeadlineNs();
                    if (deadline != Long.MAX_VALUE) {
                        idleTimer = scheduler.at(deadline, Tie.CONTROL, this::onTransmitIdleTimer);
                    }
                }
            }
            return;
        }
        if (allDown) {
            allDown = false;
            switcher.onLinksUp(now);
            if (idleTimer != null) {
                scheduler.cancel(idleTimer);
                idleTimer = null;
            }
        }
        transmitter.pump();
        resync.tryResync();
    }

    /** Every link of the session is down. */
    boolean allLinksDown() {
        return allDown;
    }

    private void onTransmitIdleTimer() {
        idleTimer = null;
        if (switcher.onTransmitIdleTimer(scheduler.now())) {
            onDropped(scheduler.now());
        }
    }

    /** The switcher dropped the session: stop cycles, let the secondary apply what it committed. */
    void onDropped(long now) {
        apply.onDropped();
        transmitter.onDropped();
        resync.onDropped(now);
        dropSignal.emit(now, 1);
        intake.uncoverAll();
        if (switchTimer != null) {
            scheduler.cancel(switchTimer);
            switchTimer = null;
        }
        emitLevels(now);
        for (CycleEventListener l : dropListeners) {
            l.onCycle(UNTAGGED, now);
        }
        // continue outside the write being processed
        scheduler.after(0, Tie.NORMAL, () -> {
            apply.tryApply();
            intake.drainWaiting();
            resync.tryResync();
        });
    }

    /** The resynchronisation copied every owed track and the switcher opened a fresh first cycle. */
    void onResynchronised() {
        apply.onResynchronised();
        armSwitchTimer();
        for (CycleEventListener l : resynchronisedListeners) {
            l.onCycle(switcher.captureNumber(), scheduler.now());
        }
        intake.drainWaiting();
    }

    /** Starts resynchronisation now when {@code autoResync} is off (no effect on an active session). */
    public void resynchronise() {
        resync.request();
    }

    /** Emits the session's levels that changed since they were last emitted (a level holds until it changes). */
    void emitLevels(long now) {
        long cache = switcher.cacheBytes();
        if (cache != heldInPrimary) {
            long delta = cache - heldInPrimary;
            heldInPrimary = cache;
            primary.cache().hold(delta);
        }
        if (cache != emittedCache) {
            emittedCache = cache;
            cacheSignal.emit(now, cache);
        }
        long spill = switcher.poolBytes();
        if (spill != emittedSpill) {
            emittedSpill = spill;
            spillSignal.emit(now, spill);
        }
        int queue = switcher.transmitCycles();
        if (queue != emittedQueue) {
            emittedQueue = queue;
            queueSignal.emit(now, queue);
        }
    }

    long trackSize() {
        return trackSize;
    }

    // ---------------------------------------------------------------- observation

    public String name() {
        return config.name();
    }

    public CycleConfig config() {
        return config;
    }

    public Box primary() {
        return primary;
    }

    public Box secondary() {
        return secondary;
    }

    public List<WanLink> links() {
        return links;
    }

    /** The primary-side state machine (read-only use: records, counters). */
    public CycleSwitcher switcher() {
        return switcher;
    }

    /** The secondary-side state machine (read-only use: image, applied bytes). */
    public CycleReceiver receiver() {
        return apply.receiver();
    }

    public long startNs() {
        return startNs;
    }

    public SessionState state() {
        return switcher.state();
    }

    /** Bytes of the session's slots in the primary cache. */
    public long cacheBytes() {
        return switcher.cacheBytes();
    }

    public long cacheLimitBytes() {
        return config.pressure().limitBytes();
    }

    public long spillBytes() {
        return switcher.poolBytes();
    }

    public int transmitQueue() {
        return switcher.transmitCycles();
    }

    /** Host writes that had to wait for cache space at least once (pace). */
    public long pacedWrites() {
        return intake.pacedWrites();
    }

    /** Host writes that arrived while {@link #holdWrites()} was in force. */
    public long heldWrites() {
        return intake.heldWrites();
    }

    /** Host writes waiting (paced or held) right now. */
    public int waitingWrites() {
        return intake.waitingWrites();
    }

    public long spillWrites() {
        return spillPool == null ? 0 : spillPool.writes();
    }

    public long spillReads() {
        return spillPool == null ? 0 : spillPool.reads();
    }

    public long copiedTracks() {
        return resync.copiedTracks();
    }

    /** Primary's version of a track (secondary box numbering) as last written, or −1. */
    public long primaryVersion(long secondaryTrack) {
        return intake.primaryVersion(secondaryTrack);
    }

    /** Drops as {@code session-drop} intervals; an unfinished one ends at {@code endNs}. */
    public List<Interval> dropIntervals(long endNs) {
        return resync.dropIntervals(endNs);
    }

    /** The byte balance of docs/model.md §8.4 as of now. */
    public Conservation conservation() {
        CycleReceiver receiver = apply.receiver();
        return new Conservation(switcher.bytesAfterFolding(), receiver.appliedBytes(), switcher.pendingBytes(),
                receiver.unappliedBytes(), switcher.discardedBytes() + receiver.discardedBytes());
    }
}
