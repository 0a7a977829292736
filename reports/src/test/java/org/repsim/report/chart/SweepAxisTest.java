package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepAxisTest {

    @Test
    void quantitiesOfOneDimensionAreNumericInTheFirstValuesUnit() {
        SweepAxis a = SweepAxis.of("links[wan].bandwidth", List.of("1 Gbit/s", "500 Mbit/s", "250 MB/s"));
        assertThat(a.numeric()).isTrue();
        assertThat(a.label()).isEqualTo("links[wan].bandwidth (Gbit/s)");
        assertThat(a.position("1 Gbit/s")).isEqualTo(1.0);
        assertThat(a.position("500 Mbit/s")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.position("250 MB/s")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void plainNumbersAreNumericWithoutUnit() {
        SweepAxis a = SweepAxis.of("replication.cycle.maxSessionShare", List.of("0.25", "0.5"));
        assertThat(a.numeric()).isTrue();
        assertThat(a.label()).isEqualTo("replication.cycle.maxSessionShare");
        assertThat(a.position("0.5")).isEqualTo(0.5);
    }

    @Test
    void wordsOrMixedDimensionsAreCategoricalInTheGivenOrder() {
        SweepAxis words = SweepAxis.of("replication.cycle.switching", List.of("multi", "legacy"));
        assertThat(words.numeric()).isFalse();
        assertThat(words.position("multi")).isEqualTo(0);
        assertThat(words.position("legacy")).isEqualTo(1);
        assertThat(SweepAxis.of("x", List.of("1 s", "4 KiB")).numeric()).isFalse();
        assertThat(SweepAxis.of("x", List.of("10 parsecs")).numeric()).isFalse();
        assertThatThrownBy(() -> words.position("async")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("async").hasMessageContaining("replication.cycle.switching");
    }

    @Test
    void baseValuesAreInBaseUnits() {
        assertThat(SweepAxis.baseValue("2 Gbit/s")).isEqualTo(2.5e8);
        assertThat(SweepAxis.baseValue("5 min")).isEqualTo(300);
        assertThat(SweepAxis.baseValue("4 KiB")).isEqualTo(4096);
        assertThat(SweepAxis.baseValue("legacy")).isNaN();
        assertThat(SweepAxis.distinct(List.of("b", "a", "b", "c", "a"))).containsExactly("b", "a", "c");
    }

    @Test
    void tickStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SweepCharts.niceStep(0.375)).isEqualTo(0.5);
        assertThat(SweepCharts.niceStep(1.875)).isEqualTo(2);
        assertThat(SweepCharts.niceStep(3)).isEqualTo(5);
        assertThat(SweepCharts.niceStep(7)).isEqualTo(10);
    }
}
