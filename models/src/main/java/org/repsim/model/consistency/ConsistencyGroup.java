package org.repsim.model.consistency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.consistency.rules.ConsistencyChecker;
import org.repsim.model.consistency.rules.CoordinatedSwitch;
import org.repsim.model.consistency.rules.DataLoss;
import org.repsim.model.consistency.rules.NumberTotal;
import org.repsim.model.consistency.rules.Shuttle;
import org.repsim.model.consistency.rules.ShuttleCommitTracker;
import org.repsim.model.cycle.rules.SessionState;
import org.repsim.model.cycle.rules.SwitchMode;
import org.repsim.model.cycle.CycleEventListener;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.measure.SignalKeys;

/**
 * Timed engine of a consistency group (docs/model.md §6, §7, §8.3): any number of primary boxes, each
 * replicating to its own secondary through one {@link CycleSession} (links shared or separate, as
 * the sessions were built), kept consistent by {@code consistency.mode}:
 * <ul>
 *   <li>{@link ConsistencyMode#NONE}: each session switches by its own legacy / multi-cycle rules
 *       and each secondary applies on its own; the checker sees per-box applies.</li>
 *   <li>{@link ConsistencyMode#HOST}: {@link HostCoordinator} — polls, three-phase switch with
 *       consistency windows, common cycle numbers, group-wide apply.</li>
 *   <li>{@link ConsistencyMode#SHUTTLE}: {@link ShuttleRing} — sequence numbers from the shuttle,
 *       numbers committed by totals, acknowledgement rule {@code after-round} / {@code immediate}.</li>
 * </ul>
 * In {@code host} and {@code shuttle} modes the sessions must use {@code SwitchRules.external()}
 * (they switch only when told); in {@code none} they must not.
 *
 * <p><b>Wiring.</b> Build the sessions (one per primary box, each with its pairs), then this
 * group over them, before the run starts: it installs itself in front of every session as its
 * primary box's replication handler and starts the coordinator's poll timer or the shuttle.
 *
 * <p><b>Checker.</b> Every replicated host write is reported to a {@link ConsistencyChecker} when
 * its session tags it (box = its index in the session list, tag = its cycle / sequence number; a
 * write that entered no cycle because its session was dropped is owed and never enters the image),
 * and acknowledged when its acknowledgement leaves the engine for the host. Applies: group-wide at
 * each group commit (host: {@code GroupApplyGate}; shuttle: {@code ShuttleCommitTracker}), per box
 * in mode {@code none}. Violations are emitted on {@code consistency.<name>.violations}.
 *
 * <p><b>Group recovery point.</b> Host and shuttle: the newest number applied at ALL secondaries
 * (every member has applied its part of every number up to it); the reference time is that
 * number's group close — host: when the first window of the switch that closed it opened (every
 * write acknowledged before then is in a cycle ≤ k); shuttle: when the shuttle advanced past it
 * (no write acknowledged before then has a larger tag). Mode none: the oldest of the sessions'
 * own recovery points.
 *
 * <p><b>Drops.</b> A member session that drops suspends the group for the rest of the run
 * ({@link #checkMember}); in mode none each session drops and resynchronises on its own.
 */
public final class ConsistencyGroup {
    private final Scheduler scheduler;
    private final ConsistencyConfig config;
    private final List<CycleSession> sessions;
    private final GroupMember[] members;
    private final ConsistencyChecker checker;
    private final HostCoordinator coordinator;
    private final ShuttleRing ring;
    private final long startNs;
    private final Signal violationsSignal;
    private final Signal holdLatencySignal;
    private final Signal heldWritesSignal;
    private final Signal suspendedSignal;

    /** (number, group close time ns) of closed numbers from the last one applied everywhere on. */
    private final ArrayDeque<GroupClose> closes = new ArrayDeque<>();
    private final List<CycleEventListener> closeListeners = new ArrayList<>();
    private long appliedEverywhere = -1;
    /** Host and shuttle: every secondary may apply numbers ≤ this (frozen while suspended). */
    private long committedThrough = -1;
    private long suspendedAtNs = -1;
    private long recoveryPointNs;
    private final List<Runnable> recoveryPointListeners = new ArrayList<>();

    /** Number {@code number} closed for the whole group at {@code closeNs}: its recovery point once applied everywhere. */
    private record GroupClose(long number, long closeNs) {
    }

