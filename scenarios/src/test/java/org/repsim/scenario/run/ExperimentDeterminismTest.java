package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentDeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void oneThreadAndFourThreadsWriteIdenticalFiles() {
        ExperimentPlan plan = FakeModel.plan(5, 0.5, 0.8, 1.2);
        ExperimentOutcome one = Experiment.run(plan, new FakeModel(),
                RunOptions.into(tmp.resolve("one")).withThreads(1), ProgressDisplay.silent());
        ExperimentOutcome four = Experiment.run(plan, new FakeModel(),
                RunOptions.into(tmp.resolve("four")).withThreads(4), ProgressDisplay.silent());

        SortedMap<String, String> a = OutputTrees.read(tmp.resolve("one"));
        SortedMap<String, String> b = OutputTrees.read(tmp.resolve("four"));
        assertThat(b).isEqualTo(a);
        assertThat(four.summary()).isEqualTo(one.summary());
        // 3 points × 5 replications × (metrics, timeseries, cycles, intervals, done) + 4 top-level files
        assertThat(a).hasSize(3 * 5 * 5 + 4);
        assertThat(a).containsKeys("scenario.resolved.json", "run.json", "summary.json", "summary.csv",
                "runs/p2/4/metrics.json", "runs/p2/4/timeseries.csv", "runs/p2/4/cycles.csv",
                "runs/p2/4/intervals.csv", "runs/p2/4/done.json");
        assertThat(a.keySet()).noneMatch(name -> name.endsWith(".tmp"));
        assertThat(one.replicationsRun()).isEqualTo(15);
        assertThat(one.replicationsResumed()).isZero();
    }

    @Test
    void summaryFollowsPlanOrderNotCompletionOrder() {
        ExperimentPlan plan = FakeModel.plan(3, 1.2, 0.5, 0.8);
        ExperimentOutcome outcome = Experiment.run(plan, new FakeModel(),
                RunOptions.into(tmp.resolve("o")).withThreads(3), ProgressDisplay.silent());

        assertThat(outcome.summary().points()).extracting(p -> p.id()).containsExactly("p0", "p1", "p2");
        assertThat(outcome.summary().points()).extracting(p -> p.params().get("workloads[oltp].rate"))
                .containsExactly("1200/s", "500/s", "800/s");
        assertThat(outcome.summary().points().get(0).metrics().keySet()).containsExactly(
                "host.write.latency.mean", "host.writes", "queue.depth.mean", "rpo.lag.max");
    }

    @Test
    void replicationRAtEveryPointUsesTheSameStreams() {
        // common random numbers: the fake model's latency is load × f(stream of replication r)
        ExperimentPlan plan = FakeModel.plan(2, 1.0, 2.0);
        Experiment.run(plan, new FakeModel(), RunOptions.into(tmp.resolve("crn")).withThreads(2),
                ProgressDisplay.silent());
        StoredExperiment stored = StoredExperiment.open(tmp.resolve("crn"));
        for (int r = 0; r < 2; r++) {
            double base = stored.run("p0", r).value("host.write.latency.mean");
            double doubled = stored.run("p1", r).value("host.write.latency.mean");
            assertThat(doubled).isEqualTo(2 * base);
        }
        assertThat(stored.run("p0", 0).value("host.write.latency.mean"))
                .isNotEqualTo(stored.run("p0", 1).value("host.write.latency.mean"));
    }
}
