package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeldAcknowledgementsTest {

    /** Random adds and removals across several growths and wrap-arounds: same order as a deque. */
    @Test
    void entriesLeaveInTheOrderTheyCameThroughGrowthAndWrapAround() {
        HeldAcknowledgements held = new HeldAcknowledgements();
        ArrayDeque<long[]> expected = new ArrayDeque<>();
        Runnable[] acks = new Runnable[5000];
        SplittableRandom r = new SplittableRandom(7);
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            if (next < acks.length && (expected.isEmpty() || r.nextInt(3) > 0)) {
                int id = next++;
                acks[id] = () -> { };
                held.add(acks[id], null, 100 + id, 1_000L * id);
                expected.addLast(new long[] {id, 100 + id, 1_000L * id});
            } else if (!expected.isEmpty()) {
                long[] e = expected.pollFirst();
                assertThat(held.hostAck(0)).isSameAs(acks[(int) e[0]]);
                assertThat(held.bytes(0)).isEqualTo(e[1]);
                assertThat(held.taggedNs(0)).isEqualTo(e[2]);
                if (held.size() > 3) {
                    held.touch(3);
                    assertThat(held.hostAck(3)).isSameAs(acks[(int) expected.toArray(new long[0][])[2][0]]);
                }
                held.removeFirst();
            }
            assertThat(held.size()).isEqualTo(expected.size());
        }
        assertThat(next).isEqualTo(acks.length);
    }

    @Test
    void refusesEntriesItDoesNotHold() {
        HeldAcknowledgements held = new HeldAcknowledgements();
        assertThatThrownBy(held::removeFirst).isInstanceOf(IllegalStateException.class);
        held.add(() -> { }, null, 1, 2);
        assertThatThrownBy(() -> held.bytes(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
