package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.stats.ConfidenceInterval;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;
import org.repsim.model.ordered.OrderedConfig.Source;

/** The docs/model.md §4 measures: scan cost, variance → reorder depth, out-of-sync backlog growth. */
class OrderedMeasuresTest {

    /** Result of one scan run: dispatch-order digest, violations, entries examined and metrics. */
    private record ScanRun(long digest, long outOfOrder, long examined, Map<String, Double> metrics) {
    }

    private static ScanRun scanRun(Scan scan, long intervalNs, long checkNsPerEntry) {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.scan = scan;
            s.prepareCv = 2.5;
            s.checkNsPerEntry = checkNsPerEntry;
            s.seed = 3;
        }));
        long[] digest = {17};
        f.engine.addDispatchObserver((now, taskId, seq, track) -> digest[0] = digest[0] * 31 + taskId * 1_000_003 + seq);
        f.writeEvery(0, intervalNs, 16, 4_000);
        long endNs = intervalNs * 4_000 + 20_000_000L;
        Map<String, Double> m = f.run(endNs);
        assertThat(f.engine.written()).isEqualTo(64_000);
        // Little's law on the reorder queue (starts and ends empty): mean depth × T = Σ waits
        double queuedSubtaskSeconds = m.get("ordered.reorder.depth.mean") * endNs / 1e9;
        assertThat(queuedSubtaskSeconds).isGreaterThan(0)
                .isCloseTo(m.get("ordered.wait.mean") * m.get("ordered.dispatched"), within(1e-6 * queuedSubtaskSeconds));
        return new ScanRun(digest[0], f.engine.outOfOrder(), f.engine.checkEntries(), m);
    }

    /**
     * Two loads (preparation pool 8 × 20 µs, 16-track writes every 80 µs = 50 % and every 50 µs
     * = 80 % busy). With zero check cost the timing is identical, so scan ALL and HEAD must make
     * the same dispatches in the same order while ALL examines at least as many entries; with a
     * check cost, ALL spends at least as much preparation CPU on checks.
     */
    @Test
    void scanAllCostsAtLeastHeadAndDispatchesIdentically() {
        System.out.println("ordered.scan  load  scan  entries  checkCpuS  prepUtil  depthMean  depthMax  waitMeanUs");
        for (long interval : new long[] {80_000, 50_000}) {
            ScanRun all = scanRun(Scan.ALL, interval, 0);
            ScanRun head = scanRun(Scan.HEAD, interval, 0);
            assertThat(all.digest()).isEqualTo(head.digest());
            assertThat(all.outOfOrder()).isEqualTo(head.outOfOrder()).isZero();
            assertThat(all.examined()).isGreaterThan(head.examined());
            assertThat(all.metrics().get("ordered.reorder.depth.mean")).isEqualTo(head.metrics().get("ordered.reorder.depth.mean"));

            ScanRun allCost = scanRun(Scan.ALL, interval, 200);
            ScanRun headCost = scanRun(Scan.HEAD, interval, 200);
            assertThat(allCost.metrics().get("ordered.check.cpu")).isGreaterThan(headCost.metrics().get("ordered.check.cpu"));
            assertThat(allCost.outOfOrder()).isZero();
            assertThat(headCost.outOfOrder()).isZero();
            for (ScanRun r : new ScanRun[] {allCost, headCost}) {
                Map<String, Double> m = r.metrics();
                System.out.printf(Locale.ROOT, "ordered.scan  %3.0f%%  %-4s  %8d  %9.4f  %8.3f  %9.2f  %8.0f  %10.2f%n",
                        20_000.0 * 16 / 8 / interval * 100, r == allCost ? "all" : "head", r.examined(),
                        m.get("ordered.check.cpu"), m.get("ordered.prepare.utilization"),
                        m.get("ordered.reorder.depth.mean"), m.get("ordered.reorder.depth.max"), m.get("ordered.wait.mean") * 1e6);
            }
        }
    }

    /**
     * Reorder-queue depth and wait grow with preparation-time variance: lognormal preparation
     * (mean 20 µs) with CV 0.5, 1.5 and 3; 5 independent replications each (streams differ by
     * replication index, seeds fixed). The 95 % confidence intervals of the mean over
     * replications must be strictly ordered and must not overlap.
     */
    @Test
    void reorderDepthAndWaitGrowWithPreparationVariance() {
        double[] cvs = {0.5, 1.5, 3.0};
        int reps = 5;
        ConfidenceInterval[] depth = new ConfidenceInterval[cvs.length];
        ConfidenceInterval[] wait = new ConfidenceInterval[cvs.length];
        for (int c = 0; c < cvs.length; c++) {
            double[] d = new double[reps];
            double[] w = new double[reps];
            for (int r = 0; r < reps; r++) {
                double cv = cvs[c];
                int rep = r;
                OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
                    s.prepareCv = cv;
                    s.seed = 2026;
                    s.replication = rep;
                }));
                f.writeEvery(0, 40_000, 8, 5_000);
                Map<String, Double> m = f.run(400_000_000L);
                assertThat(m.get("ordered.outOfOrder")).isZero();
                d[r] = m.get("ordered.reorder.depth.mean");
                w[r] = m.get("ordered.wait.mean");
            }
            depth[c] = ConfidenceInterval.of95(d);
            wait[c] = ConfidenceInterval.of95(w);
            System.out.printf(Locale.ROOT, "ordered.variance cv=%.1f depth.mean=%.3f ± %.3f wait.mean=%.2f ± %.2f us%n",
                    cvs[c], depth[c].mean(), depth[c].halfWidth(), wait[c].mean() * 1e6, wait[c].halfWidth() * 1e6);
        }
        for (int c = 1; c < cvs.length; c++) {
            assertThat(depth[c].lower()).isGreaterThan(depth[c - 1].upper());
            assertThat(wait[c].lower()).isGreaterThan(wait[c - 1].upper());
        }
    }

    private static final long T_NS = 1_000_000_000L;
    private static final double WRITE_TRACKS_PER_S = 10_000;
    private static final double WIRE_BYTES_PER_TRACK = OrderedFixture.TRACK + 512;

    /** Copy passes, sequential one-track writes at 10 000 tracks/s, link carrying {@code linkTracksPerS}; backlog at T and 2T. */
    private static long[] backlogAt(double linkTracksPerS) {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.source = Source.COPY_PASSES;
            s.linkBps = linkTracksPerS * WIRE_BYTES_PER_TRACK;
            s.prepareCv = 1;
        }));
        TimeSeries series = f.recording.sampleEvery(f.kernel, T_NS / 2, T_NS / 2, 2 * T_NS);
        f.writeEvery(0, (long) (1e9 / WRITE_TRACKS_PER_S), 1, (long) (2 * WRITE_TRACKS_PER_S) + 1);
        f.kernel.runUntil(T_NS);
        long atT = f.engine.backlogTracks();
        f.run(2 * T_NS);
        long at2T = f.engine.backlogTracks();
        assertThat(f.engine.outOfOrder()).isZero();
        int col = series.columnIndex("ordered.backlog.tracks");
        assertThat(series.value(1, col)).isEqualTo(atT);
        assertThat(series.value(3, col)).isEqualTo(at2T);
        return new long[] {atT, at2T, (long) f.metrics().get("ordered.backlog.tracks.max").doubleValue()};
    }

    /**
     * Link below the write rate (5 000 of 10 000 tracks/s): the out-of-sync backlog grows
     * linearly at write rate − link rate (deterministic arrivals and link: the only deviation is
     * the one pass in flight, so 2 % is ample). Link above it (20 000 tracks/s): the backlog
     * stays bounded by a few tracks.
     */
    @Test
    void backlogGrowsAtWriteMinusLinkRateOnlyWhenTheLinkIsSlower() {
        long[] slow = backlogAt(5_000);
        double rate = WRITE_TRACKS_PER_S - 5_000;
        System.out.printf(Locale.ROOT, "ordered.backlog link=5000/s T=%d 2T=%d (expected %.0f, %.0f)%n",
                slow[0], slow[1], rate, 2 * rate);
        assertThat((double) slow[0]).isCloseTo(rate * 1, within(0.02 * rate));
        assertThat((double) slow[1]).isCloseTo(rate * 2, within(0.02 * 2 * rate));
        assertThat((double) (slow[1] - slow[0])).isCloseTo(rate, within(0.02 * rate));

        long[] fast = backlogAt(20_000);
        System.out.printf(Locale.ROOT, "ordered.backlog link=20000/s T=%d 2T=%d max=%d%n", fast[0], fast[1], fast[2]);
        assertThat(fast[2]).isLessThan(20);
        assertThat(fast[1]).isLessThan(20);
    }
}
