package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * {@code replication.cycle.slotSizing} (docs/model.md §5): with {@code track} every slot holds,
 * sends and applies its whole track, so every row of {@code cycles.csv} has {@code bytes} =
 * {@code slots} × {@code cache.trackSize} exactly (the column excludes the 512 B slot headers);
 * {@code written}, the default, changes nothing. The same holds in {@code host} and
 * {@code shuttle} groups, whose sessions are built the same way.
 */
class SlotSizingScenarioTest {

    private static final long TRACK = 128 * 1024;

    @ParameterizedTest
    @CsvSource({"cycle, none", "shuttle, host", "shuttle, shuttle"})
    void trackSizingShipsWholeTracksAndWrittenIsTheDefault(String reference, String consistency) throws Exception {
        RunResult absent = run(reference, consistency, null);
        RunResult written = run(reference, consistency, "written");
        RunResult track = run(reference, consistency, "track");

        // written is the default: the same run to the bit
        assertThat(written.metrics()).isEqualTo(absent.metrics());
        List<double[]> a = absent.tables().get("cycles").rows();
        List<double[]> b = written.tables().get("cycles").rows();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Arrays.equals(b.get(i), a.get(i))).as("cycles row %d", i).isTrue();
        }

        Table t = track.tables().get("cycles");
        int slots = t.columns().indexOf("slots");
        int bytes = t.columns().indexOf("bytes");
        List<double[]> rows = t.rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
        for (double[] r : rows) {
            assertThat(r[slots]).isPositive();
            assertThat((long) r[bytes]).as("cycle %s box %s", r[0], r[1]).isEqualTo((long) r[slots] * TRACK);
        }
        // written: 4 KiB writes leave a slot far below its track
        Table w = written.tables().get("cycles");
        assertThat(w.rows()).allSatisfy(r -> assertThat(r[bytes]).isLessThan(r[slots] * TRACK / 4));
    }

    private static RunResult run(String reference, String consistency, String sizing) throws Exception {
        ScenarioSource src = ModelBenchmark.reference(reference).with("run.duration", "3 s").with("run.warmup", "1 s")
                .with("replication.consistency.mode", consistency).with("replication.cycle.minCycleTime", "200 ms")
                .with("workloads[oltp].arrival.rate", "4000/s").with("workloads[oltp].size", "4 KiB");
        if (sizing != null) {
            src = src.with("replication.cycle.slotSizing", sizing);
        }
        Scenario sc = src.resolve();
        assertThat(sc.box(sc.replication().pairs().get(0).primaryBox()).cache().trackSizeBytes()).isEqualTo(TRACK);
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> {
        });
    }
}
