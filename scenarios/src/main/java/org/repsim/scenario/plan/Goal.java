package org.repsim.scenario.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repsim.scenario.spec.Units;

/**
 * A sizing objective {@code METRIC <= X} or {@code METRIC >= X}. X is a plain number in the
 * metric's base unit (seconds, bytes, bytes per second, fractions) or a quantity with a unit
 * ({@code 30 s}, {@code 2 Gbit/s}), converted to the base unit (times to seconds).
 *
 * @param metric the metric's name as in {@code summary.json}
 * @param atMost true for {@code <=}, false for {@code >=}
 * @param threshold X in the metric's base unit
 * @param text the goal as written, normalised ({@code link.wan.utilization <= 0.8})
 */
public record Goal(String metric, boolean atMost, double threshold, String text) {

    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_.\\-\\[\\]]+)\\s*(<=|>=)\\s*(\\S.*?)\\s*");

    /**
     * Parses a goal.
     *
     * @throws IllegalArgumentException naming what is wrong and showing the expected form
     */
    public static Goal parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("goal '" + text + "' is not of the form 'METRIC <= X' or 'METRIC >= X'"
                    + " (e.g. 'link.wan.utilization <= 0.8', 'rpo.lag.max <= 30 s')");
        }
        double x = threshold(m.group(3), text);
        return new Goal(m.group(1), m.group(2).equals("<="), x,
                m.group(1) + " " + m.group(2) + " " + m.group(3));
    }

    private static double threshold(String x, String goal) {
        try {
            double v = Double.parseDouble(x);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // a quantity with a unit, tried below
        }
        for (Units.Kind kind : Units.Kind.values()) {
            try {
                double base = Units.baseValue(kind, x);
                // metrics give times in seconds, every other kind in its base unit
                return kind == Units.Kind.TIME ? base / 1e9 : base;
            } catch (IllegalArgumentException e) {
                // not this kind
            }
        }
        throw new IllegalArgumentException("goal '" + goal + "': threshold '" + x + "' is neither a number nor a "
                + "quantity with a unit (e.g. 0.8, 30 s, 2 Gbit/s)");
    }

    /** True when {@code value} meets the goal. */
    public boolean holds(double value) {
        return atMost ? value <= threshold : value >= threshold;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s", text);
    }
}
