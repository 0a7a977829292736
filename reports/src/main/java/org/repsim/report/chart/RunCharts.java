package org.repsim.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repsim.core.measure.Hint;
import org.repsim.core.measure.Measures;
import org.repsim.core.measure.Statistics;
import org.repsim.core.result.RunResult;
import org.repsim.report.chart.ReplicationBand.Spread;

/**
 * The time charts of one sweep point, built from its replications' time series. Each method
 * returns empty when the columns it draws are absent, so a report shows only what the engine
 * recorded. Column names and presentation come from the catalogue ({@link Measures}). Lines
 * are the mean across replications per sample; shaded bands (drawn when there are at least two
 * replications) are the 95 % Student-t interval of that mean, or, for a column the catalogue
 * marks {@link Hint#SAWTOOTH}, the replications' range (lowest to highest).
 */
public final class RunCharts {

    /** Latency statistics of a latency column family, with legend names and colours. */
    private static final String[] LATENCY_STATISTICS = {"mean", "p50", "p99", "p999"};
    private static final String[] LATENCY_NAMES = {"mean", "p50", "p99", "p99.9"};
    private static final Color[] LATENCY_COLOURS = {Palette.MEAN, Palette.P50, Palette.P99, Palette.P999};

    private final List<RunResult> runs;
    private final ReplicationBand bands = new ReplicationBand();

    public RunCharts(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /**
     * Host latency per sample interval: the interval columns of {@code latency} (the catalogue's
     * {@link Measures#HOST_WRITE_LATENCY} or {@link Measures#HOST_READ_LATENCY}); {@code direction}
     * ("write", "read") names it in the title.
     */
    public Optional<JFreeChart> latency(Statistics latency, String direction) {
        List<String> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < LATENCY_STATISTICS.length; i++) {
            String c = Measures.hostLatencyColumn(latency, LATENCY_STATISTICS[i]).name();
            if (ReplicationBand.present(runs, c)) {
                cols.add(c);
                names.add(LATENCY_NAMES[i]);
                colours.add(LATENCY_COLOURS[i]);
                max = Math.max(max, ReplicationBand.maxAbs(runs, c));
            }
        }
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        Scale scale = Scale.seconds(max);
        XYPlot plot = plot(cols, names, colours, scale, true, scale.axisLabel("host " + direction + " latency"));
        Shading.shade(plot, Shading.intervals(runs, Shading.LINK_DOWN, Shading.LINK_DEGRADE, Shading.DISASTER));
        return Optional.of(ChartStyle.chart("Host " + direction + " latency per sample interval", plot, true));
    }

    /**
     * A queue whose depth stays below this in every sample of every replication is idle: it is
     * left out of the queue chart ({@link #idleQueues()}), where it would be a line on zero.
     */
    public static final double IDLE_QUEUE_DEPTH = 0.01;

