package org.repsim.core.random;

import java.nio.charset.StandardCharsets;

/**
 * Named random streams for one replication (docs/model.md §8.5).
 *
 * <p>Each stream's seed is a hash of (master seed, replication index, stream name), so a stream's
 * numbers depend on nothing else: adding a component (a new name) never changes another
 * component's numbers, and replications are independent of the order they run in.
 */
public final class RandomStreams {
    private final long masterSeed;
    private final int replication;

    public RandomStreams(long masterSeed, int replication) {
        if (replication < 0) {
            throw new IllegalArgumentException("replication index must be ≥ 0: " + replication);
        }
        this.masterSeed = masterSeed;
        this.replication = replication;
    }

    public long masterSeed() {
        return masterSeed;
    }

    public int replication() {
        return replication;
    }

    /** The stream with this name; the same name always gives a stream with the same numbers. */
    public RandomStream stream(String name) {
        return new RandomStream(name, seedOf(name));
    }

    /** The 64-bit seed of the named stream (also written to the resolved scenario). */
    public long seedOf(String name) {
        long h = mix64(masterSeed ^ 0x5DEECE66DL);
        h = mix64(h ^ (replication * 0x9E3779B97F4A7C15L));
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix64(h ^ (b & 0xFF));
        }
        return mix64(h ^ name.length());
    }

    /** SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijective avalanche mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
