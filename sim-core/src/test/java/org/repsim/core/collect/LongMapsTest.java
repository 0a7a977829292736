package org.repsim.core.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LongLongMap}, {@link LongPairSet} and {@link LongIntHeap} against java.util references. */
class LongMapsTest {
    private static final long[] BASES = {0, (1L << 32) - 500, 1L << 32, Long.MAX_VALUE - 1000};

    @Test
    void longLongMapAgreesWithAHashMap() {
        Seeds.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            LongLongMap map = new LongLongMap(1 + r.nextInt(16));
            HashMap<Long, Long> reference = new HashMap<>();
            int ops = r.nextInt(4000);
            for (int op = 0; op < ops; op++) {
                long key = BASES[r.nextInt(BASES.length)] + r.nextInt(1000);
                if (r.nextBoolean()) {
                    long value = r.nextInt(5) == 0 ? Long.MIN_VALUE + r.nextInt(3) : r.nextLong();
                    map.put(key, value);
                    reference.put(key, value);
                } else {
                    assertThat(map.getOrDefault(key, -7)).isEqualTo(reference.getOrDefault(key, -7L));
                }
                assertThat(map.size()).isEqualTo(reference.size());
            }
            for (var e : reference.entrySet()) {
                assertThat(map.getOrDefault(e.getKey(), -7)).isEqualTo(e.getValue());
            }
        });
        assertThatThrownBy(() -> new LongLongMap(4).put(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private record Pair(int tag, long value) {
    }

    @Test
    void longPairSetAgreesWithAHashSet() {
        Seeds.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            LongPairSet set = new LongPairSet(1 + r.nextInt(16));
            HashSet<Pair> reference = new HashSet<>();
            int ops = r.nextInt(4000);
            for (int op = 0; op < ops; op++) {
                int tag = r.nextInt(4) == 0 ? Integer.MAX_VALUE - r.nextInt(2) : r.nextInt(4);
                long value = BASES[r.nextInt(BASES.length)] + r.nextInt(300) - (r.nextInt(8) == 0 ? 1000 : 0);
                if (r.nextInt(200) == 0) {
                    set.clear();
                    reference.clear();
                } else if (r.nextInt(4) == 0) {
                    assertThat(set.contains(tag, value)).isEqualTo(reference.contains(new Pair(tag, value)));
                } else {
                    assertThat(set.add(tag, value)).isEqualTo(reference.add(new Pair(tag, value)));
                }
                assertThat(set.size()).isEqualTo(reference.size());
            }
            for (Pair p : reference) {
                assertThat(set.contains(p.tag(), p.value())).isTrue();
            }
        });
        assertThatThrownBy(() -> new LongPairSet().add(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private record Entry(long key, int value) {
    }

    @Test
    void longIntHeapPopsInKeyThenValueOrder() {
        Seeds.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            LongIntHeap heap = new LongIntHeap(1 + r.nextInt(4));
            PriorityQueue<Entry> reference = new PriorityQueue<>(
                    java.util.Comparator.comparingLong(Entry::key).thenComparingInt(Entry::value));
            int ops = r.nextInt(3000);
            for (int op = 0; op < ops; op++) {
                if (reference.isEmpty() || r.nextInt(5) < 3) {
                    long key = r.nextInt(4) == 0 ? BASES[r.nextInt(BASES.length)] + r.nextInt(3)
                            : r.nextInt(3) == 0 ? Long.MIN_VALUE + r.nextInt(3) : r.nextInt(50);
                    int value = r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(10);
                    heap.push(key, value);
                    reference.add(new Entry(key, value));
                } else {
                    Entry e = reference.poll();
                    assertThat(heap.peekKey()).isEqualTo(e.key());
                    assertThat(heap.peekValue()).isEqualTo(e.value());
                    assertThat(heap.pop()).isEqualTo(e.value());
                }
                assertThat(heap.size()).isEqualTo(reference.size());
                assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
            }
        });
        assertThatThrownBy(() -> new LongIntHeap().pop()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new LongIntHeap().peekKey()).isInstanceOf(IllegalStateException.class);
    }
}
