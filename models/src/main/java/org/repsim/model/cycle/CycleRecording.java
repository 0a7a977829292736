package org.repsim.model.cycle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.measure.Measures;
import org.repsim.core.measure.Measures.Cycles;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Resettable;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.measure.SignalKeys;

/**
 * Recording configuration of the cycle engine (docs/model.md, cycle mode; metric, column and table
 * names from the catalogue {@link Measures}). Everything is reset with the warm-up ({@link Recording#reset}).
 *
 * <h2>Several sessions [design]</h2>
 * <ul>
 *   <li>Per-cycle metrics ({@code cycle.duration.mean/.max}, {@code cycle.bytes.mean},
 *       {@code cycle.folding.mean} (writes ÷ slots), {@code cycle.byteFolding.mean} (bytes written
 *       ÷ bytes sent, docs/model.md §5), {@code cycle.duplicates.mean}, {@code cycle.count}) pool the
 *       cycles of all sessions closed after the warm-up (cycles discarded by a drop excluded).</li>
 *   <li>{@code cache.session.peak}, {@code spill.peak}: the largest single-session peak.</li>
 *   <li>{@code session.drops}, {@code session.paced.writes}, {@code spill.writes}: sums.</li>
 *   <li>Columns {@code cache.session.bytes}, {@code cache.session.limit}, {@code spill.bytes},
 *       {@code cycle.transmitQueue}: sums over sessions.</li>
 *   <li>Table {@code cycles}: one row per closed cycle, the {@code box} column holding the
 *       session's index in the list given to {@link #register}. A row is added as soon as its
 *       cycle is settled ({@link org.repsim.model.cycle.rules.CycleSwitcher#drainSettled}: looked
 *       at after every apply), so the rows go to the table's store as the run proceeds and the
 *       sessions keep only the cycles in progress; {@link #cycles()} adds the cycles still in
 *       progress at the end. Rows are therefore in the order cycles settled, each session's in
 *       close order.</li>
 * </ul>
 * No recovery-point figure: the lag ({@code rpo.*}) has one definition in every mode, that of the
 * recoverable image the sessions' writes are fed to (docs/model.md §7), recorded with the image by
 * {@code ConsistencyRecording} — a session's own cycles define none.
 */
public final class CycleRecording {
    private final List<CycleSession> sessions;
    /** The table (null: {@link CycleRows#NONE}). */
    private final Table table;
    /** The per-number rows ({@link CycleRows#PER_CYCLE}), else null. */
    private final PerCycleRows perCycle;
    /** Per session: takes the records it hands out. */
    private final List<Consumer<CycleRecord>> takers = new ArrayList<>();
    private final List<RecordListener> recordListeners = new ArrayList<>();
    /** The cycles handed out since the warm-up that count (closed after it, not discarded). */
    private Totals handedOut = new Totals();
    private final Peak[] cachePeaks;
    private final Peak[] spillPeaks;
    private long sinceNs;
    private long dropsBase;
    private long pacedBase;
    private long spillWritesBase;

    /** Sums over cycles for the per-cycle metrics: count, then durations (s, sum and max), bytes, folding, duplicates. */
    private static final class Totals {
        static final int DURATION = 0;
        static final int DURATION_MAX = 1;
        static final int BYTES = 2;
        static final int FOLDING = 3;
        static final int DUPLICATES = 4;
        static final int BYTE_FOLDING = 5;
        long count;
        final double[] sums;

        Totals() {
            this(0, new double[6]);
        }

        private Totals(long count, double[] sums) {
            this.count = count;
            this.sums = sums;
        }

        void add(CycleRecord c) {
            count++;
            double d = c.durationNs() / 1e9;
            sums[DURATION] += d;
            sums[DURATION_MAX] = Math.max(sums[DURATION_MAX], d);
            sums[BYTES] += c.bytes();
            sums[FOLDING] += c.foldingRatio();
            sums[DUPLICATES] += c.duplicates();
            sums[BYTE_FOLDING] += c.byteFoldingRatio();
        }

        Totals copy() {
            return new Totals(count, sums.clone());
        }

        double mean(int what) {
            return count == 0 ? Double.NaN : sums[what] / count;
        }
    }

