package org.repsim.report.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.repsim.core.measure.Measures.Cycles;
import org.repsim.core.result.Table;

/**
 * The points of the cycle chart, computed from the {@code cycles} tables of a sweep point's
 * replications by streaming their rows twice (a table may be far larger than the heap): memory
 * is proportional to the number of points times the number of replications, never to the
 * number of rows.
 *
 * <p><b>One point per cycle number</b> when all replications together have at most
 * {@code maxPoints} distinct numbers. Rows of one replication with the same number (one per
 * primary box of a consistency group) are merged: bytes, slots and writes added up, the longest
 * duration kept; folding is then writes ÷ slots, or, without those columns, the mean of the
 * rows' {@code folding}.
 *
 * <p><b>Bins of {@code binWidth} consecutive numbers</b> otherwise, the smallest width that
 * gives at most {@code maxPoints} bins from the smallest number on (numbers are integers; a row
 * whose number is NaN or infinite is left out). A bin's point is at its middle number and shows,
 * per replication: bytes, slots and writes per cycle number — the bin's total divided by the
 * numbers the bin covers within the replication's first…last number, so a number no row carries
 * (a cycle never closed because it was empty) counts as zero, as it carried nothing; duration as
 * the mean over the bin's rows (one per box and cycle: in a consistency group this is somewhat
 * below the mean per number of the longest box that unbinned points show); folding as the bin's
 * writes ÷ slots, or the mean of its rows' {@code folding}. A replication without rows in a bin
 * has no value there.
 */
final class CyclePoints {
    static final int BYTES = 0;
    static final int SLOTS = 1;
    static final int DURATION = 2;
    static final int FOLDING = 3;
    static final int FIELDS = 4;

    private final double[] x;
    private final int binWidth;
    private final List<Table> tables;
    private final List<double[][]> perRun;

    private CyclePoints(double[] x, int binWidth, List<Table> tables, List<double[][]> perRun) {
        this.x = x;
        this.binWidth = binWidth;
        this.tables = List.copyOf(tables);
        this.perRun = perRun;
    }

