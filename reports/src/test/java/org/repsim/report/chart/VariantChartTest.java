package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.report.chart.VariantFigures.Verdict;

class VariantChartTest {

    static final double NONE = Double.NaN;


    @Test
    void theVerdictIsAViolationWhenEitherCountIsAboveZeroAndNotCheckedWhenNeitherIsRecorded() {
        assertThat(Verdict.of(NONE, NONE)).isEqualTo(Verdict.NOT_CHECKED);
        assertThat(Verdict.of(0, NONE)).isEqualTo(Verdict.NONE_FOUND);
        assertThat(Verdict.of(NONE, 0)).isEqualTo(Verdict.NONE_FOUND);
        assertThat(Verdict.of(0, 0)).isEqualTo(Verdict.NONE_FOUND);
        assertThat(Verdict.of(0.5, NONE)).isEqualTo(Verdict.VIOLATIONS);
        assertThat(Verdict.of(0, 3)).isEqualTo(Verdict.VIOLATIONS);
    }

    @Test
    void figuresAreTheCatalogueMetricsOfEachPointInPointOrder() {
        List<VariantFigures> f = VariantFigures.of(VariantSummaries.modes());
        assertThat(f).extracting(VariantFigures::label).containsExactly("sync", "ordered", "ordered-off", "cycle-none", "host");
        VariantFigures host = f.get(4);
        assertThat(host.latencyMeanS()).isEqualTo(43.4e-6);
        assertThat(host.latencyP99S()).isEqualTo(4 * 43.4e-6);
        assertThat(host.lagMaxS()).isEqualTo(5.59);
        assertThat(host.lostBytes()).isEqualTo(22902 * 4096.0);
        assertThat(host.outOfOrder()).isNaN();
        assertThat(f).extracting(VariantFigures::verdict).containsExactly(Verdict.NOT_CHECKED, Verdict.NONE_FOUND,
                Verdict.VIOLATIONS, Verdict.VIOLATIONS, Verdict.NONE_FOUND);
    }

    @Test
    void crossedAxesFollowTheVariantNameInTheLabel() {
        PointSummary p = VariantSummaries.point("p000", "sync", 1e-3, 0, 0, NONE, NONE);
        p.params().put("links[wan].bandwidth", "1 Gbit/s");
        ExperimentSummary s = new ExperimentSummary("x", "t", List.of("variant", "links[wan].bandwidth"), List.of(p));
        assertThat(VariantFigures.of(s).get(0).label()).isEqualTo("sync, links[wan].bandwidth = 1 Gbit/s");
    }

    @Test
    void variantsAtOnePlaceShareALabelThatNamesEachAndTheLoss() {
        List<VariantChart.Label> labels = VariantChart.labels(VariantFigures.of(VariantSummaries.modes()));
        // ordered and ordered-off stand at one place but differ in verdict: a label each
        assertThat(labels).extracting(VariantChart.Label::text).containsExactly(
                "sync: lost 0 writes (0 B)",
                "ordered: lost 8 writes (32 KiB)",
                "ordered-off: lost 8 writes (32 KiB)",
                "cycle-none: lost 45,806 writes (179 MiB)",
                "host: lost 22,902 writes (89.5 MiB)");
        ExperimentSummary sameLoss = new ExperimentSummary("s", "t", List.of("variant"), List.of(
                VariantSummaries.point("p0", "a", 1e-3, 1, 5, 0, NONE), VariantSummaries.point("p1", "b", 1e-3, 1, 5, NONE, 0)));
        assertThat(VariantChart.labels(VariantFigures.of(sameLoss))).extracting(VariantChart.Label::text)
                .containsExactly("a / b: lost 5 writes (20 KiB)");
        ExperimentSummary differentLoss = new ExperimentSummary("d", "t", List.of("variant"), List.of(
                VariantSummaries.point("p0", "a", 1e-3, 1, 5, 0, NONE), VariantSummaries.point("p1", "b", 1e-3, 1, 7, 0, NONE)));
        assertThat(VariantChart.labels(VariantFigures.of(differentLoss))).extracting(VariantChart.Label::text)
                .containsExactly("a: lost 5 writes (20 KiB); b: lost 7 writes (28 KiB)");
    }

    @Test
    void theChartHasALabelledPointPerVariantColouredByVerdictOnALogLatencyAxisWhenLatenciesSpanDecades() {
        JFreeChart chart = VariantChart.chart(VariantFigures.of(VariantSummaries.modes())).orElseThrow();
        XYPlot plot = chart.getXYPlot();
        List<String> texts = new ArrayList<>();
        for (XYAnnotation a : plot.getAnnotations()) {
            texts.add(((XYTextAnnotation) a).getText().strip());
        }
        assertThat(texts).hasSize(5);
        for (String v : List.of("sync", "ordered", "ordered-off", "cycle-none", "host")) {
            assertThat(texts).anyMatch(t -> t.startsWith(v + ":"));
        }
        assertThat(plot.getDataset().getSeriesCount()).isEqualTo(3);
        assertThat(plot.getDataset().getSeriesKey(0)).isEqualTo(Verdict.VIOLATIONS.legend());
        assertThat(plot.getDataset().getItemCount(0)).isEqualTo(2); // ordered-off, cycle-none
        assertThat(plot.getDataset().getItemCount(1)).isEqualTo(2); // ordered, host
        assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(Palette.P999);
        // 3.1 ms against 43 µs: more than LOG_RATIO apart
        assertThat(plot.getRangeAxis()).isInstanceOf(LogAxis.class);
        // sync: x = 0 s, y = 3.1 ms (the latency axis is in ms, the lag axis in s)
        assertThat(plot.getDataset().getXValue(2, 0)).isEqualTo(0.0);
        assertThat(plot.getDataset().getYValue(2, 0)).isCloseTo(3.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("worst recovery-point lag, rpo.lag.max (s)");
    }

    @Test
    void labelsInOneRowAlternateAboveAndBelowAndMoveOutwards() {
        List<VariantChart.Label> labels = VariantChart.labels(VariantFigures.of(VariantSummaries.modes()));
        // by lag: sync alone in the 3 ms row; ordered, ordered-off, host, cycle-none in the 43 µs row
        assertThat(VariantChart.slots(labels, true)).containsExactly(0, 0, 1, 3, 2);
    }

    @Test
    void closeLatenciesKeepALinearAxisAndNoDrawablePointMeansNoChart() {
        ExperimentSummary close = new ExperimentSummary("c", "t", List.of("variant"), List.of(
                VariantSummaries.point("p0", "a", 1e-3, 1, 5, 0, NONE), VariantSummaries.point("p1", "b", 2e-3, 2, 7, 0, NONE)));
        assertThat(VariantChart.chart(VariantFigures.of(close)).orElseThrow().getXYPlot().getRangeAxis())
                .isInstanceOf(NumberAxis.class);
        ExperimentSummary empty = new ExperimentSummary("e", "t", List.of("variant"), List.of(
                VariantSummaries.point("p0", "a", NONE, 1, 5, 0, NONE)));
        assertThat(VariantChart.chart(VariantFigures.of(empty))).isEmpty();
    }
}
