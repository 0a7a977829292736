package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotsOnLinkTest {

    @Test
    void slotsLeaveInTheOrderTheyCameWithTheirFieldsThroughWrapAndGrowth() {
        SlotsOnLink slots = new SlotsOnLink();
        ArrayDeque<long[]> reference = new ArrayDeque<>();
        Random random = new Random(7);
        long next = 0;
        for (int step = 0; step < 20_000; step++) {
            // bursts up to 100 in flight, so the ring wraps many times and grows a few
            boolean add = reference.isEmpty() || random.nextInt(100) < (reference.size() < 100 ? 55 : 20);
            if (add) {
                long n = next++;
                slots.add(n, n / 7, 1_000 + n * 3, n * 11, 8_192 + n % 5);
                reference.addLast(new long[] {n, n / 7, 1_000 + n * 3, n * 11, 8_192 + n % 5});
            } else {
                long[] expected = reference.pollFirst();
                assertThat(new long[] {slots.oldestHandle(), slots.oldestNumber(), slots.oldestTrack(),
                        slots.oldestVersion(), slots.oldestBytes()}).containsExactly(expected);
                slots.removeOldest();
            }
            assertThat(slots.size()).isEqualTo(reference.size());
        }
        assertThat(next).isGreaterThan(5_000);
    }

    @Test
    void anEmptyQueueHasNoOldestSlot() {
        SlotsOnLink slots = new SlotsOnLink();
        assertThat(slots.isEmpty()).isTrue();
        assertThatThrownBy(slots::oldestHandle).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(slots::removeOldest).isInstanceOf(IllegalStateException.class);
    }
}
