package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RowStore;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;

class CycleChartTest {
    private static final List<String> COLUMNS = List.of("number", "box", "durationS", "writes", "slots", "bytes",
            "folding");
    private static final List<String> UNITS = List.of("count", "index", "s", "count", "count", "bytes", "ratio");

    private static RunResult run(Table t) {
        return new RunResult(0, 0, List.of(), null, List.of(t), List.of());
    }

    private static CyclePoints points(int maxPoints, Table... tables) {
        return CyclePoints.of(List.of(tables), maxPoints);
    }

    /** {bytes, slots, durationS, folding} of replication {@code run} at the point at {@code x}. */
    private static double[] at(CyclePoints p, int run, double x) {
        for (int i = 0; i < p.size(); i++) {
            if (p.x(i) == x) {
                return new double[] {p.value(run, CyclePoints.BYTES, i), p.value(run, CyclePoints.SLOTS, i),
                        p.value(run, CyclePoints.DURATION, i), p.value(run, CyclePoints.FOLDING, i)};
            }
        }
        throw new AssertionError("no point at " + x);
    }

    private static double[] xs(CyclePoints p) {
        double[] x = new double[p.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.x(i);
        }
        return x;
    }

    @Test
    void rowsOfOneCycleFromSeveralBoxesAreAddedUpAndFoldingIsRecomputed() {
        Table t = new Table("cycles", COLUMNS, UNITS);
        t.add(1, 0, 30, 300, 100, 100 * 131072, 3.0);
        t.add(1, 1, 31, 100, 100, 100 * 131072, 1.0);
        t.add(2, 0, 45, 50, 25, 25 * 131072, 2.0);
        CyclePoints p = points(CycleChart.MAX_POINTS, t);

        assertThat(xs(p)).containsExactly(1.0, 2.0);
        assertThat(p.binWidth()).isEqualTo(1);
        // {bytes, slots, durationS, folding}
        assertThat(at(p, 0, 1)).containsExactly(200 * 131072, 200, 31, 2.0);
        assertThat(at(p, 0, 2)).containsExactly(25 * 131072, 25, 45, 2.0);
    }

    @Test
    void durationComesFromOpenAndCloseWhenNotGivenAndMissingColumnsStayNaN() {
        Table t = new Table("cycles", List.of("number", "openS", "closeS", "folding"), List.of("count", "s", "s", "ratio"));
        t.add(1, 10, 40, 1.5);
        double[] row = at(points(CycleChart.MAX_POINTS, t), 0, 1);
        assertThat(row[2]).isEqualTo(30);
        assertThat(row[3]).isEqualTo(1.5);
        assertThat(row[0]).isNaN();
        assertThat(row[1]).isNaN();
    }

    @Test
    void noChartWithoutACyclesTable() {
        RunResult none = new RunResult(0, 0, List.of(), null, List.of(), List.of());
        Table empty = new Table("cycles", List.of("number", "bytes"), List.of("count", "bytes"));
        RunResult emptyTable = run(empty);
        assertThat(new CycleChart(List.of(none, emptyTable)).chart()).isEmpty();

        Table one = new Table("cycles", List.of("number", "bytes"), List.of("count", "bytes"));
        one.add(1, 4096);
        assertThat(new CycleChart(List.of(run(one))).chart()).isPresent();
    }

    /** The per-number figures as the chart computed them before it streamed (a map per replication). */
    private static Map<Double, double[]> byNumberAsBefore(Table t) {
        List<String> c = t.columns();
        Map<Double, double[]> out = new TreeMap<>();
        Map<Double, double[]> foldingSum = new TreeMap<>();
        for (double[] r : t.rows()) {
            double[] acc = out.computeIfAbsent(r[0], k -> new double[] {0, 0, Double.NaN, Double.NaN, 0});
            acc[0] = sumNaN(acc[0], r[c.indexOf("bytes")]);
            acc[1] = sumNaN(acc[1], r[c.indexOf("slots")]);
            acc[4] = sumNaN(acc[4], r[c.indexOf("writes")]);
            double d = r[c.indexOf("durationS")];
            if (!Double.isNaN(d)) {
                acc[2] = Double.isNaN(acc[2]) ? d : Math.max(acc[2], d);
            }
            double f = r[c.indexOf("folding")];
            if (!Double.isNaN(f)) {
                double[] s = foldingSum.computeIfAbsent(r[0], k -> new double[2]);
                s[0] += f;
                s[1]++;
            }
        }
        for (double[] acc : out.values()) {
            acc[3] = acc[1] > 0 ? acc[4] / acc[1] : Double.NaN;
        }
        return out;
    }

    private static double sumNaN(double acc, double v) {
        return Double.isNaN(v) ? acc : acc + v;
    }

