package org.repsim.model.consistency;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.LagMeter;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.CycleRecording;
import org.repsim.model.cycle.CycleRows;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.measure.SignalKeys;

/**
 * Recording configuration of a {@link ConsistencyGroup} (docs/model.md, consistency groups; names
 * from the catalogue {@link Measures}). Everything resets with the warm-up.
 *
 * <ul>
 *   <li>Per-session cycle metrics come from {@link CycleRecording} (same names, pooled over the
 *       group's sessions: {@code cycle.count/.duration/.bytes/.folding/.duplicates},
 *       {@code cache.session.peak}, {@code spill.peak}, {@code session.*}).</li>
 *   <li>{@code rpo.lag.mean/.max}, {@code rpo.aboveTarget.fraction} and column {@code rpo.lag}: the
 *       GROUP's recovery-point lag, {@code now − ConsistencyGroup.recoveryPointNs()} — the
 *       acknowledgement of the oldest acknowledged write not in the group's recoverable image
 *       (docs/model.md §7; 0 when every acknowledged write is in it). The only lag of cycle mode,
 *       mode {@code none} included: a lone session is a group of one.</li>
 *   <li>{@code group.cycle.count}, {@code group.cycle.duration.mean/.max} (time between successive
 *       group closes), {@code group.cycle.bytes.mean} (bytes of one number summed over boxes), for
 *       host and shuttle modes.</li>
 *   <li>{@code consistency.violations}, {@code consistency.suspensions} (counts);
 *       {@code consistency.unprotected} (s, host and shuttle: time from a member's drop to the group's
 *       first commit after it resumed, since the warm-up).</li>
 *   <li>Host: {@code consistency.window.mean/.max/.count} (per box and switch, s),
 *       {@code consistency.readinessSkew.mean/.max}, {@code consistency.switch.duration.mean/.max} (s),
 *       {@code consistency.switches}, {@code consistency.heldWrites}, {@code host.hold.latency.*} (s).</li>
 *   <li>Shuttle: {@code shuttle.round.mean/.max/.count} (s), {@code shuttle.numbersPerRound.mean/.max},
 *       {@code shuttle.number.bytes.mean/.max}, {@code shuttle.closed.latency.*} and
 *       {@code shuttle.applied.latency.*} (per write, from its tag, s), {@code shuttle.ack.latency.*}
 *       (held acknowledgements, {@code after-round} only), {@code shuttle.numbersClosed},
 *       {@code shuttle.skippedEmpty}, {@code shuttle.commit.wait.mean/.max} (s, per number: its final total
 *       at the gatherer → its commit).</li>
 *   <li>Columns {@code cache.session.bytes}, {@code cache.session.limit}, {@code spill.bytes},
 *       {@code cycle.transmitQueue} (sums over sessions), {@code rpo.lag} (group, s); table
 *       {@code cycles} with the {@code box} column (session index).</li>
 * </ul>
 */
public final class ConsistencyRecording {
    private final ConsistencyGroup group;
    private final Scheduler scheduler;
    private final CycleRecording cycles;
    /** The sessions' recording, nested: its tables keep their rows where the outer recording's do. */
    private final Recording inner;
    private final LagMeter lag;
    private long sinceNs;
    // group cycles since the warm-up: durations between successive group closes
    private long previousCloseNs = Long.MIN_VALUE;
    private long closeCount;
    private double closeDurSum;
    private double closeDurMax;
    // numbers of the records handed out since the warm-up (closed after it, not discarded), and their bytes
    private final BitSet numbersOut = new BitSet();
    private long bytesOut;

    private ConsistencyRecording(Recording outer, ConsistencyGroup group, Signals signals, Scheduler scheduler,
                                 long rpoTargetNs, CycleRows rows) {
        this.inner = new Recording(outer.tableStores());
        this.group = group;
        this.scheduler = scheduler;
        this.cycles = CycleRecording.register(inner, signals, group.sessions(), scheduler, rows);
        this.lag = new LagMeter(scheduler.now(), rpoTargetNs);
        lag.set(scheduler.now(), group.recoveryPointNs());
        group.addRecoveryPointListener(() -> lag.set(scheduler.now(), group.recoveryPointNs()));
        this.sinceNs = scheduler.now();
        if (group.mode() != ConsistencyMode.NONE) {
            group.addCloseListener(this::onGroupClose);
            cycles.addRecordListener((box, r) -> onRecord(r));
        }
    }

