package org.repsim.core.collect;

import java.util.function.IntConsumer;

/** Seeded cases: case {@code seed} draws everything from {@code new SplittableRandom(seed)}, so a failure names its seed. */
final class Seeds {
    private Seeds() {
    }

    static void forSeeds(int count, IntConsumer body) {
        for (int seed = 0; seed < count; seed++) {
            try {
                body.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }
}
