package org.repsim.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A display unit for values kept in base units: {@code value / divisor} is shown with
 * {@code label}. Seconds become ms or µs, bytes become KiB … TiB, fractions become percent,
 * chosen from the largest magnitude to show so that axis ticks stay short.
 */
public record Scale(String label, double divisor) {

    public static final Scale PLAIN = new Scale("", 1);
    public static final Scale PERCENT = new Scale("%", 0.01);

    /**
     * A scale for a metric unit as written in results ("s", "bytes", "bytes/s", "fraction", "count", …);
     * "bit/s" takes values in bytes per second and shows them in bits per second.
     */
    public static Scale forUnit(String unit, double maxAbs) {
        String u = unit == null ? "" : unit.trim();
        switch (u) {
            case "s":
                return seconds(maxAbs);
            case "ns":
                return seconds(maxAbs * 1e-9).withDivisorFactor(1e-9);
            case "bytes":
            case "B":
                return bytes(maxAbs);
            case "bytes/s":
            case "B/s":
                return rate(maxAbs);
            case "bit/s":
                // values in bytes per second, shown in bits per second
                return bitRate(maxAbs);
            case "fraction":
                return PERCENT;
            case "":
            case "count":
            case "ratio":
                return PLAIN;
            default:
                return new Scale(u, 1);
        }
    }

    /** Seconds shown as s, ms, µs or ns. */
    public static Scale seconds(double maxAbs) {
        double m = Math.abs(maxAbs);
        if (!(m > 0) || m >= 1 || Double.isInfinite(m)) {
            return new Scale("s", 1);
        }
        if (m >= 1e-3) {
            return new Scale("ms", 1e-3);
        }
        if (m >= 1e-6) {
            return new Scale("µs", 1e-6);
        }
        return new Scale("ns", 1e-9);
    }

    /** Bytes shown in binary multiples (B, KiB, MiB, GiB, TiB). */
    public static Scale bytes(double maxAbs) {
        String[] labels = {"B", "KiB", "MiB", "GiB", "TiB"};
        double m = Math.abs(maxAbs);
        int i = 0;
        double d = 1;
        while (i < labels.length - 1 && m >= d * 1024) {
            d *= 1024;
            i++;
        }
        return new Scale(labels[i], d);
    }

    /** Bytes per second shown in decimal multiples (B/s, kB/s, MB/s, GB/s). */
    public static Scale rate(double maxAbs) {
        String[] labels = {"B/s", "kB/s", "MB/s", "GB/s"};
        double m = Math.abs(maxAbs);
        int i = 0;
        double d = 1;
        while (i < labels.length - 1 && m >= d * 1000) {
            d *= 1000;
            i++;
        }
        return new Scale(labels[i], d);
    }

    /** Bytes per second shown in bits per second, decimal multiples (bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s). */
    public static Scale bitRate(double maxAbsBytesPerSecond) {
        String[] labels = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
        double m = Math.abs(maxAbsBytesPerSecond) * 8;
        int i = 0;
        double d = 1;
        while (i < labels.length - 1 && m >= d * 1000) {
            d *= 1000;
            i++;
        }
        return new Scale(labels[i], d / 8);
    }

    private Scale withDivisorFactor(double f) {
        return new Scale(label, divisor / f);
    }

    /** The value in this display unit. */
    public double apply(double baseValue) {
        return baseValue / divisor;
    }

    /** An axis label: {@code name (unit)}, or the name alone for plain numbers. */
    public String axisLabel(String name) {
        return label.isEmpty() ? name : name + " (" + label + ")";
    }

    /** The value in this unit with three significant digits and the unit label. */
    public String format(double baseValue) {
        String n = number(apply(baseValue));
        return label.isEmpty() || Double.isNaN(baseValue) ? n : n + (label.equals("%") ? "" : " ") + label;
    }

    /** Three significant digits without exponent for everyday magnitudes; "–" for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e12 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
