package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TimeSeries;
import org.junit.jupiter.api.io.TempDir;

class ProgressTrackerTest {
    @TempDir
    Path tmp;

    /** Sums what the runner reports. */
    static final class RecordingDisplay implements ProgressDisplay {
        long totalNs;
        int replications;
        final AtomicLong doneNs = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void start(long totalSimulatedNs, int reps) {
            totalNs = totalSimulatedNs;
            replications = reps;
        }

        @Override
        public void advance(long simulatedNs, long fired) {
            doneNs.addAndGet(simulatedNs);
            events.addAndGet(fired);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void cumulativeReportsBecomeDeltasClampedToTheReplication() {
        RecordingDisplay display = new RecordingDisplay();
        ProgressTracker tracker = new ProgressTracker(display, 1_000);
        ProgressTracker.Replication sink = tracker.replication();
        sink.onProgress(300, 10);
        sink.onProgress(700, 25);
        assertThat(display.doneNs.get()).isEqualTo(700);
        assertThat(display.events.get()).isEqualTo(25);
        sink.onProgress(5_000, 40);
        assertThat(display.doneNs.get()).isEqualTo(1_000);
        sink.finish();
        assertThat(display.doneNs.get()).isEqualTo(1_000);
        assertThat(display.events.get()).isEqualTo(40);
    }

    @Test
    void finishCountsTimeAModelDidNotReport() {
        RecordingDisplay display = new RecordingDisplay();
        ProgressTracker tracker = new ProgressTracker(display, 1_000);
        ProgressTracker.Replication sink = tracker.replication();
        sink.onProgress(200, 1);
        sink.finish();
        assertThat(display.doneNs.get()).isEqualTo(1_000);
    }

    @Test
    void aCancelledExperimentStopsReplicationsAtTheirNextReport() {
        ProgressTracker tracker = new ProgressTracker(ProgressDisplay.silent(), 1_000);
        ProgressTracker.Replication sink = tracker.replication();
        sink.onProgress(1, 1);
        tracker.cancel();
        assertThatThrownBy(() -> sink.onProgress(2, 2)).isInstanceOf(ExperimentCancelled.class);
    }

    @Test
    void theDisplayReachesAllSimulatedTimeOfTheReplicationsThisRunExecutes() throws Exception {
        ExperimentPlan plan = FakeModel.plan(3, 0.5, 1.0);
        Path out = tmp.resolve("out");
        RecordingDisplay first = new RecordingDisplay();
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(2), first);
        assertThat(first.replications).isEqualTo(6);
        assertThat(first.totalNs).isEqualTo(6 * plan.replicationNs());
        assertThat(first.doneNs.get()).isEqualTo(first.totalNs);
        assertThat(first.events.get()).isEqualTo(6L * FakeModel.SAMPLES * 1000);
        assertThat(first.closed.get()).isEqualTo(1);

        Files.delete(Experiment.replicationDir(out, "p0", 1).resolve(RunFiles.DONE));
        RecordingDisplay resumed = new RecordingDisplay();
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(2).withResume(true), resumed);
        assertThat(resumed.replications).isEqualTo(1);
        assertThat(resumed.doneNs.get()).isEqualTo(plan.replicationNs());
    }

    @Test
    void quietMeansSilentAndNoTerminalMeansLines() {
        assertThat(ProgressDisplay.forStderr(true)).isNotInstanceOfAny(TerminalProgress.class, LogProgress.class);
        // test JVMs have no console
        assertThat(ProgressDisplay.forStderr(false)).isInstanceOf(LogProgress.class);
    }

    @Test
    void eachProgressFileComesWithTheSpooledTablesRowsSoFarInTheirParts() throws Exception {
        long[] now = {0};
        ProgressTracker tracker = new ProgressTracker(ProgressDisplay.silent(), 120_000_000_000L, () -> now[0]);
        Path dir = tmp.resolve("spooling");
        Files.createDirectories(dir);
        ProgressTracker.Replication sink = tracker.replication(dir);
        try (SpooledTables tables = new SpooledTables(dir)) {
            sink.spooling(tables);
            var store = tables.open("cycles", List.of("number", "bytes"));
            Path part = dir.resolve("cycles.csv" + SpooledRowStore.PART);
            store.add(new double[] {1, 4096});
            store.add(new double[] {2, 8192});
            // a few rows stay in the store's buffer until a block fills ...
            assertThat(Files.readString(part)).isEqualTo("number,bytes\n");
            now[0] += 61_000_000_000L;
            sink.onProgress(10_000_000_000L, 100);
            // ... or until the next progress file, which a partial report reads along with the part
            assertThat(Files.readString(part)).isEqualTo("number,bytes\n1,4096\n2,8192\n");
            store.add(new double[] {3, 0});
            now[0] += 61_000_000_000L;
            sink.onProgress(20_000_000_000L, 200);
            assertThat(Files.readString(part)).endsWith("2,8192\n3,0\n");
            // the rows read back are the rows added, once each
            List<double[]> rows = new java.util.ArrayList<>();
            store.forEach(r -> rows.add(r.clone()));
            assertThat(rows).containsExactly(new double[] {1, 4096}, new double[] {2, 8192}, new double[] {3, 0});
        }
    }

