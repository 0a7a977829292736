package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Number and CSV formats read back exactly, over seeded random inputs and edge cases. */
class FileFormatProperties {

    static LongStream doubleBits() {
        SplittableRandom r = new SplittableRandom(20261123);
        LongStream edges = LongStream.of(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(Double.MAX_VALUE),
                Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(4.1e-4),
                Double.doubleToRawLongBits(0.1 + 0.2));
        return LongStream.concat(edges, LongStream.generate(r::nextLong).limit(500));
    }

    @ParameterizedTest
    @MethodSource("doubleBits")
    void everyFiniteDoubleReadsBackIdentically(long bits) {
        double value = Double.longBitsToDouble(bits);
        if (Double.isFinite(value)) {
            assertThat(Double.doubleToRawLongBits(Numbers.parseCsv(Numbers.csv(value))))
                    .isEqualTo(Double.doubleToRawLongBits(value));
        } else {
            assertThat(Numbers.parseCsv(Numbers.csv(value))).isNaN();
        }
    }

    static Stream<List<String>> fieldLists() {
        String alphabet = "ab,\"\n\r ;é\t0";
        return IntStream.range(0, 200).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<String> fields = new ArrayList<>();
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                StringBuilder f = new StringBuilder();
                int len = r.nextInt(8);
                for (int c = 0; c < len; c++) {
                    f.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                fields.add(f.toString());
            }
            return fields;
        });
    }

    @ParameterizedTest
    @MethodSource("fieldLists")
    void csvLinesOfAnyTextParseBackToTheSameFields(List<String> fields) {
        StringBuilder out = new StringBuilder();
        Csv.line(out, fields);
        Csv.line(out, fields);
        assertThat(Csv.parse(out.toString())).containsExactly(fields, fields);
    }
}
