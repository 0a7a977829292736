package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Path out = file.resolve("out");
        FakeModel model = new FakeModel();
        assertThatThrownBy(() -> Experiment.run(FakeModel.plan(1, 1.0), model, RunOptions.into(out),
                ProgressDisplay.silent()))
                .isInstanceOf(ResultStoreException.class)
                .hasMessageStartingWith("cannot create output directory " + out + ": ");
        org.assertj.core.api.Assertions.assertThat(model.totalCalls()).isZero();
    }

    @Test
    void anOutputPathThatIsAFileIsAClearError() throws IOException {
        Path out = Files.writeString(tmp.resolve("out"), "x");
        assertThatThrownBy(() -> Experiment.run(FakeModel.plan(1, 1.0), new FakeModel(), RunOptions.into(out),
                ProgressDisplay.silent()))
                .isInstanceOf(ResultStoreException.class)
                .hasMessageContaining(out.toString());
    }

    @Test
    void readingADirectoryWithoutResultsIsAClearError() {
        assertThatThrownBy(() -> StoredExperiment.open(tmp))
                .isInstanceOf(ResultStoreException.class)
                .hasMessage("cannot read results in " + tmp + ": no run.json");
    }

    @Test
    void readingAnUnfinishedRunSaysHowToFinishIt() {
        Path out = tmp.resolve("out");
        ReplicationModel failing = (point, rep, seed, progress) -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> Experiment.run(FakeModel.plan(1, 1.0), failing, RunOptions.into(out),
                ProgressDisplay.silent())).isInstanceOf(ExperimentFailure.class).hasMessageEndingWith("boom");
        assertThatThrownBy(() -> StoredExperiment.open(out))
                .isInstanceOf(ResultStoreException.class)
                .hasMessageContaining("no summary.json (the run did not finish: complete it with repsim run --resume, or see it so far with repsim report --partial)");
    }
}
