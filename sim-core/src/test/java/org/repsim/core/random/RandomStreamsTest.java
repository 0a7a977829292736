package org.repsim.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

/** Named streams depend only on (master seed, replication, name). */
class RandomStreamsTest {

    private static double[] first(RandomStream s, int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = s.nextDouble();
        }
        return xs;
    }

    @Test
    void aStreamIsTheSameWhateverOtherStreamsExist() {
        RandomStreams alone = new RandomStreams(42, 3);
        double[] a = first(alone.stream("link.wan"), 1000);

        RandomStreams crowded = new RandomStreams(42, 3);
        first(crowded.stream("workload.oltp.arrival"), 5000);
        first(crowded.stream("box.r1a.hostAdapters"), 77);
        double[] b = first(crowded.stream("link.wan"), 1000);
        assertThat(b).containsExactly(a);
    }

    @Test
    void seedReplicationAndNameEachChangeTheNumbers() {
        double[] base = first(new RandomStreams(42, 0).stream("x"), 10);
        assertThat(first(new RandomStreams(43, 0).stream("x"), 10)).isNotEqualTo(base);
        assertThat(first(new RandomStreams(42, 1).stream("x"), 10)).isNotEqualTo(base);
        assertThat(first(new RandomStreams(42, 0).stream("y"), 10)).isNotEqualTo(base);
        assertThat(new RandomStreams(42, 0).seedOf("ab")).isNotEqualTo(new RandomStreams(42, 0).seedOf("ba"));
    }

    @Test
    void namedStreamsAreUncorrelated() {
        RandomStreams rs = new RandomStreams(1, 0);
        int n = 50_000;
        double[] a = first(rs.stream("a"), n);
        double[] b = first(rs.stream("b"), n);
        double[] a2 = first(new RandomStreams(1, 1).stream("a"), n);
        // |r| of independent samples is about N(0, 1/n): 4 standard deviations
        double bound = 4 / Math.sqrt(n);
        assertThat(Math.abs(new PearsonsCorrelation().correlation(a, b))).isLessThan(bound);
        assertThat(Math.abs(new PearsonsCorrelation().correlation(a, a2))).isLessThan(bound);
    }

    @Test
    void nextLongIsWithinBoundForLargeBounds() {
        RandomStream s = new RandomStreams(5, 0).stream("big");
        long bound = 3L * Integer.MAX_VALUE + 17;
        boolean sawHigh = false;
        for (int i = 0; i < 10_000; i++) {
            long v = s.nextLong(bound);
            assertThat(v).isBetween(0L, bound - 1);
            sawHigh |= v > Integer.MAX_VALUE;
        }
        assertThat(sawHigh).isTrue();
    }
}
