package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;

class CycleChartTest {

    @Test
    void rowsOfOneCycleFromSeveralBoxesAreAddedUpAndFoldingIsRecomputed() {
        Table t = new Table("cycles", List.of("number", "box", "durationS", "writes", "slots", "bytes", "folding"),
                List.of("count", "index", "s", "count", "count", "bytes", "ratio"));
        t.add(1, 0, 30, 300, 100, 100 * 131072, 3.0);
        t.add(1, 1, 31, 100, 100, 100 * 131072, 1.0);
        t.add(2, 0, 45, 50, 25, 25 * 131072, 2.0);
        Map<Double, double[]> m = CycleChart.byNumber(t);

        assertThat(m).containsOnlyKeys(1.0, 2.0);
        // {bytes, slots, durationS, folding, writes}
        assertThat(m.get(1.0)).containsExactly(200 * 131072, 200, 31, 2.0, 400);
        assertThat(m.get(2.0)).containsExactly(25 * 131072, 25, 45, 2.0, 50);
    }

    @Test
    void durationComesFromOpenAndCloseWhenNotGivenAndMissingColumnsStayNaN() {
        Table t = new Table("cycles", List.of("number", "openS", "closeS", "folding"), List.of("count", "s", "s", "ratio"));
        t.add(1, 10, 40, 1.5);
        double[] row = CycleChart.byNumber(t).get(1.0);
        assertThat(row[2]).isEqualTo(30);
        assertThat(row[3]).isEqualTo(1.5);
        assertThat(row[0]).isNaN();
        assertThat(row[1]).isNaN();
    }

    @Test
    void noChartWithoutACyclesTable() {
        RunResult none = new RunResult(0, 0, List.of(), null, List.of(), List.of());
        Table empty = new Table("cycles", List.of("number", "bytes"), List.of("count", "bytes"));
        RunResult emptyTable = new RunResult(0, 0, List.of(), null, List.of(empty), List.of());
        assertThat(new CycleChart(List.of(none, emptyTable)).chart()).isEmpty();

        Table one = new Table("cycles", List.of("number", "bytes"), List.of("count", "bytes"));
        one.add(1, 4096);
        assertThat(new CycleChart(List.of(new RunResult(0, 0, List.of(), null, List.of(one), List.of()))).chart()).isPresent();
    }
}