    /**
     * @param sessions one cycle session per primary box (box index = list position), each with its
     *                 own primary box; the list order is also the shuttle's ring order
     */
    public ConsistencyGroup(Scheduler scheduler, Signals signals, List<CycleSession> sessions, ConsistencyConfig config) {
        if (sessions == null || sessions.isEmpty()) {
            throw new IllegalArgumentException("consistency group " + config.name() + " needs at least one cycle session");
        }
        Map<Box, CycleSession> boxes = new IdentityHashMap<>();
        for (CycleSession s : sessions) {
            CycleSession other = boxes.put(s.primary(), s);
            if (other != null) {
                throw new IllegalArgumentException("consistency group " + config.name() + ": sessions " + other.name()
                        + " and " + s.name() + " share primary box " + s.primary().name()
                        + " (one session per primary box)");
            }
            boolean external = s.config().rules().mode() == SwitchMode.EXTERNAL;
            if (config.mode() == ConsistencyMode.NONE && external) {
                throw new IllegalArgumentException("consistency group " + config.name() + " (mode none): session "
                        + s.name() + " must switch by legacy or multi-cycle rules, not external");
            }
            if (config.mode() != ConsistencyMode.NONE && !external) {
                throw new IllegalArgumentException("consistency group " + config.name() + " (mode " + config.mode().label()
                        + "): session " + s.name() + " must use external switching (SwitchRules.external())");
            }
        }
        this.scheduler = scheduler;
        this.config = config;
        this.sessions = List.copyOf(sessions);
        this.startNs = scheduler.now();
        this.recoveryPointNs = startNs;
        this.checker = new ConsistencyChecker(sessions.size());
        String prefix = "consistency." + config.name();
        violationsSignal = signals.declare(prefix, SignalKeys.Consistency.VIOLATIONS);
        holdLatencySignal = signals.declare(prefix, SignalKeys.Consistency.HOLD_LATENCY);
        heldWritesSignal = signals.declare(prefix, SignalKeys.Consistency.HELD_WRITES);
        suspendedSignal = signals.declare(prefix, SignalKeys.Consistency.SUSPENSIONS);
        members = new GroupMember[sessions.size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = new GroupMember(this, i, sessions.get(i), scheduler);
            GroupMember m = members[i];
            m.session.addAppliedListener((k, now) -> onMemberApplied(m, k, now));
        }
        coordinator = config.mode() == ConsistencyMode.HOST
                ? new HostCoordinator(this, scheduler, signals, members, config.host(), prefix) : null;
        ring = config.mode() == ConsistencyMode.SHUTTLE
                ? new ShuttleRing(this, scheduler, signals, members, config.shuttle(), "shuttle." + config.name()) : null;
    }

    // ---------------------------------------------------------------- callbacks from members and drivers

    /** A host write arrived at member {@code box}; returns whether it is held by an open consistency window. */
    boolean onWriteArrived(int box, long now) {
        if (coordinator == null) {
            return false;
        }
        boolean held = coordinator.windowOpen(box);
        coordinator.onWriteArrived(box, now);
        return held;
    }

    void onHeldWriteReleased(long now, long holdNs) {
        holdLatencySignal.emit(now, holdNs);
        heldWritesSignal.emit(now, 1);
    }

    /** Number {@code k} closed for the group at {@code now} (the recovery-point reference of k). */
    void recordClose(long k, long now) {
        closes.addLast(new GroupClose(k, now));
        for (CycleEventListener l : closeListeners) {
            l.onCycle(k, now);
        }
    }

    /**
     * Checks a member whose session may have dropped (a write entered no cycle, a poll or a shuttle
     * visit found it inactive). A dropped member discarded cycles/numbers the group can never
     * commit, so the group is suspended [design, product behaviour of consistency groups]: the
     * secondaries' image freezes at the last group commit (it stays consistent), the coordinator
     * stops switching / the shuttle stops after releasing every held acknowledgement, and later
     * host writes are acknowledged at once and counted as not in the image (lost at a disaster).
     * Resuming needs a resynchronisation of the whole group, which is not modeled: the suspension
     * lasts to the end of the run.
     */
    void checkMember(GroupMember m) {
        if (suspendedAtNs >= 0 || config.mode() == ConsistencyMode.NONE
                || m.session.state() == SessionState.ACTIVE) {
            return;
        }
        long now = scheduler.now();
        suspendedAtNs = now;
        suspendedSignal.emit(now, 1);
        for (GroupMember g : members) {
            g.releaseHeldAcknowledgements(now);
        }
    }

    /** Whether a member's drop suspended the group (see {@link #checkMember}). */
    public boolean suspended() {
        return suspendedAtNs >= 0;
    }

    /** When the group was suspended (ns), or -1. */
    public long suspendedAtNs() {
        return suspendedAtNs;
    }

    /** Host and shuttle: every secondary may apply numbers up to this one (the apply gate of every session). */
    long committedThrough() {
        return committedThrough;
    }

