package org.repsim.core.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LongIntMinQueue} against a sorted reference: pushes mostly in non-decreasing tag order
 * (the FIFO run) with some out of order (the heap beside it), pops interleaved. Every pop returns
 * a smallest pending tag, and every slot pushed comes out exactly once; keys near 2^63 and
 * negative keys order as longs; the order among equal keys is the documented one.
 */
class LongIntMinQueueTest {

    private record Entry(long tag, int slot) {
    }

    @Test
    void popsAlwaysReturnASmallestPendingTag() {
        int[] outOfOrderSeen = {0};
        Seeds.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            LongIntMinQueue heap = new LongIntMinQueue();
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
                    assertThat(heap.peekKey()).isEqualTo(min);
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
                assertThat(heap.peekKey()).isEqualTo(e.tag());
                heap.pop();
            }
            assertThat(heap.isEmpty()).isTrue();
        });
        assertThat(outOfOrderSeen[0]).as("cases exercised the out-of-order heap").isGreaterThan(1000);
    }

    /** Pops agree with a PriorityQueue of (key, value) in (key, value) order when the run holds distinct keys. */
    @Test
    void popsInKeyThenValueOrderAgainstAPriorityQueue() {
        Seeds.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            LongIntMinQueue q = new LongIntMinQueue();
            java.util.PriorityQueue<Entry> reference = new java.util.PriorityQueue<>(
                    Comparator.comparingLong(Entry::tag).thenComparingInt(Entry::slot));
            long base = r.nextInt(3) == 0 ? Long.MAX_VALUE - 5000 : r.nextInt(2) == 0 ? Long.MIN_VALUE : (1L << 32) - 2000;
            long newest = base;
            int slot = 0;
            for (int op = 0; op < 3000; op++) {
                if (reference.isEmpty() || r.nextInt(5) < 3) {
                    long key;
                    if (r.nextInt(6) == 0) {
                        key = base + r.nextInt(4000); // anywhere in range: often out of order
                    } else {
                        newest = Math.min(base + 4000, newest + 1 + r.nextInt(3));
                        key = newest;
                    }
                    q.push(key, slot);
                    reference.add(new Entry(key, slot++));
                } else {
                    Entry e = reference.poll();
                    assertThat(q.peekKey()).isEqualTo(e.tag());
                    assertThat(q.pop()).isEqualTo(e.slot());
                }
                assertThat(q.size()).isEqualTo(reference.size());
            }
        });
    }

    @Test
    void equalKeysLeaveTheRunInArrivalOrderAndTheHeapBySmallerValue() {
        LongIntMinQueue q = new LongIntMinQueue();
        q.push(5, 9);
        q.push(5, 3); // equal to the run's newest: run, after 9
        q.push(4, 7); // below: heap
        q.push(4, 1);
        q.push(5, 0); // run
        assertThat(new int[] {q.pop(), q.pop(), q.pop(), q.pop(), q.pop()})
                .as("heap (4,1) (4,7), then run (5,9) (5,3) (5,0) in arrival order")
                .containsExactly(1, 7, 9, 3, 0);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void anEmptyQueueThrowsOnPop() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LongIntMinQueue().pop())
                .isInstanceOf(IllegalStateException.class);
    }
}
