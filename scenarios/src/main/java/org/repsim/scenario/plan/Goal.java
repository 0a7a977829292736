package org.repsim.scenario.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repsim.scenario.spec.Units;

/**
 * A sizing objective {@code METRIC <= X} or {@code METRIC >= X}. X is read in the metric's unit
 * kind ({@link #inUnit}): a time for a metric in seconds ({@code 30 s}), a size for one in bytes
 * ({@code 4 GiB}), a plain number for a dimensionless metric (a fraction, ratio or count:
 * {@code 0.8}; a fraction also takes a percentage, {@code 80%}). A plain number for a metric with
 * a unit, or a quantity of another kind, is refused: {@link #parse} checks the form and
 * {@link #inUnit} the unit, given before anything runs for a metric of the catalogue
 * ({@code Measures.metric}) and once a replication has recorded it for any other.
 *
 * @param metric the metric's name as in {@code summary.json}
 * @param atMost true for {@code <=}, false for {@code >=}
 * @param threshold X in the metric's base unit (NaN until {@link #inUnit} has read it)
 * @param text the goal as written, normalised ({@code link.wan.utilization <= 0.8})
 * @param thresholdText X as written ({@code 30 s})
 */
public record Goal(String metric, boolean atMost, double threshold, String text, String thresholdText) {

    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_.\\-\\[\\]]+)\\s*(<=|>=)\\s*(\\S.*?)\\s*");

    /**
     * Parses a goal's form; the threshold is read once the metric's unit is known ({@link #inUnit}).
     *
     * @throws IllegalArgumentException naming what is wrong and showing the expected form
     */
    public static Goal parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("goal '" + text + "' is not of the form 'METRIC <= X' or 'METRIC >= X'"
                    + " (e.g. 'link.wan.utilization <= 0.8', 'rpo.lag.max <= 30 s')");
        }
        String x = m.group(3);
        String normalised = m.group(1) + " " + m.group(2) + " " + x;
        if (number(x) == null && kindOf(x) == null && !isPercentage(x)) {
            throw new IllegalArgumentException("goal '" + normalised + "': threshold '" + x + "' is neither a number nor a "
                    + "quantity with a unit (e.g. 0.8, 30 s, 4 GiB)");
        }
        return new Goal(m.group(1), m.group(2).equals("<="), Double.NaN, normalised, x);
    }

    /**
     * This goal with its threshold read in the unit the metric is recorded in ({@code "s"},
     * {@code "bytes"}, {@code "fraction"}, …, as in {@code summary.json}).
     *
     * @throws IllegalArgumentException when X is not of the metric's kind, naming the metric's unit
     */
    public Goal inUnit(String metricUnit) {
        String unit = metricUnit == null ? "" : metricUnit.trim();
        Units.Kind kind = kindOfMetricUnit(unit);
        Double plain = number(thresholdText);
        Units.Kind given = kindOf(thresholdText);
        String where = "goal '" + text + "': " + metric + " is ";
        if (kind == null) {
            if (plain != null) {
                return with(plain);
            }
            if (isPercentage(thresholdText) && unit.equals("fraction")) {
                return with(number(thresholdText.trim().replaceFirst("\\s*%$", "")) / 100);
            }
            String what = given != null ? "a " + given.noun() : "a percentage";
            throw new IllegalArgumentException(where + describe(unit) + "; '" + thresholdText + "' is " + what
                    + ": give a plain number" + (unit.equals("fraction") ? " (e.g. 0.8) or a percentage (80%)" : " (e.g. 10)"));
        }
        String hint = "give " + "a " + kind.noun() + " such as '" + example(kind, plain) + "'";
        if (plain != null) {
            throw new IllegalArgumentException(where + "in " + unit + " (" + "a " + kind.noun() + "); '"
                    + thresholdText + "' has no unit: " + hint);
        }
        if (given != kind) {
            throw new IllegalArgumentException(where + "in " + unit + " (" + "a " + kind.noun() + "); '"
                    + thresholdText + "' is " + (given == null ? "a percentage" : "a " + given.noun())
                    + ": " + hint);
        }
        double base = Units.baseValue(kind, thresholdText);
        // metrics give times in seconds unless recorded in ns
        return with(kind == Units.Kind.TIME && unit.equals("s") ? base / 1e9 : base);
    }

    private Goal with(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("goal '" + text + "': threshold '" + thresholdText + "' is not a finite number");
        }
        return new Goal(metric, atMost, threshold, text, thresholdText);
    }

    /** The quantity kind of a metric's unit, or null for a dimensionless (or unknown) unit. */
    static Units.Kind kindOfMetricUnit(String unit) {
        return switch (unit) {
            case "s", "ns" -> Units.Kind.TIME;
            case "bytes", "B" -> Units.Kind.SIZE;
            case "B/s" -> Units.Kind.DATA_RATE;
            case "/s" -> Units.Kind.EVENT_RATE;
            case "m" -> Units.Kind.DISTANCE;
            default -> null;
        };
    }

    private static String describe(String unit) {
        return switch (unit) {
            case "fraction" -> "a fraction (no unit, 0 to 1)";
            case "ratio" -> "a ratio (no unit)";
            case "count" -> "a count (no unit)";
            case "" -> "a plain number (no unit)";
            default -> "in " + unit + " (no quantity unit)";
        };
    }

    private static String example(Units.Kind kind, Double plain) {
        if (plain == null) {
            return kind.example();
        }
        String n = java.math.BigDecimal.valueOf(plain).stripTrailingZeros().toPlainString();
        return switch (kind) {
            case TIME -> n + " s";
            case SIZE -> n + " GiB";
            case DATA_RATE -> n + " Mbit/s";
            case EVENT_RATE -> n + "/s";
            case DISTANCE -> n + " km";
        };
    }

    private static Double number(String x) {
        try {
            double v = Double.parseDouble(x.trim());
            return Double.isFinite(v) && x.trim().matches("[+-]?[0-9.eE+-]+") ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isPercentage(String x) {
        String t = x.trim();
        return t.endsWith("%") && number(t.substring(0, t.length() - 1)) != null;
    }

    private static Units.Kind kindOf(String x) {
        for (Units.Kind kind : Units.Kind.values()) {
            try {
                Units.parse(kind, x);
                return kind;
            } catch (IllegalArgumentException e) {
                // not this kind
            }
        }
        return null;
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
