package org.repsim.model.consistency;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.consistency.rules.NumberTotal;
import org.repsim.model.consistency.rules.Shuttle;
import org.repsim.model.consistency.rules.ShuttleCommitTracker;
import org.repsim.model.consistency.rules.ShuttleVisit;
import org.repsim.model.measure.SignalKeys;

/**
 * Timed driver of the shuttle (docs/model.md §6b) over a {@link Shuttle} (primary ring) and a
 * {@link ShuttleCommitTracker} (secondary side).
 *
 * <p><b>Primary side.</b> The shuttle starts at entity 0 and travels the ring 0, 1, …, n-1, 0, …
 * forever; reaching the next entity takes one draw of {@code hopLatency} plus one of
 * {@code visitProcessing}, and the visit's decisions take effect at the end of the processing
 * (never less than 1 ns per hop, so an idle ring cannot stall time). At a visit where the entity's
 * {@code curSeq} changes, its session closes the capture cycle of the old number and opens the new
 * one ({@code CycleSession.close(now, seq)}): the old number joins the session's transmit queue in
 * number order and is transferred like a cycle (folding, duplicate slots, cache pressure per
 * number). Under {@code after-round} the entity's held acknowledgements are released at the visit.
 *
 * <p><b>Secondary side [design].</b> A gatherer (receiver-side coordinator) commits numbers with
 * the {@link ShuttleCommitTracker}. A number's final total reaches it one {@code messageLatency}
 * after the visit that made it final. Each secondary reports, one {@code messageLatency} after it
 * holds number S of its entity whole (all slots plus the commit message), the bytes it received for
 * S — counted, like the shuttle's totals, in host bytes tagged S at its entity (the commit message
 * carries the entity's count; slot bytes after folding would never add up to host totals). When
 * the reports add up to the total, S commits; every secondary then applies its part of S, whole and
 * in order (the session's apply gate).
 *
 * <p>Signals ({@code shuttle.<group>.}): {@code roundTime} (ns), {@code numbersPerRound} (count),
 * {@code numberBytes} (final total, bytes), {@code closedLatency} (per write: tag → its entity
 * closed the number, ns), {@code appliedLatency} (per write: tag → applied at its secondary, ns),
 * {@code ackLatency} (per held acknowledgement, ns), {@code numbersClosed}, {@code skippedEmpty} (counts).
 */
final class ShuttleRing {
    private final ConsistencyGroup group;
    private final Scheduler scheduler;
    private final GroupMember[] members;
    private final ShuttleSettings settings;
    private final Shuttle shuttle;
    private final ShuttleCommitTracker tracker;
    private final Runnable arrival = this::onArrival;
    private final List<java.util.function.Consumer<NumberTotal>> finalTotalListeners = new ArrayList<>();

    private final Signal roundSignal;
    private final Signal perRoundSignal;
    private final Signal numberBytesSignal;
    private final Signal closedLatencySignal;
    private final Signal appliedLatencySignal;
    private final Signal ackLatencySignal;
    private final Signal closedSignal;
    private final Signal skippedSignal;

    ShuttleRing(ConsistencyGroup group, Scheduler scheduler, Signals signals, GroupMember[] members,
                ShuttleSettings settings, String prefix) {
        this.group = group;
        this.scheduler = scheduler;
        this.members = members;
        this.settings = settings;
        this.shuttle = new Shuttle(members.length, settings.rules());
        this.tracker = new ShuttleCommitTracker(members.length, 0);
        roundSignal = signals.declare(prefix, SignalKeys.Shuttle.ROUND_TIME);
        perRoundSignal = signals.declare(prefix, SignalKeys.Shuttle.NUMBERS_PER_ROUND);
        numberBytesSignal = signals.declare(prefix, SignalKeys.Shuttle.NUMBER_BYTES);
        closedLatencySignal = signals.declare(prefix, SignalKeys.Shuttle.CLOSED_LATENCY);
        appliedLatencySignal = signals.declare(prefix, SignalKeys.Shuttle.APPLIED_LATENCY);
        ackLatencySignal = signals.declare(prefix, SignalKeys.Shuttle.ACK_LATENCY);
        closedSignal = signals.declare(prefix, SignalKeys.Shuttle.NUMBERS_CLOSED);
        skippedSignal = signals.declare(prefix, SignalKeys.Shuttle.SKIPPED_EMPTY);
        for (GroupMember m : members) {
            m.joinCoordinatedApply("shuttle ring", (k, now) -> m.onNumberReceived(k));
        }
        scheduler.at(scheduler.now() + travelNs(), Tie.CONTROL, arrival);
    }

    private long travelNs() {
        return Math.max(1, settings.hopLatencyNs().sampleLong() + settings.visitProcessingNs().sampleLong());
    }

    private void onArrival() {
        int e = shuttle.nextEntity();
        group.checkMember(members[e]);
        if (group.suspended()) {
            return; // the group is suspended: the shuttle stops (held acknowledgements were released)
        }
        long now = scheduler.now();
        ShuttleVisit v = shuttle.onArrival(e, now);
        if (v.advanced()) {
            group.recordClose(v.closedSeq(), now);
            closedSignal.emit(now, 1);
        }
        if (v.skippedEmpty()) {
            skippedSignal.emit(now, 1);
        }
        members[e].onShuttleVisit(v, now);
        NumberTotal total = v.finalTotal();
        if (total != null) {
            for (java.util.function.Consumer<NumberTotal> l : finalTotalListeners) {
                l.accept(total);
            }
            numberBytesSignal.emit(now, total.bytes());
            scheduler.after(settings.messageLatencyNs().sampleLong(), Tie.NORMAL, () -> {
                if (!group.suspended()) {
                    committed(tracker.onFinalTotal(total));
                }
            });
        }
        if (v.roundCompleted()) {
            roundSignal.emit(now, v.roundTimeNs());
            perRoundSignal.emit(now, v.numbersClosedInRound());
        }
        scheduler.at(now + travelNs(), Tie.CONTROL, arrival);
    }

    /** Secondary {@code b} holds its part of number {@code k} whole: its count travels to the gatherer. */
    void sendReceivedCount(int b, long k, long hostBytes) {
        if (group.suspended()) {
            return;
        }
        scheduler.after(settings.messageLatencyNs().sampleLong(), Tie.NORMAL, () -> {
            if (!group.suspended()) {
                committed(tracker.onReceivedCount(b, k, hostBytes));
            }
        });
    }

    private void committed(int newly) {
        if (group.suspended()) {
            return;
        }
        if (newly > 0) {
            group.onGroupCommitted(tracker.committedThrough());
        }
    }

    void onWriteClosed(long now, long latencyNs) {
        closedLatencySignal.emit(now, latencyNs);
    }

    void onWriteApplied(long now, long latencyNs) {
        appliedLatencySignal.emit(now, latencyNs);
    }

    void onAckReleased(long now, long latencyNs) {
        ackLatencySignal.emit(now, latencyNs);
    }

    Shuttle shuttle() {
        return shuttle;
    }

    ShuttleCommitTracker tracker() {
        return tracker;
    }

    /** Calls {@code listener} with each final number total, in number order (the shuttle's totals, claim 5/7). */
    void addFinalTotalListener(java.util.function.Consumer<NumberTotal> listener) {
        finalTotalListeners.add(listener);
    }
}
