package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.algo.SeededCases;

/**
 * {@link TagHeap} against a sorted reference: pushes mostly in non-decreasing tag order (the FIFO
 * run) with some out of order (the heap beside it), pops interleaved. Every pop returns a smallest
 * pending tag, and every slot pushed comes out exactly once.
 */
class TagHeapProperties {

    private record Entry(long tag, int slot) {
    }

    @Test
    void popsAlwaysReturnASmallestPendingTag() {
        int[] outOfOrderSeen = {0};
        SeededCases.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            TagHeap heap = new TagHeap();
            List<Entry> reference = new ArrayList<>();
            long tag = 0;
            int nextSlot = 0;
            int ops = 1 + r.nextInt(2000);
            double outOfOrder = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 0.2;
            for (int op = 0; op < ops; op++) {
                if (reference.isEmpty() || r.nextInt(3) != 0) {
                    long t;
                    if (r.nextDouble() < outOfOrder) {
                        t = r.nextLong(tag + 1); // at or below the newest tag
                        outOfOrderSeen[0]++;
                    } else {
                        tag += r.nextInt(3); // repeats and steps
                        t = tag;
                    }
                    Entry e = new Entry(t, nextSlot++);
                    heap.push(e.tag(), e.slot());
                    reference.add(e);
                } else {
                    long min = reference.stream().mapToLong(Entry::tag).min().orElseThrow();
                    assertThat(heap.peekTag()).isEqualTo(min);
                    int slot = heap.pop();
                    Entry popped = reference.stream().filter(x -> x.slot() == slot).findFirst().orElseThrow(
                            () -> new AssertionError("slot " + slot + " popped twice or never pushed"));
                    assertThat(popped.tag()).isEqualTo(min);
                    reference.remove(popped);
                }
                assertThat(heap.size()).isEqualTo(reference.size());
                assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
            }
            reference.sort(Comparator.comparingLong(Entry::tag));
            for (Entry e : reference) {
                assertThat(heap.peekTag()).isEqualTo(e.tag());
                heap.pop();
            }
            assertThat(heap.isEmpty()).isTrue();
        });
        assertThat(outOfOrderSeen[0]).as("cases exercised the out-of-order heap").isGreaterThan(1000);
    }
}
