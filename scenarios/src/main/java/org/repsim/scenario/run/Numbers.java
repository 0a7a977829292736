package org.repsim.scenario.run;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * How result files print doubles: a whole number below 10^15 in magnitude as an integer
 * ({@code 5}, {@code 125255680}: counts, indices and byte totals read as what they are, and a
 * script's {@code int()} takes them); any other value as the shortest decimal that parses back
 * to the same double (Schubfach, as implemented in jackson-core, so the text does not depend on
 * the JDK's {@code Double.toString}), in Java notation: {@code 0.25}, {@code 4.1E-4},
 * {@code 1.5E15}. Reading it with {@link Double#parseDouble} gives back the identical value
 * (negative zero keeps its sign: {@code -0.0}).
 * NaN and ±Infinity have no number form: JSON writes {@code null}, CSV an empty field, and both
 * read back as NaN.
 */
final class Numbers {
    /** Whole numbers below this magnitude print as integers (exact: below 2^53). */
    private static final double WHOLE_BELOW = 1e15;

    private Numbers() {
    }

    /** The decimal text of a finite value. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < WHOLE_BELOW
                && (value != 0 || Double.doubleToRawLongBits(value) == 0)) {
            return Long.toString((long) value);
        }
        return NumberOutput.toString(value, true);
    }

    /** A CSV field: the decimal text, or empty for NaN and ±Infinity. */
    static String csv(double value) {
        return Double.isFinite(value) ? format(value) : "";
    }

    /** Parses a CSV field; empty means NaN. */
    static double parseCsv(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }
}