    /**
     * The points of the tables that have rows among {@code tables}, each with a {@code number}
     * column; replication {@code r} of the points is the {@code r}-th table with rows.
     *
     * @param maxPoints the most points per series (at least 1)
     */
    static CyclePoints of(List<Table> tables, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("at least one point: " + maxPoints);
        }
        DistinctNumbers numbers = new DistinctNumbers(maxPoints);
        List<Table> withRows = new ArrayList<>();
        List<double[]> ranges = new ArrayList<>();
        for (Table t : tables) {
            double[] range = numbers.scan(t);
            if (range != null) {
                withRows.add(t);
                ranges.add(range);
            }
        }
        List<double[][]> perRun = new ArrayList<>();
        if (!numbers.overflowed()) {
            double[] keys = numbers.sorted();
            for (Table t : withRows) {
                perRun.add(exact(t, keys));
            }
            return new CyclePoints(keys, 1, withRows, perRun);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] range : ranges) {
            min = Math.min(min, range[0]);
            max = Math.max(max, range[1]);
        }
        if (min > max) {
            // more distinct numbers than points, none of them finite: nothing can be binned
            for (int r = 0; r < withRows.size(); r++) {
                perRun.add(new double[FIELDS][0]);
            }
            return new CyclePoints(new double[0], 1, withRows, perRun);
        }
        double width = Math.max(1, Math.ceil((max - min + 1) / maxPoints));
        if (!(width <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("cycle numbers span too wide a range: " + min + " … " + max);
        }
        int bins = (int) Math.floor((max - min) / width) + 1;
        double[] x = new double[bins];
        for (int k = 0; k < bins; k++) {
            x[k] = min + k * width + (width - 1) / 2;
        }
        for (int r = 0; r < withRows.size(); r++) {
            perRun.add(binned(withRows.get(r), min, width, bins, ranges.get(r)));
        }
        return new CyclePoints(x, (int) width, withRows, perRun);
    }

    /** True when no table has a row. */
    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Whether any table with rows has {@code column}. */
    boolean has(String column) {
        for (Table t : tables) {
            if (t.columns().contains(column)) {
                return true;
            }
        }
        return false;
    }

    /** Number of points (x positions). */
    int size() {
        return x.length;
    }

    /** The cycle number of point {@code i} (a bin's middle number). */
    double x(int i) {
        return x[i];
    }

    /** Consecutive cycle numbers per point: 1 when each number has its own point. */
    int binWidth() {
        return binWidth;
    }

    int runs() {
        return perRun.size();
    }

    /** Field {@code field} of replication {@code run} at point {@code i}; NaN when it has none. */
    double value(int run, int field, int i) {
        return perRun.get(run)[field][i];
    }

    /** The columns of a table that the figures are read from (-1: absent). */
    private record Columns(int number, int bytes, int slots, int writes, int folding, int duration, int open,
            int close) {
        static Columns of(Table t) {
            List<String> c = t.columns();
            return new Columns(c.indexOf(Cycles.NUMBER.name()), c.indexOf(Cycles.BYTES_COLUMN.name()),
                    c.indexOf(Cycles.SLOTS.name()), c.indexOf(Cycles.WRITES.name()), c.indexOf(Cycles.FOLDING.name()),
                    c.indexOf(Cycles.DURATION.name()), c.indexOf(Cycles.OPEN.name()), c.indexOf(Cycles.CLOSE.name()));
        }

        double get(double[] row, int column) {
            return column < 0 ? Double.NaN : row[column];
        }

        /** The row's duration in seconds: its durationS, else closeS − openS, else NaN. */
        double duration(double[] row) {
            if (duration >= 0) {
                return row[duration];
            }
            return open >= 0 && close >= 0 ? row[close] - row[open] : Double.NaN;
        }

        boolean foldingFromCounts() {
            return writes >= 0 && slots >= 0;
        }
    }

    /** Sums of one replication per point, then its figures. */
    private static final class Sums {
        final double[] bytes;
        final double[] slots;
        final double[] writes;
        final double[] duration;
        final double[] durationCount;
        final double[] foldingSum;
        final double[] foldingCount;
        final boolean[] present;

        Sums(int points, double durationStart) {
            bytes = new double[points];
            slots = new double[points];
            writes = new double[points];
            duration = new double[points];
            Arrays.fill(duration, durationStart);
            durationCount = new double[points];
            foldingSum = new double[points];
            foldingCount = new double[points];
            present = new boolean[points];
        }

        void addCountsAndFolding(Columns c, double[] row, int k) {
            present[k] = true;
            bytes[k] = sumNaN(bytes[k], c.get(row, c.bytes()));
            slots[k] = sumNaN(slots[k], c.get(row, c.slots()));
            writes[k] = sumNaN(writes[k], c.get(row, c.writes()));
            double f = c.get(row, c.folding());
            if (!Double.isNaN(f)) {
                foldingSum[k] += f;
                foldingCount[k]++;
            }
        }

        /** Figures per point; {@code perNumber[k]} divides the counts (1 for a single number). */
        double[][] figures(Columns c, double[] divisor, boolean durationIsMean) {
            int n = present.length;
            double[][] out = new double[FIELDS][n];
            for (double[] f : out) {
                Arrays.fill(f, Double.NaN);
            }
            for (int k = 0; k < n; k++) {
                if (!present[k]) {
                    continue;
                }
                double d = divisor == null ? 1 : divisor[k];
                if (c.bytes() >= 0) {
                    out[BYTES][k] = divisor == null ? bytes[k] : bytes[k] / d;
                }
                if (c.slots() >= 0) {
                    out[SLOTS][k] = divisor == null ? slots[k] : slots[k] / d;
                }
                out[DURATION][k] = durationIsMean
                        ? (durationCount[k] > 0 ? duration[k] / durationCount[k] : Double.NaN)
                        : duration[k];
                if (c.foldingFromCounts()) {
                    out[FOLDING][k] = slots[k] > 0 ? writes[k] / slots[k] : Double.NaN;
                } else {
                    out[FOLDING][k] = foldingCount[k] > 0 ? foldingSum[k] / foldingCount[k] : Double.NaN;
                }
            }
            return out;
        }
    }

    /** One point per number in {@code keys} (sorted, distinct, every number of the table among them). */
    private static double[][] exact(Table t, double[] keys) {
        Columns c = Columns.of(t);
        Sums s = new Sums(keys.length, Double.NaN);
        t.forEachRow(row -> {
            int k = Arrays.binarySearch(keys, row[c.number()]);
            s.addCountsAndFolding(c, row, k);
            double d = c.duration(row);
            if (!Double.isNaN(d)) {
                s.duration[k] = Double.isNaN(s.duration[k]) ? d : Math.max(s.duration[k], d);
            }
        });
        return s.figures(c, null, false);
    }

    /**
     * Bins of {@code width} numbers from {@code min}; {@code range} is the replication's first
     * and last finite number.
     */
    private static double[][] binned(Table t, double min, double width, int bins, double[] range) {
        Columns c = Columns.of(t);
        Sums s = new Sums(bins, 0);
        t.forEachRow(row -> {
            double number = row[c.number()];
            if (!Double.isFinite(number)) {
                return;
            }
            int k = (int) Math.floor((number - min) / width);
            s.addCountsAndFolding(c, row, k);
            double d = c.duration(row);
            if (!Double.isNaN(d)) {
                s.duration[k] += d;
                s.durationCount[k]++;
            }
        });
        double[] covered = new double[bins];
        for (int k = 0; k < bins; k++) {
            double lo = Math.max(min + k * width, range[0]);
            double hi = Math.min(min + (k + 1) * width - 1, range[1]);
            covered[k] = Math.max(1, Math.floor(hi) - Math.ceil(lo) + 1);
        }
        return s.figures(c, covered, true);
    }

    private static double sumNaN(double acc, double v) {
        return Double.isNaN(v) ? acc : acc + v;
    }

    /**
     * The distinct cycle numbers of all tables while there are at most {@code limit} of them (a
     * sorted array, ordered as {@link Double#compare}: no object per row), and each table's
     * smallest and largest finite number.
     */
    private static final class DistinctNumbers {
        private final double[] values;
        private int size;
        private boolean overflowed;

        DistinctNumbers(int limit) {
            values = new double[limit];
        }

        /**
         * Adds the numbers of {@code t}; returns its {smallest, largest} finite number (infinite
         * when it has none), or null when it has no row.
         */
        double[] scan(Table t) {
            int number = t.columns().indexOf(Cycles.NUMBER.name());
            double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            long[] rows = {0};
            t.forEachRow(row -> {
                rows[0]++;
                double n = row[number];
                if (Double.isFinite(n)) {
                    range[0] = Math.min(range[0], n);
                    range[1] = Math.max(range[1], n);
                }
                add(n);
            });
            return rows[0] == 0 ? null : range;
        }

        private void add(double n) {
            if (overflowed) {
                return;
            }
            int i = Arrays.binarySearch(values, 0, size, n);
            if (i >= 0) {
                return;
            }
            if (size == values.length) {
                overflowed = true;
                return;
            }
            int at = -i - 1;
            System.arraycopy(values, at, values, at + 1, size - at);
            values[at] = n;
            size++;
        }

        boolean overflowed() {
            return overflowed;
        }

        double[] sorted() {
            return Arrays.copyOf(values, size);
        }
    }
}
