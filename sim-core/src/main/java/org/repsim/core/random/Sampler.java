package org.repsim.core.random;

/**
 * A source of random values of one law, in base units (nanoseconds for times, bytes for sizes).
 * Built by {@link Distributions}; each sampler draws from one {@link RandomStream}.
 */
public interface Sampler {
    /** The next value. */
    double sample();

    /**
     * Largest value {@link #sampleLong} returns: 2^60 (36 years in ns), so that a sampled delay
     * added to a simulated time and a few other delays of a valid scenario (each at most 100
     * years) cannot overflow a long.
     */
    long MAX_LONG_SAMPLE = 1L << 60;

    /** The next value rounded to a whole number, never below zero nor above {@link #MAX_LONG_SAMPLE} (times and sizes). */
    default long sampleLong() {
        double v = sample();
        return v <= 0 ? 0L : v >= MAX_LONG_SAMPLE ? MAX_LONG_SAMPLE : Math.round(v);
    }

    /** The law's mean (for reports and for sizing, not for simulation). */
    double mean();

    /** The law's variance. */
    double variance();

    /** Human-readable law, e.g. {@code exponential(mean=40000.0)}. */
    String describe();
}
