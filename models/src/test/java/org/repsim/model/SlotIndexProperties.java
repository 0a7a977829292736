package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SlotIndex} against a {@link HashMap} on the same operations, as a cache uses it: a slot
 * holds one track at a time, a track is put at a slot that holds it, removed before its slot takes
 * another (the slots' tracks are kept here, as the cache keeps them). 200 seeded mixes of put,
 * re-put at another slot, remove (present and absent), get (present and absent) and the
 * read-ahead hint, over slot counts from 1 to 2^30 − 1 — the large ones leave two or three bits
 * of tag, so that most entries a look-up passes share its tag and only the slot's track tells
 * them apart — with tracks clustered (runs of neighbours), scattered, and beyond 2^32; each mix
 * grows the index through several doublings and drains it again.
 */
class SlotIndexProperties {

    @Test
    void agreesWithAHashMapOnEveryOperation() {
        SeededCases.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int declaredSlots = switch (seed % 4) {
                case 0 -> 1 + r.nextInt(64);
                case 1 -> 1 + r.nextInt(1 << 20);
                case 2 -> (1 << 30) - 1; // two bits of tag
                default -> (1 << 28) + r.nextInt(1 << 28); // two or three bits
            };
            int usable = Math.min(declaredSlots, 4_096);
            long[] trackOf = new long[usable];
            java.util.Arrays.fill(trackOf, Long.MIN_VALUE);
            SlotIndex index = new SlotIndex(declaredSlots, 1 + r.nextInt(32), s -> trackOf[s]);
            Map<Long, Integer> reference = new HashMap<>();
            Tracks keys = new Tracks();
            List<Integer> freeSlots = new ArrayList<>();
            for (int s = usable - 1; s >= 0; s--) {
                freeSlots.add(s);
            }
            int steps = 2_000 + r.nextInt(8_000);
            for (int step = 0; step < steps; step++) {
                boolean growing = step < steps / 2;
                int op = r.nextInt(100);
                if (op < (growing ? 45 : 15) && !freeSlots.isEmpty()) {
                    long track = track(r, seed);
                    if (reference.containsKey(track)) {
                        continue;
                    }
                    int s = freeSlots.remove(freeSlots.size() - 1);
                    trackOf[s] = track;
                    index.put(track, s);
                    reference.put(track, s);
                    keys.add(track);
                } else if (op < 25 && !reference.isEmpty() && !freeSlots.isEmpty()) {
                    // the track moves to another slot: re-put replaces the entry (the cache never
                    // does this, but the index must not keep two entries of one track)
                    long track = keys.any(r);
                    int old = reference.get(track);
                    int s = freeSlots.remove(freeSlots.size() - 1);
                    trackOf[s] = track;
                    index.put(track, s);
                    reference.put(track, s);
                    trackOf[old] = Long.MIN_VALUE;
                    freeSlots.add(old);
                } else if (op < (growing ? 55 : 70) && !reference.isEmpty()) {
                    long track = keys.any(r);
                    keys.remove(track);
                    int s = reference.remove(track);
                    assertThat(index.remove(track)).isEqualTo(s);
                    trackOf[s] = Long.MIN_VALUE; // the slot forgets its track only after the removal
                    freeSlots.add(s);
                } else if (op < 75) {
                    long track = r.nextBoolean() && !reference.isEmpty() ? keys.any(r) : track(r, seed);
                    Integer want = reference.get(track);
                    assertThat(index.get(track)).isEqualTo(want == null ? -1 : want);
                    int likely = index.likelySlot(track);
                    if (want != null) {
                        assertThat(likely).isBetween(0, usable - 1);
                    } else {
                        assertThat(likely).isBetween(-1, usable - 1);
                    }
                    index.touch(track);
                } else if (op < 80) {
                    long absent = track(r, seed);
                    if (!reference.containsKey(absent)) {
                        assertThat(index.remove(absent)).isEqualTo(-1);
                    }
                } else {
                    assertThat(index.size()).isEqualTo(reference.size());
                }
                // load ≤ 1/2 until the table reaches its last size, the room for every slot's track at load 2/3
                assertThat(index.capacity()).isGreaterThanOrEqualTo(Math.min(2 * index.size(), index.maxCapacity()))
                        .isLessThanOrEqualTo(index.maxCapacity());
                assertThat(2L * index.capacity()).isGreaterThanOrEqualTo(3L * index.size());
            }
            for (Map.Entry<Long, Integer> e : reference.entrySet()) {
                assertThat(index.get(e.getKey())).isEqualTo(e.getValue());
            }
            for (Long track : new ArrayList<>(reference.keySet())) {
                assertThat(index.remove(track)).isEqualTo(reference.remove(track));
            }
            assertThat(index.size()).isZero();
        });
    }

    @Test
    void aFullCacheOfTwoMillionSlotsTakesTwelveMebibytes() {
        // the figure the class exists for: 2^21 tracks resident at load 2/3, four bytes a place
        int slots = 1 << 21;
        long[] trackOf = new long[slots];
        SlotIndex index = new SlotIndex(slots, 1 << 16, s -> trackOf[s]);
        SplittableRandom r = new SplittableRandom(7);
        for (int s = 0; s < slots; s++) {
            trackOf[s] = ((long) s << 3) ^ r.nextInt(8); // distinct
            index.put(trackOf[s], s);
        }
        assertThat(index.size()).isEqualTo(slots);
        assertThat(index.capacity()).isEqualTo(slots + slots / 2);
        assertThat(4L * index.capacity()).isEqualTo(12L << 20);
        for (int s = 0; s < slots; s += 997) {
            assertThat(index.get(trackOf[s])).isEqualTo(s);
        }
    }

    @Test
    void refusesSlotsItCannotTagAndSlotsOutsideItsRange() {
        assertThatThrownBy(() -> new SlotIndex(1 << 30, 4, s -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlotIndex(0, 4, s -> 0)).isInstanceOf(IllegalArgumentException.class);
        SlotIndex index = new SlotIndex(4, 4, s -> s);
        assertThatThrownBy(() -> index.put(7, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.put(-1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Clustered (runs of neighbouring tracks), scattered, or beyond 2^32. */
    private static long track(SplittableRandom r, int seed) {
        int kind = r.nextInt(10);
        if (kind < 5) {
            return 1_000L * (seed % 7) + r.nextInt(3_000);
        } else if (kind < 9) {
            return r.nextLong(1L << 32);
        }
        return (1L << 32) + r.nextLong(1L << 40);
    }

    /** The reference's tracks in a list too, so that a random one is drawn in constant time. */
    private static final class Tracks {
        private final List<Long> list = new ArrayList<>();
        private final Map<Long, Integer> at = new HashMap<>();

        void add(long t) {
            at.put(t, list.size());
            list.add(t);
        }

        void remove(long t) {
            int i = at.remove(t);
            long last = list.remove(list.size() - 1);
            if (i < list.size()) {
                list.set(i, last);
                at.put(last, i);
            }
        }

        long any(SplittableRandom r) {
            return list.get(r.nextInt(list.size()));
        }
    }
}
