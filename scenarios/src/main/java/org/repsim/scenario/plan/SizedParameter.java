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
 * <p>Values are shown to people ({@link #display}) in the units the bounds were given in: a
 * range in bit/s is answered in bit/s (kbit/s … Tbit/s, whichever reads best), one in kB/s or
 * KiB/s in that family, sizes in SI (kB …) or binary (KiB …) multiples as given, times,
 * event rates and distances in the lower bound's unit. Candidates are rounded to four
 * significant digits in that unit, so they read as values a planner would write.
 *
 * @param path the scenario path
 * @param kind the quantity kind, or null for a plain number
 * @param whole values are whole numbers of the base unit
 * @param lo the lower bound in base units
 * @param hi the upper bound in base units (&gt; lo)
 * @param units the display units (symbol → base units per unit), ascending; empty for a plain number
 */
public record SizedParameter(String path, Units.Kind kind, boolean whole, double lo, double hi,
        java.util.Map<String, BigDecimal> units) {

    private static final String[] BITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
    private static final String[] SI = {"", "k", "M", "G", "T", "P"};
    private static final String[] IEC = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};

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
        return new SizedParameter(path, kind, whole, lo, hi, displayUnits(kind, unitOf(loText), unitOf(hiText)));
    }

    private static String unitOf(String text) {
        return text.trim().replaceFirst("^[+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*", "");
    }

    /** The units values are shown in: the bounds' family of data rates or sizes, else the lower bound's unit. */
    static java.util.Map<String, BigDecimal> displayUnits(Units.Kind kind, String loUnit, String hiUnit) {
        java.util.Map<String, BigDecimal> out = new java.util.LinkedHashMap<>();
        if (kind == null) {
            return out;
        }
        java.util.Map<String, BigDecimal> table = kind.units();
        if (kind == Units.Kind.DATA_RATE || kind == Units.Kind.SIZE) {
            // the base unit alone (B, B/s) says nothing of the family: take the other bound's
            String base = kind == Units.Kind.SIZE ? "B" : "B/s";
            String u = loUnit.equals(base) ? hiUnit : loUnit;
            String suffix = kind == Units.Kind.SIZE ? "B" : "B/s";
            String[] symbols;
            if (u.endsWith("bit/s")) {
                symbols = BITS;
            } else {
                String[] prefixes = u.contains("i") ? IEC : SI;
                symbols = new String[prefixes.length];
                for (int i = 0; i < prefixes.length; i++) {
                    symbols[i] = prefixes[i] + suffix;
                }
            }
            for (String sym : symbols) {
                out.put(sym, table.get(sym));
            }
            return out;
        }
        out.put(loUnit, table.get(loUnit));
        return out;
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
            BigDecimal factor = unitFor(mid);
            BigDecimal q = new BigDecimal(mid).divide(factor, java.math.MathContext.DECIMAL64)
                    .round(new java.math.MathContext(4));
            mid = q.multiply(factor).doubleValue();
        }
        return whole ? Math.rint(mid) : mid;
    }

    /** The display unit's factor for {@code value}: the largest unit in which it is at least 1. */
    private BigDecimal unitFor(double value) {
        return units.isEmpty() ? BigDecimal.ONE : units.get(displayUnit(value));
    }

    /** The display unit's symbol for {@code value}: the largest unit in which it is at least 1. */
    private String displayUnit(double value) {
        String best = units.keySet().iterator().next();
        for (java.util.Map.Entry<String, BigDecimal> e : units.entrySet()) {
            if (Math.abs(value) >= e.getValue().doubleValue()) {
                best = e.getKey();
            }
        }
        return best;
    }

    /**
     * The value as a scenario value, exact: {@link #display} when that is exact (562.3 Mbit/s),
     * else the quantity with the smallest whole number ({@link Units#format}), or a number.
     */
    public String text(double value) {
        if (kind == null) {
            return whole ? Long.toString(Math.round(value)) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        BigDecimal exact = whole ? BigDecimal.valueOf(Math.round(value)) : new BigDecimal(Double.toString(value));
        String shown = display(value);
        try {
            if (Units.parse(kind, shown).compareTo(exact) == 0) {
                return shown;
            }
        } catch (IllegalArgumentException e) {
            // not a value the format reads back: the canonical form below
        }
        return whole ? Units.format(kind, Math.round(value)) : Units.format(kind, value);
    }

    /**
     * The value for people, in the units of the bounds ({@code 392.4 Mbit/s} for a range given in
     * Mbit/s, {@code 49.05 MB/s} for one in MB/s): exact up to six significant digits, else rounded
     * to four. {@link #text} is the exact scenario value; base units are kept in the results.
     */
    public String display(double value) {
        if (kind == null) {
            return text(value);
        }
        String unit = displayUnit(value);
        BigDecimal q = new BigDecimal(value).divide(units.get(unit), java.math.MathContext.DECIMAL64);
        BigDecimal exact = q.round(new java.math.MathContext(6));
        if (exact.compareTo(q) != 0) {
            exact = q.round(new java.math.MathContext(4));
        }
        String n = exact.stripTrailingZeros().toPlainString();
        return unit.startsWith("/") ? n + unit : n + " " + unit;
    }

    /** The bounds for people: "100 Mbit/s to 1 Gbit/s". */
    public String range() {
        return display(lo) + " to " + display(hi);
    }

    /**
     * The unit family the chart's axis shows values in: "bit/s" for a range given in bit/s, else
     * the base unit.
     */
    public String axisUnit() {
        return units.containsKey("bit/s") ? "bit/s" : unit();
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
