package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.Table;
import org.repsim.core.result.TableStores;

/** A run whose model adds its table rows through the stores the runner passes. */
class ExperimentSpoolingTest {
    @TempDir
    Path tmp;

    private final ExperimentPlan plan = FakeModel.plan(3, 0.5, 1.5);

    private Path run(String name, ReplicationModel model, boolean resume) {
        Path out = tmp.resolve(name);
        Experiment.run(plan, model, RunOptions.into(out).withThreads(2).withResume(resume), ProgressDisplay.silent());
        return out;
    }

    private static List<Path> partFiles(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(SpooledRowStore.PART)).toList();
        }
    }

    @Test
    void spooledTablesGiveTheSameFilesAsInMemoryOnesAndLeaveNoPart() throws IOException {
        Path reference = run("reference", new FakeModel(), false);
        Path spooled = run("spooled", new SpoolingModel(), false);

        assertThat(OutputTrees.read(spooled)).isEqualTo(OutputTrees.read(reference));
        assertThat(partFiles(spooled)).isEmpty();
        for (PlanPoint p : plan.points()) {
            for (int r = 0; r < plan.replications(); r++) {
                assertThat(RunFiles.isComplete(Experiment.replicationDir(spooled, p.id(), r))).isTrue();
            }
        }
    }

    @Test
    void resumeRerunsOnlyTheReplicationWithoutItsMarker() throws IOException {
        Path reference = run("reference", new FakeModel(), false);
        Path out = run("out", new SpoolingModel(), false);
        Path rep = Experiment.replicationDir(out, "p1", 2);
        Files.delete(rep.resolve(RunFiles.DONE));
        Files.delete(out.resolve(SummaryFiles.JSON));
        // a crash of the earlier attempt also left a part behind
        Files.writeString(rep.resolve("cycles.csv" + SpooledRowStore.PART), "start_s,duration_s,bytes\n1.0,");

        SpoolingModel model = new SpoolingModel();
        run("out", model, true);

        assertThat(model.calls.keySet()).containsExactly("p1/2");
        assertThat(OutputTrees.read(out)).isEqualTo(OutputTrees.read(reference));
        assertThat(partFiles(out)).isEmpty();
    }

    @Test
    void aReplicationFailingAfterAddingRowsLeavesNothingThatLooksLikeAResult() throws IOException {
        Path out = run("out", new SpoolingModel(), false);
        // run again; replication p0/1 fails after writing rows, on top of its complete earlier files
        ReplicationModel failing = new ReplicationModel() {
            private final SpoolingModel ok = new SpoolingModel();

            @Override
            public org.repsim.core.result.RunResult run(PlanPoint point, int replication, long masterSeed,
                    ProgressSink progress) {
                throw new AssertionError("the runner passes table stores");
            }

            @Override
            public org.repsim.core.result.RunResult run(PlanPoint point, int replication, long masterSeed,
                    ProgressSink progress, TableStores tables) {
                if (point.id().equals("p0") && replication == 1) {
                    Table t = Table.open(tables, "cycles", List.of("start_s", "duration_s", "bytes"),
                            List.of("s", "s", "bytes"));
                    for (int i = 0; i < 10_000; i++) {
                        t.add(i, 1.0, 2.0);
                    }
                    throw new IllegalStateException("negative backlog");
                }
                return ok.run(point, replication, masterSeed, progress, tables);
            }
        };
        assertThatThrownBy(() -> Experiment.run(plan, failing, RunOptions.into(out).withThreads(1),
                ProgressDisplay.silent()))
                .isInstanceOf(ExperimentFailure.class)
                .hasMessage("replication 1 of point p0 failed: negative backlog");

        Path rep = Experiment.replicationDir(out, "p0", 1);
        assertThat(RunFiles.isComplete(rep)).isFalse();
        assertThat(rep.resolve(RunFiles.DONE)).doesNotExist();
        assertThat(rep.resolve("cycles.csv")).doesNotExist();
        assertThat(partFiles(out)).isEmpty();

        // a fresh directory: the failed replication leaves no directory at all
        Path fresh = tmp.resolve("fresh");
        assertThatThrownBy(() -> Experiment.run(plan, failing, RunOptions.into(fresh).withThreads(1),
                ProgressDisplay.silent())).isInstanceOf(ExperimentFailure.class);
        assertThat(Experiment.replicationDir(fresh, "p0", 1)).doesNotExist();
        assertThat(RunFiles.isComplete(Experiment.replicationDir(fresh, "p0", 0))).isTrue();

        // --resume reruns the failed replication and the ones never started
        SpoolingModel fixed = new SpoolingModel();
        run("fresh", fixed, true);
        assertThat(fixed.calls.keySet()).containsExactlyInAnyOrder("p0/1", "p0/2", "p1/0", "p1/1", "p1/2");
        assertThat(OutputTrees.read(fresh)).isEqualTo(OutputTrees.read(run("reference", new FakeModel(), false)));
    }
}