    /**
     * Subscribes the group's metrics, columns and the {@code cycles} table to {@code rec}.
     *
     * @param signals     the registry the group and its sessions emit on
     * @param rpoTargetNs recovery-point target for {@code rpo.aboveTarget.fraction} (≤ 0: never above)
     */
    public static ConsistencyRecording register(Recording rec, Signals signals, ConsistencyGroup group,
                                                Scheduler scheduler, long rpoTargetNs) {
        return register(rec, signals, group, scheduler, rpoTargetNs, CycleRows.PER_BOX);
    }

    /**
     * {@link #register(Recording, Signals, ConsistencyGroup, Scheduler, long)} with the rows of the
     * {@code cycles} table as {@code rows} says; the metrics do not depend on it.
     */
    public static ConsistencyRecording register(Recording rec, Signals signals, ConsistencyGroup group,
                                                Scheduler scheduler, long rpoTargetNs, CycleRows rows) {
        ConsistencyRecording r = new ConsistencyRecording(rec, group, signals, scheduler, rpoTargetNs, rows);
        rec.resetWith(r.inner::reset);
        rec.resetWith(r.lag);
        rec.resetWith(r::onReset);
        rec.metrics(r::addMetrics);
        String c = "consistency." + group.name();
        rec.count(signals.get(c, SignalKeys.Consistency.VIOLATIONS), Measures.CONSISTENCY_VIOLATIONS);
        rec.count(signals.get(c, SignalKeys.Consistency.SUSPENSIONS), Measures.CONSISTENCY_SUSPENSIONS);
        if (group.mode() == ConsistencyMode.HOST) {
            rec.tally(signals.get(c, SignalKeys.HostSwitch.WINDOW_TIME), Measures.CONSISTENCY_WINDOW, true);
            rec.tally(signals.get(c, SignalKeys.HostSwitch.READINESS_SKEW), Measures.CONSISTENCY_READINESS_SKEW, false);
            rec.tally(signals.get(c, SignalKeys.HostSwitch.SWITCH_DURATION), Measures.CONSISTENCY_SWITCH_DURATION,
                    false);
            rec.count(signals.get(c, SignalKeys.HostSwitch.SWITCHES), Measures.CONSISTENCY_SWITCHES);
            rec.count(signals.get(c, SignalKeys.Consistency.HELD_WRITES), Measures.CONSISTENCY_HELD_WRITES);
            rec.latency(signals.get(c, SignalKeys.Consistency.HOLD_LATENCY), Measures.HOST_HOLD_LATENCY);
        }
        if (group.mode() == ConsistencyMode.SHUTTLE) {
            String s = "shuttle." + group.name();
            rec.tally(signals.get(s, SignalKeys.Shuttle.ROUND_TIME), Measures.SHUTTLE_ROUND, true);
            rec.tally(signals.get(s, SignalKeys.Shuttle.NUMBERS_PER_ROUND), Measures.SHUTTLE_NUMBERS_PER_ROUND, false);
            rec.tally(signals.get(s, SignalKeys.Shuttle.NUMBER_BYTES), Measures.SHUTTLE_NUMBER_BYTES, false);
            rec.latency(signals.get(s, SignalKeys.Shuttle.CLOSED_LATENCY), Measures.SHUTTLE_CLOSED_LATENCY);
            rec.latency(signals.get(s, SignalKeys.Shuttle.APPLIED_LATENCY), Measures.SHUTTLE_APPLIED_LATENCY);
            if (group.config().shuttle().ack() == AckRule.AFTER_ROUND) {
                rec.latency(signals.get(s, SignalKeys.Shuttle.ACK_LATENCY), Measures.SHUTTLE_ACK_LATENCY);
            }
            rec.count(signals.get(s, SignalKeys.Shuttle.NUMBERS_CLOSED), Measures.SHUTTLE_NUMBERS_CLOSED);
            rec.count(signals.get(s, SignalKeys.Shuttle.SKIPPED_EMPTY), Measures.SHUTTLE_SKIPPED_EMPTY);
            rec.tally(signals.get(s, SignalKeys.Shuttle.COMMIT_WAIT), Measures.SHUTTLE_COMMIT_WAIT, false);
        }
        rec.column(Measures.CACHE_SESSION_BYTES, () -> r.sum(0));
        rec.column(Measures.CACHE_SESSION_LIMIT, () -> r.sum(1));
        rec.column(Measures.SPILL_BYTES, () -> r.sum(2));
        rec.column(Measures.TRANSMIT_QUEUE, () -> r.sum(3));
        rec.column(Measures.RPO_LAG, () -> r.lag.currentNs(scheduler.now()) / 1e9);
        return r;
    }

    private void onReset(long nowNs) {
        sinceNs = nowNs;
        closeCount = 0;
        closeDurSum = 0;
        closeDurMax = 0;
        numbersOut.clear();
        bytesOut = 0;
    }

