package org.repsim.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link ZipfSampler} against Commons Math's Zipf law and sampler (fixed seeds). */
class ZipfSamplerTest {
    private static final int DRAWS = 200_000;

    /**
     * Same algorithm, same generator draws: with the same seed the two samplers give the same
     * ranks. Only a draw that falls within rounding of a rank boundary or of the acceptance
     * bound can differ (and a differing accept/reject decision would desynchronise every later
     * draw, which this test would see as a flood of mismatches).
     */
    @ParameterizedTest(name = "n={0}, s={1}")
    @CsvSource({"1, 0.9", "20, 0.9", "1000, 1.0", "1000000, 0.9", "2147483647, 0.9", "100, 0.3", "100, 3.0",
        "50000, 1.5"})
    void drawsAreCommonsMathsDraws(int n, double exponent) {
        ZipfSampler ours = new ZipfSampler(new MersenneTwister(42), n, exponent);
        ZipfDistribution theirs = new ZipfDistribution(new MersenneTwister(42), n, exponent);
        int mismatches = 0;
        for (int i = 0; i < DRAWS; i++) {
            int a = ours.sample();
            int b = theirs.sample();
            assertThat(a).isBetween(1, n);
            if (a != b) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("draws that differ from Commons Math's in %d", DRAWS).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "s={0}")
    @CsvSource({"0.5", "0.9", "1.0", "2.0"})
    void frequenciesFollowTheLaw(double exponent) {
        int n = 30;
        ZipfSampler s = new ZipfSampler(new MersenneTwister(7), n, exponent);
        ZipfDistribution law = new ZipfDistribution(n, exponent);
        long[] counts = new long[n];
        for (int i = 0; i < DRAWS; i++) {
            counts[s.sample() - 1]++;
        }
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = law.probability(k) * DRAWS;
        }
        // goodness of fit at the 1 % level with a fixed seed: fails only if the law is wrong
        assertThat(new ChiSquareTest().chiSquareTest(expected, counts)).isGreaterThan(0.01);
    }

    @Test
    void helpersMatchLog1pAndExpm1() {
        double[] xs = {-0.999999, -0.75, -0.5, -1e-3, -2e-8, -1e-9, 1e-9, 3e-8, 1e-4, 0.1, 0.5, 1, 3, 17.5, 200};
        for (double x : xs) {
            assertThat(ZipfSampler.log1pOverX(x)).as("log1p(%s)/%s", x, x)
                    .isCloseTo(Math.log1p(x) / x, org.assertj.core.data.Percentage.withPercentage(1e-11));
            assertThat(ZipfSampler.expm1OverX(x)).as("expm1(%s)/%s", x, x)
                    .isCloseTo(Math.expm1(x) / x, org.assertj.core.data.Percentage.withPercentage(1e-11));
        }
        assertThat(ZipfSampler.expm1OverX(-800)).isEqualTo(1.0 / 800);
    }

    @Test
    void meanIsTheLawsMean() {
        ZipfSampler s = new ZipfSampler(new MersenneTwister(1), 1000, 0.9);
        assertThat(s.mean()).isCloseTo(new ZipfDistribution(1000, 0.9).getNumericalMean(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(s.describe()).isEqualTo("zipf(n=1000, s=0.9)");
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new ZipfSampler(new MersenneTwister(1), 0, 1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new ZipfSampler(new MersenneTwister(1), 5, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ZipfSampler(new MersenneTwister(1), 5, Double.NaN)).hasMessageContaining("positive");
    }
}
