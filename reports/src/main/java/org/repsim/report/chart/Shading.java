package org.repsim.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.repsim.core.result.Interval;
import org.repsim.core.result.RunResult;

/**
 * Marked intervals drawn as shaded spans behind a time chart. Kinds: {@code link-down} and
 * {@code link-degrade} (subject = link id), {@code session-drop} (subject = session or box),
 * {@code disaster} (subject = site; a zero-length interval is drawn as a thin band). The time
 * axis is widened to show a span beyond the last sample (a disaster ends the run: it comes after
 * the last sample interval).
 */
public final class Shading {

    public static final String LINK_DOWN = "link-down";
    public static final String LINK_DEGRADE = "link-degrade";
    public static final String SESSION_DROP = "session-drop";
    public static final String DISASTER = "disaster";

    private Shading() {
    }

    /** The distinct intervals of the given kinds over all replications, in first-seen order. */
    public static List<Interval> intervals(List<RunResult> runs, String... kinds) {
        Set<Interval> out = new LinkedHashSet<>();
        for (RunResult r : runs) {
            for (Interval i : r.intervals()) {
                for (String k : kinds) {
                    if (k.equals(i.kind())) {
                        out.add(i);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Adds one shaded span per interval; identical spans of several replications are drawn once. */
    public static void shade(XYPlot plot, List<Interval> intervals) {
        Set<String> labelled = new LinkedHashSet<>();
        org.jfree.data.Range shown = plot.getDomainAxis().getRange();
        double instant = widthOfInstant(plot);
        double last = shown.getUpperBound();
        for (Interval i : intervals) {
            last = Math.max(last, i.endS() > i.startS() ? i.endS() : i.startS() + instant);
        }
        if (last > shown.getUpperBound()) {
            plot.getDomainAxis().setRange(shown.getLowerBound(), last);
        }
        for (Interval i : intervals) {
            double end = i.endS() > i.startS() ? i.endS() : i.startS() + instant;
            IntervalMarker m = new IntervalMarker(i.startS(), end, colour(i.kind()));
            String label = label(i);
            if (labelled.add(label + "@" + i.startS())) {
                m.setLabel(label);
                m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                m.setLabelPaint(new Color(0x444444));
                org.jfree.data.Range r = plot.getDomainAxis().getRange();
                boolean right = i.startS() > r.getCentralValue();
                m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(right ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
                m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));
            }
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
    }

    private static double widthOfInstant(XYPlot plot) {
        double span = plot.getDomainAxis().getRange().getLength();
        return span > 0 ? span / 400 : 1e-9;
    }

    /** What the span is called on the chart. */
    public static String label(Interval i) {
        String s = i.subject() == null || i.subject().isEmpty() ? "" : i.subject() + " ";
        switch (i.kind()) {
            case LINK_DOWN:
                return s + "down";
            case LINK_DEGRADE:
                return s + "degraded";
            case SESSION_DROP:
                return s + "session dropped";
            case DISASTER:
                return "disaster " + s.trim();
            default:
                return s + i.kind();
        }
    }

    private static Color colour(String kind) {
        switch (kind) {
            case LINK_DOWN:
                return Palette.OUTAGE;
            case LINK_DEGRADE:
                return Palette.DEGRADED;
            case SESSION_DROP:
                return Palette.DROP;
            default:
                return Palette.DISASTER;
        }
    }
}
