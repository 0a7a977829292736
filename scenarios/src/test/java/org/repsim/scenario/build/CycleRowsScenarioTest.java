package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.core.measure.Measures.Cycles;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;

/**
 * {@code report.cycles} decides only which rows {@code cycles.csv} keeps: the same group, seed
 * and warm-up run with {@code per-box}, {@code per-cycle} and {@code none} give identical metrics
 * and time series, and the per-cycle rows are exactly the per-box rows summed per number
 * (recomputed here by brute force from the per-box table).
 */
class CycleRowsScenarioTest {

    @ParameterizedTest
    @ValueSource(strings = {"shuttle", "host"})
    void perCycleRowsAreThePerBoxRowsSummedPerNumberAndNothingElseChanges(String consistency) throws Exception {
        RunResult perBox = run(consistency, "per-box");
        RunResult perCycle = run(consistency, "per-cycle");
        RunResult none = run(consistency, "none");

        assertThat(perCycle.metrics()).isEqualTo(perBox.metrics());
        assertThat(none.metrics()).isEqualTo(perBox.metrics());
        assertSameSeries(perCycle.series(), perBox.series());
        assertSameSeries(none.series(), perBox.series());
        assertThat(none.tables()).doesNotContainKey("cycles");

        Table boxes = perBox.tables().get("cycles");
        Table numbers = perCycle.tables().get("cycles");
        assertThat(numbers.columns()).isEqualTo(Cycles.PER_NUMBER_SCHEMA.columnNames());
        List<double[]> expected = summedPerNumber(boxes);
        List<double[]> rows = numbers.rows();
        assertThat(rows).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).as("row %d (number %s)", i, rows.get(i)[0]).containsExactly(expected.get(i));
        }
        // eight boxes close every number: after the warm-up's first number, rows are eight times fewer
        assertThat(rows.size()).isGreaterThanOrEqualTo(10);
        assertThat(boxes.size()).isBetween(8 * rows.size() - 8, 8 * rows.size());
        assertThat(rows.subList(1, rows.size() - 1)).allSatisfy(r -> assertThat(r[1]).isEqualTo(8));
        // the cycle count the metrics give is the number of group numbers seen
        double cycleCount = perBox.metrics().get("cycle.count").value();
        assertThat(rows.stream().mapToDouble(r -> r[1]).sum()).isEqualTo(cycleCount);
    }

    private static RunResult run(String consistency, String rows) throws Exception {
        Scenario sc = ModelBenchmark.reference("shuttle").with("run.duration", "3 s").with("run.warmup", "1 s")
                .with("replication.consistency.mode", consistency).with("replication.cycle.minCycleTime", "50 ms")
                .with("report.cycles", rows).resolve();
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> {
        });
    }

    private static void assertSameSeries(TimeSeries a, TimeSeries b) {
        assertThat(a.columns()).isEqualTo(b.columns());
        assertThat(a.rows()).isEqualTo(b.rows());
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.columns().size(); c++) {
                assertThat(Double.doubleToLongBits(a.value(r, c))).isEqualTo(Double.doubleToLongBits(b.value(r, c)));
            }
        }
    }

    /** The per-box rows grouped by number, by brute force, in the order of PER_NUMBER_SCHEMA. */
    private static List<double[]> summedPerNumber(Table perBox) {
        List<String> c = perBox.columns();
        int number = c.indexOf("number");
        int open = c.indexOf("openS");
        int close = c.indexOf("closeS");
        int sent = c.indexOf("sentS");
        int applied = c.indexOf("appliedS");
        int duration = c.indexOf("durationS");
        int writes = c.indexOf("writes");
        int slots = c.indexOf("slots");
        int bytes = c.indexOf("bytes");
        int duplicates = c.indexOf("duplicates");
        Map<Double, List<double[]>> byNumber = new TreeMap<>();
        for (double[] row : perBox.rows()) {
            byNumber.computeIfAbsent(row[number], k -> new ArrayList<>()).add(row);
        }
        List<double[]> out = new ArrayList<>();
        byNumber.forEach((n, group) -> {
            double[] r = new double[12];
            r[0] = n;
            r[1] = group.size();
            r[2] = group.stream().mapToDouble(x -> x[open]).min().orElseThrow();
            r[3] = group.stream().mapToDouble(x -> x[close]).max().orElseThrow();
            r[4] = group.stream().anyMatch(x -> Double.isNaN(x[sent])) ? Double.NaN
                    : group.stream().mapToDouble(x -> x[sent]).max().orElseThrow();
            r[5] = group.stream().anyMatch(x -> Double.isNaN(x[applied])) ? Double.NaN
                    : group.stream().mapToDouble(x -> x[applied]).max().orElseThrow();
            r[6] = group.stream().mapToDouble(x -> x[duration]).max().orElseThrow();
            r[7] = group.stream().mapToDouble(x -> x[writes]).sum();
            r[8] = group.stream().mapToDouble(x -> x[slots]).sum();
            r[9] = group.stream().mapToDouble(x -> x[bytes]).sum();
            r[10] = r[8] == 0 ? 0 : r[7] / r[8];
            r[11] = group.stream().mapToDouble(x -> x[duplicates]).sum();
            out.add(r);
        });
        return out;
    }
}
