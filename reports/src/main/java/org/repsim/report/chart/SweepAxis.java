package org.repsim.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The x axis of a swept parameter: its values in the order given. When every value is a
 * number or a quantity of one dimension (docs/scenario-format.md units: times, sizes, rates, distances),
 * the axis is numeric in the unit of the first value ({@code "1 Gbit/s", "2 Gbit/s"} →
 * 1, 2 in Gbit/s); otherwise it is categorical (one position per value).
 */
public final class SweepAxis {

    private static final Pattern QUANTITY = Pattern.compile("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S.*?)?\\s*$");

    /** unit → {dimension, factor to base unit}. */
    private static final Map<String, Object[]> UNITS = new LinkedHashMap<>();

    static {
        unit("time", 1e-9, "ns");
        unit("time", 1e-6, "us", "µs");
        unit("time", 1e-3, "ms");
        unit("time", 1, "s");
        unit("time", 60, "min");
        unit("time", 3600, "h");
        unit("size", 1, "B");
        unit("size", 1e3, "kB", "KB");
        unit("size", 1e6, "MB");
        unit("size", 1e9, "GB");
        unit("size", 1e12, "TB");
        unit("size", 1024, "KiB");
        unit("size", 1024 * 1024, "MiB");
        unit("size", 1024.0 * 1024 * 1024, "GiB");
        unit("size", 1024.0 * 1024 * 1024 * 1024, "TiB");
        unit("rate", 1.0 / 8, "bit/s");
        unit("rate", 1e3 / 8, "kbit/s", "Kbit/s");
        unit("rate", 1e6 / 8, "Mbit/s");
        unit("rate", 1e9 / 8, "Gbit/s");
        unit("rate", 1e12 / 8, "Tbit/s");
        unit("rate", 1, "B/s");
        unit("rate", 1e3, "kB/s", "KB/s");
        unit("rate", 1e6, "MB/s");
        unit("rate", 1e9, "GB/s");
        unit("rate", 1024, "KiB/s");
        unit("rate", 1024 * 1024, "MiB/s");
        unit("rate", 1024.0 * 1024 * 1024, "GiB/s");
        unit("iops", 1, "/s");
        unit("distance", 1, "m");
        unit("distance", 1e3, "km");
    }

    private static void unit(String dimension, double factor, String... names) {
        for (String n : names) {
            UNITS.put(n, new Object[] {dimension, factor});
        }
    }

    private final String path;
    private final List<String> values;
    private final double[] positions;
    private final String unit;
    private final boolean numeric;

    private SweepAxis(String path, List<String> values, double[] positions, String unit, boolean numeric) {
        this.path = path;
        this.values = List.copyOf(values);
        this.positions = positions;
        this.unit = unit;
        this.numeric = numeric;
    }

    /** The axis of {@code path} over its distinct values in the order given. */
    public static SweepAxis of(String path, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("swept parameter " + path + " has no values");
        }
        double[] pos = new double[values.size()];
        String dimension = null;
        String firstUnit = null;
        double firstFactor = 1;
        boolean numeric = true;
        for (int i = 0; i < values.size() && numeric; i++) {
            Matcher m = QUANTITY.matcher(values.get(i));
            if (!m.matches()) {
                numeric = false;
                break;
            }
            String u = m.group(2) == null ? "" : m.group(2);
            Object[] spec = u.isEmpty() ? new Object[] {"number", 1.0} : UNITS.get(u);
            if (spec == null || (dimension != null && !dimension.equals(spec[0]))) {
                numeric = false;
                break;
            }
            if (dimension == null) {
                dimension = (String) spec[0];
                firstUnit = u;
                firstFactor = (Double) spec[1];
            }
            pos[i] = Double.parseDouble(m.group(1)) * (Double) spec[1] / firstFactor;
        }
        if (!numeric) {
            for (int i = 0; i < pos.length; i++) {
                pos[i] = i;
            }
            return new SweepAxis(path, values, pos, "", false);
        }
        return new SweepAxis(path, values, pos, firstUnit, true);
    }

    /** The parameter's value in base units (s, bytes, bytes/s, m, plain), or NaN when it is not a quantity. */
    public static double baseValue(String value) {
        Matcher m = QUANTITY.matcher(value);
        if (!m.matches()) {
            return Double.NaN;
        }
        String u = m.group(2) == null ? "" : m.group(2);
        Object[] spec = u.isEmpty() ? new Object[] {"number", 1.0} : UNITS.get(u);
        return spec == null ? Double.NaN : Double.parseDouble(m.group(1)) * (Double) spec[1];
    }

    public boolean numeric() {
        return numeric;
    }

    public List<String> values() {
        return values;
    }

    /** x position of a value; throws for a value not on this axis. */
    public double position(String value) {
        int i = values.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("value " + value + " is not among the swept values of " + path);
        }
        return positions[i];
    }

    public String label() {
        return unit.isEmpty() ? path : path + " (" + unit + ")";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s%s %s", path, numeric ? " numeric" : " categorical", values);
    }

    /** Distinct values in first-seen order. */
    public static List<String> distinct(List<String> all) {
        List<String> out = new ArrayList<>();
        for (String v : all) {
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