    /** Largest level seen since the last reset. */
    private static final class Peak implements Resettable {
        double current;
        double max;

        void level(double v) {
            current = v;
            if (v > max) {
                max = v;
            }
        }

        @Override
        public void reset(long nowNs) {
            max = current;
        }
    }

    private CycleRecording(List<CycleSession> sessions, Scheduler scheduler, Table table, CycleRows rows) {
        this.sessions = List.copyOf(sessions);
        this.table = table;
        this.perCycle = rows == CycleRows.PER_CYCLE ? new PerCycleRows(table, sessions.size()) : null;
        int n = sessions.size();
        cachePeaks = new Peak[n];
        spillPeaks = new Peak[n];
        for (int i = 0; i < n; i++) {
            CycleSession s = sessions.get(i);
            cachePeaks[i] = new Peak();
            spillPeaks[i] = new Peak();
            int box = i;
            Consumer<CycleRecord> taker = r -> take(box, r);
            takers.add(taker);
            s.addAppliedListener((number, now) -> s.switcher().drainSettled(taker));
        }
        sinceNs = scheduler.now();
    }

    /**
     * Subscribes the cycle metrics, time-series columns and the {@code cycles} table of
     * {@code sessions} to {@code rec}, one row per closed cycle per session.
     *
     * @param signals the signal registry the sessions emit on
     */
    public static CycleRecording register(Recording rec, Signals signals, List<CycleSession> sessions,
                                          Scheduler scheduler) {
        return register(rec, signals, sessions, scheduler, CycleRows.PER_BOX);
    }

