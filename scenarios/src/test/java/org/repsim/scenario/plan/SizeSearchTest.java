package org.repsim.scenario.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The search on models with a known answer: a metric = load ÷ value (+ noise shared by replication). */
class SizeSearchTest {

    /** Utilisation of a link of bandwidth v carrying 10 MB/s, with replication r's noise the same at every v. */
    private static SizeSearch.Replications utilisation(double noise) {
        return (v, from, to) -> {
            double[] out = new double[to - from];
            for (int r = from; r < to; r++) {
                double e = new SplittableRandom(1000 + r).nextGaussian() * noise;
                out[r - from] = 10e6 * (1 + e) / v;
            }
            return out;
        };
    }

    @Test
    void theSmallestBandwidthBracketsLoadOverThresholdWithinTheResolution() {
        SizedParameter p = SizedParameter.of("links[wan].bandwidth", "10 Mbit/s", "10 Gbit/s");
        Goal g = Goal.parse("link.wan.utilization <= 0.8").inUnit("fraction");
        SizeSearch.Result r = new SizeSearch(p, g, false, 0.95, 0.05, true, 3, 2, 30, utilisation(0.01)).run();
        assertThat(r.met()).isTrue();
        double exact = 10e6 / 0.8;
        // the answer meets the goal, the bracket's other end does not, and the bracket is within 5 %
        assertThat(r.answer()).isGreaterThanOrEqualTo(exact);
        assertThat(r.otherSide().value()).isLessThan(r.answer());
        assertThat(r.answer() - r.otherSide().value()).isLessThanOrEqualTo(0.05 * r.answer());
        // with 1 % noise and up to 30 replications the CI is far narrower than the 5 % step
        assertThat(r.answer()).isLessThan(exact * 1.06);
        assertThat(r.answerPoint().verdict()).isEqualTo(SizeSearch.Verdict.MET);
        // bisection halves a 1000× range geometrically: about log2(ln 1000 / ln 1.05) + 2 ≈ 9 candidates
        assertThat(r.points()).hasSizeLessThanOrEqualTo(11);
    }

    @Test
    void largestMirrorsTheSearch() {
        // the largest bandwidth at which the link is still at least 80 % busy
        SizedParameter p = SizedParameter.of("links[wan].bandwidth", "10 Mbit/s", "10 Gbit/s");
        Goal g = Goal.parse("link.wan.utilization >= 0.8").inUnit("fraction");
        SizeSearch.Result r = new SizeSearch(p, g, true, 0.95, 0.05, true, 3, 2, 30, utilisation(0.01)).run();
        assertThat(r.met()).isTrue();
        assertThat(r.answer()).isLessThanOrEqualTo(10e6 / 0.8).isGreaterThan(10e6 / 0.8 / 1.06);
        assertThat(r.otherSide().value()).isGreaterThan(r.answer());
    }

    @Test
    void aGoalUnmetInTheRangeGivesTheBestValueSeen() {
        SizedParameter p = SizedParameter.of("links[wan].bandwidth", "10 Mbit/s", "50 Mbit/s");
        SizeSearch.Result r = new SizeSearch(p, Goal.parse("link.wan.utilization <= 0.8").inUnit("fraction"), false, 0.95, 0.05, true, 3,
                2, 30, utilisation(0.01)).run();
        assertThat(r.met()).isFalse();
        assertThat(r.answer()).isNull();
        assertThat(r.best().value()).isEqualTo(50e6 / 8);
    }

    @Test
    void aCandidateStraddlingTheThresholdAddsReplicationsUpToTheCapAndCountsAsNotMet() {
        // at exactly load / 0.8 the mean sits on the threshold: no number of replications decides it
        SizedParameter p = SizedParameter.of("x", "12500000", "12500001");
        SizeSearch s = new SizeSearch(p, Goal.parse("u <= 0.8").inUnit("fraction"), false, 0.95, 0.05, true, 3, 2, 9, utilisation(0.05));
        SizeSearch.Point at = s.evaluate(12_500_000);
        assertThat(at.verdict()).isEqualTo(SizeSearch.Verdict.UNDECIDED);
        assertThat(at.capped()).isTrue();
        assertThat(at.replications()).isEqualTo(9);
    }

    @Test
    void replicationsAreAddedOnlyUntilTheIntervalClearsTheThreshold() {
        SizedParameter p = SizedParameter.of("x", "1", "2");
        SizeSearch s = new SizeSearch(p, Goal.parse("u <= 0.8").inUnit("fraction"), false, 0.95, 0.05, true, 3, 2, 30, utilisation(0.01));
        // far from the threshold: the first three replications decide
        assertThat(s.evaluate(100e6).replications()).isEqualTo(3);
    }

