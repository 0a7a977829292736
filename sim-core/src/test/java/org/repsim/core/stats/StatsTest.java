package org.repsim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Tallies, levels, counters, histograms and intervals against hand-computed values. */
class StatsTest {

    @Test
    void tallyMatchesHandComputedMoments() {
        Tally t = new Tally();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            t.add(x);
        }
        assertThat(t.count()).isEqualTo(8);
        assertThat(t.mean()).isEqualTo(5.0);
        assertThat(t.sum()).isEqualTo(40.0);
        // sum of squared deviations = 32, sample variance = 32 / 7
        assertThat(t.variance()).isCloseTo(32.0 / 7, within(1e-12));
        assertThat(t.min()).isEqualTo(2);
        assertThat(t.max()).isEqualTo(9);
        t.reset(0);
        assertThat(t.count()).isZero();
        assertThat(t.mean()).isNaN();
    }

    @Test
    void timeWeightedAverageIsTheAreaOverTheSpan() {
        TimeWeighted w = new TimeWeighted(0, 0);
        w.update(10, 2);   // 0 for [0,10)
        w.update(20, 5);   // 2 for [10,20)
        w.update(25, 1);   // 5 for [20,25)
        // up to 40: 1 for [25,40) → area 0 + 20 + 25 + 15 = 60 over 40
        assertThat(w.average(40)).isEqualTo(60.0 / 40);
        assertThat(w.max()).isEqualTo(5);
        assertThat(w.current()).isEqualTo(1);
        assertThat(w.integral(40)).isEqualTo(60.0);
        w.reset(40);
        w.update(50, 3);  // 1 for [40,50), then 3 for [50,60)
        assertThat(w.average(60)).isEqualTo((10 + 30) / 20.0);
        assertThat(w.max()).isEqualTo(3);
    }

    @Test
    void counterCountsAndResets() {
        Counter c = new Counter();
        c.increment();
        c.add(41);
        assertThat(c.value()).isEqualTo(42);
        c.reset(0);
        assertThat(c.value()).isZero();
    }

    @Test
    void latencyHistogramPercentilesWithinItsPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.meanNs()).isEqualTo(50_000.5 * 1000);
        assertThat(h.maxNs()).isEqualTo(100_000_000);
        // three significant digits: relative error at most 0.1 %
        assertThat(h.quantileNs(0.5)).isCloseTo(50_000_000, within(50_000.0));
        assertThat(h.quantileNs(0.99)).isCloseTo(99_000_000, within(99_000.0));
        assertThat(h.quantileNs(0.999)).isCloseTo(99_900_000, within(99_900.0));
        h.reset(0);
        assertThat(h.quantileNs(0.5)).isNaN();
    }

    @Test
    void aQuantileNeverLiesOutsideTheValuesRecorded() {
        // identical values: the bucket's top (1 228 800 ns here) lies above them all
        LatencyHistogram same = new LatencyHistogram();
        for (int i = 0; i < 1_000; i++) {
            same.record(1_228_060);
        }
        for (double q : new double[] {0.01, 0.5, 0.99, 0.999, 1.0}) {
            assertThat(same.quantileNs(q)).as("q=" + q).isEqualTo(1_228_060);
        }
        // seeded mixes, run and interval histograms: every quantile in [min, max] and within 0.1 % of
        // the exact order statistic
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 200; round++) {
            LatencyHistogram run = new LatencyHistogram();
            LatencyHistogram interval = run.intervals();
            int n = 1 + random.nextInt(500);
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = 1 + (long) Math.exp(random.nextDouble() * 20);
                interval.record(values[i]);
            }
            java.util.Arrays.sort(values);
            for (LatencyHistogram h : new LatencyHistogram[] {run, interval}) {
                for (double q : new double[] {0.001, 0.5, 0.9, 0.99, 0.999, 1.0}) {
                    double v = h.quantileNs(q);
                    long exact = values[Math.max(0, (int) Math.ceil(q * n) - 1)];
                    assertThat(v).as("round " + round + " q=" + q).isBetween((double) values[0], (double) values[n - 1])
                            .isCloseTo(exact, within(Math.max(1.0, exact * 0.001)));
                }
            }
        }
    }

    @Test
    void aRunReadPerIntervalHasTheFiguresOfRecordingEveryValueTwice() {
        // 200 seeded mixes of values, interval ends and warm-up resets: the run and its interval
        // histogram give exactly what two histograms fed every value give (the old way)
        for (long seed = 0; seed < 200; seed++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            LatencyHistogram run = new LatencyHistogram();
            LatencyHistogram interval = run.intervals();
            LatencyHistogram runReference = new LatencyHistogram();
            LatencyHistogram intervalReference = new LatencyHistogram();
            for (int step = 0; step < 400; step++) {
                int op = random.nextInt(100);
                if (op < 90) {
                    long v = random.nextInt(3) == 0 ? random.nextLong(1, 50_000_000_000L) : random.nextLong(0, 100_000);
                    interval.record(v);
                    runReference.record(v);
                    intervalReference.record(v);
                } else if (op < 96) {
                    interval.endInterval(step);
                    intervalReference.reset(step);
                } else {
                    run.reset(step);
                    runReference.reset(step);
                }
                if (step % 20 == 0 || op >= 90) {
                    assertSameFigures(run, runReference);
                    assertSameFigures(interval, intervalReference);
                }
            }
            assertSameFigures(run, runReference);
        }
        assertThatThrownBy(() -> new LatencyHistogram().endInterval(0)).isInstanceOf(IllegalStateException.class);
        LatencyHistogram twice = new LatencyHistogram();
        twice.intervals();
        assertThatThrownBy(twice::intervals).isInstanceOf(IllegalStateException.class);
    }

    private static void assertSameFigures(LatencyHistogram actual, LatencyHistogram expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        // bit for bit (NaN, when empty, equals NaN)
        assertSame(actual.meanNs(), expected.meanNs(), "mean");
        assertSame(actual.maxNs(), expected.maxNs(), "max");
        for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
            assertSame(actual.quantileNs(q), expected.quantileNs(q), "q=" + q);
        }
    }

    private static void assertSame(double actual, double expected, String what) {
        assertThat(Double.doubleToLongBits(actual)).as(what + ": " + actual + " vs " + expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    @Test
    void confidenceIntervalUsesStudentT() {
        double[] xs = {10, 12, 9, 11, 13, 10, 8, 12, 11, 14};
        ConfidenceInterval ci = ConfidenceInterval.of95(xs);
        Tally t = new Tally();
        for (double x : xs) {
            t.add(x);
        }
        // t(0.975, 9) = 2.2621571627...
        assertThat(ci.halfWidth()).isCloseTo(2.2621571627 * t.stdDev() / Math.sqrt(10), within(1e-8));
        assertThat(ci.mean()).isEqualTo(11.0);
        assertThat(ci.n()).isEqualTo(10);
        assertThat(ConfidenceInterval.of95(new double[] {3}).halfWidth()).isNaN();
    }

    @Test
    void confidenceIntervalCoversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        NormalDistribution law = new NormalDistribution(new MersenneTwister(11), 5, 2);
        int trials = 2000;
        int covered = 0;
        for (int i = 0; i < trials; i++) {
            double[] xs = law.sample(10);
            if (ConfidenceInterval.of95(xs).contains(5)) {
                covered++;
            }
        }
        // coverage estimate has sd sqrt(.95 × .05 / 2000) ≈ 0.0049: accept ±4 sd
        assertThat(covered / (double) trials).isBetween(0.95 - 4 * 0.0049, 0.95 + 4 * 0.0049);
    }

    @Test
    void tallyIsStableForLargeOffsets() {
        Tally t = new Tally();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            t.add(1e12 + r.nextDouble());
        }
        // variance of U(0,1) = 1/12; naive sum-of-squares would lose it entirely at 1e12
        assertThat(t.variance()).isCloseTo(1.0 / 12, within(0.005));
    }
}
