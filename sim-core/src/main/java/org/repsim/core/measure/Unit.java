package org.repsim.core.measure;

/**
 * The unit of a measured quantity, as result files write it. Results are in base units
 * (seconds, bytes, fractions, counts); signals carry times in nanoseconds.
 */
public enum Unit {
    SECONDS("s"),
    NANOSECONDS("ns"),
    BYTES("bytes"),
    COUNT("count"),
    FRACTION("fraction"),
    RATIO("ratio"),
    /** A position in a list (a session's index), not an amount. */
    INDEX("index");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The text result files carry ({@code "s"}, {@code "bytes"}, …). */
    public String symbol() {
        return symbol;
    }

    /** The unit a recorded statistic of a value in this unit has: seconds for nanoseconds. */
    public Unit reported() {
        return this == NANOSECONDS ? SECONDS : this;
    }

    /** The factor from this unit to {@link #reported()}. */
    public double toReported() {
        return this == NANOSECONDS ? 1e-9 : 1.0;
    }
}
