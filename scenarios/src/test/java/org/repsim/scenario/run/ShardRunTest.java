package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.RunResult;

class ShardRunTest {
    @TempDir
    Path tmp;

    /** 3 points x 4 replications = 12 pairs. */
    private final ExperimentPlan plan = FakeModel.plan(4, 0.5, 1.0, 1.5);

    private Path local() {
        Path out = tmp.resolve("local");
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(2), ProgressDisplay.silent());
        return out;
    }

    private static ShardRun.Outcome shard(ExperimentPlan plan, ReplicationModel model, Path out, int k, int n,
            boolean resume) {
        return ShardRun.run(plan, model, RunOptions.into(out).withThreads(2).withResume(resume),
                ProgressDisplay.silent(), new Shard(k, n));
    }

    /** Every file but run.json, which in a sharded run also records the sharding. */
    private static SortedMap<String, String> results(Path dir) {
        SortedMap<String, String> files = OutputTrees.read(dir);
        files.remove(RunDescription.FILE);
        return files;
    }

    private static void assertSameResults(Path sharded, Path local, int shards) throws IOException {
        assertThat(results(sharded)).isEqualTo(results(local));
        RunDescription d = RunDescription.readJson(Files.readString(sharded.resolve(RunDescription.FILE)));
        assertThat(d.sharding()).isEqualTo(new Sharding(shards));
        assertThat(d.withSharding(null).json()).isEqualTo(Files.readString(local.resolve(RunDescription.FILE)));
    }

    @Test
    void shardsRunOneAfterAnotherThenMergedGiveTheFilesOfARunOnOneMachine() throws IOException {
        Path local = local();
        for (int n : new int[] {1, 5, 12, 15}) {
            Path out = tmp.resolve("sharded-" + n);
            int pairs = 0;
            for (int k = n - 1; k >= 0; k--) {
                pairs += shard(plan, new FakeModel(), out, k, n, false).pairs();
            }
            assertThat(pairs).isEqualTo(12);
            assertThat(out.resolve(SummaryFiles.JSON)).doesNotExist();
            RunMerge.Result merged = RunMerge.merge(out);
            assertThat(merged.complete()).isTrue();
            assertSameResults(out, local, n);
        }
    }

    @Test
    void aShardWritesOnlyTheReplicationsOfItsOwnPairs() throws IOException {
        Path out = tmp.resolve("out");
        FakeModel model = new FakeModel();
        shard(plan, model, out, 2, 5, false);
        // pairs 2 and 7 of 12
        assertThat(model.calls.keySet()).containsExactlyInAnyOrder("p0/2", "p1/3");
        List<String> written = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out.resolve(Experiment.RUNS), 2)) {
            walk.filter(p -> p.getNameCount() == out.resolve(Experiment.RUNS).getNameCount() + 2)
                    .forEach(p -> written.add(p.getParent().getFileName() + "/" + p.getFileName()));
        }
        assertThat(written).containsExactlyInAnyOrder("p0/2", "p1/3");
    }

    @Test
    void mergeWithAMissingShardNamesItAndItsPairsAndWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        for (int k : new int[] {0, 2, 3}) {
            shard(plan, new FakeModel(), out, k, 4, false);
        }
        RunMerge.Result r = RunMerge.merge(out);
        assertThat(r.complete()).isFalse();
        assertThat(r.shardsToRerun()).containsExactly(1);
        assertThat(r.missing()).extracting(m -> m.pointId() + "/" + m.replication())
                .containsExactly("p0/1", "p1/1", "p2/1");
        assertThat(out.resolve(SummaryFiles.JSON)).doesNotExist();
        assertThat(out.resolve(SummaryFiles.CSV)).doesNotExist();

        // a damaged file counts as missing too, as for --resume
        Path series = Experiment.replicationDir(out, "p2", 3).resolve(RunFiles.SERIES);
        Files.writeString(series, "time_s\n");
        assertThat(RunMerge.merge(out).shardsToRerun()).containsExactly(1, 3);
    }

    @Test
    void aShardOfAnotherSeedOrAnotherNumberOfShardsIsRefusedBeforeItWritesAnything() throws IOException {
        Path out = tmp.resolve("out");
        shard(plan, new FakeModel(), out, 0, 4, false);
        SortedMap<String, String> before = OutputTrees.read(out);
        ExperimentPlan otherSeed = new ExperimentPlan(plan.scenarioName(), plan.toolVersion(),
                plan.resolvedScenarioJson(), 7L, plan.replications(), plan.warmupNs(), plan.durationNs(),
                plan.sampleIntervalNs(), plan.points(), plan.sweptPaths());
        FakeModel model = new FakeModel();
        assertThatThrownBy(() -> shard(otherSeed, model, out, 1, 4, false))
                .isInstanceOf(ResultStoreException.class)
                .hasMessageContaining("run.json is of another run").hasMessageContaining("seed 42 there, 7 here");
        assertThatThrownBy(() -> shard(plan, model, out, 1, 3, false))
                .isInstanceOf(ResultStoreException.class).hasMessageContaining("4 shards there, 3 here");
        ExperimentPlan edited = new ExperimentPlan(plan.scenarioName(), plan.toolVersion(), "{ \"edited\": 1 }\n",
                plan.masterSeed(), plan.replications(), plan.warmupNs(), plan.durationNs(), plan.sampleIntervalNs(),
                plan.points(), plan.sweptPaths());
        assertThatThrownBy(() -> shard(edited, model, out, 1, 4, false))
                .isInstanceOf(ResultStoreException.class).hasMessageContaining("scenario.resolved.json differs");
        assertThat(model.totalCalls()).isZero();
        assertThat(OutputTrees.read(out)).isEqualTo(before);
    }

    @Test
    void aShardStoppedMidRunThenResubmittedWithResumeGivesTheSameResult() throws IOException {
        Path local = local();
        Path out = tmp.resolve("out");
        // shard 1 of 3 holds p0/1, p1/0, p1/3, p2/2; its third replication dies half written
        ReplicationModel dying = new ReplicationModel() {
            private final FakeModel fake = new FakeModel();

            @Override
            public RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress) {
                if (point.id().equals("p1") && replication == 3) {
                    throw new IllegalStateException("node lost");
                }
                return fake.run(point, replication, masterSeed, progress);
            }
        };
        ExperimentPlan serial = plan;
        assertThatThrownBy(() -> ShardRun.run(serial, dying, RunOptions.into(out).withThreads(1),
                ProgressDisplay.silent(), new Shard(1, 3))).isInstanceOf(ExperimentFailure.class);
        // and a part-written file of the replication in progress, as a kill leaves it
        Path half = Experiment.replicationDir(out, "p1", 3);
        Files.createDirectories(half);
        Files.writeString(half.resolve("cycles.csv.part"), "start_s,dur");
        shard(plan, new FakeModel(), out, 0, 3, false);
        shard(plan, new FakeModel(), out, 2, 3, false);
        assertThat(RunMerge.merge(out).shardsToRerun()).containsExactly(1);

        FakeModel rerun = new FakeModel();
        ShardRun.Outcome o = shard(plan, rerun, out, 1, 3, true);
        assertThat(o.replicationsResumed()).isPositive();
        assertThat(rerun.calls.keySet()).contains("p1/3").doesNotContain("p0/1");
        assertThat(RunMerge.merge(out).complete()).isTrue();
        assertSameResults(out, local, 3);
    }

    @Test
    void shardsWritingTheSameDirectoryAtOnceNeverCorruptAFile() throws Exception {
        Path local = local();
        int n = 6;
        for (int round = 0; round < 5; round++) {
            Path out = tmp.resolve("concurrent-" + round);
            // every shard starts at once (they race to create run.json), and the replications of all
            // shards run side by side: each model waits for one replication of every shard
            CyclicBarrier start = new CyclicBarrier(n);
            CyclicBarrier together = new CyclicBarrier(n);
            ExecutorService shards = Executors.newFixedThreadPool(n);
            try {
                List<Future<ShardRun.Outcome>> done = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int shard = k;
                    ReplicationModel model = new ReplicationModel() {
                        private final FakeModel fake = new FakeModel();
                        private boolean waited;

                        @Override
                        public RunResult run(PlanPoint point, int replication, long seed, ProgressSink progress) {
                            if (!waited) {
                                waited = true;
                                await(together);
                            }
                            return fake.run(point, replication, seed, progress);
                        }
                    };
                    done.add(shards.submit(() -> {
                        await(start);
                        return ShardRun.run(plan, model, RunOptions.into(out).withThreads(1),
                                ProgressDisplay.silent(), new Shard(shard, n));
                    }));
                }
                for (Future<ShardRun.Outcome> f : done) {
                    assertThat(f.get(5, TimeUnit.MINUTES).replicationsRun()).isEqualTo(2);
                }
            } finally {
                shards.shutdownNow();
            }
            assertThat(RunMerge.merge(out).complete()).isTrue();
            assertSameResults(out, local, n);
            try (Stream<Path> walk = Files.walk(out)) {
                assertThat(walk.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".tmp"))).isEmpty();
            }
        }
    }

    @Test
    void aShardAlreadyRunningIsRefusedWhileOtherShardsRun() throws Exception {
        Path out = tmp.resolve("out");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ReplicationModel blocking = new ReplicationModel() {
            private final FakeModel fake = new FakeModel();

            @Override
            public RunResult run(PlanPoint point, int replication, long seed, ProgressSink progress) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return fake.run(point, replication, seed, progress);
            }
        };
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<ShardRun.Outcome> running = first.submit(() -> shard(plan, blocking, out, 1, 3, false));
            started.await();
            FakeModel second = new FakeModel();
            assertThatThrownBy(() -> shard(plan, second, out, 1, 3, true))
                    .isInstanceOf(ResultStoreException.class).hasMessageContaining("shard 1/3 is already running");
            assertThat(second.totalCalls()).isZero();
            assertThat(shard(plan, new FakeModel(), out, 2, 3, false).replicationsRun()).isEqualTo(4);
            release.countDown();
            assertThat(running.get(5, TimeUnit.MINUTES).replicationsRun()).isEqualTo(4);
        } finally {
            release.countDown();
            first.shutdownNow();
        }
        assertThat(shard(plan, new FakeModel(), out, 1, 3, true).replicationsResumed()).isEqualTo(4);
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("shards did not meet", e);
        }
    }
}
