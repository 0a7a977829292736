package org.repsim.report.html;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repsim.report.chart.ChartStyle;
import org.repsim.report.chart.Palette;
import org.repsim.report.chart.Scale;

/**
 * {@code size.html}: what {@code repsim size} found. The metric against the varied parameter at
 * every evaluated candidate (mean, 95 % interval), the goal's threshold and the chosen value,
 * then a table of the candidates in evaluation order.
 */
public final class SizePage {

    public static final String PAGE = "size.html";

    /**
     * One evaluated candidate.
     *
     * @param value parameter value in base units
     * @param text the value for people, in the units the range was given in
     * @param replications replications run at it
     * @param mean the metric's mean
     * @param ci95 its 95 % half-width (NaN with one replication)
     * @param verdict met, not met or undecided (replication cap hit)
     */
    public record Candidate(double value, String text, int replications, double mean, double ci95, String verdict) {
    }

    /**
     * Everything the page shows.
     *
     * @param scenario the scenario's name
     * @param path the varied scenario path
     * @param parameterUnit the base unit of the parameter ("B/s", "" for a plain number), or "bit/s" for
     *        a data rate (values in B/s) to be shown in bits per second
     * @param logAxis the parameter was searched geometrically (drawn on a log axis)
     * @param goal the goal as written
     * @param metricUnit the metric's unit
     * @param threshold the goal's threshold in the metric's unit
     * @param answerLine the one-line answer printed by the command
     * @param answer the chosen value in base units, or null when the goal is not met
     * @param facts further settings to list (confidence, resolution, cap), as label/value pairs
     * @param candidates every evaluated candidate, in evaluation order
     */
    public record Input(String scenario, String path, String parameterUnit, boolean logAxis, String goal,
            String metricUnit, double threshold, String answerLine, Double answer, List<String[]> facts,
            List<Candidate> candidates) {
        public Input {
            Objects.requireNonNull(path, "path");
            facts = List.copyOf(facts);
            candidates = List.copyOf(candidates);
        }
    }

    private SizePage() {
    }

    /** Writes {@code size.html} and {@code charts/size.png} into {@code outDir}; returns the page. */
    public static Path write(Path outDir, Input in) throws IOException {
        PlannerPage page = new PlannerPage(outDir, "repsim size: " + in.scenario());
        StringBuilder b = page.body();
        b.append("<section id=\"answer\">\n<h2>Answer</h2>\n<p class=\"lead\">").append(Html.escape(in.answerLine()))
                .append("</p>\n<dl class=\"facts\">\n");
        fact(b, "Varied", "<code>" + Html.escape(in.path()) + "</code>");
        fact(b, "Goal", "<code>" + Html.escape(in.goal()) + "</code>");
        for (String[] f : in.facts()) {
            fact(b, f[0], Html.escape(f[1]));
        }
        b.append("</dl>\n</section>\n<section id=\"search\">\n<h2>Search</h2>\n");
        if (!in.candidates().isEmpty()) {
            page.figure("size", "Metric against " + in.path(),
                    "Mean over replications at every evaluated value, error bars the 95 % confidence interval; the "
                            + "dashed red line is the goal's threshold, the green line the chosen value. Replication r of "
                            + "every value used the same random numbers.", chart(in), ChartStyle.HEIGHT);
        }
        b.append("<h3>Evaluated values</h3>\n<p class=\"how\">In evaluation order. A value is met when the whole "
                + "confidence interval lies on the goal's side of the threshold; undecided means the replication "
                + "cap was reached first (counted as not met).</p>\n<table id=\"size-points\">\n<thead><tr><th>#</th>"
                + "<th class=\"name\">value</th><th>replications</th><th>mean ± 95 % CI</th><th class=\"name\">verdict"
                + "</th></tr></thead>\n<tbody>\n");
        Scale s = scale(in);
        int i = 0;
        for (Candidate c : in.candidates()) {
            String cls = c.verdict().equals("met") ? " class=\"good\"" : c.verdict().equals("not met") ? " class=\"bad\"" : "";
            b.append("<tr><td>").append(i++).append("</td><td class=\"name\">").append(Html.escape(c.text()))
                    .append("</td><td>").append(c.replications()).append("</td><td>")
                    .append(Html.escape(s.format(c.mean()) + (Double.isNaN(c.ci95()) ? "" : " ± " + s.format(c.ci95()))))
                    .append("</td><td class=\"name\"><span").append(cls).append(">").append(Html.escape(c.verdict()))
                    .append("</span></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
        return page.write(PAGE);
    }

    private static void fact(StringBuilder b, String name, String valueHtml) {
        b.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    private static Scale scale(Input in) {
        double max = Math.abs(in.threshold());
        for (Candidate c : in.candidates()) {
            if (!Double.isNaN(c.mean())) {
                max = Math.max(max, Math.abs(c.mean()));
            }
        }
        return Scale.forUnit(in.metricUnit(), max);
    }

    private static JFreeChart chart(Input in) {
        Scale y = scale(in);
        double xmax = 0;
        for (Candidate c : in.candidates()) {
            xmax = Math.max(xmax, Math.abs(c.value()));
        }
        Scale x = Scale.forUnit(in.parameterUnit(), xmax);
        List<Candidate> sorted = new ArrayList<>(in.candidates());
        sorted.sort(Comparator.comparingDouble(Candidate::value));
        YIntervalSeries series = new YIntervalSeries(in.goal(), false, true);
        for (Candidate c : sorted) {
            if (Double.isNaN(c.mean())) {
                continue;
            }
            double half = Double.isNaN(c.ci95()) ? 0 : c.ci95();
            series.add(x.apply(c.value()), y.apply(c.mean()), y.apply(c.mean() - half), y.apply(c.mean() + half));
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setCapLength(10);
        ChartStyle.keepSeriesStyle(r);
        r.setErrorStroke(ChartStyle.LINE);
        r.setSeriesPaint(0, Palette.MEAN);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        String xLabel = in.path() + (x.label().isEmpty() ? "" : " (" + x.label() + ")");
        ValueAxis xAxis;
        if (in.logAxis() && sorted.size() > 1 && sorted.get(0).value() > 0) {
            LogAxis log = new LogAxis(xLabel);
            log.setAutoRangeMinimumSize(1e-9);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
            xAxis = log;
        } else {
            NumberAxis n = new NumberAxis(xLabel);
            n.setAutoRangeIncludesZero(false);
            xAxis = n;
        }
        NumberAxis yAxis = ChartStyle.zeroBasedAxis(y.axisLabel(in.goal().split("\\s")[0]));
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        ValueMarker threshold = new ValueMarker(y.apply(in.threshold()), new Color(0xc0392b), ChartStyle.DASHED);
        plot.addRangeMarker(threshold);
        if (in.answer() != null) {
            plot.addDomainMarker(new ValueMarker(x.apply(in.answer()), new Color(0x27ae60), ChartStyle.LINE));
        }
        return ChartStyle.chart(in.path() + ": " + in.goal(), plot, false);
    }
}
