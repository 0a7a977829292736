package org.repsim.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repsim.report.chart.VariantFigures.Verdict;

/**
 * The comparison chart of a sweep over named variants: host write latency (mean) against the
 * worst recovery-point lag, one labelled point per variant, the label giving the data lost at the
 * disaster; the colour says whether dependent-write violations were found (a red ring, drawn
 * larger, so that it shows around a point of another verdict at the same place). Lower left is better
 * on both counts; a red point's secondary image is not usable as it stands.
 */
public final class VariantChart {

    /** Latencies spanning more than this ratio get a logarithmic axis (sync next to asynchronous modes). */
    static final double LOG_RATIO = 20;

    private static final Map<Verdict, Color> COLOURS = new EnumMap<>(Map.of(Verdict.NONE_FOUND, Palette.MEAN,
            Verdict.VIOLATIONS, Palette.P999, Verdict.NOT_CHECKED, Palette.LIMIT));

    private VariantChart() {
    }

    /** A label drawn at one place: the variants there and what they lost. */
    public record Label(double lagS, double latencyS, String text) {
    }

    /** The chart; empty when no variant has both a latency and a lag. */
    public static Optional<JFreeChart> chart(List<VariantFigures> figures) {
        List<VariantFigures> drawn = figures.stream()
                .filter(f -> !Double.isNaN(f.latencyMeanS()) && !Double.isNaN(f.lagMaxS())).toList();
        if (drawn.isEmpty()) {
            return Optional.empty();
        }
        double maxLag = 0;
        double maxLatency = 0;
        double minLatency = Double.POSITIVE_INFINITY;
        for (VariantFigures f : drawn) {
            maxLag = Math.max(maxLag, f.lagMaxS());
            maxLatency = Math.max(maxLatency, f.latencyMeanS());
            minLatency = Math.min(minLatency, f.latencyMeanS());
        }
        Scale x = Scale.seconds(maxLag);
        Scale y = Scale.seconds(maxLatency);
        Map<Verdict, XYSeries> series = new LinkedHashMap<>();
        // violations first and larger: a red ring stays visible around a point drawn at the same place
        for (Verdict v : List.of(Verdict.VIOLATIONS, Verdict.NONE_FOUND, Verdict.NOT_CHECKED)) {
            for (VariantFigures f : drawn) {
                if (f.verdict() == v) {
                    series.computeIfAbsent(v, k -> new XYSeries(k.legend(), false, true))
                            .add(x.apply(f.lagMaxS()), y.apply(f.latencyMeanS()));
                }
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        ChartStyle.keepSeriesStyle(r);
        int i = 0;
        for (Map.Entry<Verdict, XYSeries> e : series.entrySet()) {
            data.addSeries(e.getValue());
            r.setSeriesPaint(i, COLOURS.get(e.getKey()));
            double d = e.getKey() == Verdict.VIOLATIONS ? 18 : 12;
            r.setSeriesShape(i, new Ellipse2D.Double(-d / 2, -d / 2, d, d));
            r.setSeriesStroke(i, ChartStyle.LINE);
            i++;
        }
        NumberAxis domain = ChartStyle.zeroBasedAxis(x.axisLabel("worst recovery-point lag, rpo.lag.max"));
        domain.setUpperMargin(0.08);
        domain.setLowerMargin(0.03);
        domain.setAutoRangeStickyZero(false); // a point at zero lag (sync) is drawn whole, off the axis line
        String rangeName = y.axisLabel("host write latency, mean");
        ValueAxis range;
        if (maxLatency / minLatency > LOG_RATIO) {
            LogAxis log = new LogAxis(rangeName + ", log scale");
            log.setTickUnit(new NumberTickUnit(1));
            log.setNumberFormatOverride(new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            log.setSmallestValue(y.apply(minLatency) / 100);
            log.setRange(y.apply(minLatency) / 4, y.apply(maxLatency) * 4);
            range = log;
        } else {
            NumberAxis n = ChartStyle.zeroBasedAxis(rangeName);
            n.setUpperMargin(0.2);
            range = n;
        }
        XYPlot plot = new XYPlot(data, domain, range, r);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        List<Label> labels = labels(drawn);
        int[] slots = slots(labels, maxLatency / minLatency > LOG_RATIO);
        for (int k = 0; k < labels.size(); k++) {
            Label l = labels.get(k);
            boolean left = maxLag > 0 && l.lagS() > 0.6 * maxLag;
            boolean below = slots[k] % 2 == 1;
            double angle = (left ? 3 * Math.PI / 4 : Math.PI / 4) * (below ? 1 : -1);
            XYPointerAnnotation a = new XYPointerAnnotation(l.text(), x.apply(l.lagS()), y.apply(l.latencyS()), angle);
            a.setTipRadius(8);
            a.setBaseRadius(24 + 26 * (slots[k] / 2));
            a.setArrowPaint(Palette.LIMIT);
            a.setTextAnchor(left ? (below ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_RIGHT)
                    : (below ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT));
            a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            plot.addAnnotation(a);
        }
        return Optional.of(ChartStyle.chart("Host write latency against recovery-point lag", plot, true));
    }

    /**
     * Where each label goes so that labels of points at about the same latency do not overlap:
     * slot 0 above the point, 1 below, 2 higher above, 3 further below, …, counted along each row
     * of points whose latencies are within a factor 1.5 ({@code log}) or 10 % of the largest.
     */
    static int[] slots(List<Label> labels, boolean log) {
        double max = labels.stream().mapToDouble(Label::latencyS).max().orElse(0);
        int[] slots = new int[labels.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(labels.get(a).lagS(), labels.get(b).lagS()));
        for (int n = 0; n < order.size(); n++) {
            Label l = labels.get(order.get(n));
            int inRow = 0;
            for (int m = 0; m < n; m++) {
                Label o = labels.get(order.get(m));
                boolean sameRow = log ? Math.abs(Math.log(o.latencyS() / l.latencyS())) < Math.log(1.5)
                        : Math.abs(o.latencyS() - l.latencyS()) < 0.1 * max;
                if (sameRow) {
                    inRow++;
                }
            }
            slots[order.get(n)] = inRow;
        }
        return slots;
    }

    /**
     * One label per place: variants whose lag and latency print alike (three significant digits)
     * and whose verdict is the same share a label, e.g. {@code "host / shuttle: lost 8 writes (32 KiB)"}.
     */
    public static List<Label> labels(List<VariantFigures> figures) {
        Map<String, List<VariantFigures>> places = new LinkedHashMap<>();
        for (VariantFigures f : figures) {
            String key = Scale.number(f.lagMaxS()) + "|" + Scale.number(f.latencyMeanS()) + "|" + f.verdict();
            places.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Label> out = new ArrayList<>();
        for (List<VariantFigures> here : places.values()) {
            boolean sameLoss = here.stream().map(VariantFigures::lostWrites).distinct().count() == 1;
            StringBuilder b = new StringBuilder();
            for (VariantFigures f : here) {
                if (b.length() > 0) {
                    b.append(sameLoss ? " / " : "; ");
                }
                b.append(f.label());
                if (!sameLoss) {
                    b.append(": ").append(loss(f));
                }
            }
            if (sameLoss && !Double.isNaN(here.get(0).lostWrites())) {
                b.append(": ").append(loss(here.get(0)));
            }
            out.add(new Label(here.get(0).lagMaxS(), here.get(0).latencyMeanS(), b.toString()));
        }
        return out;
    }

    /** "lost 8 writes (32 KiB)", or "no disaster" when the point recorded no loss. */
    static String loss(VariantFigures f) {
        if (Double.isNaN(f.lostWrites())) {
            return "no disaster";
        }
        String bytes = Double.isNaN(f.lostBytes()) ? "" : " (" + Scale.bytes(f.lostBytes()).format(f.lostBytes()) + ")";
        return "lost " + Scale.number(f.lostWrites()) + " writes" + bytes;
    }
}
