package org.repsim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class PairedDifferenceTest {

    @Test
    void pairedIntervalIsTheOneSampleIntervalOfTheDifferences() {
        double[] a = {10, 12, 9, 14, 11};
        double[] b = {11, 13.5, 9.8, 15.1, 12.2};
        PairedDifference d = PairedDifference.paired(a, b, 0.95);
        double[] diff = {1, 1.5, 0.8, 1.1, 1.2};
        ConfidenceInterval ci = ConfidenceInterval.of95(diff);
        assertThat(d.difference()).isCloseTo(ci.mean(), within(1e-12));
        assertThat(d.halfWidth()).isCloseTo(ci.halfWidth(), within(1e-12));
        assertThat(d.excludesZero()).isTrue();
        // the interval excludes 0 exactly when the paired t-test rejects at 5 %
        assertThat(new TTest().pairedTTest(b, a) < 0.05).isTrue();
    }

    @Test
    void welchIntervalAgreesWithTheWelchTest() {
        double[] a = {10, 12, 9, 14, 11};
        double[] b = {11, 13.5, 9.8, 15.1, 12.2};
        PairedDifference d = PairedDifference.unpaired(a, b, 0.95);
        // the Welch test's p-value at the interval's edge is 5 %: t = difference / se with the same df
        double p = new TTest().tTest(a, b);
        assertThat(p).isGreaterThan(0.05);
        assertThat(d.excludesZero()).isFalse();
        assertThat(d.paired()).isFalse();
        assertThat(d.halfWidth()).isGreaterThan(Math.abs(d.difference()));
    }

    @Test
    void commonNoiseCancelsInThePairedIntervalOnly() {
        // b = a + 1 + small noise, a with large noise shared by replication: paired ≪ unpaired
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 10;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int r = 0; r < n; r++) {
            double common = rnd.nextGaussian() * 10;
            a[r] = 100 + common;
            b[r] = 101 + common + rnd.nextGaussian() * 0.1;
        }
        PairedDifference d = PairedDifference.paired(a, b, 0.95);
        assertThat(d.pairedHalfWidth()).isLessThan(d.unpairedHalfWidth() / 20);
        assertThat(d.excludesZero()).isTrue();
        double q = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        assertThat(d.pairedHalfWidth()).isCloseTo(q * 0.1 / Math.sqrt(n), within(0.05));
    }
}