    private void onGroupClose(long number, long nowNs) {
        if (nowNs >= sinceNs && previousCloseNs != Long.MIN_VALUE) {
            double d = (nowNs - previousCloseNs) / 1e9;
            closeDurSum += d;
            closeDurMax = Math.max(closeDurMax, d);
            closeCount++;
        }
        previousCloseNs = nowNs;
    }

    /**
     * Time without a current consistent group image since the warm-up: each span from a member's
     * drop to the group's first commit after it resumed, clipped to [warm-up, now].
     */
    private long unprotectedNs(long nowNs) {
        long t = 0;
        for (long[] span : group.unprotectedSpans()) {
            long from = Math.max(span[0], sinceNs);
            long to = span[1] < 0 ? nowNs : Math.min(span[1], nowNs);
            if (to > from) {
                t += to - from;
            }
        }
        return t;
    }

    /** A record entering the cycles table (closed after the warm-up). */
    private void onRecord(CycleRecord r) {
        if (!r.discarded()) {
            numbersOut.set(bitOf(r.number()));
            bytesOut += r.bytes();
        }
    }

    private static int bitOf(long number) {
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new IllegalStateException("group number out of range for the cycle count: " + number);
        }
        return (int) number;
    }

    private double sum(int what) {
        double t = 0;
        for (CycleSession s : group.sessions()) {
            t += switch (what) {
                case 0 -> s.cacheBytes();
                case 1 -> s.cacheLimitBytes();
                case 2 -> s.spillBytes();
                default -> s.transmitQueue();
            };
        }
        return t;
    }

    private void addMetrics(long nowNs, List<Metric> out) {
        out.addAll(inner.metrics(nowNs));
        out.add(Measures.RPO_LAG_MEAN.of(lag.averageNs(nowNs) / 1e9));
        out.add(Measures.RPO_LAG_MAX.of(lag.maxNs(nowNs) / 1e9));
        out.add(Measures.RPO_ABOVE_TARGET.of(lag.fractionAboveTarget(nowNs)));
        if (group.mode() != ConsistencyMode.NONE) {
            addGroupCycles(out);
            out.add(Measures.CONSISTENCY_UNPROTECTED.of(unprotectedNs(nowNs) / 1e9));
        }
    }

    /**
     * Group cycles: numbers closed after the warm-up (those handed out to the table, then those
     * still in progress), bytes of a number summed over boxes; durations between successive group
     * closes. Memory: one bit per number, not a record.
     */
    private void addGroupCycles(List<Metric> out) {
        BitSet numbers = (BitSet) numbersOut.clone();
        long bytes = bytesOut;
        for (CycleSession s : group.sessions()) {
            for (CycleRecord r : s.switcher().records()) {
                if (r.closeNs() >= sinceNs && !r.discarded()) {
                    numbers.set(bitOf(r.number()));
                    bytes += r.bytes();
                }
            }
        }
        int count = numbers.cardinality();
        out.add(Measures.GROUP_CYCLE_COUNT.of(count));
        out.add(Measures.GROUP_CYCLE_DURATION.mean().of(closeCount == 0 ? Double.NaN : closeDurSum / closeCount));
        out.add(Measures.GROUP_CYCLE_DURATION.max().of(closeCount == 0 ? Double.NaN : closeDurMax));
        out.add(Measures.GROUP_CYCLE_BYTES_MEAN.of(count == 0 ? Double.NaN : (double) bytes / count));
    }

    /** See {@link CycleRecording#addRecordListener}. */
    public void addRecordListener(CycleRecording.RecordListener listener) {
        cycles.addRecordListener(listener);
    }

    /** Table {@code cycles}: every cycle (shuttle: number) each box closed since the warm-up; {@code box} = session index. */
    public Table cycles() {
        return cycles.cycles();
    }

    /** The record tables as {@link CycleRecording#tables()} gives them. */
    public List<Table> tables() {
        return cycles.tables();
    }

    /**
     * {@code session-drop} intervals of the group's sessions, plus, whose subject is the group's
     * name, one per span without a current consistent group image (a member's drop to the first
     * group commit after the resume; an open one ends at {@code endNs}).
     */
    public List<Interval> intervals(long endNs) {
        List<Interval> out = new ArrayList<>(cycles.intervals(endNs));
        for (long[] span : group.unprotectedSpans()) {
            long end = span[1] < 0 ? endNs : span[1];
            out.add(new Interval("session-drop", group.name(), span[0] / 1e9, end / 1e9));
        }
        return out;
    }

    /** The group's exact recovery-point lag meter. */
    public LagMeter lag() {
        return lag;
    }

    /** The per-session cycle recording (cycle metrics, the {@code cycles} table, drop intervals). */
    public CycleRecording cycleRecording() {
        return cycles;
    }
}
