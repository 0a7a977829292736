package org.repsim.scenario.run;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * How result files print doubles: the shortest decimal that parses back to the same double
 * (Schubfach, as implemented in jackson-core, so the text does not depend on the JDK's
 * {@code Double.toString}), in Java notation: {@code 0.25}, {@code 5.0}, {@code 4.1E-4},
 * {@code 1.0E7}. Reading it with {@link Double#parseDouble} gives back the identical value.
 * NaN and ±Infinity have no number form: JSON writes {@code null}, CSV an empty field, and both
 * read back as NaN.
 */
final class Numbers {
    private Numbers() {
    }

    /** The decimal text of a finite value. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
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
