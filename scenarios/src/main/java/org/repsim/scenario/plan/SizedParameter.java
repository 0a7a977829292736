package org.repsim.scenario.plan;

import java.math.BigDecimal;
import java.util.Locale;
import org.repsim.scenario.spec.Units;

/**
 * The numeric scenario value {@code repsim size} varies, with its range. A quantity keeps the
 * unit kind of its bounds ({@code 100 Mbit/s}, {@code 64 GiB}, {@code 30 s}); a plain number is a
 * count when both bounds are whole, else a real number. Rates and sizes are bisected
 * geometrically (halving the ratio), times, distances and plain numbers arithmetically. Values
 * are in base units (bytes, bytes per second, I/Os per second, ns, m); values of whole-unit
 * kinds (sizes, times, counts) and data rates are rounded to whole base units.
 *
 * @param path the scenario path
 * @param kind the quantity kind, or null for a plain number
 * @param whole values are whole numbers of the base unit
 * @param lo the lower bound in base units
 * @param hi the upper bound in base units (&gt; lo)
 */
public record SizedParameter(String path, Units.Kind kind, boolean whole, double lo, double hi) {

    /**
     * Parses the bounds as written on the command line.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SizedParameter of(String path, String loText, String hiText) {
        Units.Kind kind = kindOf(loText);
        Units.Kind hiKind = kindOf(hiText);
        if (kind != hiKind) {
            throw new IllegalArgumentException("--between " + loText + " " + hiText + ": the bounds must be of one kind ("
                    + describe(kind) + " vs " + describe(hiKind) + ")");
        }
        double lo = value(kind, loText);
        double hi = value(kind, hiText);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("--between " + loText + " " + hiText + ": the upper bound must be above the lower");
        }
        boolean whole = kind == null ? isWhole(loText) && isWhole(hiText)
                : kind == Units.Kind.SIZE || kind == Units.Kind.TIME || kind == Units.Kind.DATA_RATE;
        if (geometric(kind) && !(lo > 0)) {
            throw new IllegalArgumentException("--between " + loText + " " + hiText + ": a " + kind.noun()
                    + " is searched geometrically and needs a lower bound above 0");
        }
        return new SizedParameter(path, kind, whole, lo, hi);
    }

    private static boolean geometric(Units.Kind kind) {
        return kind == Units.Kind.DATA_RATE || kind == Units.Kind.EVENT_RATE || kind == Units.Kind.SIZE;
    }

    /** True when candidates between two values are found geometrically (rates and sizes). */
    public boolean geometric() {
        return geometric(kind);
    }

    private static String describe(Units.Kind kind) {
        return kind == null ? "a plain number" : "a " + kind.noun();
    }

    private static boolean isWhole(String text) {
        return text.trim().matches("[+]?\\d+");
    }

    private static Units.Kind kindOf(String text) {
        try {
            Double.parseDouble(text.trim());
            return null;
        } catch (NumberFormatException e) {
            // a quantity
        }
        for (Units.Kind k : Units.Kind.values()) {
            try {
                Units.parse(k, text);
                return k;
            } catch (IllegalArgumentException e) {
                // not this kind
            }
        }
        throw new IllegalArgumentException("--between: '" + text + "' is neither a number nor a quantity with a unit "
                + "(e.g. 100 Mbit/s, 64 GiB, 30 s, 4)");
    }

    private static double value(Units.Kind kind, String text) {
        double v = kind == null ? Double.parseDouble(text.trim()) : Units.baseValue(kind, text);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("--between: '" + text + "' is not a finite number");
        }
        return v;
    }

    /**
     * The candidate between {@code a} and {@code b}: their geometric or arithmetic mean rounded to
     * four significant digits (so it reads as a value a planner would write, e.g. 205.4 Mbit/s),
     * then to a whole base unit when whole. May equal {@code a} or {@code b} when they are that close.
     */
    public double between(double a, double b) {
        double mid = geometric() ? Math.sqrt(a * b) : (a + b) / 2;
        if (mid != 0) {
            mid = new BigDecimal(mid).round(new java.math.MathContext(4)).doubleValue();
        }
        return whole ? Math.rint(mid) : mid;
    }

    /** The value as a scenario value: a quantity text with its unit, or a number. */
    public String text(double value) {
        if (kind == null) {
            return whole ? Long.toString(Math.round(value)) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        return whole ? Units.format(kind, Math.round(value)) : Units.format(kind, value);
    }

    /**
     * The value for people: {@link #text}, and for a data rate also in bits per second
     * ({@code 58580 kB/s (468.6 Mbit/s)}), the unit links are sold in.
     */
    public String display(double value) {
        String t = text(value);
        if (kind != Units.Kind.DATA_RATE || t.contains("bit/s")) {
            return t;
        }
        double bits = value * 8;
        String[] units = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
        int i = 0;
        while (i < units.length - 1 && bits >= 1000) {
            bits /= 1000;
            i++;
        }
        return t + " (" + new BigDecimal(bits).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
                + " " + units[i] + ")";
    }

    /** The base unit's name ("B/s", "ns", "" for plain numbers). */
    public String unit() {
        return kind == null ? "" : kind.baseUnit();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s in [%s, %s]", path, text(lo), text(hi));
    }
}
