package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TimeSeries;

/** Many queues drawn as groups of alike ones: keys, the groups' lines against a brute-force replay, the chart. */
class QueueGroupsTest {

    /** 15 primaries' host adapters, 15 secondaries' apply pools, two link directions, the reorder queue. */
    private static List<String> columns(int boxes) {
        List<String> cols = new ArrayList<>();
        for (int b = 0; b < boxes; b++) {
            cols.add("queue.p" + b + ".hostAdapters");
            cols.add("queue.s" + b + ".apply");
        }
        cols.addAll(List.of("queue.link.wan0.prod-dr", "queue.link.wan1.prod-dr", "queue.reorder"));
        return cols;
    }

    /** A replication with random depths (some samples NaN), {@code rows} samples a second apart. */
    private static RunResult run(int replication, List<String> cols, int rows) {
        Random rnd = new Random(31L * replication + cols.size());
        TimeSeries ts = new TimeSeries(cols, Collections.nCopies(cols.size(), ""));
        for (int i = 0; i < rows; i++) {
            double[] row = new double[cols.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = rnd.nextInt(50) == 0 ? Double.NaN : 0.5 + c % 5 + 10 * rnd.nextDouble();
            }
            ts.append(i + 1, row);
        }
        return new RunResult(replication, replication, List.of(), ts, List.of(), List.of());
    }

    @Test
    void namesThatDifferOnlyInTheirNumbersShareAKey() {
        assertThat(QueueGroups.key("queue.p17.hostAdapters")).isEqualTo("p*.hostAdapters");
        assertThat(QueueGroups.key("queue.s3.backend.ssd2")).isEqualTo("s*.backend.ssd*");
        assertThat(QueueGroups.key("queue.link.wan10.prod-dr")).isEqualTo("link.wan*.prod-dr");
        assertThat(QueueGroups.key("queue.reorder")).isEqualTo("reorder");
        assertThat(QueueGroups.of(columns(15))).extracting(QueueGroups.Group::key)
                .containsExactly("p*.hostAdapters", "s*.apply", "link.wan*.prod-dr", "reorder");
        assertThat(QueueGroups.of(columns(15)).get(0).members()).hasSize(15).startsWith("queue.p0.hostAdapters");
    }

    @Test
    void eachGroupsLinesAreItsHighestAndMeanQueueAtEverySampleAndAGroupOfOneIsItsQueue() {
        List<String> cols = columns(15);
        List<RunResult> runs = List.of(run(0, cols, 40), run(1, cols, 40));
        List<QueueGroups.Group> groups = QueueGroups.of(cols);
        List<RunResult> lines = QueueGroups.lines(runs, groups);
        int checked = 0;
        for (int r = 0; r < runs.size(); r++) {
            TimeSeries in = runs.get(r).series();
            TimeSeries out = lines.get(r).series();
            assertThat(out.rows()).isEqualTo(in.rows());
            assertThat(out.columns()).containsExactly("queue-group.highest.p*.hostAdapters", "queue-group.mean.p*.hostAdapters",
                    "queue-group.highest.s*.apply", "queue-group.mean.s*.apply", "queue-group.highest.link.wan*.prod-dr",
                    "queue-group.mean.link.wan*.prod-dr", "queue.reorder");
            for (int i = 0; i < in.rows(); i++) {
                assertThat(out.time(i)).isEqualTo(in.time(i));
                for (QueueGroups.Group g : groups) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int n = 0;
                    for (String m : g.members()) {
                        double v = in.value(i, in.columnIndex(m));
                        if (!Double.isNaN(v)) {
                            max = Math.max(max, v);
                            sum += v;
                            n++;
                        }
                    }
                    if (g.members().size() == 1) {
                        double v = out.value(i, out.columnIndex(g.members().get(0)));
                        assertThat(Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v).isEqualTo(max);
                    } else {
                        assertThat(out.value(i, out.columnIndex(g.highestColumn()))).isEqualTo(max);
                        assertThat(out.value(i, out.columnIndex(g.meanColumn()))).isCloseTo(sum / n, within(1e-12));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2 * 40 * 4);
    }

    @Test
    void theBusiestMemberHasTheHighestAverageOverEverySampleOfEveryReplication() {
        List<String> cols = columns(15);
        List<RunResult> runs = List.of(run(0, cols, 40), run(1, cols, 40), run(2, cols, 40));
        QueueGroups.Group hostAdapters = QueueGroups.of(cols).get(0);
        double[] busiest = hostAdapters.busiest(runs);
        double best = Double.NEGATIVE_INFINITY;
        int bestIndex = -1;
        for (int m = 0; m < hostAdapters.members().size(); m++) {
            double sum = 0;
            int n = 0;
            for (RunResult r : runs) {
                for (double v : r.series().column(hostAdapters.members().get(m))) {
                    if (!Double.isNaN(v)) {
                        sum += v;
                        n++;
                    }
                }
            }
            if (sum / n > best) {
                best = sum / n;
                bestIndex = m;
            }
        }
        assertThat((int) busiest[0]).isEqualTo(bestIndex);
        assertThat(busiest[1]).isCloseTo(best, within(1e-12));
    }

    private static List<String> seriesNames(JFreeChart chart) {
        XYDataset d = chart.getXYPlot().getDataset();
        List<String> names = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            names.add(d.getSeriesKey(s).toString());
        }
        return names;
    }

    @Test
    void theChartDrawsALinePerQueueUpToTwelveAndGroupsAboveThat() {
        // 5 + 5 + 3 = 13 queues: grouped; 4 + 4 + 3 = 11: a line each
        RunCharts many = new RunCharts(List.of(run(0, columns(5), 30)));
        assertThat(many.queueGroups()).hasSize(4);
        JFreeChart grouped = many.queues().orElseThrow();
        assertThat(seriesNames(grouped)).containsExactly("p*.hostAdapters: highest of 5", "p*.hostAdapters: mean",
                "s*.apply: highest of 5", "s*.apply: mean", "link.wan*.prod-dr: highest of 2", "link.wan*.prod-dr: mean",
                "reorder");
        // with one replication a line is that replication's values: the highest of the group at each sample
        RunResult only = run(0, columns(5), 30);
        XYDataset d = grouped.getXYPlot().getDataset();
        for (int i = 0; i < 30; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < 5; b++) {
                double v = only.series().value(i, only.series().columnIndex("queue.p" + b + ".hostAdapters"));
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
            assertThat(d.getYValue(0, i)).isCloseTo(max, within(1e-12));
        }
        RunCharts few = new RunCharts(List.of(run(0, columns(4), 30)));
        assertThat(few.queueGroups()).isEmpty();
        assertThat(seriesNames(few.queues().orElseThrow())).hasSize(11).contains("p0.hostAdapters", "link.wan1.prod-dr");
    }
}
