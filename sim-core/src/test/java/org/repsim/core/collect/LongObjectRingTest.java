package org.repsim.core.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LongObjectRing} against an {@link ArrayDeque} of pairs. */
class LongObjectRingTest {

    private record Pair(long key, String value) {
    }

    /** Seeded bursts of adds and removes (wrapping before and after growth) agree with the deque at every index. */
    @Test
    void behavesLikeADequeOfPairs() {
        Seeds.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            LongObjectRing<String> ring = new LongObjectRing<>(1 + r.nextInt(4));
            ArrayDeque<Pair> ref = new ArrayDeque<>();
            for (int step = 0; step < 400; step++) {
                if (ref.isEmpty() || r.nextInt(5) < 3) {
                    Pair p = new Pair(r.nextLong(), "v" + r.nextInt(1000));
                    ring.add(p.key(), p.value());
                    ref.addLast(p);
                } else {
                    ring.removeFirst();
                    ref.removeFirst();
                }
                assertThat(ring.size()).isEqualTo(ref.size());
                assertThat(ring.isEmpty()).isEqualTo(ref.isEmpty());
                List<Pair> expected = new ArrayList<>(ref);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(ring.keyAt(i)).isEqualTo(expected.get(i).key());
                    assertThat(ring.valueAt(i)).isSameAs(expected.get(i).value());
                }
            }
        });
    }

    @Test
    void misuseIsRefused() {
        LongObjectRing<String> ring = new LongObjectRing<>(2);
        assertThatThrownBy(ring::removeFirst).isInstanceOf(IllegalStateException.class);
        ring.add(1, "a");
        assertThatThrownBy(() -> ring.keyAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new LongObjectRing<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
