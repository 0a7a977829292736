package org.repsim.model.consistency;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
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
import org.repsim.model.recovery.RecoverableImage;

/**
 * Timed engine of a consistency group (docs/model.md §6, §7, §8.3): any number of primary boxes, each
 * replicating to its own secondary through one {@link CycleSession} (links shared or separate, as
 * the sessions were built), kept consistent by {@code consistency.mode}:
 * <ul>
 *   <li>{@link ConsistencyMode#NONE}: each session switches by its own legacy / multi-cycle rules
 *       and each secondary applies on its own; each box's applies land in the image on their own.</li>
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
 * <p><b>Image.</b> Every replicated host write is reported to the group's {@link RecoverableImage}
 * (docs/model.md §7), the same class sync and ordered modes feed, when its session tags it (space =
 * its box's cycle space, number = its cycle / sequence number; a write made while its session is
 * dropped or resynchronising is owed) and acknowledged when its acknowledgement leaves the engine for
 * the host. Landings: group-wide at each group commit (host: {@code GroupApplyGate}; shuttle:
 * {@code ShuttleCommitTracker}); per box in mode {@code none}, at each apply, and every owed write at
 * the end of the box's resynchronisation (every owed track copied). Chain violations found by a
 * landing are emitted on {@code consistency.<name>.violations}.
 *
 * <p><b>Group recovery point.</b> Every mode: the acknowledgement time of the oldest acknowledged
 * write not in the image ({@link RecoverableImage#imageTimeNs()}).
 *
 * <p><b>Drops and resume</b> (docs/model.md §6). A member session that drops suspends the group
 * and drops every other member ({@link #checkMember}); each member resynchronises on its own
 * and, once all are active, the group restarts its numbering above every number used before
 * ({@link #onMemberResynchronised}). The time from the drop to the first group commit after the
 * resume is a span of {@link #unprotectedSpans()}. In mode none each session drops and
 * resynchronises on its own.
 */
public final class ConsistencyGroup {
    private final Scheduler scheduler;
    private final ConsistencyConfig config;
    private final List<CycleSession> sessions;
    private final GroupMember[] members;
    private final RecoverableImage image;
    /** The image's cycle space of each member (by member index). */
    private final int[] spaces;
    private final HostCoordinator coordinator;
    private final ShuttleRing ring;
    private final long startNs;
    private final Signal violationsSignal;
    private final Signal holdLatencySignal;
    private final Signal heldWritesSignal;
    private final Signal suspendedSignal;

    private final List<CycleEventListener> closeListeners = new ArrayList<>();
    private final List<CycleEventListener> commitListeners = new ArrayList<>();
    private long appliedEverywhere = -1;
    /** Host and shuttle: every secondary may apply numbers ≤ this (frozen while suspended). */
    private long committedThrough = -1;
    private long suspendedAtNs = -1;
    /** Image number of every write made while suspended: above every number used before (docs/model.md §6). */
    private long resumeTag = -1;
    /** Numbers below this apply at every secondary without a group commit (those of before a suspension). */
    private long openBelow;
    /** The first number after the last resume; the group image is consistent again once it commits. */
    private long restartNumber = -1;
    /** Spans without a current consistent image: {drop ns, first commit after the resume ns or -1}. */
    private final List<long[]> unprotectedSpans = new ArrayList<>();
    /** Per box: the lowest number whose transfer to its secondary was lost (fault injection), or null. */
    private long[] lostFrom;
    private boolean trustPrimaryCounts;
    private final List<Runnable> recoveryPointListeners = new ArrayList<>();

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
        this.image = new RecoverableImage(scheduler);
        this.spaces = new int[sessions.size()];
        for (int i = 0; i < spaces.length; i++) {
            spaces[i] = image.newSpace();
            image.cycleSpace(spaces[i]);
        }
        image.addImageTimeListener(() -> {
            for (Runnable r : recoveryPointListeners) {
                r.run();
            }
        });
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
        if (config.mode() != ConsistencyMode.NONE) {
            for (GroupMember m : members) {
                // a member's drop suspends the group at once (outside the write that caused it)
                m.session.addDropListener((k, now) -> scheduler.after(0, Tie.NORMAL, () -> checkMember(m)));
                m.session.addResynchronisedListener((k, now) -> onMemberResynchronised());
            }
        } else {
            for (GroupMember m : members) {
                // every owed track was copied: every write of the box is in the image (docs/model.md §7)
                m.session.addResynchronisedListener((k, now) -> emitViolations(now, image.landAll(spaces[m.index])));
            }
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
        for (CycleEventListener l : closeListeners) {
            l.onCycle(k, now);
        }
    }

