package org.repsim.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;

/**
 * Per-cycle figures from the {@code cycles} table: size (bytes and slots), duration and
 * folding ratio against the cycle number. Rows of one replication with the same number (one
 * per primary box of a consistency group) are added up (bytes, slots, writes) and the longest
 * duration is kept; folding is then writes ÷ slots. Across replications each cycle number
 * shows the mean of the replications that reached it, with a 95 % band.
 */
public final class CycleChart {

    public static final String TABLE = "cycles";

    private final List<RunResult> runs;
    private final ReplicationBand bands = new ReplicationBand();

    public CycleChart(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** The cycles tables of the replications that have one with rows. */
    private List<Table> tables() {
        List<Table> out = new ArrayList<>();
        for (RunResult r : runs) {
            Table t = r.tables().get(TABLE);
            if (t != null && t.size() > 0 && t.columns().contains("number")) {
                out.add(t);
            }
        }
        return out;
    }

    public Optional<JFreeChart> chart() {
        List<Table> tables = tables();
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        List<Map<Double, double[]>> perRun = new ArrayList<>();
        for (Table t : tables) {
            perRun.add(byNumber(t));
        }
        boolean hasBytes = has(tables, "bytes");
        boolean hasSlots = has(tables, "slots");
        boolean hasDuration = has(tables, "durationS") || (has(tables, "openS") && has(tables, "closeS"));
        boolean hasFolding = has(tables, "folding") || (has(tables, "writes") && hasSlots);
        if (!hasBytes && !hasSlots && !hasDuration && !hasFolding) {
            return Optional.empty();
        }
        NumberAxis cycleAxis = new NumberAxis("cycle number");
        cycleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(cycleAxis);
        combined.setGap(14);
        if (hasBytes || hasSlots) {
            XYPlot size = null;
            if (hasBytes) {
                Scale scale = Scale.bytes(max(perRun, BYTES));
                size = subplot(series("bytes", perRun, BYTES, scale), Palette.of("cycle.bytes"), scale.axisLabel("cycle size"));
            }
            if (hasSlots) {
                YIntervalSeries slots = series("slots", perRun, SLOTS, Scale.PLAIN);
                if (size == null) {
                    size = subplot(slots, Palette.of("cycle.slots"), "slots");
                } else {
                    YIntervalSeriesCollection slotData = new YIntervalSeriesCollection();
                    slotData.addSeries(slots);
                    size.setDataset(1, slotData);
                    NumberAxis slotAxis = ChartStyle.zeroBasedAxis("slots");
                    size.setRangeAxis(1, slotAxis);
                    size.mapDatasetToRangeAxis(1, 1);
                    DeviationRenderer slotRenderer = renderer(Palette.of("cycle.slots"));
                    slotRenderer.setSeriesStroke(0, ChartStyle.DASHED);
                    size.setRenderer(1, slotRenderer);
                    // Slots (dashed) drawn over bytes: with full-track slots the two lines coincide.
                    size.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
                }
            }
            combined.add(size, 3);
        }
        if (hasDuration) {
            Scale scale = Scale.seconds(max(perRun, DURATION));
            combined.add(subplot(series("duration", perRun, DURATION, scale), Palette.of("cycle.duration"),
                    scale.axisLabel("duration")), 2);
        }
        if (hasFolding) {
            combined.add(subplot(series("folding ratio (writes ÷ slots)", perRun, FOLDING, Scale.PLAIN),
                    Palette.of("cycle.folding"), "folding ratio"), 2);
        }
        return Optional.of(ChartStyle.chart("Cycles: size, duration and folding", combined, true));
    }

    private static final int BYTES = 0;
    private static final int SLOTS = 1;
    private static final int DURATION = 2;
    private static final int FOLDING = 3;
    private static final int WRITES = 4;

    private static boolean has(List<Table> tables, String column) {
        for (Table t : tables) {
            if (t.columns().contains(column)) {
                return true;
            }
        }
        return false;
    }

    /** cycle number → {bytes, slots, durationS, folding, writes} of one replication, rows of a number merged. */
    static Map<Double, double[]> byNumber(Table t) {
        double[] number = t.column("number");
        double[] bytes = columnOrNaN(t, "bytes");
        double[] slots = columnOrNaN(t, "slots");
        double[] writes = columnOrNaN(t, "writes");
        double[] folding = columnOrNaN(t, "folding");
        double[] duration = columnOrNaN(t, "durationS");
        if (!t.columns().contains("durationS") && t.columns().contains("openS") && t.columns().contains("closeS")) {
            double[] open = t.column("openS");
            double[] close = t.column("closeS");
            for (int i = 0; i < duration.length; i++) {
                duration[i] = close[i] - open[i];
            }
        }
        Map<Double, double[]> out = new TreeMap<>();
        Map<Double, double[]> foldingSum = new TreeMap<>();
        for (int i = 0; i < number.length; i++) {
            double[] acc = out.computeIfAbsent(number[i], k -> new double[] {0, 0, Double.NaN, Double.NaN, 0});
            acc[BYTES] = sumNaN(acc[BYTES], bytes[i]);
            acc[SLOTS] = sumNaN(acc[SLOTS], slots[i]);
            acc[WRITES] = sumNaN(acc[WRITES], writes[i]);
            if (!Double.isNaN(duration[i])) {
                acc[DURATION] = Double.isNaN(acc[DURATION]) ? duration[i] : Math.max(acc[DURATION], duration[i]);
            }
            if (!Double.isNaN(folding[i])) {
                double[] f = foldingSum.computeIfAbsent(number[i], k -> new double[2]);
                f[0] += folding[i];
                f[1]++;
            }
        }
        boolean fromCounts = t.columns().contains("writes") && t.columns().contains("slots");
        for (Map.Entry<Double, double[]> e : out.entrySet()) {
            double[] acc = e.getValue();
            if (fromCounts) {
                acc[FOLDING] = acc[SLOTS] > 0 ? acc[WRITES] / acc[SLOTS] : Double.NaN;
            } else {
                double[] f = foldingSum.get(e.getKey());
                acc[FOLDING] = f == null ? Double.NaN : f[0] / f[1];
            }
            if (!t.columns().contains("bytes")) {
                acc[BYTES] = Double.NaN;
            }
            if (!t.columns().contains("slots")) {
                acc[SLOTS] = Double.NaN;
            }
        }
        return out;
    }

    private static double sumNaN(double acc, double v) {
        return Double.isNaN(v) ? acc : acc + v;
    }

    private static double[] columnOrNaN(Table t, String column) {
        if (t.columns().contains(column)) {
            return t.column(column);
        }
        double[] out = new double[t.size()];
        java.util.Arrays.fill(out, Double.NaN);
        return out;
    }

    private static double max(List<Map<Double, double[]>> perRun, int field) {
        double m = 0;
        for (Map<Double, double[]> run : perRun) {
            for (double[] v : run.values()) {
                if (!Double.isNaN(v[field])) {
                    m = Math.max(m, Math.abs(v[field]));
                }
            }
        }
        return m;
    }

    private YIntervalSeries series(String key, List<Map<Double, double[]>> perRun, int field, Scale scale) {
        TreeMap<Double, List<Double>> values = new TreeMap<>();
        for (Map<Double, double[]> run : perRun) {
            for (Map.Entry<Double, double[]> e : run.entrySet()) {
                double v = e.getValue()[field];
                if (!Double.isNaN(v)) {
                    values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        YIntervalSeries s = new YIntervalSeries(key, false, true);
        for (Map.Entry<Double, List<Double>> e : values.entrySet()) {
            List<Double> vs = e.getValue();
            double[] a = new double[vs.size()];
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                a[i] = vs.get(i);
                sum += a[i];
            }
            double mean = sum / a.length;
            double half = bands.halfWidth(a, a.length, mean);
            s.add(e.getKey(), scale.apply(mean), scale.apply(mean - half), scale.apply(mean + half));
        }
        return s;
    }

    private static XYPlot subplot(YIntervalSeries s, Color colour, String label) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        XYPlot p = new XYPlot(data, null, ChartStyle.zeroBasedAxis(label), renderer(colour));
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        return p;
    }

    private static DeviationRenderer renderer(Color colour) {
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.22f);
        ChartStyle.keepSeriesStyle(r);
        r.setSeriesPaint(0, colour);
        r.setSeriesFillPaint(0, colour);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        return r;
    }
}
