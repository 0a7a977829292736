package org.repsim.scenario.spec;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities with units, parsed strictly (docs/scenario-format.md "Rules"). Every kind has one base unit:
 * time in nanoseconds, size in bytes, data rate in bytes per second (bit rates divided by 8),
 * event rate in events (I/Os) per second, distance in metres.
 */
public final class Units {

    /** The kinds of quantity a scenario value can be, each with its accepted unit symbols. */
    public enum Kind {
        TIME("time", "30 s", "ns"),
        SIZE("size", "128 KiB", "B"),
        DATA_RATE("data rate", "1 Gbit/s", "B/s"),
        EVENT_RATE("rate", "20000/s", "/s"),
        DISTANCE("distance", "100 km", "m");

        private final String noun;
        private final String example;
        private final String baseUnit;

        Kind(String noun, String example, String baseUnit) {
            this.noun = noun;
            this.example = example;
            this.baseUnit = baseUnit;
        }

        public String noun() {
            return noun;
        }

        /** A valid value of this kind, shown in error messages. */
        public String example() {
            return example;
        }

        public String baseUnit() {
            return baseUnit;
        }

        /** Unit symbol → factor to the base unit, in the order they are listed to users. */
        public Map<String, BigDecimal> units() {
            return TABLES.get(this);
        }
    }

    private static final Map<Kind, Map<String, BigDecimal>> TABLES = new LinkedHashMap<>();

    static {
        Map<String, BigDecimal> time = new LinkedHashMap<>();
        time.put("ns", bd("1"));
        time.put("us", bd("1e3"));
        time.put("µs", bd("1e3"));
        time.put("μs", bd("1e3"));
        time.put("ms", bd("1e6"));
        time.put("s", bd("1e9"));
        time.put("min", bd("60e9"));
        time.put("h", bd("3600e9"));
        TABLES.put(Kind.TIME, time);

        Map<String, BigDecimal> size = new LinkedHashMap<>();
        size.put("B", bd("1"));
        putSizes(size, "");
        TABLES.put(Kind.SIZE, size);

        Map<String, BigDecimal> rate = new LinkedHashMap<>();
        rate.put("bit/s", bd("0.125"));
        rate.put("kbit/s", bd("125"));
        rate.put("Mbit/s", bd("125e3"));
        rate.put("Gbit/s", bd("125e6"));
        rate.put("Tbit/s", bd("125e9"));
        rate.put("B/s", bd("1"));
        putSizes(rate, "/s");
        TABLES.put(Kind.DATA_RATE, rate);

        Map<String, BigDecimal> events = new LinkedHashMap<>();
        events.put("/s", bd("1"));
        events.put("/min", bd("1").divide(bd("60"), java.math.MathContext.DECIMAL128));
        events.put("/h", bd("1").divide(bd("3600"), java.math.MathContext.DECIMAL128));
        TABLES.put(Kind.EVENT_RATE, events);

        Map<String, BigDecimal> distance = new LinkedHashMap<>();
        distance.put("m", bd("1"));
        distance.put("km", bd("1000"));
        TABLES.put(Kind.DISTANCE, distance);
    }

    private static void putSizes(Map<String, BigDecimal> table, String suffix) {
        String[] si = {"kB", "MB", "GB", "TB", "PB"};
        String[] iec = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        BigDecimal siFactor = BigDecimal.ONE;
        BigDecimal iecFactor = BigDecimal.ONE;
        for (int i = 0; i < si.length; i++) {
            siFactor = siFactor.multiply(bd("1000"));
            iecFactor = iecFactor.multiply(bd("1024"));
            table.put(si[i] + suffix, siFactor);
            table.put(iec[i] + suffix, iecFactor);
        }
        // "KB" is read as the SI kilobyte, like "kB".
        table.put("KB" + suffix, bd("1000"));
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static final Map<Kind, String> ZERO = Map.of(Kind.TIME, "0 s", Kind.SIZE, "0 B",
            Kind.DATA_RATE, "0 B/s", Kind.EVENT_RATE, "0/s", Kind.DISTANCE, "0 m");

    private static final Pattern QUANTITY =
            Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S.*?)?\\s*");

    /** Most decimal digits before the point of a quantity in its base unit (far below a double's range). */
    static final int MAX_DECIMAL_DIGITS = 300;

    /** Longest time a scenario may give: 100 years of 365 days ("876000 h"), in ns. */
    public static final long MAX_TIME_NANOS = 876_000L * 3600 * 1_000_000_000L;
    private static final BigDecimal MAX_TIME_NS = BigDecimal.valueOf(MAX_TIME_NANOS);

    private Units() {
    }

