package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
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
}
