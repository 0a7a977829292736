package org.repsim.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "250 us   | 250000",
        "250us    | 250000",
        "250 µs   | 250000",
        "250 μs   | 250000",
        "10 ms    | 10000000",
        "30 s     | 30000000000",
        "5 min    | 300000000000",
        "2 h      | 7200000000000",
        "1.5 us   | 1500",
        "7 ns     | 7",
        "0 s      | 0",
        "1e3 ns   | 1000",
        "0.5 s    | 500000000"})
    void timesAreWholeNanoseconds(String text, long ns) {
        assertThat(Units.nanos(text)).isEqualTo(ns);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4 KiB    | 4096",
        "128 KiB  | 131072",
        "64 GiB   | 68719476736",
        "1 TB     | 1000000000000",
        "1 kB     | 1000",
        "1 KB     | 1000",
        "2 TiB    | 2199023255552",
        "512 B    | 512",
        "1.5 MiB  | 1572864"})
    void sizesAreBytesInSiAndIec(String text, long bytes) {
        assertThat(Units.bytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 Gbit/s   | 125000000",
        "2 Gbit/s   | 250000000",
        "100 Mbit/s | 12500000",
        "400 MB/s   | 400000000",
        "1 GiB/s    | 1073741824",
        "8 bit/s    | 1"})
    void dataRatesAreBytesPerSecondWithBitRatesDividedByEight(String text, double bps) {
        assertThat(Units.bytesPerSecond(text)).isEqualTo(bps);
    }

    @Test
    void eventRatesAndDistances() {
        assertThat(Units.perSecond("20000/s")).isEqualTo(20000.0);
        assertThat(Units.perSecond("60/min")).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Units.metres("100 km")).isEqualTo(100_000.0);
        assertThat(Units.metres("500 m")).isEqualTo(500.0);
    }

    @Test
    void aNumberWithoutUnitIsRejectedWithAnExample() {
        assertThatThrownBy(() -> Units.nanos("10"))
                .hasMessageContaining("'10' has no unit")
                .hasMessageContaining("\"30 s\"");
    }

    @Test
    void anUnknownUnitListsTheAcceptedOnes() {
        assertThatThrownBy(() -> Units.nanos("10 sec"))
                .hasMessageContaining("unknown time unit 'sec'")
                .hasMessageContaining("ns, us, µs, μs, ms, s, min, h");
        assertThatThrownBy(() -> Units.bytesPerSecond("1 Gbps"))
                .hasMessageContaining("unknown data rate unit 'Gbps'")
                .hasMessageContaining("Gbit/s");
    }

    @Test
    void negativeFractionalAndMalformedQuantitiesAreRejected() {
        assertThatThrownBy(() -> Units.nanos("-5 s")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Units.nanos("0.5 ns")).hasMessageContaining("whole multiple of 1 ns");
        assertThatThrownBy(() -> Units.bytes("1.3 B")).hasMessageContaining("whole multiple of 1 B");
        assertThatThrownBy(() -> Units.nanos("fast")).hasMessageContaining("is not a time");
        assertThatThrownBy(() -> Units.bytes("4 kib")).hasMessageContaining("unknown size unit 'kib'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TIME      | 30000000000   | 30 s",
        "TIME      | 90000000000   | 90 s",
        "TIME      | 300000000000  | 5 min",
        "TIME      | 250000        | 250 us",
        "TIME      | 1500          | 1500 ns",
        "TIME      | 0             | 0 s",
        "SIZE      | 131072        | 128 KiB",
        "SIZE      | 1000000000000 | 1 TB",
        "SIZE      | 1000          | 1 kB",
        "DATA_RATE | 250000000     | 2 Gbit/s",
        "DATA_RATE | 400000000     | 400 MB/s",
        "EVENT_RATE| 20000         | 20000/s",
        "DISTANCE  | 100000        | 100 km"})
    void formatPicksTheExactUnitWithTheSmallestNumber(Units.Kind kind, double base, String text) {
        assertThat(Units.format(kind, base)).isEqualTo(text);
        assertThat(Units.parse(kind, text).doubleValue()).isEqualTo(base);
    }

    @Test
    void schemaPatternAcceptsExactlyTheParsableUnits() {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(Units.pattern(Units.Kind.TIME));
        assertThat(p.matcher("30 s").matches()).isTrue();
        assertThat(p.matcher("2.5min").matches()).isTrue();
        assertThat(p.matcher("30").matches()).isFalse();
        assertThat(p.matcher("30 sec").matches()).isFalse();
    }
}
