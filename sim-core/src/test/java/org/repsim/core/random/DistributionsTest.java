package org.repsim.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Each law's sample matches its law at a fixed seed: Kolmogorov–Smirnov for continuous laws,
 * chi-square for discrete ones, rejecting at the 1 % level.
 */
class DistributionsTest {
    private static final int N = 20_000;
    private final RandomStreams streams = new RandomStreams(7, 0);

    private static double[] draw(Sampler s) {
        double[] xs = new double[N];
        for (int i = 0; i < N; i++) {
            xs[i] = s.sample();
        }
        return xs;
    }

    private static void assertFits(Sampler s, RealDistribution law) {
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(law, draw(s));
        assertThat(p).as("KS p-value of %s", s.describe()).isGreaterThan(0.01);
    }

    @Test
    void exponential() {
        assertFits(Distributions.exponential(streams.stream("exp"), 40_000), new ExponentialDistribution(40_000));
    }

    @Test
    void uniform() {
        assertFits(Distributions.uniform(streams.stream("uni"), 10, 30), new UniformRealDistribution(10, 30));
    }

    @Test
    void normal() {
        assertFits(Distributions.normal(streams.stream("norm"), 100, 15), new NormalDistribution(100, 15));
    }

    @Test
    void lognormalHasTheRequestedMeanAndCv() {
        Sampler s = Distributions.lognormal(streams.stream("logn"), 1000, 2.0);
        double sigma2 = Math.log(1 + 4.0);
        assertFits(s, new LogNormalDistribution(Math.log(1000) - sigma2 / 2, Math.sqrt(sigma2)));
        assertThat(s.mean()).isCloseTo(1000, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Math.sqrt(s.variance()) / s.mean()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void erlang() {
        assertFits(Distributions.erlang(streams.stream("erl"), 4, 800), new GammaDistribution(4, 200));
    }

    @Test
    void deterministicAlwaysGivesItsValue() {
        Sampler s = Distributions.deterministic(250_000);
        for (int i = 0; i < 100; i++) {
            assertThat(s.sampleLong()).isEqualTo(250_000);
        }
        assertThat(s.variance()).isZero();
    }

    @Test
    void choiceFollowsItsWeights() {
        Sampler s = Distributions.choice(streams.stream("choice"), new double[] {8192, 65536}, new double[] {0.8, 0.2});
        long[] counts = new long[2];
        for (int i = 0; i < N; i++) {
            counts[s.sample() == 8192 ? 0 : 1]++;
        }
        double p = new ChiSquareTest().chiSquareTest(new double[] {0.8 * N, 0.2 * N}, counts);
        assertThat(p).isGreaterThan(0.01);
    }

    @Test
    void zipfIsTheRejectionInversionSampler() {
        // its law and draws are checked in ZipfSamplerTest
        IntSampler s = Distributions.zipf(streams.stream("zipf"), 20, 0.9);
        assertThat(s).isInstanceOf(ZipfSampler.class);
        assertThat(s.describe()).isEqualTo("zipf(n=20, s=0.9)");
        assertThat(s.sample()).isBetween(1, 20);
    }

    @Test
    void sampleLongClampsNegativeDrawsToZero() {
        Sampler s = Distributions.normal(streams.stream("neg"), 0, 10);
        for (int i = 0; i < 1000; i++) {
            assertThat(s.sampleLong()).isGreaterThanOrEqualTo(0);
        }
    }
}
