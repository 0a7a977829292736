package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void secondsPickTheUnitOfTheLargestValue() {
        assertThat(Scale.seconds(0.00041).label()).isEqualTo("µs");
        assertThat(Scale.seconds(0.0031).label()).isEqualTo("ms");
        assertThat(Scale.seconds(61).label()).isEqualTo("s");
        assertThat(Scale.seconds(0).label()).isEqualTo("s");
        assertThat(Scale.seconds(0.0031).format(0.0004)).isEqualTo("0.4 ms");
    }

    @Test
    void bytesUseBinaryMultiplesAndRatesDecimalOnes() {
        assertThat(Scale.bytes(1023).label()).isEqualTo("B");
        assertThat(Scale.bytes(1024).label()).isEqualTo("KiB");
        assertThat(Scale.bytes(64.0 * 1024 * 1024 * 1024)).isEqualTo(new Scale("GiB", 1024.0 * 1024 * 1024));
        assertThat(Scale.forUnit("bytes/s", 2.5e8).format(2.5e8)).isEqualTo("250 MB/s");
    }

    @Test
    void unitsOfMetricsMapToTheirDisplay() {
        assertThat(Scale.forUnit("fraction", 0.3).format(0.285)).isEqualTo("28.5%");
        assertThat(Scale.forUnit("count", 1e6).format(999_102)).isEqualTo("999,102");
        assertThat(Scale.forUnit("s", 2.1).axisLabel("lag")).isEqualTo("lag (s)");
        assertThat(Scale.forUnit("count", 5).axisLabel("depth")).isEqualTo("depth");
        assertThat(Scale.forUnit("widgets", 5).format(5)).isEqualTo("5 widgets");
        assertThat(Scale.forUnit("ns", 4e5).label()).isEqualTo("µs");
        assertThat(Scale.forUnit("ns", 4e5).format(4e5)).isEqualTo("400 µs");
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertThat(Scale.number(0.0004123)).isEqualTo("0.000412");
        assertThat(Scale.number(1.5e-7)).isEqualTo("1.50e-07");
        assertThat(Scale.number(1.23456)).isEqualTo("1.23");
        assertThat(Scale.number(123.456)).isEqualTo("123");
        assertThat(Scale.number(0)).isEqualTo("0");
        assertThat(Scale.number(Double.NaN)).isEqualTo("–");
        assertThat(Scale.number(2.5e7)).isEqualTo("25,000,000");
        assertThat(Scale.number(2.5e13)).isEqualTo("2.50e+13");
    }
}