    @Test
    void aRunningReplicationRewritesItsProgressFileEveryMinuteOfWallTime() throws Exception {
        long[] now = {5_000_000_000L};
        ProgressTracker tracker = new ProgressTracker(ProgressDisplay.silent(), 120_000_000_000L, () -> now[0]);
        Path dir = tmp.resolve("rep");
        java.nio.file.Files.createDirectories(dir);
        ProgressTracker.Replication sink = tracker.replication(dir);
        now[0] += 59_000_000_000L;
        sink.onProgress(20_000_000_000L, 1_000);
        assertThat(dir.resolve(RunFiles.PROGRESS)).doesNotExist();
        now[0] += 1_000_000_000L;
        sink.onProgress(30_000_000_000L, 1_500);
        assertThat(ReplicationProgress.read(dir)).contains(new ReplicationProgress(30, 120, 1_500, 60));
        assertThat(ReplicationProgress.read(dir).orElseThrow().leftS()).isEqualTo(180);
        now[0] += 30_000_000_000L;
        sink.onProgress(40_000_000_000L, 2_000);
        assertThat(ReplicationProgress.read(dir).orElseThrow().simulatedS()).isEqualTo(30);
        now[0] += 30_000_000_000L;
        sink.onProgress(60_000_000_000L, 3_000);
        assertThat(ReplicationProgress.read(dir)).contains(new ReplicationProgress(60, 120, 3_000, 120));
        // a sink without a directory writes nothing
        ProgressTracker.Replication plain = tracker.replication();
        now[0] += 600_000_000_000L;
        plain.onProgress(1, 1);
        assertThat(tmp.resolve(RunFiles.PROGRESS)).doesNotExist();
    }

    @Test
    void statusShowsHowFarARunningReplicationHasGotAndAFinishedOneLeavesNoProgressFile() throws Exception {
        ExperimentPlan plan = FakeModel.plan(2, 0.5, 1.0);
        Path out = tmp.resolve("out");
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(2), ProgressDisplay.silent());
        Path rep = Experiment.replicationDir(out, plan.points().get(0).id(), 1);
        // replication 1 of the first point as if it were still running, half-way, its file written now
        java.nio.file.Files.delete(rep.resolve(RunFiles.DONE));
        new ReplicationProgress(0.25, 1.0, 1_000, 90).write(rep);
        RunStatus status = RunStatus.read(out);
        assertThat(status.running()).singleElement().satisfies(r -> {
            assertThat(r.point()).isEqualTo(plan.points().get(0).id());
            assertThat(r.replication()).isEqualTo(1);
            assertThat(r.ageS()).isLessThan(60);
        });
        assertThat(status.text()).contains("running", plan.points().get(0).id() + "/1", "simulated (warm-up included)", "0.25 of 1 s (25.0 %)", "1 min 30 s",
                "4 min 30 s", "repsim report " + out + " --partial").doesNotContain("stopped?");
        // resumed, it runs again and its results replace the progress file
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(2).withResume(true), ProgressDisplay.silent());
        assertThat(rep.resolve(RunFiles.DONE)).exists();
        assertThat(rep.resolve(RunFiles.PROGRESS)).doesNotExist();
        assertThat(RunStatus.read(out).running()).isEmpty();
    }

    @Test
    void aRunningReplicationsSeriesPartHoldsExactlyTheRowsSampledByItsLastProgressFile() throws Exception {
        long[] now = {0};
        ProgressTracker tracker = new ProgressTracker(ProgressDisplay.silent(), 100_000_000_000L, () -> now[0]);
        Path dir = tmp.resolve("rep");
        Files.createDirectories(dir);
        ProgressTracker.Replication sink = tracker.replication(dir);
        TimeSeries series = new TimeSeries(List.of("host.write.latency.mean", "rpo.lag"), List.of("s", "s"));
        sink.onSeries(series);
        java.util.Random random = new java.util.Random(7);
        int[] rowsAtWrite = new int[4];
        for (int minute = 0; minute < 4; minute++) {
            // 1 to 6 samples per minute of wall time, NaN (an interval without I/O) among them
            int samples = 1 + random.nextInt(6);
            for (int i = 0; i < samples; i++) {
                double t = series.rows() + 1;
                series.append(t, new double[] {random.nextInt(3) == 0 ? Double.NaN : random.nextDouble() / 1e3,
                    random.nextDouble() * 30});
                now[0] += 60_000_000_000L / samples;
                sink.onProgress((long) (t * 1e9), series.rows() * 10L);
            }
            rowsAtWrite[minute] = series.rows();
            // what the part holds is the text of the finished file cut after the rows sampled so far
            String sofar = RunFiles.seriesCsv(series);
            assertThat(Files.readString(dir.resolve(RunFiles.SERIES_PART))).isEqualTo(sofar);
            RunResult read = RunFiles.readRunning(dir, 3, 42);
            assertThat(read.replication()).isEqualTo(3);
            assertThat(read.metrics()).isEmpty();
            assertThat(read.series().columns()).isEqualTo(series.columns());
            assertThat(read.series().rows()).isEqualTo(series.rows());
            for (int r = 0; r < series.rows(); r++) {
                assertThat(read.series().time(r)).isEqualTo(series.time(r));
                for (int c = 0; c < 2; c++) {
                    assertThat(Double.valueOf(read.series().value(r, c))).isEqualTo(Double.valueOf(series.value(r, c)));
                }
            }
            assertThat(ReplicationProgress.read(dir).orElseThrow().simulatedS()).isEqualTo(series.rows());
        }
        assertThat(rowsAtWrite).isSorted();
        // a row being appended as it is read: the reader stops at the last whole line
        Files.writeString(dir.resolve(RunFiles.SERIES_PART), "99.0,0.5", java.nio.file.StandardOpenOption.APPEND);
        assertThat(RunFiles.readRunning(dir, 0, 1).series().rows()).isEqualTo(series.rows());
        // a part that is not a series is named, not taken
        Files.writeString(dir.resolve(RunFiles.SERIES_PART), "time_s,a\n1.0,2.0,3.0\n");
        assertThatThrownBy(() -> RunFiles.readRunning(dir, 0, 1)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(RunFiles.SERIES_PART).hasMessageContaining("line 2");
        assertThat(RunFiles.readRunning(tmp, 0, 1)).isNull();
    }
}
