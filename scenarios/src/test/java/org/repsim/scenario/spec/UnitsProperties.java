package org.repsim.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Formatted quantities parse back exactly, over seeded random values and edge cases. */
class UnitsProperties {
    private static final int CASES = 5000;

    /** Values spread over every magnitude (uniform exponents), plus round numbers and edges. */
    private static LongStream longs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LongStream edges = LongStream.of(0, 1, 999, 1000, 1024, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L,
                Long.MAX_VALUE / 8);
        LongStream spread = LongStream.generate(() -> {
            long v = r.nextLong(Long.MAX_VALUE / 8) >>> r.nextInt(62);
            return r.nextBoolean() ? v : v / 1000 * 1000; // round values exercise the larger units
        }).limit(CASES);
        return LongStream.concat(edges, spread);
    }

    @Test
    void everyTimeFormatsToTextThatParsesBackExactly() {
        longs(1).forEach(ns -> assertThat(Units.nanos(Units.format(Units.Kind.TIME, ns))).as("%d ns", ns).isEqualTo(ns));
    }

    @Test
    void everySizeFormatsToTextThatParsesBackExactly() {
        longs(2).forEach(b -> assertThat(Units.bytes(Units.format(Units.Kind.SIZE, b))).as("%d bytes", b).isEqualTo(b));
    }

    @Test
    void everyDataRateFormatsToTextThatParsesBack() {
        SplittableRandom r = new SplittableRandom(3);
        DoubleStream.concat(DoubleStream.of(0, 1, 125_000_000, 1e13, 0.1),
                DoubleStream.generate(() -> r.nextDouble() * Math.pow(10, r.nextInt(14))).limit(CASES))
                .forEach(bps -> assertThat(Units.bytesPerSecond(Units.format(Units.Kind.DATA_RATE, bps)))
                        .as("%s B/s", bps).isEqualTo(bps));
    }
}
