package org.repsim.core.random;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Zipf ranks 1..n with P(k) ∝ k^-s, by rejection-inversion (W. Hörmann and G. Derflinger,
 * "Rejection-inversion to generate variates from monotone discrete distributions", 1996): the
 * algorithm of Commons Math's {@code ZipfDistribution} sampler, same steps and same draws from
 * the generator, O(1) per sample whatever n.
 *
 * <p>Why not Commons Math's own sampler: it runs once per simulated host write, and there it
 * cost about 8 % of a cycle-mode run — its {@code FastMath.log1p} allocates an array per call
 * and {@code FastMath} log/exp are not the JIT's intrinsics. Here {@code log1p(x)/x} and
 * {@code expm1(x)/x} are computed from {@link Math#log}/{@link Math#exp} with Kahan's correction
 * ({@code log(u)/(u−1)} for u = 1 + x, exact to a few ulps). Rounding may differ from Commons
 * Math in the last bits, so a rare draw may land on the neighbouring rank;
 * {@code ZipfSamplerTest} checks the law against Commons Math's probabilities and the draws
 * against its sampler.
 */
final class ZipfSampler implements IntSampler {
    private final RandomGenerator random;
    private final int n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;
    private final String description;
    private double mean = Double.NaN;

    ZipfSampler(RandomGenerator random, int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("zipf needs at least one element: " + n);
        }
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("zipf exponent must be positive: " + exponent);
        }
        this.random = random;
        this.n = n;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1d;
        this.hIntegralN = hIntegral(n + 0.5);
        this.s = 2d - hIntegralInverse(hIntegral(2.5) - h(2));
        this.description = String.format(java.util.Locale.ROOT, "zipf(n=%d, s=%s)", n, exponent);
    }

    @Override
    public int sample() {
        while (true) {
            double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            int k = (int) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            // the left test is a cheap sufficient condition for the right one (the paper's
            // Theorem 2); the right one accepts k with probability h(k) / its interval's width
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k;
            }
        }
    }

    /** Exact mean, Σ k·k^-s / Σ k^-s: O(n), computed once on demand. */
    @Override
    public double mean() {
        if (Double.isNaN(mean)) {
            double num = 0;
            double den = 0;
            for (int k = n; k >= 1; k--) {
                double w = Math.pow(k, -exponent);
                num += k * w;
                den += w;
            }
            mean = num / den;
        }
        return mean;
    }

    @Override
    public String describe() {
        return description;
    }

    /** H(x) = ∫₁ˣ t^-s dt written as log(x)·expm1((1−s)·log x)/((1−s)·log x), stable near s = 1. */
    private double hIntegral(double x) {
        double logX = Math.log(x);
        return expm1OverX((1d - exponent) * logX) * logX;
    }

    private double h(double x) {
        return Math.exp(-exponent * Math.log(x));
    }

    private double hIntegralInverse(double x) {
        double t = x * (1d - exponent);
        if (t < -1d) {
            t = -1; // numerical errors can push t below its range [-1, ∞)
        }
        return Math.exp(log1pOverX(t) * x);
    }

    /** log(1 + x) / x. */
    static double log1pOverX(double x) {
        if (Math.abs(x) > 1e-8) {
            double u = 1d + x;
            if (u == 1d) {
                return 1d;
            }
            return Math.log(u) / (u - 1d);
        }
        return 1d - x * (0.5 - x * (1d / 3d - x * 0.25));
    }

    /** (e^x − 1) / x. */
    static double expm1OverX(double x) {
        if (Math.abs(x) > 1e-8) {
            double u = Math.exp(x);
            if (u == 1d) {
                return 1d;
            }
            double um1 = u - 1d;
            if (um1 == -1d) {
                return -1d / x;
            }
            return um1 / Math.log(u);
        }
        return 1d + x * 0.5 * (1d + x / 3d * (1d + x * 0.25));
    }
}
