package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.jfree.data.xy.YIntervalSeries;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TimeSeries;

class ReplicationBandTest {

    private static RunResult run(int rep, double... lag) {
        TimeSeries ts = new TimeSeries(List.of("rpo.lag"), List.of("s"));
        for (int i = 0; i < lag.length; i++) {
            ts.append(i, new double[] {lag[i]});
        }
        return new RunResult(rep, rep, List.of(), ts, List.of(), List.of());
    }

    @Test
    void meanAndStudentT95BandPerSampleOverCommonRows() {
        List<RunResult> runs = List.of(run(0, 11, 10, 7), run(1, 12, 20), run(2, 13, Double.NaN, 9));
        YIntervalSeries s = new ReplicationBand().of("lag", runs, "rpo.lag", Scale.PLAIN, true);

        assertThat(s.getItemCount()).isEqualTo(2);
        // t(0.975, 2) = 4.302653; sd of {11,12,13} = 1: half = 4.302653 / sqrt(3).
        assertThat(s.getYValue(0)).isEqualTo(12.0);
        assertThat(s.getYHighValue(0) - 12).isCloseTo(4.302653 / Math.sqrt(3), offset(1e-5));
        assertThat(s.getYLowValue(0)).isCloseTo(12 - 4.302653 / Math.sqrt(3), offset(1e-5));
        // Row 1: NaN skipped, two values {10, 20}: t(0.975, 1) = 12.7062, sd = 7.0711.
        assertThat(s.getYValue(1)).isEqualTo(15.0);
        assertThat(s.getYHighValue(1) - 15).isCloseTo(12.7062047 * 7.0710678 / Math.sqrt(2), offset(1e-4));
    }

    @Test
    void rangeSpreadIsTheLowestAndHighestReplicationAndSawtoothColumnsGetIt() {
        // replications whose sawtooth drops one sample apart: the range is what a reader can read
        List<RunResult> runs = List.of(run(0, 10, 20, 5), run(1, 10, 4, 6));
        YIntervalSeries s = new ReplicationBand().of("lag", runs, "rpo.lag", Scale.PLAIN, ReplicationBand.Spread.RANGE);
        assertThat(s.getYValue(1)).isEqualTo(12.0);
        assertThat(s.getYLowValue(1)).isEqualTo(4.0);
        assertThat(s.getYHighValue(1)).isEqualTo(20.0);
        assertThat(s.getYLowValue(0)).isEqualTo(10.0);
        assertThat(s.getYHighValue(0)).isEqualTo(10.0);
        assertThat(RunCharts.sawtooth("rpo.lag")).isTrue();
        assertThat(RunCharts.sawtooth("cache.session.bytes")).isTrue();
        assertThat(RunCharts.sawtooth("host.write.latency.p99")).isFalse();
        assertThat(RunCharts.sawtooth("queue.r1a.hostAdapters")).isFalse();
    }

    @Test
    void bandOfNonNegativeSamplesStopsAtZero() {
        YIntervalSeries s = new ReplicationBand().of("depth", List.of(run(0, 0), run(1, 0), run(2, 3)), "rpo.lag",
                Scale.PLAIN, true);
        assertThat(s.getYValue(0)).isEqualTo(1.0);
        assertThat(s.getYLowValue(0)).isEqualTo(0.0);
        assertThat(s.getYHighValue(0)).isGreaterThan(4.0);
        YIntervalSeries signed = new ReplicationBand().of("x", List.of(run(0, -1), run(1, 0), run(2, 4)), "rpo.lag",
                Scale.PLAIN, true);
        assertThat(signed.getYLowValue(0)).isLessThan(-1.0);
    }

    @Test
    void scaleAppliesAndWithoutBandLowAndHighAreTheMean() {
        List<RunResult> runs = List.of(run(0, 0.001), run(1, 0.003));
        YIntervalSeries s = new ReplicationBand().of("lag", runs, "rpo.lag", Scale.seconds(0.003), false);
        assertThat(s.getYValue(0)).isCloseTo(2.0, offset(1e-12));
        assertThat(s.getYLowValue(0)).isEqualTo(s.getYValue(0));
        assertThat(s.getYHighValue(0)).isEqualTo(s.getYValue(0));
    }

    @Test
    void presenceAndColumnDiscoveryLookAtEveryReplication() {
        TimeSeries ts = new TimeSeries(List.of("queue.r1a.hostAdapters"), List.of(""));
        ts.append(0, new double[] {1});
        TimeSeries ts2 = new TimeSeries(List.of("queue.link.wan", "queue.r1a.hostAdapters"), List.of("", ""));
        ts2.append(0, new double[] {-4, 2});
        List<RunResult> runs = List.of(new RunResult(0, 0, List.of(), ts, List.of(), List.of()),
                new RunResult(1, 1, List.of(), ts2, List.of(), List.of()));
        assertThat(ReplicationBand.columnsStartingWith(runs, "queue.")).containsExactly("queue.r1a.hostAdapters", "queue.link.wan");
        assertThat(ReplicationBand.present(runs, "queue.link.wan")).isTrue();
        assertThat(ReplicationBand.present(runs, "rpo.lag")).isFalse();
        assertThat(ReplicationBand.maxAbs(runs, "queue.link.wan")).isEqualTo(4);
    }
}
