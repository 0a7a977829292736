package org.repsim.core.random;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One named stream of random numbers: a Mersenne Twister (Commons Math) seeded from the
 * stream's name. Distributions draw from it through {@link #generator()}.
 */
public final class RandomStream {
    private final String name;
    private final long seed;
    private final MersenneTwister generator;

    RandomStream(String name, long seed) {
        this.name = name;
        this.seed = seed;
        this.generator = new MersenneTwister(new int[] {(int) seed, (int) (seed >>> 32)});
    }

    public String name() {
        return name;
    }

    public long seed() {
        return seed;
    }

    /** The generator, for Commons Math distributions. */
    public RandomGenerator generator() {
        return generator;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return generator.nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return generator.nextInt(bound);
    }

    /** Uniform in [0, bound). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        if (bound <= Integer.MAX_VALUE) {
            return generator.nextInt((int) bound);
        }
        // rejection sampling on 63 random bits keeps the draw unbiased
        long bits;
        long value;
        do {
            bits = generator.nextLong() >>> 1;
            value = bits % bound;
        } while (bits - value + (bound - 1) < 0);
        return value;
    }

    /** True with probability p. */
    public boolean bernoulli(double p) {
        return generator.nextDouble() < p;
    }
}