    /** The group committed every number ≤ {@code through}: all secondaries may apply them. */
    void onGroupCommitted(long through) {
        if (suspendedAtNs >= 0 || through <= committedThrough) {
            return;
        }
        committedThrough = through;
        long now = scheduler.now();
        int found = checker.onGroupApplied(through);
        if (found > 0) {
            violationsSignal.emit(now, found);
        }
        for (GroupMember m : members) {
            m.session.retryApply();
        }
        updateRecoveryPoint(now);
    }

    private void onMemberApplied(GroupMember m, long k, long now) {
        m.onApplied(k, now);
        if (config.mode() == ConsistencyMode.NONE) {
            int found = checker.onApplied(m.index, k);
            if (found > 0) {
                violationsSignal.emit(now, found);
            }
        }
        updateRecoveryPoint(now);
    }

    private void updateRecoveryPoint(long now) {
        long rp;
        if (config.mode() == ConsistencyMode.NONE) {
            rp = Long.MAX_VALUE;
            for (CycleSession s : sessions) {
                rp = Math.min(rp, s.recoveryPointNs());
            }
        } else {
            long appliable = committedThrough;
            long frontier = appliable;
            for (GroupMember m : members) {
                frontier = Math.min(frontier, m.appliedFrontier(appliable));
            }
            if (frontier <= appliedEverywhere) {
                return;
            }
            appliedEverywhere = frontier;
            rp = recoveryPointNs;
            while (!closes.isEmpty() && closes.peekFirst().number() <= frontier) {
                rp = closes.pollFirst().closeNs();
            }
        }
        if (rp != recoveryPointNs) {
            recoveryPointNs = rp;
            for (Runnable r : recoveryPointListeners) {
                r.run();
            }
        }
    }

    // ---------------------------------------------------------------- disaster

    /** Data lost if the primary site were lost at {@code nowNs} (docs/model.md §7), from the checker. */
    public DataLoss dataLossAt(long nowNs) {
        return checker.lossAt(nowNs);
    }

    /**
     * Disaster metrics at {@code nowNs}: {@code disaster.lost.writes} (count), {@code disaster.lost.bytes}
     * (bytes), {@code disaster.lost.span} (s, acknowledgement times of the oldest to the newest lost
     * write), {@code disaster.recoveryPoint} (s, disaster time − oldest lost acknowledgement) and
     * {@code disaster.beyondHole} (writes present in an inconsistent image after a missing predecessor).
     */
    public List<Metric> lossAt(long nowNs) {
        return checker.lossAt(nowNs).metrics();
    }

    // ---------------------------------------------------------------- observation

    public String name() {
        return config.name();
    }

    public ConsistencyConfig config() {
        return config;
    }

    public ConsistencyMode mode() {
        return config.mode();
    }

    public List<CycleSession> sessions() {
        return sessions;
    }

    public ConsistencyChecker checker() {
        return checker;
    }

    public long startNs() {
        return startNs;
    }

    /** The group's recovery point (ns): see the class comment. */
    public long recoveryPointNs() {
        return recoveryPointNs;
    }

    /** Runs whenever {@link #recoveryPointNs()} moved. */
    public void addRecoveryPointListener(Runnable listener) {
        recoveryPointListeners.add(listener);
    }

    /** Host and shuttle: the newest number every secondary has applied (-1 before any; mode none: -1). */
    public long appliedEverywhere() {
        return appliedEverywhere;
    }

    /**
     * Host and shuttle: calls {@code listener} with (number, group close time ns) of every number
     * closed from now on, in order (nothing is kept: a long run closes millions).
     */
    public void addCloseListener(CycleEventListener listener) {
        closeListeners.add(listener);
    }

    /** Mode host: the coordinator's state machine (read-only use: counters); null otherwise. */
    public CoordinatedSwitch coordinatedSwitch() {
        return coordinator == null ? null : coordinator.coordinatedSwitch();
    }

    /** Mode shuttle: the shuttle (read-only use: counters); null otherwise. */
    public Shuttle shuttle() {
        return ring == null ? null : ring.shuttle();
    }

    /** Mode shuttle: the secondary side's commit tracker (read-only use); null otherwise. */
    public ShuttleCommitTracker commitTracker() {
        return ring == null ? null : ring.tracker();
    }

    /** Mode shuttle: calls {@code listener} with each final number total from now on, in number order. */
    public void addFinalTotalListener(java.util.function.Consumer<NumberTotal> listener) {
        if (ring == null) {
            throw new IllegalStateException("group " + config.name() + " has no shuttle");
        }
        ring.addFinalTotalListener(listener);
    }

    /** Host writes whose acknowledgement waits for the next shuttle visit (all members). */
    public long heldAcknowledgements() {
        long n = 0;
        for (GroupMember m : members) {
            n += m.heldAcknowledgements();
        }
        return n;
    }

    ShuttleRing shuttleRing() {
        return ring;
    }
}