    @Test
    void upToTheLimitEveryNumberIsAPointExactlyAsBeforeStreaming() {
        SplittableRandom random = new SplittableRandom(5);
        List<Table> tables = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Table t = new Table("cycles", COLUMNS, UNITS);
            // numbers 0..39 of replication 0, 3..42 of the others; two boxes, rows out of order
            for (int box = 0; box < 2; box++) {
                for (int n = 0; n < 40; n++) {
                    double number = run == 0 ? n : n + 3;
                    double bytes = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble() * 1e9;
                    t.add(number, box, random.nextDouble() * 30, random.nextInt(1000), random.nextInt(300), bytes,
                            random.nextDouble() * 3);
                }
            }
            tables.add(t);
        }
        CyclePoints p = CyclePoints.of(tables, 43);
        assertThat(p.binWidth()).isEqualTo(1);
        assertThat(p.size()).isEqualTo(43);
        for (int run = 0; run < tables.size(); run++) {
            Map<Double, double[]> before = byNumberAsBefore(tables.get(run));
            for (int i = 0; i < p.size(); i++) {
                double[] expected = before.get(p.x(i));
                for (int field = 0; field < CyclePoints.FIELDS; field++) {
                    double actual = p.value(run, field, i);
                    if (expected == null) {
                        assertThat(actual).isNaN();
                    } else {
                        assertThat(Double.doubleToLongBits(actual)).as("run %d number %s field %d", run, p.x(i), field)
                                .isEqualTo(Double.doubleToLongBits(expected[field]));
                    }
                }
            }
        }
    }

    @Test
    void moreNumbersThanTheLimitAreBinnedIntoMeansPerNumber() {
        // numbers 0..24 from two boxes; number 7 never closed; limit 10 → bins of 3 numbers
        Table a = new Table("cycles", COLUMNS, UNITS);
        for (int n = 0; n < 25; n++) {
            if (n == 7) {
                continue;
            }
            a.add(n, 0, n, 10, 10, 1000, 1.0);
            a.add(n, 1, n + 2, 30, 10, 3000, 3.0);
        }
        // a replication whose records start at number 5 (its warm-up dropped the earlier ones)
        Table b = new Table("cycles", COLUMNS, UNITS);
        for (int n = 5; n < 25; n++) {
            b.add(n, 0, 1, 20, 10, 2000, 2.0);
        }
        CyclePoints p = points(10, a, b);

        assertThat(p.binWidth()).isEqualTo(3);
        // bins [0,2] … [24,26]: 9 bins, each drawn at its middle number
        assertThat(xs(p)).containsExactly(1, 4, 7, 10, 13, 16, 19, 22, 25);
        // bin [0,2] of a: 4000 bytes and 20 slots per number; duration mean of 0,2,1,3,2,4 = 2
        assertThat(at(p, 0, 1)).containsExactly(4000, 20, 2, 2.0);
        // bin [6,8] of a: number 7 carried nothing → (2 × 4000) / 3 numbers
        assertThat(at(p, 0, 7)[0]).isCloseTo(8000.0 / 3, within(1e-9));
        assertThat(at(p, 0, 7)[2]).isEqualTo((6 + 8 + 8 + 10) / 4.0);
        // bin [24,26] holds only number 24, the last one
        assertThat(at(p, 0, 25)).containsExactly(4000, 20, 25, 2.0);
        // b has no rows in [0,2]; [3,5] covers only its number 5
        assertThat(at(p, 1, 1)[0]).isNaN();
        assertThat(at(p, 1, 4)).containsExactly(2000, 10, 1, 2.0);
    }

    @Test
    void theLimitItselfIsNotBinned() {
        Table t = new Table("cycles", List.of("number", "bytes"), List.of("count", "bytes"));
        for (int n = 1; n <= 10; n++) {
            t.add(n, n);
        }
        assertThat(points(10, t).binWidth()).isEqualTo(1);
        t.add(11, 11);
        assertThat(points(10, t).binWidth()).isEqualTo(2);
        assertThat(points(10, t).size()).isEqualTo(6);
    }

    /** Rows made up as they are visited: nothing is kept, like a table read from a large file. */
    private static final class GeneratedRows implements RowStore {
        private final int rows;
        int passes;

        GeneratedRows(int rows) {
            this.rows = rows;
        }

        @Override
        public void add(double[] row) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int size() {
            return rows;
        }

        @Override
        public void forEach(Consumer<double[]> visitor) {
            passes++;
            double[] row = new double[3];
            for (int i = 0; i < rows; i++) {
                row[0] = i / 4; // four boxes per number
                row[1] = 1e-3 * (1 + i % 4);
                row[2] = 65536;
                visitor.accept(row);
            }
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aLargeTableIsStreamedAndDrawnWithAtMostTheLimitOfPoints() {
        GeneratedRows rows = new GeneratedRows(400_000);
        Table t = new Table("cycles", List.of("number", "durationS", "bytes"), List.of("count", "s", "bytes"), rows);
        CycleChart chart = new CycleChart(List.of(run(t)));

        JFreeChart c = chart.chart().orElseThrow();

        assertThat(rows.passes).isEqualTo(2);
        assertThat(chart.binWidth()).isEqualTo(100);
        CyclePoints p = chart.points();
        assertThat(p.size()).isEqualTo(CycleChart.MAX_POINTS);
        // bin [0,99]: 4 boxes × 64 KiB per number; duration the mean of 1, 2, 3, 4 ms
        double[] first = at(p, 0, 49.5);
        assertThat(first[0]).isEqualTo(4 * 65536);
        assertThat(first[1]).isNaN();
        assertThat(first[2]).isCloseTo(2.5e-3, within(1e-15));
        assertThat(c.getXYPlot().getDomainAxis().getLabel()).isEqualTo("cycle number (bins of 100)");
    }
}
