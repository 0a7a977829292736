package org.repsim.model.cycle;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.repsim.core.measure.Measures.Cycles;
import org.repsim.core.result.Table;
import org.repsim.model.cycle.rules.CycleRecord;

/**
 * The {@code cycles} table with one row per cycle number ({@link CycleRows#PER_CYCLE},
 * {@link Cycles#PER_NUMBER_SCHEMA}): the sessions' records of a number are summed (writes, slots,
 * bytes, duplicates), with the earliest open, the latest close, send and apply (not yet, NaN, while
 * any box has not) and the longest duration; folding is writes ÷ slots (0 without slots, as a
 * session's own). Column {@code boxes} says how many records a row sums.
 *
 * <p>Each session hands its records over in number order, so a number is complete once every
 * session has handed over that number or a later one; its row is then written. Memory: the numbers
 * not yet complete. Should more than {@link #MAX_OPEN} be waiting (a session that closes no cycle
 * for a long time), the oldest is written as it stands, and a record of a number already written
 * becomes a row of its own: rows of one number, summed, always give the number's totals.
 */
final class PerCycleRows {
    /** Most numbers waiting for their last session. */
    static final int MAX_OPEN = 4096;

    private static final int NUMBER = 0;
    private static final int BOXES = 1;
    private static final int OPEN = 2;
    private static final int CLOSE = 3;
    private static final int SENT = 4;
    private static final int APPLIED = 5;
    private static final int DURATION = 6;
    private static final int WRITES = 7;
    private static final int SLOTS = 8;
    private static final int BYTES = 9;
    private static final int FOLDING = 10;
    private static final int DUPLICATES = 11;
    private static final int WIDTH = 12;

    private final Table table;
    /** Per session: the highest number it has handed over (Long.MIN_VALUE: none yet). */
    private final long[] handedThrough;
    private final TreeMap<Long, double[]> waiting = new TreeMap<>();
    /** Numbers up to this one have been written (Long.MIN_VALUE: none). */
    private long writtenThrough = Long.MIN_VALUE;

    PerCycleRows(Table table, int sessions) {
        if (table.columns().size() != WIDTH) {
            throw new IllegalArgumentException("per-cycle rows need the table of Cycles.PER_NUMBER_SCHEMA");
        }
        this.table = table;
        this.handedThrough = new long[sessions];
        Arrays.fill(handedThrough, Long.MIN_VALUE);
    }

    /**
     * Session {@code box} hands over {@code c}, its next record in number order; {@code counts}:
     * closed after the warm-up (a record that does not count still tells that the session is past
     * its number).
     */
    void add(int box, CycleRecord c, boolean counts) {
        handedThrough[box] = Math.max(handedThrough[box], c.number());
        if (counts) {
            if (c.number() <= writtenThrough) {
                double[] row = newRow(c.number());
                fold(row, c);
                write(row);
            } else {
                fold(waiting.computeIfAbsent(c.number(), PerCycleRows::newRow), c);
            }
        }
        writeComplete();
    }

    /** Writes every number still waiting, in number order (the end of the run). */
    void flush() {
        for (double[] row : waiting.values()) {
            write(row);
        }
        if (!waiting.isEmpty()) {
            writtenThrough = Math.max(writtenThrough, waiting.lastKey());
        }
        waiting.clear();
    }

    /** Forgets the numbers waiting (a warm-up reset: none of them counts). */
    void clear() {
        waiting.clear();
    }

    private void writeComplete() {
        long complete = Long.MAX_VALUE;
        for (long h : handedThrough) {
            complete = Math.min(complete, h);
        }
        Iterator<Map.Entry<Long, double[]>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, double[]> e = it.next();
            if (e.getKey() > complete && waiting.size() <= MAX_OPEN) {
                break;
            }
            write(e.getValue());
            writtenThrough = Math.max(writtenThrough, e.getKey());
            it.remove();
        }
    }

    private static double[] newRow(long number) {
        double[] row = new double[WIDTH];
        row[NUMBER] = number;
        row[OPEN] = Double.POSITIVE_INFINITY;
        row[CLOSE] = Double.NEGATIVE_INFINITY;
        row[SENT] = Double.NEGATIVE_INFINITY;
        row[APPLIED] = Double.NEGATIVE_INFINITY;
        row[DURATION] = Double.NEGATIVE_INFINITY;
        return row;
    }

    private static void fold(double[] row, CycleRecord c) {
        row[BOXES]++;
        row[OPEN] = Math.min(row[OPEN], c.openNs() / 1e9);
        row[CLOSE] = Math.max(row[CLOSE], c.closeNs() / 1e9);
        row[SENT] = latest(row[SENT], c.sentNs());
        row[APPLIED] = latest(row[APPLIED], c.appliedNs());
        row[DURATION] = Math.max(row[DURATION], c.durationNs() / 1e9);
        row[WRITES] += c.writes();
        row[SLOTS] += c.slots();
        row[BYTES] += c.bytes();
        row[DUPLICATES] += c.duplicates();
    }

    /** The later of a row's time and a record's; not yet (NaN) while either is. */
    private static double latest(double rowS, long ns) {
        return ns == CycleRecord.NOT_YET ? Double.NaN : Math.max(rowS, ns / 1e9);
    }

    private void write(double[] row) {
        row[FOLDING] = row[SLOTS] == 0 ? 0 : row[WRITES] / row[SLOTS];
        table.add(row);
    }
}
