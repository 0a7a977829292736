package org.repsim.report.html;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repsim.report.chart.ChartStyle;
import org.repsim.report.chart.Scale;

/**
 * {@code compare.html}: two runs side by side. Per metric, each run's mean and the difference
 * b − a with its 95 % interval (paired by replication when the runs share seed and replications,
 * else Welch's unpaired one, said at the top), marked where it excludes 0; then the time series
 * both runs sampled, each run's mean over replications, overlaid.
 */
public final class ComparePage {

    public static final String PAGE = "compare.html";

    /**
     * One metric.
     *
     * @param name metric name
     * @param a mean over run A's replications
     * @param b mean over run B's replications
     * @param difference mean of b − a
     * @param ci95 the difference's 95 % half-width (NaN when it cannot be computed)
     * @param excludesZero the interval lies on one side of 0
     * @param unit the metric's unit
     */
    public record Row(String name, double a, double b, double difference, double ci95, boolean excludesZero, String unit) {
    }

    /**
     * One sampled series of both runs: time in seconds and each run's mean over replications.
     *
     * @param name the column name in {@code timeseries.csv}
     * @param unit its unit
     */
    public record Series(String name, String unit, double[] timeA, double[] meanA, double[] timeB, double[] meanB) {
    }

    /**
     * Everything the page shows.
     *
     * @param labelA run A as named to the user (its directory and scenario)
     * @param labelB run B likewise
     * @param paired paired by replication (common random numbers)
     * @param note why the comparison is (un)paired, one sentence
     */
    public record Input(String labelA, String labelB, boolean paired, String note, List<Row> rows, List<Series> series) {
        public Input {
            rows = List.copyOf(rows);
            series = List.copyOf(series);
        }
    }

    private ComparePage() {
    }

    /** Writes {@code compare.html} and its charts into {@code outDir}; returns the page. */
    public static Path write(Path outDir, Input in) throws IOException {
        PlannerPage page = new PlannerPage(outDir, "repsim compare: " + in.labelA() + " vs " + in.labelB());
        StringBuilder b = page.body();
        b.append("<section id=\"differences\">\n<h2>Differences b − a</h2>\n<dl class=\"facts\">\n<dt>a</dt><dd>")
                .append(Html.escape(in.labelA())).append("</dd>\n<dt>b</dt><dd>").append(Html.escape(in.labelB()))
                .append("</dd>\n<dt>Intervals</dt><dd>").append(in.paired() ? "paired by replication" : "<b>unpaired</b> (Welch)")
                .append("</dd>\n</dl>\n<p class=\"how\">").append(Html.escape(in.note()))
                .append(" ● marks a difference whose 95 % interval excludes 0.</p>\n")
                .append("<div class=\"scroll\">\n<table id=\"compare-metrics\">\n<thead><tr><th class=\"name\">metric</th>"
                        + "<th>a</th><th>b</th><th>b − a ± 95 % CI</th></tr></thead>\n<tbody>\n");
        for (Row r : in.rows()) {
            double max = Math.max(Math.abs(r.a()), Math.abs(r.b()));
            Scale s = Scale.forUnit(r.unit(), Double.isNaN(max) ? 0 : max);
            b.append("<tr><td class=\"name\"><code>").append(Html.escape(r.name())).append("</code></td><td>")
                    .append(Html.escape(s.format(r.a()))).append("</td><td>").append(Html.escape(s.format(r.b())))
                    .append("</td><td").append(r.excludesZero() ? " class=\"significant\"" : "").append(">")
                    .append(Html.escape((r.difference() > 0 ? "+" : "") + s.format(r.difference())
                            + (Double.isNaN(r.ci95()) ? "" : " ± " + s.format(r.ci95()))))
                    .append(r.excludesZero() ? " ●" : "").append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n</section>\n<section id=\"series\">\n<h2>Time series, overlaid</h2>\n");
        int i = 0;
        for (Series s : in.series()) {
            page.figure("compare-" + i++ + "-" + ReportWriter.slug(s.name()), s.name(),
                    "Mean over each run's replications at every sample; blue is a, orange b.", chart(s, in),
                    ChartStyle.HEIGHT);
        }
        b.append("</section>\n");
        return page.write(PAGE);
    }

    private static JFreeChart chart(Series s, Input in) {
        double max = 0;
        for (double v : s.meanA()) {
            max = Double.isNaN(v) ? max : Math.max(max, Math.abs(v));
        }
        for (double v : s.meanB()) {
            max = Double.isNaN(v) ? max : Math.max(max, Math.abs(v));
        }
        Scale scale = Scale.forUnit(s.unit(), max);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("a: " + in.labelA(), s.timeA(), s.meanA(), scale));
        data.addSeries(series("b: " + in.labelB(), s.timeB(), s.meanB(), scale));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        ChartStyle.keepSeriesStyle(r);
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesPaint(1, new Color(0xff7f0e));
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesStroke(1, ChartStyle.LINE);
        NumberAxis y = ChartStyle.zeroBasedAxis(scale.axisLabel(s.name()));
        XYPlot plot = new XYPlot(data, ChartStyle.timeAxis(), y, r);
        return ChartStyle.chart(s.name(), plot, true);
    }

    private static XYSeries series(String key, double[] t, double[] v, Scale scale) {
        XYSeries x = new XYSeries(key, false, true);
        for (int i = 0; i < t.length && i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                x.add(t[i], scale.apply(v[i]));
            }
        }
        return x;
    }
}