    @Test
    void aThresholdIsReadInTheMetricsUnitKindAndAMismatchIsRefusedNamingTheUnit() {
        assertThatThrownBy(() -> Goal.parse("rpo.lag.max <= 30 Mbit/s").inUnit("s"))
                .hasMessage("goal 'rpo.lag.max <= 30 Mbit/s': rpo.lag.max is in s (a time); '30 Mbit/s' is a data rate: "
                        + "give a time such as '30 s'");
        assertThatThrownBy(() -> Goal.parse("rpo.lag.max <= 30 KiB").inUnit("s"))
                .hasMessageContaining("rpo.lag.max is in s (a time); '30 KiB' is a size");
        assertThatThrownBy(() -> Goal.parse("link.wan.utilization <= 5 GiB").inUnit("fraction"))
                .hasMessage("goal 'link.wan.utilization <= 5 GiB': link.wan.utilization is a fraction (no unit, 0 to 1); "
                        + "'5 GiB' is a size: give a plain number (e.g. 0.8) or a percentage (80%)");
        // a plain number for a metric with a unit: refused, with the number and the unit as the hint
        assertThatThrownBy(() -> Goal.parse("rpo.lag.max <= 30").inUnit("s"))
                .hasMessage("goal 'rpo.lag.max <= 30': rpo.lag.max is in s (a time); '30' has no unit: "
                        + "give a time such as '30 s'");
        assertThatThrownBy(() -> Goal.parse("cache.session.peak <= 8").inUnit("bytes"))
                .hasMessageContaining("'8' has no unit: give a size such as '8 GiB'");
        assertThatThrownBy(() -> Goal.parse("session.drops <= 5%").inUnit("count")).hasMessageContaining("a percentage");
        // read before the unit is known, a goal has no threshold and a search refuses it
        assertThat(Goal.parse("rpo.lag.max <= 30 s").threshold()).isNaN();
        SizedParameter p = SizedParameter.of("x", "1", "2");
        assertThatThrownBy(() -> new SizeSearch(p, Goal.parse("u <= 0.8"), false, 0.95, 0.05, true, 3, 2, 30,
                utilisation(0.01))).hasMessageContaining("metric's unit");
    }

    @Test
    void valuesAreShownAndRoundedInTheUnitsTheRangeWasGivenIn() {
        SizedParameter bits = SizedParameter.of("links[wan].bandwidth", "100 Mbit/s", "1 Gbit/s");
        assertThat(bits.display(49_050_000)).isEqualTo("392.4 Mbit/s");
        assertThat(bits.display(125e6)).isEqualTo("1 Gbit/s");
        assertThat(bits.range()).isEqualTo("100 Mbit/s to 1 Gbit/s");
        // the geometric mean of 100 Mbit/s and 1 Gbit/s (316.227… Mbit/s) rounded to four digits in Mbit/s
        double mid = bits.between(bits.lo(), bits.hi());
        assertThat(mid).isEqualTo(316.2e6 / 8);
        assertThat(bits.display(mid)).isEqualTo("316.2 Mbit/s");
        // the scenario value is the same text when exact, else the canonical exact form
        assertThat(bits.text(mid)).isEqualTo("316.2 Mbit/s");
        SizedParameter bytes = SizedParameter.of("links[wan].bandwidth", "12 MB/s", "125 MB/s");
        assertThat(bytes.display(49_050_000)).isEqualTo("49.05 MB/s");
        SizedParameter binary = SizedParameter.of("boxes[r1].cache.size", "1 GiB", "32 TiB");
        double c = binary.between(binary.lo(), binary.hi());
        assertThat(binary.display(c)).isEqualTo("181 GiB");
        SizedParameter odd = SizedParameter.of("c", "1 GiB", "3 GiB");
        assertThat(odd.display(1_234_567_891)).isEqualTo("1.15 GiB");
        assertThat(odd.text(1_234_567_891)).isEqualTo("1234567891 B");
        assertThat(SizedParameter.of("x", "500 ms", "2 s").display(1.25e9)).isEqualTo("1250 ms");
        assertThat(SizedParameter.of("x", "4", "64").display(16)).isEqualTo("16");
    }

    @Test
    void badGoalsAndRangesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Goal.parse("link.wan.utilization < 0.8")).hasMessageContaining("METRIC <= X");
        assertThatThrownBy(() -> Goal.parse("rpo.lag.max <= soon")).hasMessageContaining("threshold 'soon'");
        assertThat(Goal.parse("rpo.lag.max <= 30 s").inUnit("s").threshold()).isEqualTo(30.0);
        assertThat(Goal.parse("rpo.lag.max <= 250 ms").inUnit("s").threshold()).isEqualTo(0.25);
        assertThat(Goal.parse("cache.session.peak <= 2 GiB").inUnit("bytes").threshold()).isEqualTo(2.0 * (1 << 30));
        assertThat(Goal.parse("link.wan.utilization <= 80%").inUnit("fraction").threshold()).isEqualTo(0.8);
        assertThat(Goal.parse("session.drops <= 3").inUnit("count").threshold()).isEqualTo(3.0);
        assertThatThrownBy(() -> SizedParameter.of("p", "1 Gbit/s", "30 s")).hasMessageContaining("one kind");
        assertThatThrownBy(() -> SizedParameter.of("p", "2 Gbit/s", "1 Gbit/s")).hasMessageContaining("above the lower");
        assertThatThrownBy(() -> SizedParameter.of("p", "0 Gbit/s", "1 Gbit/s")).hasMessageContaining("geometrically");
    }
}
