package org.repsim.model.consistency;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.consistency.rules.CoordinatedSwitch;
import org.repsim.model.consistency.rules.GroupApplyGate;
import org.repsim.model.consistency.rules.SwitchCommand;
import org.repsim.model.consistency.rules.SwitchRecord;
import org.repsim.model.cycle.rules.SessionState;
import org.repsim.model.cycle.rules.SwitchOutcome;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.measure.SignalKeys;

/**
 * Timed driver of the host-coordinated switch (docs/model.md §6a) over a {@link CoordinatedSwitch}
 * (coordinator and windows) and a {@link GroupApplyGate} (secondary side).
 *
 * <p>Every {@code pollInterval} the coordinator sends a poll to every box; each message and each
 * reply takes one draw of {@code messageLatency}. A box answers with its session's
 * {@link CycleSession#readyToSwitch()} (legacy conditions 2 and 3). When a poll finds all ready and
 * {@code minCycleTime} passed, the three phases run, each a message to every box and a wait for
 * every confirmation: (1) the box's session holds new host writes; (2) the session closes its
 * capture cycle k and opens k+1 (the common number); (3) the session releases the held writes into
 * k+1. Secondary side: a secondary has <i>received</i> cycle k when its commit arrived (all slots
 * in), or — for a box whose capture cycle was empty at the switch, which closes nothing — at that
 * box's phase 2 [design: the empty commit is not modeled as a message; its predecessor was
 * received before the switch could start, so the order holds]. Every secondary applies k only
 * when the gate says all received k.
 *
 * <p>Signals ({@code consistency.<group>.}): {@code windowTime} (per box and switch, ns),
 * {@code readinessSkew}, {@code switchDuration} (per switch, ns), {@code switches} (count).
 */
final class HostCoordinator {
    private final ConsistencyGroup group;
    private final Scheduler scheduler;
    private final GroupMember[] members;
    private CoordinatedSwitch coordinated;
    private GroupApplyGate gate;
    private final long minCycleTimeNs;
    /** Run of the poll timer: bumped at each restart, a timer of an earlier run stops. */
    private int epoch;
    private final Sampler latency;
    private final long pollIntervalNs;
    private boolean firstOpenOfSwitch;
    private final long[] windowOpenedNs;

    private final Signal windowSignal;
    private final Signal skewSignal;
    private final Signal durationSignal;
    private final Signal switchesSignal;

    HostCoordinator(ConsistencyGroup group, Scheduler scheduler, Signals signals, GroupMember[] members,
                    HostCoordination settings, String prefix) {
        this.group = group;
        this.scheduler = scheduler;
        this.members = members;
        this.latency = settings.messageLatencyNs();
        this.pollIntervalNs = settings.pollIntervalNs();
        this.minCycleTimeNs = settings.minCycleTimeNs();
        this.coordinated = new CoordinatedSwitch(members.length, settings.minCycleTimeNs(), scheduler.now(), 0);
        this.gate = new GroupApplyGate(members.length, 0);
        this.windowOpenedNs = new long[members.length];
        windowSignal = signals.declare(prefix, SignalKeys.HostSwitch.WINDOW_TIME);
        skewSignal = signals.declare(prefix, SignalKeys.HostSwitch.READINESS_SKEW);
        durationSignal = signals.declare(prefix, SignalKeys.HostSwitch.SWITCH_DURATION);
        switchesSignal = signals.declare(prefix, SignalKeys.HostSwitch.SWITCHES);
        for (GroupMember m : members) {
            int b = m.index;
            m.joinCoordinatedApply("host-coordinated group", (k, now) -> received(b, k));
        }
        schedulePoll(scheduler.now());
    }

    private void schedulePoll(long fromNs) {
        int run = epoch;
        scheduler.at(fromNs + pollIntervalNs, Tie.CONTROL, () -> {
            if (run == epoch) {
                onPollTimer();
            }
        });
    }

    /**
     * The group resumes (docs/model.md §6): a fresh coordinated switch and apply gate whose first
     * cycle is {@code firstCycle} (every member's capture number), polling from now. Call only when
     * {@link #idle()}.
     */
    void restart(long firstCycle, long now) {
        if (!idle()) {
            throw new IllegalStateException("the coordinator restarts only when no poll or switch is in progress");
        }
        epoch++;
        coordinated = new CoordinatedSwitch(members.length, minCycleTimeNs, now, firstCycle);
        gate = new GroupApplyGate(members.length, firstCycle);
        schedulePoll(now);
    }

