package org.repsim.core.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    /**
     * Random puts, removes and count changes agree with a TreeMap (probing and backward-shift
     * deletion), over 1000 seeded cases: 0..600 operations in 0..199, key spread 0..3. Every
     * operation is preceded by a {@code touch} of its key and of an absent one, which must change
     * nothing.
     */
    @Test
    void behavesLikeASortedMap() {
        Seeds.forSeeds(1000, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = new java.util.ArrayList<>();
            int n = r.nextInt(10) == 0 ? (r.nextBoolean() ? 0 : 600) : r.nextInt(601);
            for (int i = 0; i < n; i++) {
                ops.add(r.nextInt(200));
            }
            int keySpread = r.nextInt(4);
            behavesLikeASortedMap(ops, keySpread);
        });
    }

    private static void behavesLikeASortedMap(List<Integer> ops, int keySpread) {
        LongIntMap map = new LongIntMap(4);
        TreeMap<Long, Integer> model = new TreeMap<>();
        for (int op : ops) {
            long key = (long) (op % 50) << (keySpread * 16);
            map.touch(key);
            map.touch(key + 1_000_003L);
            switch (op / 50) {
                case 0 -> {
                    map.put(key, op);
                    model.put(key, op);
                }
                case 1 -> {
                    Integer removed = model.remove(key);
                    assertThat(map.remove(key)).isEqualTo(removed == null ? LongIntMap.MISSING : removed);
                }
                case 2 -> {
                    map.increment(key);
                    model.merge(key, 1, Integer::sum);
                }
                default -> {
                    if (model.getOrDefault(key, 0) > 0) {
                        map.decrement(key);
                        if (model.merge(key, -1, Integer::sum) == 0) {
                            model.remove(key);
                        }
                    }
                }
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        for (long k = 0; k < 50; k++) {
            long key = k << (keySpread * 16);
            assertThat(map.get(key)).isEqualTo(model.getOrDefault(key, LongIntMap.MISSING));
        }
        assertThat(map.sortedKeys()).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
    }

    /** Keys below 2^32 use one long an entry; the first larger key widens the map and keeps every entry. */
    @Test
    void aKeyOf2To32OrMoreWidensTheMapKeepingItsEntries() {
        LongIntMap map = new LongIntMap(4);
        long top = (1L << 32) - 1;
        map.put(top, 0);
        map.put(top - 1, Integer.MAX_VALUE);
        for (long k = 0; k < 1000; k++) {
            map.put(k * 4_000_037L % top, (int) k);
        }
        assertThat(map.isWide()).isFalse();
        assertThat(map.get(top)).isZero();
        assertThat(map.get(top - 1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(map.get(1L << 32)).as("a narrow map has no such key").isEqualTo(LongIntMap.MISSING);
        int before = map.size();

        map.put(1L << 40, 7);
        assertThat(map.isWide()).isTrue();
        assertThat(map.size()).isEqualTo(before + 1);
        assertThat(map.get(1L << 40)).isEqualTo(7);
        assertThat(map.get(top)).isZero();
        assertThat(map.get(top - 1)).isEqualTo(Integer.MAX_VALUE);
        for (long k = 0; k < 1000; k++) {
            assertThat(map.get(k * 4_000_037L % top)).isEqualTo((int) k);
        }
        map.decrement(top - 1);
        assertThat(map.get(top - 1)).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(map.remove(1L << 40)).isEqualTo(7);
    }

    /**
     * Large seeded runs against a HashMap, keys drawn near 0, near 2^32 (either side: the map
     * widens in some cases, midway) and near 2^63: gets of present and absent keys, puts,
     * removes, growth from a small table and clearing.
     */
    @Test
    void agreesWithAHashMapOnKeysNearTheLayoutBoundaries() {
        Seeds.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            long[] bases = {0, (1L << 32) - 500, Long.MAX_VALUE - 1000, 1L << 40};
            int baseCount = 1 + r.nextInt(bases.length);
            LongIntMap map = new LongIntMap(1 + r.nextInt(16));
            java.util.HashMap<Long, Integer> reference = new java.util.HashMap<>();
            int ops = r.nextInt(4000);
            for (int op = 0; op < ops; op++) {
                long key = bases[r.nextInt(baseCount)] + r.nextInt(1000);
                int kind = r.nextInt(10);
                if (kind < 5) {
                    int value = r.nextInt(8) == 0 ? Integer.MAX_VALUE : r.nextInt(1 << 20);
                    map.put(key, value);
                    reference.put(key, value);
                } else if (kind < 8) {
                    Integer removed = reference.remove(key);
                    assertThat(map.remove(key)).isEqualTo(removed == null ? LongIntMap.MISSING : removed);
                } else if (kind < 9) {
                    assertThat(map.get(key)).isEqualTo(reference.getOrDefault(key, LongIntMap.MISSING));
                } else if (r.nextInt(50) == 0) {
                    map.clear();
                    reference.clear();
                }
                assertThat(map.size()).isEqualTo(reference.size());
                assertThat(map.capacity()).isGreaterThanOrEqualTo(2 * map.size());
            }
            for (var e : reference.entrySet()) {
                assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
            }
            assertThat(map.isWide()).isEqualTo(reference.keySet().stream().anyMatch(k -> k >= 1L << 32)
                    || map.isWide()); // once wide, a map stays wide
            assertThat(map.sortedKeys()).containsExactly(
                    reference.keySet().stream().mapToLong(Long::longValue).sorted().toArray());
        });
    }

    @Test
    void negativeKeysAndValuesAreRejected() {
        LongIntMap map = new LongIntMap(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> map.put(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> map.put(0, -1)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> map.decrement(3)).isInstanceOf(IllegalStateException.class);
        assertThat(map.get(Long.MAX_VALUE)).isEqualTo(LongIntMap.MISSING);
        map.put(Long.MAX_VALUE, 1);
        assertThat(map.get(Long.MAX_VALUE)).isEqualTo(1);
    }
}
