package org.repsim.model.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrackMapProperties {

    /**
     * Random puts, removes and count changes agree with a TreeMap (probing and backward-shift
     * deletion), over 1000 seeded cases: 0..600 operations in 0..199, key spread 0..3. Every
     * operation is preceded by a {@code touch} of its key and of an absent one, which must change
     * nothing.
     */
    @Test
    void behavesLikeASortedMap() {
        SeededCases.forSeeds(1000, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = SeededCases.ints(r, 0, 600, 0, 199);
            int keySpread = SeededCases.intIn(r, 0, 3);
            behavesLikeASortedMap(ops, keySpread);
        });
    }

    private static void behavesLikeASortedMap(List<Integer> ops, int keySpread) {
        TrackMap map = new TrackMap(4);
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
                    assertThat(map.remove(key)).isEqualTo(removed == null ? TrackMap.MISSING : removed);
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
            assertThat(map.get(key)).isEqualTo(model.getOrDefault(key, TrackMap.MISSING));
        }
        assertThat(map.sortedKeys()).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
    }

    /** Keys below 2^32 use one long an entry; the first larger key widens the map and keeps every entry. */
    @Test
    void aKeyOf2To32OrMoreWidensTheMapKeepingItsEntries() {
        TrackMap map = new TrackMap(4);
        long top = (1L << 32) - 1;
        map.put(top, 0);
        map.put(top - 1, Integer.MAX_VALUE);
        for (long k = 0; k < 1000; k++) {
            map.put(k * 4_000_037L % top, (int) k);
        }
        assertThat(map.isWide()).isFalse();
        assertThat(map.get(top)).isZero();
        assertThat(map.get(top - 1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(map.get(1L << 32)).as("a narrow map has no such key").isEqualTo(TrackMap.MISSING);
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
}
