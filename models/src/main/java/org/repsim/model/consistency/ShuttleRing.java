package org.repsim.model.consistency;

import java.util.ArrayDeque;
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
 * <p><b>Secondary side [design].</b> Every slot transfer carries the host bytes and writes of the
 * writes whose last track it holds ({@code CycleSession.countHostWrites}); each secondary sums what
 * actually arrived per number ({@code ReceivedCounts}). A gatherer (receiver-side coordinator)
 * commits numbers with the {@link ShuttleCommitTracker}: a number's final total reaches it one
 * {@code messageLatency} after the visit that made it final; each secondary reports its counts for
 * S one {@code messageLatency} after S's commit message reached it (all slots its primary sent
 * for S are then in, or lost). When the reports add up to the total, bytes and writes, S commits;
 * every secondary then applies its part of S, whole and in order (the session's apply gate). A
 * transfer that never arrives keeps S uncommitted.
 *
 * <p><b>Suspension and resume</b> (docs/model.md §6): the ring stops while the group is suspended;
 * {@link #restart} starts a fresh shuttle and tracker at the group's restart number. Events of the
 * previous run of the ring (arrivals, messages in flight) are ignored (an epoch counter).
 *
 * <p>Signals ({@code shuttle.<group>.}): {@code roundTime} (ns), {@code numbersPerRound} (count),
 * {@code numberBytes} (final total, bytes), {@code closedLatency} (per write: tag → its entity
 * closed the number, ns), {@code appliedLatency} (per write: tag → applied at its secondary, ns),
 * {@code ackLatency} (per held acknowledgement, ns), {@code commitWait} (per number: final total at
 * the gatherer → commit, ns), {@code numbersClosed}, {@code skippedEmpty} (counts).
 */
final class ShuttleRing {
    private final ConsistencyGroup group;
    private final Scheduler scheduler;
    private final GroupMember[] members;
    private final ShuttleSettings settings;
    private Shuttle shuttle;
    private ShuttleCommitTracker tracker;
    /** Run of the ring: bumped at each restart, events of an earlier run are ignored. */
    private int epoch;
    /** The first number of the current run. */
    private long firstSeq;
    /** (number, ns) of final totals that reached the gatherer and are not committed yet, in number order. */
    private final ArrayDeque<long[]> totalsArrived = new ArrayDeque<>();
    private final List<java.util.function.Consumer<NumberTotal>> finalTotalListeners = new ArrayList<>();

    private final Signal roundSignal;
    private final Signal perRoundSignal;
    private final Signal numberBytesSignal;
    private final Signal closedLatencySignal;
    private final Signal appliedLatencySignal;
    private final Signal ackLatencySignal;
    private final Signal commitWaitSignal;
    private final Signal closedSignal;
    private final Signal skippedSignal;
    // Where the emits go, in the ring's own fields (copied by seal(), as the processors and caches
    // do): the signal itself before the registry is sealed; once sealed null for a signal nothing
    // records. The three per-write latencies are emitted for every write of the group.
    private Signal roundOut;
    private Signal perRoundOut;
    private Signal numberBytesOut;
    private Signal closedLatencyOut;
    private Signal appliedLatencyOut;
    private Signal ackLatencyOut;
    private Signal commitWaitOut;
    private Signal closedOut;
    private Signal skippedOut;

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
        commitWaitSignal = signals.declare(prefix, SignalKeys.Shuttle.COMMIT_WAIT);
        closedSignal = signals.declare(prefix, SignalKeys.Shuttle.NUMBERS_CLOSED);
        skippedSignal = signals.declare(prefix, SignalKeys.Shuttle.SKIPPED_EMPTY);
        roundOut = roundSignal;
        perRoundOut = perRoundSignal;
        numberBytesOut = numberBytesSignal;
        closedLatencyOut = closedLatencySignal;
        appliedLatencyOut = appliedLatencySignal;
        ackLatencyOut = ackLatencySignal;
        commitWaitOut = commitWaitSignal;
        closedOut = closedSignal;
        skippedOut = skippedSignal;
        signals.onSeal(this::seal);
        for (GroupMember m : members) {
            m.joinCoordinatedApply("shuttle ring", (k, now) -> m.onNumberReceived(k));
            m.session.countHostWrites();
            m.session.addSlotArrivalListener((k, bytes, writes, now) -> m.onTransferArrived(k, bytes, writes));
        }
        scheduleArrival(scheduler.now());
    }

    /** Copies where each signal's emits go into the ring's own fields ({@link Signals#onSeal}). */
    private void seal() {
        roundOut = roundSignal.ifRecorded();
        perRoundOut = perRoundSignal.ifRecorded();
        numberBytesOut = numberBytesSignal.ifRecorded();
        closedLatencyOut = closedLatencySignal.ifRecorded();
        appliedLatencyOut = appliedLatencySignal.ifRecorded();
        ackLatencyOut = ackLatencySignal.ifRecorded();
        commitWaitOut = commitWaitSignal.ifRecorded();
        closedOut = closedSignal.ifRecorded();
        skippedOut = skippedSignal.ifRecorded();
    }

    private void scheduleArrival(long fromNs) {
        int e = epoch;
        scheduler.at(fromNs + travelNs(), Tie.CONTROL, () -> {
            if (e == epoch) {
                onArrival();
            }
        });
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
            Signal.emit(closedOut, now, 1);
        }
        if (v.skippedEmpty()) {
            Signal.emit(skippedOut, now, 1);
        }
        members[e].onShuttleVisit(v, now);
        NumberTotal total = v.finalTotal();
        if (total != null) {
            for (java.util.function.Consumer<NumberTotal> l : finalTotalListeners) {
                l.accept(total);
            }
            Signal.emit(numberBytesOut, now, total.bytes());
            int run = epoch;
            scheduler.after(settings.messageLatencyNs().sampleLong(), Tie.NORMAL, () -> {
                if (run == epoch && !group.suspended()) {
                    totalsArrived.addLast(new long[] {total.seq(), scheduler.now()});
                    committed(tracker.onFinalTotal(total));
                }
            });
        }
        if (v.roundCompleted()) {
            Signal.emit(roundOut, now, v.roundTimeNs());
            Signal.emit(perRoundOut, now, v.numbersClosedInRound());
        }
        scheduleArrival(now);
    }

    /** Secondary {@code b} reports its counts of number {@code k} to the gatherer (they arrive one message latency later). */
    void sendReceivedCount(int b, NumberTotal counts) {
        if (group.suspended() || counts.seq() < firstSeq || counts.writes() == 0 && counts.bytes() == 0) {
            return;
        }
        int run = epoch;
        scheduler.after(settings.messageLatencyNs().sampleLong(), Tie.NORMAL, () -> {
            if (run == epoch && !group.suspended() && counts.seq() > tracker.committedThrough()) {
                committed(tracker.onReceivedCount(b, counts));
            }
        });
    }

    private void committed(int newly) {
        if (group.suspended() || newly == 0) {
            return;
        }
        long now = scheduler.now();
        long through = tracker.committedThrough();
        while (!totalsArrived.isEmpty() && totalsArrived.peekFirst()[0] <= through) {
            Signal.emit(commitWaitOut, now, now - totalsArrived.pollFirst()[1]);
        }
        group.onGroupCommitted(through);
    }

    /**
     * The group resumes (docs/model.md §6): a fresh shuttle whose every entity tags with
     * {@code firstNumber}, preloaded with what each entity already tagged with it, and a fresh tracker.
     */
    void restart(long firstNumber, long now) {
        epoch++;
        firstSeq = firstNumber;
        shuttle = new Shuttle(members.length, settings.rules(), firstNumber);
        tracker = new ShuttleCommitTracker(members.length, firstNumber);
        totalsArrived.clear();
        for (GroupMember m : members) {
            m.restartShuttle(shuttle, firstNumber);
        }
        scheduleArrival(now);
    }

    void onWriteClosed(long now, long latencyNs) {
        Signal.emit(closedLatencyOut, now, latencyNs);
    }

    void onWriteApplied(long now, long latencyNs) {
        Signal.emit(appliedLatencyOut, now, latencyNs);
    }

    void onAckReleased(long now, long latencyNs) {
        Signal.emit(ackLatencyOut, now, latencyNs);
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
