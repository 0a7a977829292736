package org.repsim.core.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LongRing} and {@link IntRing} against {@link ArrayDeque}: growth, wrap-around, extreme values. */
class LongRingTest {

    private static final long[] EXTREMES = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 32) - 1, 1L << 32,
            (1L << 32) + 1, Integer.MIN_VALUE, Integer.MAX_VALUE, (1L << 63) - 2};

    private static long value(SplittableRandom r) {
        return r.nextInt(4) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)] : r.nextLong();
    }

    /**
     * Seeded runs of adds and removes (bursts, so the ring wraps many times before and after
     * growing) agree with an ArrayDeque of records, for widths 1 to 5; every record is also read
     * by index, as first and as last.
     */
    @Test
    void behavesLikeADequeOfRecords() {
        Seeds.forSeeds(400, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int width = 1 + r.nextInt(5);
            LongRing ring = new LongRing(width, 1 + r.nextInt(8));
            ArrayDeque<long[]> reference = new ArrayDeque<>();
            int ops = r.nextInt(3000);
            double addBias = 0.3 + r.nextDouble() * 0.4;
            for (int op = 0; op < ops; op++) {
                if (r.nextDouble() < addBias || reference.isEmpty()) {
                    long[] rec = new long[width];
                    for (int f = 0; f < width; f++) {
                        rec[f] = value(r);
                    }
                    switch (width == 1 ? 1 : width == 2 ? r.nextInt(2) * 2 : width == 3 ? r.nextInt(2) * 3 : 0) {
                        case 1 -> ring.addLast(rec[0]);
                        case 2 -> ring.addLast(rec[0], rec[1]);
                        case 3 -> ring.addLast(rec[0], rec[1], rec[2]);
                        default -> {
                            int p = ring.addLast();
                            for (int f = 0; f < width; f++) {
                                ring.set(p, f, rec[f]);
                            }
                        }
                    }
                    reference.addLast(rec);
                } else {
                    long[] rec = reference.pollFirst();
                    for (int f = 0; f < width; f++) {
                        assertThat(ring.oldest(f)).isEqualTo(rec[f]);
                        assertThat(ring.get(ring.first(), f)).isEqualTo(rec[f]);
                    }
                    ring.removeFirst();
                }
                assertThat(ring.size()).isEqualTo(reference.size());
                assertThat(ring.isEmpty()).isEqualTo(reference.isEmpty());
                assertThat(Integer.bitCount(ring.capacity())).isEqualTo(1);
                assertThat(ring.capacity()).isGreaterThanOrEqualTo(ring.size());
                if (!reference.isEmpty()) {
                    assertThat(ring.get(ring.last(), width - 1)).isEqualTo(reference.peekLast()[width - 1]);
                }
            }
            List<long[]> rest = new ArrayList<>(reference);
            for (int i = 0; i < rest.size(); i++) {
                for (int f = 0; f < width; f++) {
                    assertThat(ring.get(ring.at(i), f)).isEqualTo(rest.get(i)[f]);
                }
            }
        });
    }

    @Test
    void aFieldOfTheNewestRecordCanBeRewritten() {
        LongRing ring = new LongRing(2, 2);
        ring.addLast(1, Long.MAX_VALUE);
        ring.addLast(2, Long.MAX_VALUE);
        ring.set(ring.last(), 1, 42);
        ring.removeFirst();
        ring.addLast(3, 7);
        ring.addLast(4, 8); // grows while wrapped
        assertThat(ring.capacity()).isEqualTo(4);
        assertThat(ring.oldest(1)).isEqualTo(42);
        assertThat(ring.get(ring.at(1), 0)).isEqualTo(3);
        assertThat(ring.get(ring.at(2), 1)).isEqualTo(8);
    }

    @Test
    void capacityIsAPowerOfTwoAndClearKeepsIt() {
        assertThat(new LongRing(3, 5).capacity()).isEqualTo(8);
        assertThat(new LongRing(1, 1).capacity()).isEqualTo(1);
        assertThat(new LongRing(1).capacity()).isEqualTo(16);
        LongRing ring = new LongRing(1, 1);
        for (int i = 0; i < 100; i++) {
            ring.addLast(i);
        }
        assertThat(ring.capacity()).isEqualTo(128);
        ring.clear();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.capacity()).isEqualTo(128);
        ring.addLast(-5);
        assertThat(ring.oldest(0)).isEqualTo(-5);
    }

    @Test
    void misuseThrows() {
        LongRing ring = new LongRing(2);
        assertThatThrownBy(ring::removeFirst).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ring::first).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ring::last).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.oldest(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.at(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new LongRing(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LongRing(1, 0)).isInstanceOf(IllegalArgumentException.class);
        IntRing ints = new IntRing();
        assertThatThrownBy(ints::removeFirst).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ints::first).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ints.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void intRingBehavesLikeADeque() {
        Seeds.forSeeds(400, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            IntRing ring = new IntRing(1 + r.nextInt(8));
            ArrayDeque<Integer> reference = new ArrayDeque<>();
            int ops = r.nextInt(3000);
            double addBias = 0.3 + r.nextDouble() * 0.4;
            for (int op = 0; op < ops; op++) {
                if (r.nextDouble() < addBias || reference.isEmpty()) {
                    int v = r.nextInt(4) == 0 ? (int) EXTREMES[r.nextInt(EXTREMES.length)] : r.nextInt();
                    ring.addLast(v);
                    reference.addLast(v);
                } else {
                    assertThat(ring.first()).isEqualTo(reference.peekFirst());
                    assertThat(ring.removeFirst()).isEqualTo(reference.pollFirst());
                }
                assertThat(ring.size()).isEqualTo(reference.size());
                assertThat(Integer.bitCount(ring.capacity())).isEqualTo(1);
            }
            int i = 0;
            for (int v : reference) {
                assertThat(ring.get(i++)).isEqualTo(v);
            }
            ring.clear();
            assertThat(ring.isEmpty()).isTrue();
        });
    }

    /** A ring with objects keeps each record's object with its longs through growth and wrap-around, and clears removed ones. */
    @Test
    void objectsTravelWithTheirRecords() {
        Seeds.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            boolean two = r.nextBoolean();
            LongRing ring = LongRing.withObjects(two ? 2 : 1);
            ArrayDeque<Object[]> reference = new ArrayDeque<>();
            int ops = r.nextInt(2000);
            for (int op = 0; op < ops; op++) {
                if (reference.isEmpty() || r.nextInt(5) < 3) {
                    long a = value(r);
                    long b = value(r);
                    String o = "o" + op;
                    if (two) {
                        ring.addLast(a, b, o);
                    } else {
                        ring.addLast(a, o);
                    }
                    reference.addLast(new Object[] {a, b, o});
                } else {
                    Object[] e = reference.pollFirst();
                    assertThat(ring.oldest(0)).isEqualTo((long) e[0]);
                    if (two) {
                        assertThat(ring.oldest(1)).isEqualTo((long) e[1]);
                    }
                    assertThat(ring.oldestObject()).isSameAs(e[2]);
                    ring.removeFirst();
                }
                assertThat(ring.size()).isEqualTo(reference.size());
            }
        });
        LongRing ring = LongRing.withObjects(1);
        ring.addLast(1, "x");
        ring.clear();
        assertThatThrownBy(ring::oldestObject).isInstanceOf(IllegalStateException.class);
    }
}