    /**
     * Parses {@code text} as a quantity of {@code kind} and returns it in the kind's base unit.
     *
     * @throws IllegalArgumentException naming what is wrong and showing an example
     */
    public static BigDecimal parse(Kind kind, String text) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a " + kind.noun()
                    + " (a number and a unit, e.g. \"" + kind.example() + "\")");
        }
        String unit = m.group(2);
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' has no unit: a " + kind.noun()
                    + " needs one, e.g. \"" + kind.example() + "\" (units: " + unitList(kind) + ")");
        }
        BigDecimal factor = kind.units().get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown " + kind.noun() + " unit '" + unit + "' in '" + text
                    + "'; accepted units: " + unitList(kind));
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            // an exponent beyond the range of an int, e.g. "1e9999999999 s"
            throw new IllegalArgumentException("'" + text + "' is out of range: a " + kind.noun()
                    + " must be a finite number, e.g. \"" + kind.example() + "\"");
        }
        BigDecimal value = number.multiply(factor);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative; a " + kind.noun() + " must be >= 0");
        }
        if (value.signum() != 0 && value.precision() - value.scale() > MAX_DECIMAL_DIGITS) {
            // would be infinite as a double ("1e400 Gbit/s"): every quantity must be finite
            throw new IllegalArgumentException("'" + text + "' is too large: a " + kind.noun()
                    + " must be a finite number below 1e" + MAX_DECIMAL_DIGITS + " " + kind.baseUnit());
        }
        if (kind == Kind.TIME && value.compareTo(MAX_TIME_NS) > 0) {
            // a simulated time plus any delay must stay within a long of nanoseconds
            throw new IllegalArgumentException("'" + text + "' is too large: a time is at most 100 years (\"876000 h\")");
        }
        return value;
    }

    /** Parses a time and returns whole nanoseconds. */
    public static long nanos(String text) {
        return whole(Kind.TIME, text, "1 ns");
    }

    /** Parses a size and returns whole bytes. */
    public static long bytes(String text) {
        return whole(Kind.SIZE, text, "1 B");
    }

    /** Parses a data rate ("1 Gbit/s", "400 MB/s") and returns bytes per second. */
    public static double bytesPerSecond(String text) {
        return parse(Kind.DATA_RATE, text).doubleValue();
    }

    /** Parses an event rate ("20000/s") and returns events per second. */
    public static double perSecond(String text) {
        return parse(Kind.EVENT_RATE, text).doubleValue();
    }

    /** Parses a distance and returns metres. */
    public static double metres(String text) {
        return parse(Kind.DISTANCE, text).doubleValue();
    }

    private static long whole(Kind kind, String text, String resolution) {
        BigDecimal v = parse(kind, text);
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large: a " + kind.noun() + " is at most "
                    + format(kind, Long.MAX_VALUE));
        }
        try {
            return v.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole multiple of " + resolution);
        }
    }

    /** Parses a quantity and returns it as a base-unit double (used for distribution parameters). */
    public static double baseValue(Kind kind, String text) {
        return parse(kind, text).doubleValue();
    }

    public static String unitList(Kind kind) {
        return String.join(", ", kind.units().keySet());
    }

    /** The regular expression a string quantity of {@code kind} must match (used by the JSON Schema). */
    public static String pattern(Kind kind) {
        // unit symbols hold only letters, 'µ' and '/', none of which needs escaping
        return "^\\s*[+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*("
                + String.join("|", kind.units().keySet()) + ")\\s*$";
    }

    /**
     * Formats a base-unit value as the exact quantity with the smallest whole number (e.g.
     * 30e9 ns → "30 s", 250e6 B/s → "2 Gbit/s"); falls back to the base unit with decimals.
     */
    public static String format(Kind kind, double baseValue) {
        return format(kind, new BigDecimal(Double.toString(baseValue)));
    }

    private static final String[] BIT_UNITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};

    /**
     * A data rate in bits per second, as links and ports are stated: the largest bit/s multiple
     * in which it is at least 1, exact (75e6 B/s → "600 Mbit/s", 312.5e6 B/s → "2.5 Gbit/s").
     */
    public static String formatBits(double bytesPerSecond) {
        BigDecimal bits = new BigDecimal(Double.toString(bytesPerSecond)).multiply(bd("8"));
        if (bits.signum() == 0) {
            return "0 bit/s";
        }
        int i = 0;
        BigDecimal factor = BigDecimal.ONE;
        while (i < BIT_UNITS.length - 1 && bits.abs().compareTo(factor.multiply(bd("1000"))) >= 0) {
            factor = factor.multiply(bd("1000"));
            i++;
        }
        return bits.divide(factor).stripTrailingZeros().toPlainString() + " " + BIT_UNITS[i];
    }

    /** {@link #format(Kind, double)} for whole base units (ns, bytes), exact for every long. */
    public static String format(Kind kind, long baseValue) {
        return format(kind, BigDecimal.valueOf(baseValue));
    }

    private static String format(Kind kind, BigDecimal value) {
        if (value.signum() == 0) {
            return ZERO.get(kind);
        }
        String best = null;
        BigDecimal bestMagnitude = null;
        for (Map.Entry<String, BigDecimal> e : kind.units().entrySet()) {
            if (e.getKey().endsWith("µs") || e.getKey().endsWith("μs") || e.getKey().startsWith("KB")) {
                continue;
            }
            BigDecimal q;
            try {
                q = value.divide(e.getValue(), java.math.MathContext.DECIMAL128);
            } catch (ArithmeticException ex) {
                continue;
            }
            BigDecimal stripped = q.stripTrailingZeros();
            boolean whole = stripped.scale() <= 0;
            if (!whole || (q.compareTo(BigDecimal.ONE) < 0 && value.signum() != 0)) {
                continue;
            }
            if (bestMagnitude == null || q.compareTo(bestMagnitude) < 0) {
                bestMagnitude = q;
                best = stripped.toPlainString() + " " + e.getKey();
            }
        }
        if (best != null) {
            return kind == Kind.EVENT_RATE ? best.replace(" /", "/") : best;
        }
        String base = value.stripTrailingZeros().toPlainString();
        return kind == Kind.EVENT_RATE ? base + "/s" : base + " " + kind.baseUnit();
    }
}