    /** The queue columns ({@code queue.*}) whose depth stays below {@link #IDLE_QUEUE_DEPTH} throughout. */
    public List<String> idleQueues() {
        List<String> out = new ArrayList<>();
        for (String c : ReplicationBand.columnsStartingWith(runs, Measures.QUEUE_COLUMN.prefix())) {
            if (ReplicationBand.maxAbs(runs, c) < IDLE_QUEUE_DEPTH) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Queue depth of every processor, disk group, link and the reorder queue ({@code queue.*}),
     * except the idle ones ({@link #idleQueues()}).
     */
    public Optional<JFreeChart> queues() {
        List<String> cols = drawnQueues();
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        List<QueueGroups.Group> groups = queueGroups();
        if (groups.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (String c : cols) {
                names.add(Palette.component(c));
            }
            XYPlot plot = plot(runs, cols, names, Palette.distinct(names), Scale.PLAIN, false,
                    "queue depth (waiting + in service)");
            Shading.shade(plot, Shading.intervals(runs, Shading.LINK_DOWN, Shading.LINK_DEGRADE));
            return Optional.of(ChartStyle.chart("Queue depth per component", plot, true));
        }
        // too many queues for a line each: alike ones as a group's highest and mean (QueueGroups)
        List<String> keys = new ArrayList<>();
        for (QueueGroups.Group g : groups) {
            keys.add(g.key());
        }
        List<Color> groupColours = Palette.distinct(keys);
        List<String> lineCols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        List<Integer> dashed = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            QueueGroups.Group g = groups.get(i);
            if (g.members().size() == 1) {
                lineCols.add(g.members().get(0));
                names.add(Palette.component(g.members().get(0)));
                colours.add(groupColours.get(i));
            } else {
                lineCols.add(g.highestColumn());
                names.add(g.key() + ": highest of " + g.members().size());
                colours.add(groupColours.get(i));
                lineCols.add(g.meanColumn());
                names.add(g.key() + ": mean");
                colours.add(groupColours.get(i));
                dashed.add(lineCols.size() - 1);
            }
        }
        XYPlot plot = plot(QueueGroups.lines(runs, groups), lineCols, names, colours, Scale.PLAIN, false,
                "queue depth (waiting + in service)");
        for (int d : dashed) {
            plot.getRenderer().setSeriesStroke(d, ChartStyle.DASHED);
        }
        Shading.shade(plot, Shading.intervals(runs, Shading.LINK_DOWN, Shading.LINK_DEGRADE));
        return Optional.of(ChartStyle.chart("Queue depth per kind of component", plot, true));
    }

    /** The queue columns the queue chart draws: every {@code queue.*} column but the idle ones. */
    private List<String> drawnQueues() {
        List<String> cols = ReplicationBand.columnsStartingWith(runs, Measures.QUEUE_COLUMN.prefix());
        cols.removeAll(idleQueues());
        return cols;
    }

    /**
     * The groups the queue chart draws when it has more than {@link QueueGroups#MAX_LINES} queues,
     * or empty when it draws a line per queue.
     */
    public List<QueueGroups.Group> queueGroups() {
        List<String> cols = drawnQueues();
        return cols.size() > QueueGroups.MAX_LINES ? QueueGroups.of(cols) : List.of();
    }

    /** The runs the charts are drawn from. */
    public List<RunResult> runs() {
        return runs;
    }

    /** Session cache and spill-pool occupancy with the session limit as a dashed line. */
    public Optional<JFreeChart> cache() {
        String[] cols = {Measures.CACHE_SESSION_BYTES.name(), Measures.SPILL_BYTES.name(),
            Measures.CACHE_SESSION_LIMIT.name()};
        String[] labels = {"session cache", "spill pool", "session limit"};
        Color[] colours = {Palette.of("cache.session"), Palette.of("spill"), Palette.LIMIT};
        List<String> present = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Color> cs = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < cols.length; i++) {
            if (ReplicationBand.present(runs, cols[i])) {
                present.add(cols[i]);
                names.add(labels[i]);
                cs.add(colours[i]);
                max = Math.max(max, ReplicationBand.maxAbs(runs, cols[i]));
            }
        }
        if (!present.contains(cols[0]) && !present.contains(cols[1])) {
            return Optional.empty();
        }
        Scale scale = Scale.bytes(max);
        XYPlot plot = plot(present, names, cs, scale, true, scale.axisLabel("occupancy"));
        int limit = present.indexOf(cols[2]);
        if (limit >= 0) {
            plot.getRenderer().setSeriesStroke(limit, ChartStyle.DASHED);
        }
        Shading.shade(plot, Shading.intervals(runs, Shading.SESSION_DROP, Shading.LINK_DOWN, Shading.LINK_DEGRADE));
        return Optional.of(ChartStyle.chart("Session cache and spill-pool occupancy", plot, true));
    }

    /** Busy fraction of every link per interval, with outages shaded. */
    public Optional<JFreeChart> links() {
        List<String> cols = new ArrayList<>();
        for (String c : ReplicationBand.columnsStartingWith(runs, Measures.LINK_UTILIZATION_COLUMN.prefix())) {
            if (Measures.LINK_UTILIZATION_COLUMN.matches(c)) {
                cols.add(c);
            }
        }
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (String c : cols) {
            names.add(Palette.component(c));
        }
        XYPlot plot = plot(cols, names, Palette.distinct(names), Scale.PERCENT, true, "link utilisation (%)");
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 105);
        Shading.shade(plot, Shading.intervals(runs, Shading.LINK_DOWN, Shading.LINK_DEGRADE));
        return Optional.of(ChartStyle.chart("Link utilisation", plot, true));
    }

    /**
     * Recovery-point lag with the target line; {@code aboveTargetFraction} (NaN when unknown)
     * is written under the title.
     */
    public Optional<JFreeChart> rpoLag(Double rpoTargetS, double aboveTargetFraction) {
        String lagColumn = Measures.RPO_LAG.name();
        if (!ReplicationBand.present(runs, lagColumn)) {
            return Optional.empty();
        }
        double max = Math.max(ReplicationBand.maxAbs(runs, lagColumn), rpoTargetS == null ? 0 : rpoTargetS);
        Scale scale = Scale.seconds(max);
        XYPlot plot = plot(List.of(lagColumn), List.of("recovery-point lag"), List.of(Palette.of("rpo")), scale, true,
                scale.axisLabel("recovery-point lag"));
        Shading.shade(plot, Shading.intervals(runs, Shading.LINK_DOWN, Shading.LINK_DEGRADE, Shading.SESSION_DROP, Shading.DISASTER));
        JFreeChart chart = ChartStyle.chart("Recovery-point lag", plot, false);
        if (rpoTargetS != null) {
            double target = scale.apply(rpoTargetS);
            ValueMarker m = new ValueMarker(target, Palette.TARGET, ChartStyle.DASHED);
            m.setLabel("target " + Scale.seconds(rpoTargetS).format(rpoTargetS));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            m.setLabelPaint(Palette.TARGET);
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
            NumberAxis axis = (NumberAxis) plot.getRangeAxis();
            Range r = axis.getRange();
            if (r.getUpperBound() < target * 1.15) {
                axis.setRange(0, target * 1.15);
            }
            if (!Double.isNaN(aboveTargetFraction)) {
                chart.addSubtitle(new TextTitle("lag above target " + Scale.PERCENT.format(aboveTargetFraction)
                        + " of the time", new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
            }
        }
        return Optional.of(chart);
    }

    /** Closed cycles not yet acknowledged by the secondary ({@code cycle.transmitQueue}). */
    public Optional<JFreeChart> transmitQueue() {
        String queue = Measures.TRANSMIT_QUEUE.name();
        if (!ReplicationBand.present(runs, queue)) {
            return Optional.empty();
        }
        XYPlot plot = plot(List.of(queue), List.of("transmit queue"), List.of(Palette.of("cycle.transmitQueue")),
                Scale.PLAIN, true, "closed cycles not yet acknowledged");
        Shading.shade(plot, Shading.intervals(runs, Shading.LINK_DOWN, Shading.LINK_DEGRADE));
        return Optional.of(ChartStyle.chart("Transmit queue: closed cycles not yet acknowledged", plot, false));
    }

    /**
     * Share of time the lag exceeded the target, from the time series: per replication the
     * share of samples above the target, averaged. NaN without target or series.
     */
    public double aboveTargetFraction(Double rpoTargetS) {
        if (rpoTargetS == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (RunResult r : runs) {
            String lagColumn = Measures.RPO_LAG.name();
            if (r.series() == null || r.series().columnIndex(lagColumn) < 0 || r.series().rows() == 0) {
                continue;
            }
            double[] lag = r.series().column(lagColumn);
            int above = 0;
            for (double v : lag) {
                if (v > rpoTargetS) {
                    above++;
                }
            }
            sum += (double) above / lag.length;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Whether the catalogue marks the column a sawtooth (its band is then the replications' range). */
    static boolean sawtooth(String column) {
        return Measures.column(column).map(c -> c.has(Hint.SAWTOOTH)).orElse(false);
    }

    private XYPlot plot(List<String> cols, List<String> names, List<Color> colours, Scale scale, boolean band,
            String rangeLabel) {
        return plot(runs, cols, names, colours, scale, band, rangeLabel);
    }

    private XYPlot plot(List<RunResult> runs, List<String> cols, List<String> names, List<Color> colours, Scale scale,
            boolean band, String rangeLabel) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        boolean withBand = band && runs.size() > 1;
        for (int i = 0; i < cols.size(); i++) {
            Spread spread = !withBand ? Spread.NONE : sawtooth(cols.get(i)) ? Spread.RANGE : Spread.CONFIDENCE;
            data.addSeries(bands.of(names.get(i), runs, cols.get(i), scale, spread));
        }
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.22f);
        ChartStyle.keepSeriesStyle(r);
        for (int i = 0; i < cols.size(); i++) {
            r.setSeriesPaint(i, colours.get(i));
            r.setSeriesFillPaint(i, colours.get(i));
            r.setSeriesStroke(i, ChartStyle.LINE);
        }
        XYPlot plot = new XYPlot(data, ChartStyle.timeAxis(), ChartStyle.zeroBasedAxis(rangeLabel), r);
        return plot;
    }
}
