package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.kernel.SimulationFailure;
import org.repsim.core.result.RunResult;

class ExperimentFailureTest {
    @TempDir
    Path tmp;

    private static SimulationFailure failure() {
        return new SimulationFailure("WanLink.onDeparture", 12_000_000_250L,
                new IllegalStateException("negative backlog"));
    }

    /** A replication worker still alive 5 s after the run returned (a thread may take a moment to exit). */
    private static boolean workerAlive() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(Experiment.THREAD_PREFIX)) {
                t.join(5_000);
                if (t.isAlive()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void runningOutOfMemorySaysWhatToDo() {
        ExperimentFailure f = new ExperimentFailure("p001", 2, new SimulationFailure("Cache.write", 5_000_000_000L,
                new OutOfMemoryError("Java heap space")));
        assertThat(f).hasMessageStartingWith("replication 2 of point p001 failed: out of memory (Java heap space) "
                + "with a maximum heap of ")
                .hasMessageContaining("java -Xmx<size>")
                .hasMessageContaining("--threads 1")
                .hasMessageContaining("--resume");
        assertThat(ExperimentFailure.outOfMemory(new OutOfMemoryError(), 2L << 30, 2))
                .startsWith("out of memory with a maximum heap of 2048 MiB: each of the 2 replications");
        // one replication at a time already: fewer at once would not help, so it is not suggested
        assertThat(ExperimentFailure.outOfMemory(new OutOfMemoryError(), 2L << 30, 1))
                .startsWith("out of memory with a maximum heap of 2048 MiB: this replication alone")
                .contains("java -Xmx<size>").contains("validate --memory").doesNotContain("--threads");
    }

    @Test
    void aFailingReplicationCancelsTheOthersAndShutsThePoolDown() throws InterruptedException {
        ExperimentPlan plan = FakeModel.plan(6, 0.5, 1.0);
        CountDownLatch othersRunning = new CountDownLatch(3);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        // with 4 threads p0/0..3 start first; p0/0 fails once the three others are simulating,
        // and those would simulate forever unless the runner stops them
        ReplicationModel model = (point, rep, seed, progress) -> {
            if (point.id().equals("p0") && rep == 0) {
                try {
                    othersRunning.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw failure();
            }
            started.incrementAndGet();
            othersRunning.countDown();
            for (long i = 0; ; i++) {
                try {
                    progress.onProgress(i % 1000, i);
                } catch (RuntimeException e) {
                    cancelled.incrementAndGet();
                    // as the kernel does with anything thrown inside an event
                    throw new SimulationFailure("Sampler.onSample", i % 1000, e);
                }
            }
        };

        ExperimentFailure f = catchThrowableOfType(ExperimentFailure.class, () -> Experiment.run(plan, model,
                RunOptions.into(tmp.resolve("out")).withThreads(4), ProgressDisplay.silent()));

        assertThat(f.pointId()).isEqualTo("p0");
        assertThat(f.replication()).isZero();
        assertThat(f).hasCauseInstanceOf(SimulationFailure.class)
                .hasMessage("replication 0 of point p0 failed: simulation failed in WanLink.onDeparture"
                        + " at t=12.000000250 s: IllegalStateException: negative backlog");
        assertThat(workerAlive()).isFalse();
        assertThat(started.get()).isGreaterThanOrEqualTo(3);
        assertThat(cancelled.get()).isEqualTo(started.get());
        assertThat(tmp.resolve("out").resolve(SummaryFiles.JSON)).doesNotExist();
        assertThat(tmp.resolve("out").resolve(Experiment.RUNS)).isEmptyDirectory();
    }

    @Test
    void replicationsCompletedBeforeTheFailureAreKept() throws InterruptedException {
        ExperimentPlan plan = FakeModel.plan(3, 0.5, 1.0);
        FakeModel fake = new FakeModel();
        ReplicationModel model = (point, rep, seed, progress) -> {
            if (point.id().equals("p1") && rep == 1) {
                throw failure();
            }
            return fake.run(point, rep, seed, progress);
        };
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> Experiment.run(plan, model, RunOptions.into(out).withThreads(1),
                ProgressDisplay.silent()))
                .isInstanceOf(ExperimentFailure.class)
                .hasMessageStartingWith("replication 1 of point p1 failed: simulation failed in WanLink");

        for (int r = 0; r < 3; r++) {
            assertThat(RunFiles.isComplete(Experiment.replicationDir(out, "p0", r))).isTrue();
        }
        assertThat(RunFiles.isComplete(Experiment.replicationDir(out, "p1", 0))).isTrue();
        assertThat(Experiment.replicationDir(out, "p1", 1)).doesNotExist();
        assertThat(Experiment.replicationDir(out, "p1", 2)).doesNotExist();
        assertThat(fake.totalCalls()).isEqualTo(4);
        assertThat(workerAlive()).isFalse();

        // after the cause is fixed, --resume runs only the two missing replications
        FakeModel fixed = new FakeModel();
        Experiment.run(plan, fixed, RunOptions.into(out).withThreads(2).withResume(true), ProgressDisplay.silent());
        assertThat(fixed.calls.keySet()).containsExactlyInAnyOrder("p1/1", "p1/2");
        Path reference = tmp.resolve("reference");
        Experiment.run(plan, new FakeModel(), RunOptions.into(reference).withThreads(2), ProgressDisplay.silent());
        assertThat(OutputTrees.read(out)).isEqualTo(OutputTrees.read(reference));
    }

    @Test
    void aModelReturningTheWrongReplicationIsAFailure() {
        ExperimentPlan plan = FakeModel.plan(2, 1.0);
        ReplicationModel model = (point, rep, seed, progress) -> {
            RunResult r = FakeModel.result(point, 0, seed, progress);
            return r;
        };
        assertThatThrownBy(() -> Experiment.run(plan, model, RunOptions.into(tmp.resolve("o")).withThreads(1),
                ProgressDisplay.silent()))
                .isInstanceOf(ExperimentFailure.class)
                .hasMessage("replication 1 of point p0 failed: the model returned the result of replication 0");
    }

    @Test
    void aStaleSummaryIsRemovedWhenARunFails() throws Exception {
        ExperimentPlan plan = FakeModel.plan(2, 1.0);
        Path out = tmp.resolve("out");
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(1), ProgressDisplay.silent());
        assertThat(out.resolve(SummaryFiles.JSON)).exists();
        ReplicationModel failing = (point, rep, seed, progress) -> {
            throw failure();
        };
        assertThatThrownBy(() -> Experiment.run(plan, failing, RunOptions.into(out).withThreads(1),
                ProgressDisplay.silent())).isInstanceOf(ExperimentFailure.class);
        assertThat(out.resolve(SummaryFiles.JSON)).doesNotExist();
        assertThat(out.resolve(SummaryFiles.CSV)).doesNotExist();
        assertThat(Files.exists(out.resolve(RunDescription.FILE))).isTrue();
    }
}