    /**
     * {@link #register(Recording, Signals, List, Scheduler)} with the rows of the {@code cycles}
     * table as {@code rows} says; the metrics do not depend on it.
     */
    public static CycleRecording register(Recording rec, Signals signals, List<CycleSession> sessions,
                                          Scheduler scheduler, CycleRows rows) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("cycle recording needs at least one session");
        }
        Table table = switch (rows) {
            case PER_BOX -> rec.table(Cycles.SCHEMA);
            case PER_CYCLE -> rec.table(Cycles.PER_NUMBER_SCHEMA);
            case NONE -> null;
        };
        CycleRecording r = new CycleRecording(sessions, scheduler, table, rows);
        for (int i = 0; i < r.sessions.size(); i++) {
            String p = "cycle." + r.sessions.get(i).name();
            Peak cache = r.cachePeaks[i];
            Peak spill = r.spillPeaks[i];
            signals.get(p, SignalKeys.Cycle.CACHE_BYTES).subscribe((t, v) -> cache.level(v));
            signals.get(p, SignalKeys.Cycle.SPILL_BYTES).subscribe((t, v) -> spill.level(v));
            rec.resetWith(cache);
            rec.resetWith(spill);
        }
        rec.resetWith(r::onReset);
        rec.metrics(r::addMetrics);
        rec.column(Measures.CACHE_SESSION_BYTES, () -> r.sum(0));
        rec.column(Measures.CACHE_SESSION_LIMIT, () -> r.sum(1));
        rec.column(Measures.SPILL_BYTES, () -> r.sum(2));
        rec.column(Measures.TRANSMIT_QUEUE, () -> r.sum(3));
        return r;
    }

    /** Told of each record that enters the table, with its session's index. */
    @FunctionalInterface
    public interface RecordListener {
        void onRecord(int box, CycleRecord record);
    }

    /**
     * Also passes every record that enters the table (closed after the warm-up, discarded or not)
     * to {@code listener}, when it does.
     */
    public void addRecordListener(RecordListener listener) {
        recordListeners.add(listener);
    }

    /** A settled record of session {@code box}: its row, and its share of the per-cycle metrics. */
    private void take(int box, CycleRecord c) {
        boolean counts = c.closeNs() >= sinceNs;
        if (perCycle != null) {
            perCycle.add(box, c, counts);
        }
        if (!counts) {
            return;
        }
        if (perCycle == null && table != null) {
            // in the order of Cycles.SCHEMA
            table.add(c.number(), box, c.openNs() / 1e9, c.closeNs() / 1e9, seconds(c.sentNs()),
                    seconds(c.appliedNs()), c.durationNs() / 1e9, c.writes(), c.slots(), c.bytes(), c.foldingRatio(),
                    c.duplicates());
        }
        for (RecordListener l : recordListeners) {
            l.onRecord(box, c);
        }
        if (!c.discarded()) {
            handedOut.add(c);
        }
    }

    private void onReset(long nowNs) {
        // every row so far is of a cycle closed before now: none counts any more
        if (table != null) {
            table.clear();
        }
        if (perCycle != null) {
            perCycle.clear();
        }
        handedOut = new Totals();
        sinceNs = nowNs;
        dropsBase = 0;
        pacedBase = 0;
        spillWritesBase = 0;
        for (CycleSession s : sessions) {
            dropsBase += s.switcher().drops();
            pacedBase += s.pacedWrites();
            spillWritesBase += s.spillWrites();
        }
    }

    private double sum(int what) {
        double t = 0;
        for (CycleSession s : sessions) {
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
        // the cycles handed out so far, then those still in progress
        Totals t = handedOut.copy();
        for (CycleSession s : sessions) {
            for (CycleRecord c : s.switcher().records()) {
                if (c.closeNs() >= sinceNs && !c.discarded()) {
                    t.add(c);
                }
            }
        }
        out.add(Measures.CYCLE_COUNT.of(t.count));
        out.add(Measures.CYCLE_DURATION.mean().of(t.mean(Totals.DURATION)));
        out.add(Measures.CYCLE_DURATION.max().of(t.count == 0 ? Double.NaN : t.sums[Totals.DURATION_MAX]));
        out.add(Measures.CYCLE_BYTES_MEAN.of(t.mean(Totals.BYTES)));
        out.add(Measures.CYCLE_FOLDING_MEAN.of(t.mean(Totals.FOLDING)));
        out.add(Measures.CYCLE_BYTE_FOLDING_MEAN.of(t.mean(Totals.BYTE_FOLDING)));
        out.add(Measures.CYCLE_DUPLICATES_MEAN.of(t.mean(Totals.DUPLICATES)));
        double cachePeak = 0;
        double spillPeak = 0;
        long drops = 0;
        long paced = 0;
        long spillWrites = 0;
        for (int i = 0; i < sessions.size(); i++) {
            CycleSession s = sessions.get(i);
            cachePeak = Math.max(cachePeak, cachePeaks[i].max);
            spillPeak = Math.max(spillPeak, spillPeaks[i].max);
            drops += s.switcher().drops();
            paced += s.pacedWrites();
            spillWrites += s.spillWrites();
        }
        out.add(Measures.CACHE_SESSION_PEAK.of(cachePeak));
        out.add(Measures.SPILL_PEAK.of(spillPeak));
        out.add(Measures.SESSION_DROPS.of(drops - dropsBase));
        out.add(Measures.SESSION_PACED_WRITES.of(paced - pacedBase));
        out.add(Measures.SPILL_WRITES.of(spillWrites - spillWritesBase));
    }

    /**
     * The record tables: {@code cycles}, every cycle closed since the warm-up (NaN = not yet), as
     * the {@link CycleRows} registered say; none for {@link CycleRows#NONE}. For the end of the
     * run: adds the rows of the cycles still in progress, each session's in close order, and the
     * sessions forget them (call it, or {@link #cycles()}, once, after the last event).
     */
    public List<Table> tables() {
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).switcher().drainAll(takers.get(i));
        }
        if (perCycle != null) {
            perCycle.flush();
        }
        return table == null ? List.of() : List.of(table);
    }

    /**
     * Table {@code cycles} (see {@link #tables()}).
     *
     * @throws IllegalStateException when registered with {@link CycleRows#NONE}
     */
    public Table cycles() {
        List<Table> t = tables();
        if (t.isEmpty()) {
            throw new IllegalStateException("no cycles table: registered with CycleRows.NONE");
        }
        return t.get(0);
    }

    /** {@code session-drop} intervals of all sessions (an unfinished one ends at {@code endNs}). */
    public List<Interval> intervals(long endNs) {
        List<Interval> out = new ArrayList<>();
        for (CycleSession s : sessions) {
            out.addAll(s.dropIntervals(endNs));
        }
        return out;
    }

    private static double seconds(long ns) {
        return ns == CycleRecord.NOT_YET ? Double.NaN : ns / 1e9;
    }
}
