package org.repsim.core.random;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * The laws a scenario can name (docs/scenario-format.md "Rules", distributions), built on Commons Math so that
 * sampling algorithms are the well-tested ones, not hand-rolled transforms.
 *
 * <p>Negative draws (a normal law near zero) are possible from {@link Sampler#sample()};
 * {@link Sampler#sampleLong()} clamps them to zero, which is how times and sizes are drawn.
 */
public final class Distributions {
    private Distributions() {
    }

    public static Sampler deterministic(double value) {
        long asLong = value <= 0 ? 0L : value >= Sampler.MAX_LONG_SAMPLE ? Sampler.MAX_LONG_SAMPLE : Math.round(value);
        return new Sampler() {
            @Override
            public double sample() {
                return value;
            }

            @Override
            public long sampleLong() {
                return asLong;
            }

            @Override
            public double mean() {
                return value;
            }

            @Override
            public double variance() {
                return 0;
            }

            @Override
            public String describe() {
                return fmt("deterministic(%s)", value);
            }
        };
    }

    public static Sampler exponential(RandomStream stream, double mean) {
        positive("mean", mean);
        return of(new ExponentialDistribution(stream.generator(), mean), fmt("exponential(mean=%s)", mean));
    }

    public static Sampler uniform(RandomStream stream, double low, double high) {
        if (!(high > low)) {
            throw new IllegalArgumentException("uniform needs low < high: " + low + ", " + high);
        }
        return of(new UniformRealDistribution(stream.generator(), low, high), fmt("uniform(%s, %s)", low, high));
    }

    public static Sampler normal(RandomStream stream, double mean, double stdDev) {
        positive("stdDev", stdDev);
        return of(new NormalDistribution(stream.generator(), mean, stdDev), fmt("normal(mean=%s, sd=%s)", mean, stdDev));
    }

    /** Lognormal given its own mean and coefficient of variation (sd / mean). */
    public static Sampler lognormal(RandomStream stream, double mean, double cv) {
        positive("mean", mean);
        positive("cv", cv);
        double sigma2 = Math.log(1 + cv * cv);
        double mu = Math.log(mean) - sigma2 / 2;
        return of(new LogNormalDistribution(stream.generator(), mu, Math.sqrt(sigma2),
                LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY), fmt("lognormal(mean=%s, cv=%s)", mean, cv));
    }

    /** Erlang-k with the given mean (a gamma law of integer shape k). */
    public static Sampler erlang(RandomStream stream, int k, double mean) {
        if (k < 1) {
            throw new IllegalArgumentException("erlang k must be ≥ 1: " + k);
        }
        positive("mean", mean);
        return of(new GammaDistribution(stream.generator(), k, mean / k), fmt("erlang(k=%d, mean=%s)", k, mean));
    }

    /** A value from a finite list with the given weights (normalised). */
    public static Sampler choice(RandomStream stream, double[] values, double[] weights) {
        if (values.length == 0 || values.length != weights.length) {
            throw new IllegalArgumentException("choice needs as many weights as values, and at least one");
        }
        return of(new EnumeratedRealDistribution(stream.generator(), values.clone(), weights.clone()),
                "choice(" + Arrays.toString(values) + ", " + Arrays.toString(weights) + ")");
    }

    /**
     * Zipf ranks 1..n with the given exponent (rank 1 the most frequent): Commons Math's
     * rejection-inversion algorithm in a form without allocation ({@link ZipfSampler} says why).
     */
    public static IntSampler zipf(RandomStream stream, int n, double exponent) {
        return new ZipfSampler(stream.generator(), n, exponent);
    }

    private static Sampler of(RealDistribution d, String description) {
        double mean = d.getNumericalMean();
        double variance = d.getNumericalVariance();
        return new Sampler() {
            @Override
            public double sample() {
                return d.sample();
            }

            @Override
            public double mean() {
                return mean;
            }

            @Override
            public double variance() {
                return variance;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite: " + v);
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
