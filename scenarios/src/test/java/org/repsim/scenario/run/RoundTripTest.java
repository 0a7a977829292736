package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.Metric;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;

/** Files written by the runner read back into equal result objects. */
class RoundTripTest {
    @TempDir
    Path tmp;

    static void assertSameResult(RunResult actual, RunResult expected) {
        assertThat(actual.replication()).isEqualTo(expected.replication());
        assertThat(actual.seed()).isEqualTo(expected.seed());
        assertThat(actual.metrics()).isEqualTo(expected.metrics());
        assertThat(actual.intervals()).isEqualTo(expected.intervals());
        if (expected.series() == null) {
            assertThat(actual.series()).isNull();
        } else {
            TimeSeries a = actual.series();
            TimeSeries e = expected.series();
            assertThat(a.columns()).isEqualTo(e.columns());
            assertThat(a.units()).isEqualTo(e.units());
            assertThat(a.timeColumn()).isEqualTo(e.timeColumn());
            for (String c : e.columns()) {
                assertThat(a.column(c)).as(c).isEqualTo(e.column(c));
            }
        }
        assertThat(actual.tables().keySet()).isEqualTo(expected.tables().keySet());
        for (Table e : expected.tables().values()) {
            Table a = actual.tables().get(e.name());
            assertThat(a.columns()).isEqualTo(e.columns());
            assertThat(a.units()).isEqualTo(e.units());
            assertThat(a.rows()).hasSameSizeAs(e.rows());
            for (int r = 0; r < e.size(); r++) {
                assertThat(a.rows().get(r)).isEqualTo(e.rows().get(r));
            }
        }
    }

    @Test
    void aReplicationReadsBackEqual() throws IOException {
        RunResult tiny = ResultFormatTest.tiny();
        Path dir = tmp.resolve("rep");
        RunFiles.write(dir, "p0", tiny);
        assertThat(RunFiles.isComplete(dir)).isTrue();
        assertSameResult(RunFiles.read(dir), tiny);
    }

    @Test
    void aReplicationWithoutSeriesTablesOrIntervalsReadsBackEqual() throws IOException {
        RunResult bare = new RunResult(0, -5L, List.of(new Metric("host.writes", 3, "count")), null, List.of(),
                List.of());
        Path dir = tmp.resolve("bare");
        RunFiles.write(dir, "p0", bare);
        assertThat(dir.resolve(RunFiles.SERIES)).doesNotExist();
        assertThat(dir.resolve(RunFiles.INTERVALS)).doesNotExist();
        assertSameResult(RunFiles.read(dir), bare);
    }

    @Test
    void infinityHasNoNumberFormAndReadsBackAsNaN() throws IOException {
        RunResult r = new RunResult(0, 1L, List.of(new Metric("cycle.duration.max", Double.POSITIVE_INFINITY, "s")),
                null, List.of(), List.of());
        Path dir = tmp.resolve("inf");
        RunFiles.write(dir, "p0", r);
        assertThat(RunFiles.read(dir).value("cycle.duration.max")).isNaN();
    }

    @Test
    void aTableNamedLikeAnotherResultFileIsRefused() {
        Table clash = new Table("timeseries", List.of("x"), List.of(""));
        RunResult r = new RunResult(0, 1L, List.of(), null, List.of(clash), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunFiles.write(tmp.resolve("clash"), "p0", r))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("table name 'timeseries' cannot be a file name");
    }

    @Test
    void summaryJsonReadsBackEqual() throws IOException {
        assertThat(SummaryFiles.readJson(SummaryFiles.json(ResultFormatTest.tinySummary())))
                .isEqualTo(ResultFormatTest.tinySummary());
    }

    @Test
    void aStoredExperimentReadsBackWhatTheRunProduced() {
        ExperimentPlan plan = FakeModel.plan(3, 0.5, 2.0);
        Path out = tmp.resolve("out");
        ExperimentOutcome outcome = Experiment.run(plan, new FakeModel(), RunOptions.into(out).withThreads(2),
                ProgressDisplay.silent());

        StoredExperiment stored = StoredExperiment.open(out);

        assertThat(stored.summary()).isEqualTo(outcome.summary());
        assertThat(stored.description()).isEqualTo(RunDescription.of(plan));
        assertThat(stored.resolvedScenarioJson()).isEqualTo(plan.resolvedScenarioJson());
        for (PlanPoint p : plan.points()) {
            List<RunResult> runs = stored.runs(p.id());
            assertThat(runs).hasSize(3);
            for (int r = 0; r < 3; r++) {
                assertSameResult(runs.get(r), FakeModel.result(p, r, plan.masterSeed(), ProgressSink.ignoring()));
            }
        }
    }
}
