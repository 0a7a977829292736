package org.repsim.core.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ColumnRing} against {@link ArrayDeque}: every column shape, growth while wrapped, cleared actions. */
class ColumnRingTest {

    private static final long[] EXTREMES = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 32) - 1, 1L << 32,
            Integer.MIN_VALUE, Integer.MAX_VALUE};

    private static long value(SplittableRandom r) {
        return r.nextInt(4) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)] : r.nextLong();
    }

    /** The four record shapes the add methods write: 2 longs + object, 1 long + object, 2 longs, int + long. */
    private enum Shape { LLO, LO, LL, IL }

    private static ColumnRing make(Shape shape, int capacity) {
        return switch (shape) {
            case LLO -> new ColumnRing(2, 0, true, capacity);
            case LO -> new ColumnRing(1, 0, true, capacity);
            case LL -> new ColumnRing(2, 0, false, capacity);
            case IL -> new ColumnRing(1, 1, false, capacity);
        };
    }

    /** A record as the reference holds it: {a, b, i, object}. */
    private record Rec(long a, long b, int i, Runnable o) {
    }

    private static void assertHolds(ColumnRing ring, int slot, Shape shape, Rec rec) {
        assertThat(ring.long0(slot)).isEqualTo(rec.a());
        switch (shape) {
            case LLO -> {
                assertThat(ring.long1(slot)).isEqualTo(rec.b());
                assertThat(ring.action(slot)).isSameAs(rec.o());
            }
            case LO -> assertThat(ring.action(slot)).isSameAs(rec.o());
            case LL -> assertThat(ring.long1(slot)).isEqualTo(rec.b());
            case IL -> assertThat(ring.int0(slot)).isEqualTo(rec.i());
        }
    }

    /**
     * Seeded bursts of adds and removes (so the ring wraps many times before and after growing) agree
     * with an ArrayDeque of records for every shape; each record is read as first, as last and by
     * index, the newest record's second long is rewritten in place, and a removed record's object
     * is cleared.
     */
    @Test
    void behavesLikeADequeOfRecords() {
        Seeds.forSeeds(400, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Shape shape = Shape.values()[r.nextInt(Shape.values().length)];
            ColumnRing ring = make(shape, 1 + r.nextInt(8));
            ArrayDeque<Rec> reference = new ArrayDeque<>();
            int ops = r.nextInt(3000);
            double addBias = 0.3 + r.nextDouble() * 0.4;
            for (int op = 0; op < ops; op++) {
                if (r.nextDouble() < addBias || reference.isEmpty()) {
                    int id = op;
                    Runnable action = () -> Integer.toString(id); // capturing: a new object per record
                    Rec rec = new Rec(value(r), value(r), (int) value(r), action);
                    switch (shape) {
                        case LLO -> ring.add(rec.a(), rec.b(), rec.o());
                        case LO -> ring.add(rec.a(), rec.o());
                        case LL -> ring.add(rec.a(), rec.b());
                        case IL -> ring.addIntAndLong(rec.i(), rec.a());
                    }
                    reference.addLast(rec);
                    if ((shape == Shape.LL || shape == Shape.LLO) && r.nextInt(5) == 0) {
                        long b = value(r);
                        ring.setLong1(ring.last(), b);
                        reference.pollLast();
                        reference.addLast(new Rec(rec.a(), b, rec.i(), rec.o()));
                    }
                } else {
                    Rec rec = reference.pollFirst();
                    int slot = ring.first();
                    assertHolds(ring, slot, shape, rec);
                    ring.removeFirst();
                    if (shape == Shape.LLO || shape == Shape.LO) {
                        assertThat(ring.action(slot)).isNull();
                    }
                }
                assertThat(ring.size()).isEqualTo(reference.size());
                assertThat(ring.isEmpty()).isEqualTo(reference.isEmpty());
                assertThat(Integer.bitCount(ring.capacity())).isEqualTo(1);
                assertThat(ring.capacity()).isGreaterThanOrEqualTo(ring.size());
                if (!reference.isEmpty()) {
                    assertHolds(ring, ring.last(), shape, reference.peekLast());
                }
            }
            List<Rec> rest = new ArrayList<>(reference);
            for (int i = 0; i < rest.size(); i++) {
                assertHolds(ring, ring.slotAt(i), shape, rest.get(i));
            }
        });
    }

    @Test
    void growsWhileWrappedKeepingOrder() {
        ColumnRing ring = new ColumnRing(2, 0, true, 2);
        Runnable a = () -> { };
        Runnable b = () -> { };
        Runnable c = () -> { };
        Runnable d = () -> { };
        ring.add(1, 10, a);
        ring.add(2, 20, b);
        ring.removeFirst();
        ring.add(3, 30, c); // wrapped: head at slot 1
        ring.add(4, 40, d); // grows while wrapped
        assertThat(ring.capacity()).isEqualTo(4);
        assertThat(ring.long0(ring.first())).isEqualTo(2);
        assertThat(ring.action(ring.slotAt(1))).isSameAs(c);
        assertThat(ring.action(ring.first())).isSameAs(b);
        assertThat(ring.long1(ring.last())).isEqualTo(40);
        ring.setLong0(ring.first(), -7);
        assertThat(ring.long0(ring.slotAt(0))).isEqualTo(-7);
    }

    @Test
    void capacityIsAPowerOfTwoAndClearKeepsIt() {
        assertThat(new ColumnRing(1, 0, false, 5).capacity()).isEqualTo(8);
        assertThat(new ColumnRing(1, 0, false, 1).capacity()).isEqualTo(1);
        ColumnRing ring = new ColumnRing(1, 1, true, 1);
        for (int i = 0; i < 100; i++) {
            ring.addIntAndLong(i, -i);
        }
        assertThat(ring.capacity()).isEqualTo(128);
        assertThat(ring.int0(ring.slotAt(99))).isEqualTo(99);
        ring.clear();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.capacity()).isEqualTo(128);
        ring.addIntAndLong(-5, 6);
        assertThat(ring.int0(ring.first())).isEqualTo(-5);
        assertThat(ring.long0(ring.first())).isEqualTo(6);
    }

    @Test
    void misuseThrows() {
        ColumnRing ring = new ColumnRing(2, 0, true, 4);
        assertThatThrownBy(ring::removeFirst).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ring::first).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ring::last).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.slotAt(0)).isInstanceOf(IndexOutOfBoundsException.class);
        ring.add(1, 2, () -> { });
        assertThatThrownBy(() -> ring.slotAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.int0(ring.first())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ColumnRing(3, 0, false, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColumnRing(0, 2, false, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColumnRing(0, 0, false, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColumnRing(1, 0, false, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