    /** No poll or switch is in progress. */
    boolean idle() {
        return !coordinated.busy();
    }

    private void onPollTimer() {
        if (group.suspended()) {
            return; // no more switches (a switch in progress still completes its phases)
        }
        long now = scheduler.now();
        schedulePoll(now);
        if (!coordinated.onPollDue(now)) {
            return;
        }
        for (GroupMember m : members) {
            int b = m.index;
            send(() -> {
                group.checkMember(m);
                boolean ready = m.session.readyToSwitch();
                send(() -> act(coordinated.onPollReply(b, ready, scheduler.now())));
            });
        }
    }

    private void act(SwitchCommand command) {
        switch (command) {
            case OPEN_WINDOWS -> {
                firstOpenOfSwitch = true;
                for (GroupMember m : members) {
                    send(() -> openWindow(m));
                }
            }
            case SWITCH_CYCLES -> {
                for (GroupMember m : members) {
                    send(() -> switchCycle(m));
                }
            }
            case CLOSE_WINDOWS -> {
                for (GroupMember m : members) {
                    send(() -> closeWindow(m));
                }
            }
            case SWITCH_DONE -> {
                long now = scheduler.now();
                SwitchRecord r = coordinated.lastSwitch();
                skewSignal.emit(now, r.readinessSkewNs());
                durationSignal.emit(now, r.durationNs());
                switchesSignal.emit(now, 1);
            }
            case NONE -> {
                // waiting for more replies or confirmations
            }
        }
    }

    private void openWindow(GroupMember m) {
        long now = scheduler.now();
        if (firstOpenOfSwitch) {
            // writes acknowledged before the first window opened are all in cycles <= the closing one
            firstOpenOfSwitch = false;
            group.recordClose(coordinated.groupCycle(), now);
        }
        coordinated.onOpenWindow(m.index, now);
        windowOpenedNs[m.index] = now;
        m.session.holdWrites();
        send(() -> act(coordinated.onWindowOpenConfirmed(m.index, scheduler.now())));
    }

    private void switchCycle(GroupMember m) {
        long now = scheduler.now();
        long next = coordinated.onSwitchCycle(m.index, now);
        SwitchOutcome o = m.session.state() == SessionState.ACTIVE
                && m.session.switcher().captureNumber() < next ? m.session.close(now, next) : SwitchOutcome.NOT_ACTIVE;
        if (o == SwitchOutcome.SWITCHED) {
            m.onCycleClosed(next - 1);
        } else {
            received(m.index, next - 1); // empty (or dropped) capture cycle: nothing to wait for
        }
        send(() -> act(coordinated.onSwitchConfirmed(m.index, scheduler.now())));
    }

    private void closeWindow(GroupMember m) {
        long now = scheduler.now();
        coordinated.onCloseWindow(m.index, now);
        windowSignal.emit(now, now - windowOpenedNs[m.index]);
        m.session.releaseWrites();
        send(() -> act(coordinated.onWindowCloseConfirmed(m.index, scheduler.now())));
    }

    /** Secondary {@code b} holds cycle {@code k} whole. */
    private void received(int b, long k) {
        if (group.suspended() || k <= gate.receivedThrough(b)) {
            return;
        }
        if (gate.onCycleReceived(b, k) > 0) {
            group.onGroupCommitted(gate.appliableThrough());
        }
    }

    private void send(Runnable atArrival) {
        scheduler.after(latency.sampleLong(), Tie.NORMAL, atArrival);
    }

    /** Whether {@code box}'s consistency window is open now (arriving writes are held). */
    boolean windowOpen(int box) {
        return coordinated.windowOpen(box);
    }

    /** A host write arrived at {@code box}: counted for the hold statistics. */
    void onWriteArrived(int box, long now) {
        coordinated.onHostWrite(box, now);
    }

    CoordinatedSwitch coordinatedSwitch() {
        return coordinated;
    }

    GroupApplyGate applyGate() {
        return gate;
    }
}
