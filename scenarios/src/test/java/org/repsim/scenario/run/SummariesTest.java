package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Metric;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;

class SummariesTest {
    private static final PlanPoint POINT = PlanPoint.single("p0", null);

    private static List<SortedMap<String, Metric>> runs(String name, String unit, double... values) {
        List<SortedMap<String, Metric>> out = new ArrayList<>();
        for (double v : values) {
            SortedMap<String, Metric> m = new TreeMap<>();
            m.put(name, new Metric(name, v, unit));
            out.add(m);
        }
        return out;
    }

    @Test
    void halfWidthIsTheStudentTQuantileTimesTheStandardError() {
        PointSummary p = Summaries.point(POINT, runs("host.write.latency.mean", "s", 1, 2, 3, 4, 5));
        MetricSummary m = p.metric("host.write.latency.mean");

        double t = new TDistribution(4).inverseCumulativeProbability(0.975);
        // tabulated t(0.975, 4 d.f.); Commons Math inverts the CDF to its default accuracy of 1e-9
        assertThat(t).isCloseTo(2.7764451051977987, within(1e-9));
        // sample standard deviation of 1..5 is sqrt(2.5)
        assertThat(m.ci95()).isCloseTo(t * Math.sqrt(2.5) / Math.sqrt(5), within(1e-14));
        assertThat(m.ci95()).isCloseTo(1.9632431615, within(1e-9));
        assertThat(m.mean()).isEqualTo(3.0);
        assertThat(m.min()).isEqualTo(1.0);
        assertThat(m.max()).isEqualTo(5.0);
        assertThat(m.unit()).isEqualTo("s");
        assertThat(m.n()).isEqualTo(5);
        assertThat(p.replications()).isEqualTo(5);
    }

    @Test
    void aMetricMissingFromSomeReplicationsCountsOnlyThoseThatHaveIt() {
        List<SortedMap<String, Metric>> r = runs("host.writes", "count", 10, 20, 30);
        r.get(0).put("rpo.lag.max", new Metric("rpo.lag.max", 2.0, "s"));
        r.get(2).put("rpo.lag.max", new Metric("rpo.lag.max", 4.0, "s"));
        r.get(1).put("rpo.lag.max", new Metric("rpo.lag.max", Double.NaN, "s"));

        PointSummary p = Summaries.point(POINT, r);

        MetricSummary lag = p.metric("rpo.lag.max");
        assertThat(lag.n()).isEqualTo(2);
        assertThat(lag.mean()).isEqualTo(3.0);
        double t1 = new TDistribution(1).inverseCumulativeProbability(0.975);
        assertThat(lag.ci95()).isCloseTo(t1 * Math.sqrt(2.0) / Math.sqrt(2), within(1e-12));
        assertThat(p.metric("host.writes").n()).isEqualTo(3);
        assertThat(p.replications()).isEqualTo(3);
    }

    @Test
    void oneReplicationHasNoHalfWidth() {
        MetricSummary m = Summaries.point(POINT, runs("x", "", 7.5)).metric("x");
        assertThat(m.ci95()).isNaN();
        assertThat(m.mean()).isEqualTo(7.5);
        assertThat(m.n()).isEqualTo(1);
    }

    @Test
    void replicationsDisagreeingOnAUnitIsAnError() {
        List<SortedMap<String, Metric>> r = runs("lag", "s", 1, 2);
        r.get(1).put("lag", new Metric("lag", 2, "ns"));
        assertThatThrownBy(() -> Summaries.point(POINT, r))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("metric lag of point p0 has unit 's' in one replication and 'ns' in replication 1");
    }

    @Test
    void experimentSummaryKeepsPlanOrderAndParameters() {
        ExperimentPlan plan = FakeModel.plan(2, 0.9, 0.1);
        ExperimentSummary s = Summaries.experiment(plan, List.of(runs("x", "s", 1, 2), runs("x", "s", 5, 6)));
        assertThat(s.scenario()).isEqualTo("fake-scenario");
        assertThat(s.version()).isEqualTo("0.1.0-test");
        assertThat(s.sweptPaths()).containsExactly("workloads[oltp].rate");
        assertThat(s.points()).extracting(PointSummary::id).containsExactly("p0", "p1");
        assertThat(s.points().get(1).params()).isEqualTo(new LinkedHashMap<>(java.util.Map.of(
                "workloads[oltp].rate", "100/s")));
        assertThat(s.points().get(1).metric("x").mean()).isEqualTo(5.5);
    }
}
