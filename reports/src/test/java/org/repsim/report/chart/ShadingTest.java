package org.repsim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.Interval;

/** Faults and drops shaded on a time chart: every kind labelled, and none outside the axis. */
class ShadingTest {

    private static XYPlot plotUpTo(double lastSampleS) {
        XYSeries s = new XYSeries("lag");
        for (int t = 1; t <= lastSampleS; t++) {
            s.add(t, t % 30);
        }
        return new XYPlot(new XYSeriesCollection(s), ChartStyle.timeAxis(), new NumberAxis("lag"), null);
    }

    @Test
    void aDisasterAfterTheLastSampleWidensTheAxisSoItsBandShows() {
        XYPlot plot = plotUpTo(149);
        assertThat(plot.getDomainAxis().getRange().getUpperBound()).isLessThan(150);
        Shading.shade(plot, List.of(new Interval(Shading.LINK_DOWN, "wan", 60, 80),
                new Interval(Shading.DISASTER, "prod", 150, 150)));
        assertThat(plot.getDomainAxis().getRange().getUpperBound()).isGreaterThan(150);
        assertThat(plot.getDomainAxis().getRange().getLowerBound()).isLessThanOrEqualTo(1);
        Collection<?> markers = plot.getDomainMarkers(Layer.BACKGROUND);
        assertThat(markers).hasSize(2);
        assertThat(markers).map(m -> ((Marker) m).getLabel()).containsExactly("wan down", "disaster prod");
        IntervalMarker disaster = (IntervalMarker) markers.stream().skip(1).findFirst().orElseThrow();
        assertThat(disaster.getStartValue()).isEqualTo(150);
        assertThat(disaster.getEndValue()).isGreaterThan(150)
                .isLessThanOrEqualTo(plot.getDomainAxis().getRange().getUpperBound());
    }

    @Test
    void aDegradedLinkIsShadedAndLabelledAndSpansInsideTheAxisLeaveItAlone() {
        XYPlot plot = plotUpTo(120);
        double upper = plot.getDomainAxis().getRange().getUpperBound();
        Shading.shade(plot, List.of(new Interval(Shading.LINK_DEGRADE, "wan", 10, 20)));
        assertThat(plot.getDomainAxis().getRange().getUpperBound()).isEqualTo(upper);
        assertThat(plot.getDomainMarkers(Layer.BACKGROUND)).singleElement()
                .satisfies(m -> assertThat(((Marker) m).getLabel()).isEqualTo("wan degraded"))
                .satisfies(m -> assertThat(((Marker) m).getPaint()).isEqualTo(Palette.DEGRADED));
    }
}
