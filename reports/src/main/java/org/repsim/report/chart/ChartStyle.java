package org.repsim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look shared by every chart (fonts readable at 1200 px, white plot, light grid) and the
 * PNG writer. Rendering uses no clock or randomness, so identical input gives identical PNGs.
 */
public final class ChartStyle {

    /** Pixel size of every chart: the page shows them at their natural width. */
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 540;
    public static final int TALL_HEIGHT = 820;

    public static final BasicStroke LINE = new BasicStroke(1.6f);
    public static final BasicStroke THIN = new BasicStroke(1.0f);
    public static final BasicStroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {8f, 5f}, 0f);

    private static final StandardChartTheme THEME = theme();

    private ChartStyle() {
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("repsim");
        t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        t.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(0xdddddd));
        t.setRangeGridlinePaint(new Color(0xdddddd));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setAxisOffset(new RectangleInsets(0, 0, 0, 0));
        return t;
    }

    /** A chart around a plot, styled, with its legend at the bottom when it has more than one series. */
    public static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        THEME.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.setPadding(new RectangleInsets(6, 6, 6, 14));
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (plot instanceof XYPlot) {
            XYPlot xy = (XYPlot) plot;
            xy.setDomainGridlineStroke(THIN);
            xy.setRangeGridlineStroke(THIN);
            xy.setOutlinePaint(new Color(0xaaaaaa));
        }
        return chart;
    }

    /**
     * Keeps the colours, strokes and shapes set per series: the theme would otherwise replace
     * auto-populated series paints with its own sequence.
     */
    public static void keepSeriesStyle(org.jfree.chart.renderer.AbstractRenderer r) {
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesFillPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
        r.setAutoPopulateSeriesOutlinePaint(false);
        r.setAutoPopulateSeriesOutlineStroke(false);
    }

    /** A value axis that includes zero when all data are positive (depths, bytes, latencies). */
    public static NumberAxis zeroBasedAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        // all-zero data (no time above target, no violations) spans one display unit, not 1e-8
        a.setAutoRangeMinimumSize(1.0);
        return a;
    }

    /** Time axis of a run, in simulated seconds. */
    public static ValueAxis timeAxis() {
        NumberAxis a = new NumberAxis("simulated time (s)");
        a.setAutoRangeIncludesZero(false);
        a.setLowerMargin(0.0);
        a.setUpperMargin(0.0);
        return a;
    }

    /** Writes a chart as a PNG of the given size, creating parent directories. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
    }
}
