package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentResumeTest {
    @TempDir
    Path tmp;

    private final ExperimentPlan plan = FakeModel.plan(4, 0.5, 1.5);

    private Path runFresh(String name, int threads) {
        Path out = tmp.resolve(name);
        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(threads), ProgressDisplay.silent());
        return out;
    }

    @Test
    void resumeRerunsOnlyTheReplicationWithoutItsMarker() throws IOException {
        Path reference = runFresh("reference", 2);
        Path interrupted = runFresh("interrupted", 2);
        // an interruption after the replication's data files but before its marker
        Files.delete(Experiment.replicationDir(interrupted, "p1", 2).resolve(RunFiles.DONE));
        Files.delete(interrupted.resolve(SummaryFiles.JSON));

        FakeModel model = new FakeModel();
        ExperimentOutcome outcome = Experiment.run(plan, model,
                RunOptions.into(interrupted).withThreads(2).withResume(true), ProgressDisplay.silent());

        assertThat(model.calls.keySet()).containsExactly("p1/2");
        assertThat(model.totalCalls()).isEqualTo(1);
        assertThat(outcome.replicationsRun()).isEqualTo(1);
        assertThat(outcome.replicationsResumed()).isEqualTo(7);
        assertThat(OutputTrees.read(interrupted)).isEqualTo(OutputTrees.read(reference));
    }

    @Test
    void resumeRerunsAReplicationWhoseFileWasDamaged() throws IOException {
        Path reference = runFresh("reference", 1);
        Path damaged = runFresh("damaged", 1);
        Path series = Experiment.replicationDir(damaged, "p0", 3).resolve(RunFiles.SERIES);
        String text = Files.readString(series);
        Files.writeString(series, text.substring(0, text.length() / 2));

        FakeModel model = new FakeModel();
        Experiment.run(plan, model, RunOptions.into(damaged).withThreads(1).withResume(true),
                ProgressDisplay.silent());

        assertThat(model.calls.keySet()).containsExactly("p0/3");
        assertThat(OutputTrees.read(damaged)).isEqualTo(OutputTrees.read(reference));
    }

    @Test
    void resumeOfACompleteRunRunsNothingAndRewritesTheSameSummary() {
        Path reference = runFresh("reference", 1);
        Path again = runFresh("again", 1);
        FakeModel model = new FakeModel();
        ExperimentOutcome outcome = Experiment.run(plan, model,
                RunOptions.into(again).withThreads(3).withResume(true), ProgressDisplay.silent());
        assertThat(model.totalCalls()).isZero();
        assertThat(outcome.replicationsResumed()).isEqualTo(8);
        assertThat(OutputTrees.read(again)).isEqualTo(OutputTrees.read(reference));
    }

    @Test
    void withoutResumeEveryReplicationRunsAgain() {
        Path out = runFresh("out", 2);
        FakeModel model = new FakeModel();
        Experiment.run(plan, model, RunOptions.into(out).withThreads(2), ProgressDisplay.silent());
        assertThat(model.totalCalls()).isEqualTo(8);
    }

    @Test
    void resumeRefusesTheResultsOfADifferentExperiment() {
        Path out = runFresh("out", 2);
        ExperimentPlan otherSeed = new ExperimentPlan(plan.scenarioName(), plan.toolVersion(),
                plan.resolvedScenarioJson(), 7L, plan.replications(), plan.warmupNs(), plan.durationNs(),
                plan.sampleIntervalNs(), plan.points(), plan.sweptPaths());
        FakeModel model = new FakeModel();
        assertThatThrownBy(() -> Experiment.run(otherSeed, model, RunOptions.into(out).withResume(true),
                ProgressDisplay.silent()))
                .isInstanceOf(ResultStoreException.class)
                .hasMessageContaining("cannot resume")
                .hasMessageContaining("run.json");
        assertThat(model.totalCalls()).isZero();
        assertThat(out.resolve(SummaryFiles.JSON)).exists();
    }

    @Test
    void staleFilesOfAnUnfinishedAttemptAreReplaced() throws IOException {
        Path reference = runFresh("reference", 1);
        Path out = runFresh("out", 1);
        Path rep = Experiment.replicationDir(out, "p0", 1);
        Files.delete(rep.resolve(RunFiles.DONE));
        Files.writeString(rep.resolve("leftover.csv"), "a,b\n1,2\n");
        Files.writeString(rep.resolve(".metrics.json.tmp"), "{\"half");

        Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(1).withResume(true),
                ProgressDisplay.silent());

        assertThat(OutputTrees.read(out)).isEqualTo(OutputTrees.read(reference));
    }
}
