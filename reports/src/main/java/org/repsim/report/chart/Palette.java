package org.repsim.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic colours keyed by component name, so a component keeps its colour in every
 * chart of every report. The component is the name without its chart-specific prefix or
 * suffix ({@code queue.link.wan} and {@code link.wan.utilization} are both {@code link.wan}).
 */
public final class Palette {

    /** Twenty colours readable on white and distinct from each other (Tableau 10, then ten other hues). */
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0x0b2e6f), new Color(0xb8860b),
        new Color(0x00563f), new Color(0x8b0000), new Color(0x4b0082), new Color(0xff6f61),
        new Color(0x808000), new Color(0x556b2f), new Color(0x000000), new Color(0xc71585),
    };

    /** Fixed colours for latency statistics: mean, p50, p99, p99.9. */
    public static final Color MEAN = new Color(0x1f3a93);
    public static final Color P50 = new Color(0x2ca02c);
    public static final Color P99 = new Color(0xff7f0e);
    public static final Color P999 = new Color(0xd62728);
    public static final Color LIMIT = new Color(0x555555);
    public static final Color TARGET = new Color(0xc0392b);
    public static final Color OUTAGE = new Color(220, 50, 47, 48);
    /** A link degraded: the outage's hue, lighter. */
    public static final Color DEGRADED = new Color(220, 50, 47, 22);
    public static final Color DROP = new Color(148, 103, 189, 56);
    public static final Color DISASTER = new Color(0, 0, 0, 64);

    private Palette() {
    }

    /** The colour of a component name (stable across runs and JVMs: String.hashCode is specified). */
    public static Color of(String component) {
        int h = component.hashCode();
        return COLORS[Math.floorMod(h ^ (h >>> 16), COLORS.length)];
    }

    /**
     * Colours for the components of one chart: each gets {@link #of(String)} unless an earlier
     * one in the list already has it, then the next free palette entry (so two lines of one
     * chart never share a colour while the palette lasts).
     */
    public static List<Color> distinct(List<String> components) {
        List<Color> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (String c : components) {
            int h = c.hashCode();
            int i = Math.floorMod(h ^ (h >>> 16), COLORS.length);
            for (int k = 0; k < COLORS.length && used.contains(i); k++) {
                i = (i + 1) % COLORS.length;
            }
            used.add(i);
            out.add(COLORS[i]);
        }
        return out;
    }

    /**
     * Colours for {@code n} lines that are values rather than components (sweep groups): the
     * palette in order, whose first ten entries are the most distinct.
     */
    public static List<Color> sequence(int n) {
        List<Color> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(COLORS[i % COLORS.length]);
        }
        return out;
    }

    /** The colour of a series by the component it names (see {@link #component(String)}). */
    public static Color ofSeries(String column) {
        return of(component(column));
    }

    /** The component a column names: strips {@code queue.} and {@code .utilization}. */
    public static String component(String column) {
        String c = column;
        if (c.startsWith("queue.")) {
            c = c.substring("queue.".length());
        }
        if (c.endsWith(".utilization")) {
            c = c.substring(0, c.length() - ".utilization".length());
        }
        return c;
    }

    /** A translucent version of a colour for confidence bands. */
    public static Color band(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 60);
    }
}