    /**
     * Checks a member whose session may have dropped (its drop, a write that entered no cycle, a
     * poll or a shuttle visit finding it inactive). A dropped member discarded numbers the group
     * can never commit, so the group drops as one [product, docs/model.md §6]: every other member's
     * session drops too (its unacknowledged cycles discarded, their tracks and every later write
     * owed), held acknowledgements are released, the coordinator stops switching / the shuttle
     * stops, and each secondary applies the cycles it already holds whole — the group image is
     * no longer a consistent one. Each member then resynchronises once a link is up; when all are
     * active again the group resumes ({@link #onMemberResynchronised}).
     */
    void checkMember(GroupMember m) {
        if (suspendedAtNs >= 0 || config.mode() == ConsistencyMode.NONE
                || m.session.state() == SessionState.ACTIVE) {
            return;
        }
        long now = scheduler.now();
        suspendedAtNs = now;
        suspendedSignal.emit(now, 1);
        if (restartNumber >= 0 && unprotectedSpans.get(unprotectedSpans.size() - 1)[1] < 0) {
            // dropped again before the image became consistent: the open span goes on
        } else {
            unprotectedSpans.add(new long[] {now, -1});
        }
        long used = committedThrough;
        for (GroupMember g : members) {
            used = Math.max(used, g.session.switcher().highestNumber());
        }
        if (coordinator != null) {
            used = Math.max(used, coordinator.coordinatedSwitch().groupCycle() + 1);
        }
        if (ring != null) {
            used = Math.max(used, ring.shuttle().seq());
        }
        resumeTag = used + 1;
        openBelow = resumeTag;
        for (GroupMember g : members) {
            g.session.switcher().resumeAtLeast(resumeTag);
            g.onGroupSuspended();
            g.releaseHeldAcknowledgements(now);
        }
        for (GroupMember g : members) {
            g.session.drop();
        }
        for (GroupMember g : members) {
            g.session.retryApply();
        }
    }

    /** A member finished its resynchronisation: the group resumes when every member is active again. */
    private void onMemberResynchronised() {
        if (suspendedAtNs < 0) {
            return;
        }
        for (GroupMember g : members) {
            if (g.session.state() != SessionState.ACTIVE) {
                return;
            }
        }
        if (coordinator != null && !coordinator.idle()) {
            // a poll or switch of before the suspension is still finishing: try again shortly
            scheduler.after(config.host().pollIntervalNs(), Tie.CONTROL, this::onMemberResynchronised);
            return;
        }
        long now = scheduler.now();
        long first = resumeTag;
        for (GroupMember g : members) {
            first = Math.max(first, g.session.switcher().captureNumber());
        }
        for (GroupMember g : members) {
            if (g.session.switcher().captureNumber() < first) {
                // an empty fresh cycle is renumbered; a non-empty one closes (its writes have image
                // number resumeTag, below first) and applies like those before the suspension
                g.session.close(now, first);
            }
        }
        openBelow = first;
        restartNumber = first;
        suspendedAtNs = -1;
        if (coordinator != null) {
            coordinator.restart(first, now);
        }
        if (ring != null) {
            ring.restart(first, now);
        }
        boolean allEmpty = true;
        for (GroupMember g : members) {
            allEmpty &= g.session.switcher().captureWrites() == 0;
        }
        if (allEmpty) {
            // every write is in the secondaries' image (copied or applied): consistent from now on
            onGroupCommitted(first - 1);
        }
        for (GroupMember g : members) {
            g.session.retryApply();
        }
    }

    /** Whether a member's drop suspended the group (see {@link #checkMember}); false again once it resumed. */
    public boolean suspended() {
        return suspendedAtNs >= 0;
    }

    /** When the group was suspended (ns), or -1 when it is not. */
    public long suspendedAtNs() {
        return suspendedAtNs;
    }

    /** Image number of the writes made while suspended (see {@link GroupMember#onTagged}). */
    long resumeTag() {
        return resumeTag;
    }

    /** Whether every secondary may apply number {@code k}: committed for the group, or from before a suspension. */
    boolean mayApply(long k) {
        return k <= committedThrough || k < openBelow;
    }

