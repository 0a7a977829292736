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
                Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(73), Double.doubleToRawLongBits(-5),
                Double.doubleToRawLongBits(1e15 - 1), Double.doubleToRawLongBits(1e15), Double.doubleToRawLongBits(0x1p53));
        // whole numbers of every size, and random doubles
        LongStream whole = LongStream.generate(() -> Double.doubleToRawLongBits(
                (double) (r.nextLong() >> r.nextInt(64)))).limit(200);
        return LongStream.concat(LongStream.concat(edges, whole), LongStream.generate(r::nextLong).limit(500));
    }

    @ParameterizedTest
    @MethodSource("doubleBits")
    void aWholeNumberBelowTenToTheFifteenIsWrittenAsAnIntegerAndNothingElseIs(long bits) {
        double value = Double.longBitsToDouble(bits);
        if (!Double.isFinite(value)) {
            return;
        }
        String text = Numbers.format(value);
        boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15 && Double.doubleToRawLongBits(value) != Long.MIN_VALUE;
        assertThat(text.matches("-?[0-9]+")).as("%s written as %s", value, text).isEqualTo(whole);
        if (whole) {
            assertThat(text).isEqualTo(Long.toString((long) value));
        }
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

    /** A reader that hands out one character per call: every buffer boundary falls everywhere. */
    private static final class Trickle extends java.io.Reader {
        private final String text;
        private int next;

        Trickle(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (next == text.length()) {
                return -1;
            }
            cbuf[off] = text.charAt(next++);
            return 1;
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @MethodSource("fieldLists")
    void recordsReadOneAtATimeAreWhatAWholeParseGives(List<String> fields) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        Csv.line(out, fields);
        out.append("\r\n\n");
        Csv.line(out, fields);
        out.setLength(out.length() - 1);
        String text = out.toString();
        List<List<String>> streamed = new ArrayList<>();
        try (Csv.Records records = new Csv.Records(new Trickle(text))) {
            for (List<String> r = records.next(); r != null; r = records.next()) {
                streamed.add(r);
            }
        }
        assertThat(streamed).isEqualTo(Csv.parse(text)).hasSize(4).startsWith(fields).endsWith(fields);
    }
}
