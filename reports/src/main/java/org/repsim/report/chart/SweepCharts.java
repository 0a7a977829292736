package org.repsim.report.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;

/**
 * Metrics against swept parameters: x is one swept parameter, one line per combination of the
 * other swept parameters, each point the mean over replications with its 95 % confidence
 * interval as an error bar.
 */
public final class SweepCharts {

    private final ExperimentSummary summary;
    private final List<String> sweptPaths;

    public SweepCharts(ExperimentSummary summary, List<String> sweptPaths) {
        this.summary = summary;
        this.sweptPaths = List.copyOf(sweptPaths);
    }

    /** The axis of one swept parameter over the summary's points. */
    public SweepAxis axis(String path) {
        List<String> vs = new ArrayList<>();
        for (PointSummary p : summary.points()) {
            String v = p.parameters().get(path);
            if (v != null) {
                vs.add(v);
            }
        }
        return SweepAxis.of(path, SweepAxis.distinct(vs));
    }

    /** True when the metric's mean differs between at least two points (else a chart says nothing). */
    public boolean varies(String metric) {
        Double first = null;
        for (PointSummary p : summary.points()) {
            MetricSummary m = p.metric(metric);
            if (m == null) {
                continue;
            }
            if (first == null) {
                first = m.mean();
            } else if (Double.compare(first, m.mean()) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The metric against one swept parameter; empty when no point has the metric. */
    public Optional<JFreeChart> metricVs(String metric, String path, String title, String rangeName) {
        SweepAxis axis = axis(path);
        Map<String, YIntervalSeries> lines = new LinkedHashMap<>();
        String unit = null;
        double max = 0;
        for (PointSummary p : summary.points()) {
            MetricSummary m = p.metric(metric);
            if (m != null && !Double.isNaN(m.mean())) {
                unit = unit == null ? m.unit() : unit;
                double half = Double.isNaN(m.ci95()) ? 0 : m.ci95();
                max = Math.max(max, Math.abs(m.mean()) + half);
            }
        }
        if (unit == null) {
            return Optional.empty();
        }
        Scale scale = Scale.forUnit(unit, max);
        boolean nonNegative = true;
        for (PointSummary p : summary.points()) {
            MetricSummary m = p.metric(metric);
            String x = p.parameters().get(path);
            if (m == null || x == null || Double.isNaN(m.mean())) {
                continue;
            }
            nonNegative &= m.mean() >= 0;
            String group = groupOf(p, path, metric);
            double half = Double.isNaN(m.ci95()) ? 0 : m.ci95();
            lines.computeIfAbsent(group, g -> new YIntervalSeries(g, false, true))
                    .add(axis.position(x), scale.apply(m.mean()), scale.apply(m.mean() - half), scale.apply(m.mean() + half));
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        List<String> keys = new ArrayList<>(lines.keySet());
        for (String k : keys) {
            data.addSeries(lines.get(k));
        }
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setCapLength(10);
        ChartStyle.keepSeriesStyle(r);
        r.setErrorStroke(ChartStyle.LINE);
        List<Color> colours = keys.size() == 1 ? List.of(Palette.MEAN) : Palette.sequence(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            r.setSeriesPaint(i, colours.get(i));
            r.setSeriesStroke(i, ChartStyle.LINE);
            r.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        ValueAxis x;
        if (axis.numeric()) {
            NumberAxis n = new NumberAxis(axis.label());
            n.setAutoRangeIncludesZero(false);
            n.setLowerMargin(0.05);
            n.setUpperMargin(0.05);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String v : axis.values()) {
                lo = Math.min(lo, axis.position(v));
                hi = Math.max(hi, axis.position(v));
            }
            if (hi > lo) {
                n.setTickUnit(new NumberTickUnit(niceStep((hi - lo) / 8)));
            }
            x = n;
        } else {
            SymbolAxis s = new SymbolAxis(axis.label(), axis.values().toArray(new String[0]));
            s.setGridBandsVisible(false);
            s.setLowerMargin(0.1);
            s.setUpperMargin(0.1);
            x = s;
        }
        NumberAxis y = ChartStyle.zeroBasedAxis(scale.axisLabel(rangeName));
        XYPlot plot = new XYPlot(data, x, y, r);
        if (nonNegative && y.getRange().getLowerBound() < 0) {
            // A quantity that cannot be negative: error bars are clipped at zero rather than the axis going below it.
            y.setRange(0, y.getRange().getUpperBound());
        }
        return Optional.of(ChartStyle.chart(title, plot, keys.size() > 1));
    }

    /** A tick step of 1, 2 or 5 × 10^k not smaller than {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The legend entry of a point: the other swept parameters' values, or the metric name when only one is swept. */
    private String groupOf(PointSummary p, String path, String metric) {
        StringBuilder b = new StringBuilder();
        for (String other : sweptPaths) {
            if (other.equals(path)) {
                continue;
            }
            String v = p.parameters().get(other);
            if (v == null) {
                continue;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(other).append(" = ").append(v);
        }
        return b.length() == 0 ? metric : b.toString();
    }
}
