package org.repsim.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repsim.core.measure.Measures.Cycles;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;

/**
 * Per-cycle figures from the {@code cycles} table: size (bytes and slots), duration and
 * folding ratio against the cycle number. Rows of one replication with the same number (one
 * per primary box of a consistency group) are added up (bytes, slots, writes) and the longest
 * duration is kept; folding is then writes ÷ slots. Across replications each cycle number
 * shows the mean of the replications that reached it, with a 95 % band.
 *
 * <p>A chart draws at most {@link #MAX_POINTS} points per series, about one per pixel column
 * of a {@link ChartStyle#WIDTH}-pixel chart. With more distinct cycle numbers than that, points
 * are bins of consecutive numbers ({@link #binWidth()}; the axis reads "cycle number (bins of
 * N)"), each showing per-number means as {@link CyclePoints} defines them. Rows are streamed
 * ({@link Table#forEachRow}), twice; memory follows the number of points, not of rows.
 */
public final class CycleChart {

    public static final String TABLE = Cycles.SCHEMA.name();
    /** Most points per series; more distinct cycle numbers are binned. */
    public static final int MAX_POINTS = 1000;

    private final List<RunResult> runs;
    private final ReplicationBand bands = new ReplicationBand();
    private CyclePoints points;

    public CycleChart(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** The points, computed once from the cycles tables that have a {@code number} column. */
    CyclePoints points() {
        if (points == null) {
            List<Table> tables = new ArrayList<>();
            for (RunResult r : runs) {
                Table t = r.tables().get(TABLE);
                if (t != null && t.columns().contains(Cycles.NUMBER.name())) {
                    tables.add(t);
                }
            }
            points = CyclePoints.of(tables, MAX_POINTS);
        }
        return points;
    }

    /** Consecutive cycle numbers per point: 1 when every cycle number has its own point. */
    public int binWidth() {
        return points().binWidth();
    }

    public Optional<JFreeChart> chart() {
        CyclePoints p = points();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        boolean hasBytes = p.has(Cycles.BYTES_COLUMN.name());
        boolean hasSlots = p.has(Cycles.SLOTS.name());
        boolean hasDuration = p.has(Cycles.DURATION.name()) || (p.has(Cycles.OPEN.name()) && p.has(Cycles.CLOSE.name()));
        boolean hasFolding = p.has(Cycles.FOLDING.name()) || (p.has(Cycles.WRITES.name()) && hasSlots);
        if (!hasBytes && !hasSlots && !hasDuration && !hasFolding) {
            return Optional.empty();
        }
        boolean binned = p.binWidth() > 1;
        NumberAxis cycleAxis = new NumberAxis(binned ? "cycle number (bins of " + p.binWidth() + ")" : "cycle number");
        cycleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(cycleAxis);
        combined.setGap(14);
        if (hasBytes || hasSlots) {
            XYPlot size = null;
            if (hasBytes) {
                Scale scale = Scale.bytes(max(p, CyclePoints.BYTES));
                size = subplot(series("bytes", p, CyclePoints.BYTES, scale), Palette.of("cycle.bytes"),
                        scale.axisLabel(binned ? "cycle size, mean" : "cycle size"), binned);
            }
            if (hasSlots) {
                YIntervalSeries slots = series("slots", p, CyclePoints.SLOTS, Scale.PLAIN);
                if (size == null) {
                    size = subplot(slots, Palette.of("cycle.slots"), binned ? "slots, mean" : "slots", binned);
                } else {
                    YIntervalSeriesCollection slotData = new YIntervalSeriesCollection();
                    slotData.addSeries(slots);
                    size.setDataset(1, slotData);
                    NumberAxis slotAxis = ChartStyle.zeroBasedAxis(binned ? "slots, mean" : "slots");
                    size.setRangeAxis(1, slotAxis);
                    size.mapDatasetToRangeAxis(1, 1);
                    DeviationRenderer slotRenderer = renderer(Palette.of("cycle.slots"), binned);
                    slotRenderer.setSeriesStroke(0, ChartStyle.DASHED);
                    size.setRenderer(1, slotRenderer);
                    // Slots (dashed) drawn over bytes: with full-track slots the two lines coincide.
                    size.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
                }
            }
            combined.add(size, 3);
        }
        if (hasDuration) {
            Scale scale = Scale.seconds(max(p, CyclePoints.DURATION));
            combined.add(subplot(series("duration", p, CyclePoints.DURATION, scale), Palette.of("cycle.duration"),
                    scale.axisLabel(binned ? "duration, mean" : "duration"), binned), 2);
        }
        if (hasFolding) {
            combined.add(subplot(series("folding ratio (writes ÷ slots)", p, CyclePoints.FOLDING, Scale.PLAIN),
                    Palette.of("cycle.folding"), "folding ratio", binned), 2);
        }
        return Optional.of(ChartStyle.chart("Cycles: size, duration and folding", combined, true));
    }

    /** Largest absolute value of a field over every replication and point (0 when none). */
    private static double max(CyclePoints p, int field) {
        double m = 0;
        for (int r = 0; r < p.runs(); r++) {
            for (int i = 0; i < p.size(); i++) {
                double v = p.value(r, field, i);
                if (!Double.isNaN(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    /** Per point with a value in some replication: the mean over those replications and its band. */
    private YIntervalSeries series(String key, CyclePoints p, int field, Scale scale) {
        YIntervalSeries s = new YIntervalSeries(key, false, true);
        double[] a = new double[p.runs()];
        for (int i = 0; i < p.size(); i++) {
            int n = 0;
            double sum = 0;
            for (int r = 0; r < p.runs(); r++) {
                double v = p.value(r, field, i);
                if (!Double.isNaN(v)) {
                    a[n++] = v;
                    sum += v;
                }
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            double half = bands.halfWidth(a, n, mean);
            s.add(p.x(i), scale.apply(mean), scale.apply(mean - half), scale.apply(mean + half));
        }
        return s;
    }

    private static XYPlot subplot(YIntervalSeries s, Color colour, String label, boolean binned) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        XYPlot p = new XYPlot(data, null, ChartStyle.zeroBasedAxis(label), renderer(colour, binned));
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        return p;
    }

    /** Lines with a dot per point; without dots when points are bins (they would touch). */
    private static DeviationRenderer renderer(Color colour, boolean binned) {
        DeviationRenderer r = new DeviationRenderer(true, !binned);
        r.setAlpha(0.22f);
        ChartStyle.keepSeriesStyle(r);
        r.setSeriesPaint(0, colour);
        r.setSeriesFillPaint(0, colour);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        return r;
    }
}
