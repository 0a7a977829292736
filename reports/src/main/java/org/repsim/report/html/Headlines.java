package org.repsim.report.html;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.repsim.core.measure.Measures;
import org.repsim.core.measure.MetricFamily;
import org.repsim.core.measure.MetricSelector;
import org.repsim.report.chart.QueueGroups;

/** The headline metrics of the catalogue ({@link Measures#HEADLINES}) in the order the report lists them. */
public final class Headlines {

    private Headlines() {
    }

    /**
     * Names in natural order: runs of digits compare by their value, so {@code p2.…} comes before
     * {@code p10.…} (a 64-box group's members read p0, p1, p2, …, p63, not p0, p1, p10, p11, …);
     * names equal that way (leading zeros) fall back to plain order.
     */
    public static final Comparator<String> NATURAL = Headlines::compareNatural;

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** The headline metrics among {@code names}, in report order; a family's members in {@link #NATURAL} order. */
    public static List<String> headlines(Collection<String> names) {
        List<String> out = new ArrayList<>();
        List<String> natural = new ArrayList<>(new TreeSet<>(names));
        natural.sort(NATURAL);
        for (MetricSelector h : Measures.HEADLINES) {
            if (h instanceof MetricFamily) {
                for (String n : natural) {
                    if (h.matches(n) && !out.contains(n)) {
                        out.add(n);
                    }
                }
            } else {
                for (String n : names) {
                    if (h.matches(n) && !out.contains(n)) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    /** All of {@code names}: headlines first in report order, then the others in {@link #NATURAL} order. */
    public static List<String> all(Collection<String> names) {
        List<String> out = headlines(names);
        List<String> natural = new ArrayList<>(new TreeSet<>(names));
        natural.sort(NATURAL);
        for (String n : natural) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The most members of an alike family the headline table lists one by one. */
    public static final int MAX_ALIKE = 12;

    /** A headline row: its metric and, for the representative of a condensed family, what it stands for. */
    public record Row(String metric, String note) {
    }

    /**
     * The rows of the headline table for {@code names} (in report order): metrics whose names are
     * the same once every run of digits is read as {@code *} (a 64-box group's
     * {@code p0.remoteAdapters.utilization} … {@code p63.…}) are listed one by one up to
     * {@link #MAX_ALIKE}; a larger family is listed as its member with the highest {@code mean} and
     * its member with the lowest, each noted ("highest of 64 p*.remoteAdapters.utilization"), where
     * its first member stood. Members whose mean is NaN are not chosen.
     */
    public static List<Row> rows(List<String> names, java.util.function.ToDoubleFunction<String> mean) {
        java.util.Map<String, List<String>> families = new java.util.LinkedHashMap<>();
        for (String n : names) {
            families.computeIfAbsent(QueueGroups.alike(n), k -> new ArrayList<>()).add(n);
        }
        List<Row> out = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (String n : names) {
            String key = QueueGroups.alike(n);
            List<String> family = families.get(key);
            if (family.size() <= MAX_ALIKE) {
                out.add(new Row(n, null));
            } else if (done.add(key)) {
                String highest = null;
                String lowest = null;
                for (String m : family) {
                    double v = mean.applyAsDouble(m);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    if (highest == null || v > mean.applyAsDouble(highest)) {
                        highest = m;
                    }
                    if (lowest == null || v < mean.applyAsDouble(lowest)) {
                        lowest = m;
                    }
                }
                if (highest == null) {
                    continue;
                }
                out.add(new Row(highest, "highest of " + family.size() + " " + key));
                if (!lowest.equals(highest)) {
                    out.add(new Row(lowest, "lowest of " + family.size() + " " + key));
                }
            }
        }
        return out;
    }
}
