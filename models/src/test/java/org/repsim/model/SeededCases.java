package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Seeded case generation for the property tests of the algorithm classes: case {@code seed} draws
 * everything from {@code new SplittableRandom(seed)}, so a failure names its seed and re-runs
 * identically. Sizes and values mix in their bounds (one draw in ten or more) so that empty, single
 * and maximal inputs and the extreme values occur in every run, not only by chance.
 */
public final class SeededCases {

    /** Upper bound above the minimum of the "short" list sizes. */
    public static final int SHORT = 32;

    private SeededCases() {
    }

    /** Runs {@code body} for seeds {@code 0 .. count-1}; a failing case is reported with its seed. */
    public static void forSeeds(int count, IntConsumer body) {
        for (int seed = 0; seed < count; seed++) {
            try {
                body.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * An int in [min, max]: min one draw in 20, max one in 20; on a range wider than 1000 a
     * quarter of the draws fall in its lowest 1000 values (small values, as a biased generator
     * would favour them), the rest are uniform.
     */
    public static int intIn(SplittableRandom r, int min, int max) {
        int edge = r.nextInt(20);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        long range = (long) max - min + 1;
        if (range > 1000 && r.nextInt(4) == 0) {
            return min + r.nextInt(1000);
        }
        return (int) (min + r.nextLong(range));
    }

    /**
     * A list size in [min, max]: min, min + 1 and max one draw in 20 each; of the rest, half are
     * short (min .. min + {@value #SHORT}, where most edge behaviour shows) and half uniform over
     * the whole range.
     */
    public static int sizeIn(SplittableRandom r, int min, int max) {
        int edge = r.nextInt(20);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return Math.min(min + 1, max);
        }
        if (edge == 2) {
            return max;
        }
        int top = r.nextBoolean() ? Math.min(max, min + SHORT) : max;
        return min + r.nextInt(top - min + 1);
    }

    /** A list of {@link #sizeIn} elements, each {@link #intIn}. */
    public static List<Integer> ints(SplittableRandom r, int minSize, int maxSize, int min, int max) {
        int n = sizeIn(r, minSize, maxSize);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(intIn(r, min, max));
        }
        return out;
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /**
     * Coverage of labelled categories over a whole seeded run: each case counts the labels it hit,
     * and the run then asserts how many cases hit each (the generators must keep reaching the
     * interesting states, or the invariants above are checked only on easy inputs).
     */
    public static final class Coverage {
        private final Map<String, Integer> hits = new LinkedHashMap<>();
        private int cases;

        /** Ends one case. */
        public void endCase() {
            cases++;
        }

        /** Counts {@code label} for the current case when {@code hit}. */
        public void count(String label, boolean hit) {
            hits.merge(label, hit ? 1 : 0, Integer::sum);
        }

        public int hits(String label) {
            return hits.getOrDefault(label, 0);
        }

        /** More than {@code percent} % of the cases hit {@code label}. */
        public void assertPercentAbove(String label, double percent) {
            assertThat(100.0 * hits(label) / cases)
                    .as("%% of %d cases with \"%s\" (%d hits)", cases, label, hits(label))
                    .isGreaterThan(percent);
        }

        /** At least one case hit {@code label}. */
        public void assertSeen(String label) {
            assertThat(hits(label)).as("cases with \"%s\" out of %d", label, cases).isPositive();
        }
    }
}
