package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void aComponentHasOneColourWhateverChartNamesIt() {
        assertThat(Palette.component("queue.link.wan")).isEqualTo("link.wan");
        assertThat(Palette.component("link.wan.utilization")).isEqualTo("link.wan");
        assertThat(Palette.ofSeries("queue.link.wan")).isEqualTo(Palette.ofSeries("link.wan.utilization"))
                .isEqualTo(Palette.of("link.wan"));
    }

    @Test
    void distinctColoursWithinAChartAndStableAcrossCalls() {
        List<String> names = List.of("r1a.hostAdapters", "r1b.hostAdapters", "r2a.hostAdapters", "r2b.hostAdapters",
                "r1a.backend.ssd", "r1b.backend.ssd", "link.wan", "link.wan2", "reorder", "r1a.prepare", "r1a.sender");
        List<Color> a = Palette.distinct(names);
        assertThat(new HashSet<>(a)).hasSize(names.size());
        assertThat(Palette.distinct(names)).isEqualTo(a);
        assertThat(a.get(0)).isEqualTo(Palette.of("r1a.hostAdapters"));
    }

    @Test
    void sweepGroupsTakeThePaletteInOrder() {
        List<Color> s = Palette.sequence(25);
        assertThat(new HashSet<>(s.subList(0, 20))).hasSize(20);
        assertThat(s.get(20)).isEqualTo(s.get(0));
    }
}
