package org.repsim.model.consistency;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.LagMeter;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.CycleRecording;
import org.repsim.model.cycle.CycleSession;

/**
 * Recording configuration of a {@link ConsistencyGroup} (DOMAIN §6–7 measurements; names of
 * SCENARIO.md). Everything resets with the warm-up.
 *
 * <ul>
 *   <li>Per-session cycle metrics come from {@link CycleRecording} (same names, pooled over the
 *       group's sessions: {@code cycle.count/.duration/.bytes/.folding/.duplicates},
 *       {@code cache.session.peak}, {@code spill.peak}, {@code session.*}); its per-session
 *       {@code rpo.*} metrics are replaced by the group's.</li>
 *   <li>{@code rpo.lag.mean/.max}, {@code rpo.aboveTarget.fraction} and column {@code rpo.lag}: the
 *       GROUP's recovery-point lag, {@code now − ConsistencyGroup.recoveryPointNs()} — the close of
 *       the newest number applied at all secondaries (mode none: the oldest per-session recovery point).</li>
 *   <li>{@code group.cycle.count}, {@code group.cycle.duration.mean/.max} (time between successive
 *       group closes), {@code group.cycle.bytes.mean} (bytes of one number summed over boxes), for
 *       host and shuttle modes.</li>
 *   <li>{@code consistency.violations}, {@code consistency.suspensions} (counts).</li>
 *   <li>Host: {@code consistency.window.mean/.max/.count} (per box and switch, s),
 *       {@code consistency.readinessSkew.mean/.max}, {@code consistency.switch.duration.mean/.max} (s),
 *       {@code consistency.switches}, {@code consistency.heldWrites}, {@code host.hold.latency.*} (s).</li>
 *   <li>Shuttle: {@code shuttle.round.mean/.max/.count} (s), {@code shuttle.numbersPerRound.mean/.max},
 *       {@code shuttle.number.bytes.mean/.max}, {@code shuttle.closed.latency.*} and
 *       {@code shuttle.applied.latency.*} (per write, from its tag, s), {@code shuttle.ack.latency.*}
 *       (held acknowledgements, {@code after-round} only), {@code shuttle.numbersClosed},
 *       {@code shuttle.skippedEmpty}.</li>
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
                                 long rpoTargetNs) {
        this.inner = new Recording(outer.tableStores());
        this.group = group;
        this.scheduler = scheduler;
        this.cycles = CycleRecording.register(inner, signals, group.sessions(), scheduler, rpoTargetNs);
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
        ConsistencyRecording r = new ConsistencyRecording(rec, group, signals, scheduler, rpoTargetNs);
        rec.resetWith(r.inner::reset);
        rec.resetWith(r.lag);
        rec.resetWith(r::onReset);
        rec.metrics(r::addMetrics);
        String c = "consistency." + group.name();
        rec.count(signals.find(c + ".violations"), "consistency.violations");
        rec.count(signals.find(c + ".suspensions"), "consistency.suspensions");
        if (group.mode() == ConsistencyMode.HOST) {
            rec.tally(signals.find(c + ".windowTime"), "consistency.window", true);
            rec.tally(signals.find(c + ".readinessSkew"), "consistency.readinessSkew", false);
            rec.tally(signals.find(c + ".switchDuration"), "consistency.switch.duration", false);
            rec.count(signals.find(c + ".switches"), "consistency.switches");
            rec.count(signals.find(c + ".heldWrites"), "consistency.heldWrites");
            rec.latency(signals.find(c + ".holdLatency"), "host.hold.latency");
        }
        if (group.mode() == ConsistencyMode.SHUTTLE) {
            String s = "shuttle." + group.name();
            rec.tally(signals.find(s + ".roundTime"), "shuttle.round", true);
            rec.tally(signals.find(s + ".numbersPerRound"), "shuttle.numbersPerRound", false);
            rec.tally(signals.find(s + ".numberBytes"), "shuttle.number.bytes", false);
            rec.latency(signals.find(s + ".closedLatency"), "shuttle.closed.latency");
            rec.latency(signals.find(s + ".appliedLatency"), "shuttle.applied.latency");
            if (group.config().shuttle().ack() == AckRule.AFTER_ROUND) {
                rec.latency(signals.find(s + ".ackLatency"), "shuttle.ack.latency");
            }
            rec.count(signals.find(s + ".numbersClosed"), "shuttle.numbersClosed");
            rec.count(signals.find(s + ".skippedEmpty"), "shuttle.skippedEmpty");
        }
        rec.column("cache.session.bytes", "bytes", () -> r.sum(0));
        rec.column("cache.session.limit", "bytes", () -> r.sum(1));
        rec.column("spill.bytes", "bytes", () -> r.sum(2));
        rec.column("cycle.transmitQueue", "count", () -> r.sum(3));
        rec.column("rpo.lag", "s", () -> r.lag.currentNs(scheduler.now()) / 1e9);
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
        for (Metric m : inner.metrics(nowNs)) {
            if (!m.name().startsWith("rpo.")) {
                out.add(m);
            }
        }
        out.add(new Metric("rpo.lag.mean", lag.averageNs(nowNs) / 1e9, "s"));
        out.add(new Metric("rpo.lag.max", lag.maxNs(nowNs) / 1e9, "s"));
        out.add(new Metric("rpo.aboveTarget.fraction", lag.fractionAboveTarget(nowNs), "fraction"));
        if (group.mode() != ConsistencyMode.NONE) {
            addGroupCycles(out);
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
        out.add(new Metric("group.cycle.count", count, "count"));
        out.add(new Metric("group.cycle.duration.mean", closeCount == 0 ? Double.NaN : closeDurSum / closeCount, "s"));
        out.add(new Metric("group.cycle.duration.max", closeCount == 0 ? Double.NaN : closeDurMax, "s"));
        out.add(new Metric("group.cycle.bytes.mean", count == 0 ? Double.NaN : (double) bytes / count, "bytes"));
    }

    /** See {@link CycleRecording#addRecordListener}. */
    public void addRecordListener(CycleRecording.RecordListener listener) {
        cycles.addRecordListener(listener);
    }

    /** Table {@code cycles}: every cycle (shuttle: number) each box closed since the warm-up; {@code box} = session index. */
    public Table cycles() {
        return cycles.cycles();
    }

    /**
     * {@code session-drop} intervals of the group's sessions, plus one whose subject is the group's
     * name from its suspension to {@code endNs} if a member's drop suspended it.
     */
    public List<Interval> intervals(long endNs) {
        List<Interval> out = new ArrayList<>(cycles.intervals(endNs));
        if (group.suspended()) {
            out.add(new Interval("session-drop", group.name(), group.suspendedAtNs() / 1e9, endNs / 1e9));
        }
        return out;
    }

    /** The group's exact recovery-point lag meter. */
    public LagMeter lag() {
        return lag;
    }

    /** The per-session cycle recording (per-session lags, tables). */
    public CycleRecording cycleRecording() {
        return cycles;
    }
}
