package org.repsim.core.random;

/**
 * A source of random values of one law, in base units (nanoseconds for times, bytes for sizes).
 * Built by {@link Distributions}; each sampler draws from one {@link RandomStream}.
 */
public interface Sampler {
    /** The next value. */
    double sample();

    /** The next value rounded to a whole number, never below zero (times and sizes). */
    default long sampleLong() {
        double v = sample();
        return v <= 0 ? 0L : Math.round(v);
    }

    /** The law's mean (for reports and for sizing, not for simulation). */
    double mean();

    /** The law's variance. */
    double variance();

    /** Human-readable law, e.g. {@code exponential(mean=40000.0)}. */
    String describe();
}
