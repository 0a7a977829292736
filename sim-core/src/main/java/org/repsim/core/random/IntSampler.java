package org.repsim.core.random;

/** A source of random integers of one law (ranks, indexes). */
public interface IntSampler {
    int sample();

    double mean();

    String describe();
}