    /**
     * The spans without a current consistent group image (docs/model.md §6, {@code consistency.unprotected}):
     * each {drop ns, ns of the first group commit after the resume}, the end -1 while still open.
     */
    public List<long[]> unprotectedSpans() {
        List<long[]> out = new ArrayList<>(unprotectedSpans.size());
        for (long[] s : unprotectedSpans) {
            out.add(s.clone());
        }
        return out;
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
        if (restartNumber >= 0 && through >= restartNumber - 1) {
            long[] open = unprotectedSpans.get(unprotectedSpans.size() - 1);
            if (open[1] < 0) {
                open[1] = now;
            }
        }
        long[] marks = new long[members.length];
        for (int b = 0; b < marks.length; b++) {
            marks[b] = lostFrom == null ? through : Math.min(through, lostFrom[b] - 1);
        }
        emitViolations(now, image.landThrough(spaces, marks));
        for (GroupMember m : members) {
            m.session.retryApply();
        }
        for (CycleEventListener l : commitListeners) {
            l.onCycle(through, now);
        }
        updateRecoveryPoint(now);
    }

    /** Host and shuttle: calls {@code listener} with (through, ns) at every group commit (every number ≤ through committed). */
    public void addCommitListener(CycleEventListener listener) {
        commitListeners.add(listener);
    }

    /**
     * Fault injection (tests of docs/model.md §6b): slot transfers of member {@code box} are delayed
     * or lost as {@code fault} says. A secondary missing a transfer of number S holds a whole image
     * only below S: if S ever commits (only with {@link #trustPrimaryCounts}), the image holds none
     * of box {@code box}'s writes from S on.
     */
    public void injectTransferFault(int box, org.repsim.model.cycle.TransferFault fault) {
        GroupMember m = members[box];
        m.session.setTransferFault((number, index) -> {
            long d = fault.delayNs(number, index);
            if (d == org.repsim.model.cycle.TransferFault.LOST) {
                if (lostFrom == null) {
                    lostFrom = new long[members.length];
                    java.util.Arrays.fill(lostFrom, Long.MAX_VALUE);
                }
                lostFrom[box] = Math.min(lostFrom[box], number);
            }
            return d;
        });
    }

    /**
     * Test hook bypassing the rule of docs/model.md §6b: each secondary reports its primary's own
     * share of a number (as tagged there) instead of what its transfers carried, so a lost transfer
     * goes unnoticed and its number commits.
     */
    public void trustPrimaryCounts() {
        trustPrimaryCounts = true;
    }

    boolean trustsPrimaryCounts() {
        return trustPrimaryCounts;
    }

    private void onMemberApplied(GroupMember m, long k, long now) {
        m.onApplied(k, now);
        if (config.mode() == ConsistencyMode.NONE) {
            emitViolations(now, image.landThrough(spaces[m.index], k));
        }
        updateRecoveryPoint(now);
    }

    private void emitViolations(long now, int found) {
        if (found > 0) {
            violationsSignal.emit(now, found);
        }
    }

    /** Host and shuttle: moves {@link #appliedEverywhere()}. */
    private void updateRecoveryPoint(long now) {
        if (config.mode() == ConsistencyMode.NONE) {
            return;
        }
        long appliable = committedThrough;
        long frontier = appliable;
        for (GroupMember m : members) {
            frontier = Math.min(frontier, m.appliedFrontier(appliable));
        }
        if (frontier > appliedEverywhere) {
            appliedEverywhere = frontier;
        }
    }

    // ---------------------------------------------------------------- disaster

    /** Data lost if the primary site were lost at {@code nowNs} (docs/model.md §7), from the image. */
    public DataLoss dataLossAt(long nowNs) {
        return image.lossAt(nowNs);
    }

    /**
     * Disaster metrics at {@code nowNs}: {@code disaster.lost.writes} (count), {@code disaster.lost.bytes}
     * (bytes), {@code disaster.lost.span} (s, acknowledgement times of the oldest to the newest lost
     * write), {@code disaster.recoveryPoint} (s, disaster time − oldest lost acknowledgement) and
     * {@code disaster.beyondHole} (writes present in an inconsistent image after a missing predecessor).
     */
    public List<Metric> lossAt(long nowNs) {
        return image.lossAt(nowNs).metrics();
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

    /** The recoverable image the group's writes are fed to (docs/model.md §7). */
    public RecoverableImage image() {
        return image;
    }

    /** The image's cycle space of member {@code box}. */
    public int space(int box) {
        return spaces[box];
    }

    public long startNs() {
        return startNs;
    }

    /**
     * The group's recovery point (ns): see the class comment; {@code Long.MIN_VALUE} when every
     * acknowledged write is in the image (lag 0).
     */
    public long recoveryPointNs() {
        return image.imageTimeNs();
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
