package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repsim.core.result.Metric;
import org.repsim.core.result.TimeSeries;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.DataLoss;

/** docs/model.md §8.5: the same scenario and seed give identical figures; another seed gives other figures. */
class ConsistencyDeterminismTest {

    private record Figures(List<Metric> metrics, List<String> cycles, List<String> series, DataLoss loss,
                           long events) {
    }

    private static Figures run(ConsistencyMode mode, long seed) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = mode;
        k.ack = AckRule.AFTER_ROUND;
        k.seed = seed;
        k.thinkNs = 150 * US;
        GroupFixture f = new GroupFixture(k);
        TimeSeries series = f.recording.sampleEvery(f.kernel, 10 * MS, 10 * MS, 150 * MS);
        f.dependentWrites(0, 150 * MS);
        f.kernel.at(40 * MS, org.repsim.core.kernel.Tie.CONTROL, () -> f.recording.reset(f.kernel.now()));
        f.runUntil(150 * MS);
        List<String> cycles = new ArrayList<>();
        for (double[] row : f.groupRecording.cycles().rows()) {
            cycles.add(java.util.Arrays.toString(row));
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < series.rows(); i++) {
            StringBuilder row = new StringBuilder().append(series.time(i));
            for (int c = 0; c < series.columns().size(); c++) {
                row.append(' ').append(series.value(i, c));
            }
            rows.add(row.toString());
        }
        return new Figures(f.recording.metrics(f.kernel.now()), cycles, rows, f.group.dataLossAt(f.kernel.now()),
                f.kernel.eventsFired());
    }

    @ParameterizedTest
    @EnumSource(ConsistencyMode.class)
    void sameSeedGivesIdenticalFigures(ConsistencyMode mode) {
        Figures a = run(mode, 5);
        Figures b = run(mode, 5);
        assertThat(a.metrics()).isNotEmpty().isEqualTo(b.metrics());
        assertThat(a.cycles()).isNotEmpty().isEqualTo(b.cycles());
        assertThat(a.series()).isNotEmpty().isEqualTo(b.series());
        assertThat(a.loss()).isEqualTo(b.loss());
        assertThat(a.events()).isEqualTo(b.events());
        Figures c = run(mode, 6);
        assertThat(c.metrics()).isNotEqualTo(a.metrics());
    }
}
