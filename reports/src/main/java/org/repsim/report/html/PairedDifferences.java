package org.repsim.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.core.stats.PairedDifference;
import org.repsim.report.chart.Scale;

/**
 * The sweep report's paired differences: for every metric and every sweep point, the mean over
 * replications of (point − baseline) in replication r, with its paired-t 95 % interval, marked
 * where the interval excludes 0. Replication r of every point draws the same random streams
 * (common random numbers), so the pairing cancels the noise the points share; the section also
 * states how much wider the unpaired (Welch) intervals of the same differences would be.
 */
public final class PairedDifferences {
    private PairedDifferences() {
    }

    /** Each replication's value of {@code metric}, indexed by replication number (NaN where missing). */
    static double[] byReplication(List<RunResult> runs, String metric, int replications) {
        double[] v = new double[replications];
        Arrays.fill(v, Double.NaN);
        for (RunResult r : runs) {
            if (r.replication() >= 0 && r.replication() < replications) {
                v[r.replication()] = r.value(metric);
            }
        }
        return v;
    }

    /** The paired difference of {@code metric} between a point and the baseline, or null when either lacks runs. */
    static PairedDifference of(ReportInput input, PointSummary baseline, PointSummary point, String metric) {
        List<RunResult> a = input.runsOf(baseline.id());
        List<RunResult> b = input.runsOf(point.id());
        if (a.isEmpty() || b.isEmpty()) {
            return null;
        }
        int n = Math.max(baseline.replications(), point.replications());
        return PairedDifference.paired(byReplication(a, metric, n), byReplication(b, metric, n), 0.95);
    }

    /**
     * The section's HTML, empty when the report has fewer than two points with replications;
     * adds its entry to {@code contents}.
     */
    static String section(ReportInput input, List<String[]> contents) {
        List<PointSummary> points = input.summary().points();
        if (points.size() < 2) {
            return "";
        }
        List<String> ids = points.stream().map(PointSummary::id).toList();
        List<Map<String, String>> params = points.stream().map(PointSummary::parameters).toList();
        int base;
        try {
            base = Baseline.index(input.baseline(), ids, params);
        } catch (IllegalArgumentException e) {
            return "<section id=\"paired\">\n<h2>Paired differences</h2>\n<p class=\"note\">report.baseline "
                    + Html.escape(e.getMessage()) + "</p>\n</section>\n";
        }
        PointSummary baseline = points.get(base);
        if (input.runsOf(baseline.id()).isEmpty()) {
            return "";
        }
        Set<String> names = new LinkedHashSet<>();
        for (PointSummary p : points) {
            names.addAll(p.metrics().keySet());
        }
        List<String> metrics = Headlines.all(names);
        StringBuilder rows = new StringBuilder();
        List<Double> ratios = new ArrayList<>();
        int significant = 0;
        for (String m : metrics) {
            List<PairedDifference> cells = new ArrayList<>();
            boolean any = false;
            double max = 0;
            String unit = null;
            for (int i = 0; i < points.size(); i++) {
                PairedDifference d = i == base ? null : of(input, baseline, points.get(i), m);
                cells.add(d);
                if (d != null && !Double.isNaN(d.difference())) {
                    any |= d.difference() != 0 || (d.halfWidth() > 0);
                    max = Math.max(max, Math.abs(d.difference()) + (Double.isNaN(d.halfWidth()) ? 0 : d.halfWidth()));
                }
                if (points.get(i).metric(m) != null && unit == null) {
                    unit = points.get(i).metric(m).unit();
                }
            }
            if (!any) {
                continue;
            }
            Scale s = Scale.forUnit(unit, max);
            rows.append("<tr><td class=\"name\"><code>").append(Html.escape(m)).append("</code></td>");
            for (int i = 0; i < points.size(); i++) {
                if (i == base) {
                    continue;
                }
                PairedDifference d = cells.get(i);
                if (d == null || Double.isNaN(d.difference())) {
                    rows.append("<td>–</td>");
                    continue;
                }
                if (d.pairedHalfWidth() > 0 && d.unpairedHalfWidth() > 0) {
                    ratios.add(d.unpairedHalfWidth() / d.pairedHalfWidth());
                }
                boolean mark = d.excludesZero();
                significant += mark ? 1 : 0;
                rows.append("<td").append(mark ? " class=\"significant\" title=\"the 95 % interval excludes 0\"" : "")
                        .append(">").append(Html.escape(signed(s, d.difference())))
                        .append(Double.isNaN(d.halfWidth()) ? "" : Html.escape(" ± " + s.format(d.halfWidth())))
                        .append(mark ? " ●" : "").append("</td>");
            }
            rows.append("</tr>\n");
        }
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"paired\">\n<h2>Paired differences from the baseline</h2>\n<p class=\"how\">Baseline: point ")
                .append(base).append(" (").append(Html.escape(label(baseline))).append(")")
                .append(input.baseline() == null ? ", the first point; choose another with <code>report.baseline</code>" : "")
                .append(". Each cell is the mean over replications of (point − baseline) in the same replication, ± its "
                        + "paired-t 95 % half-width. Replication r of every sweep point draws the same random streams "
                        + "(common random numbers), so pairing by replication cancels the noise the points share. "
                        + "● marks a difference whose interval excludes 0 (").append(significant).append(" cells).");
        if (!ratios.isEmpty()) {
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            b.append(String.format(Locale.ROOT, " Unpaired (Welch) intervals of the same differences would be %s× "
                    + "wider (median over %d cells).", Scale.number(r[r.length / 2]), r.length));
        }
        b.append("</p>\n<div class=\"scroll\">\n<table id=\"paired-differences\">\n<thead><tr><th class=\"name\">metric</th>");
        for (int i = 0; i < points.size(); i++) {
            if (i != base) {
                b.append("<th class=\"name wrap\">").append(i).append(": ").append(Html.escape(label(points.get(i))))
                        .append("</th>");
            }
        }
        b.append("</tr></thead>\n<tbody>\n").append(rows).append("</tbody>\n</table>\n</div>\n</section>\n");
        contents.add(new String[] {"paired", "Paired differences from the baseline"});
        return b.toString();
    }

    private static String signed(Scale s, double v) {
        String f = s.format(v);
        return v > 0 ? "+" + f : f;
    }

    private static String label(PointSummary p) {
        if (p.parameters().isEmpty()) {
            return p.id();
        }
        StringBuilder b = new StringBuilder();
        p.parameters().forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append(" = ").append(v));
        return b.toString();
    }
}
