package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;

/**
 * The forecast of a cache's slot memory ({@link Cache#slotMemoryBytes(int, long, CachePolicy, boolean)},
 * which a run checks against the JVM's heap before it starts) against the arrays of a real cache
 * filled with as many tracks.
 */
class CacheSlotMemoryTest {
    private static final long T = 1_000;
    private static final CachePolicy BLOCKS = new CachePolicy(CachePolicy.SlotAllocation.BLOCKS,
            CachePolicy.DestageExtent.BLOCKS, 0, 0.8);
    /** Valid-block maps only: whole-track dirty slots, blocks read staging. */
    private static final CachePolicy READ_BLOCKS = CachePolicy.DEFAULT.withReadStaging(CachePolicy.ReadStaging.BLOCKS);
    /** Both maps. */
    private static final CachePolicy ALL_BLOCKS = BLOCKS.withReadStaging(CachePolicy.ReadStaging.BLOCKS);

    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final DiskGroup disks = new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1_000, 1e9), 1);

    private int caches;

    private Cache cache(int slots, CachePolicy policy) {
        return new Cache(kernel, signals, "c" + caches++, slots * T, T, 1.0, 1,
                new BackEnd(List.of(disks)), 100, policy);
    }

    @Test
    void aFilledCacheTakesWhatTheForecastSaysAtEveryFillLevel() {
        // sizes around the first room (2^16) and the index's doublings and cap; fills up to past full (evictions)
        int[] sizes = {1, 3, 100, 65_535, 65_536, 65_537, 98_304, 131_073, 300_000};
        SplittableRandom r = new SplittableRandom(24);
        int checks = 0;
        for (int slots : sizes) {
            for (CachePolicy policy : new CachePolicy[] {CachePolicy.DEFAULT, BLOCKS, READ_BLOCKS, ALL_BLOCKS}) {
                Cache c = cache(slots, policy);
                Set<Long> held = new HashSet<>();
                assertThat(c.slotMemoryBytes()).isEqualTo(Cache.slotMemoryBytes(slots, 0, policy, false));
                // each fill level in order, with the edges of every doubling (2^k and 2^k + 1 tracks)
                java.util.TreeSet<Long> stops = new java.util.TreeSet<>(List.of(1L, slots / 3 + 1L, slots / 2 + 1L,
                        slots - 1L, (long) slots, slots + slots / 2 + 7L));
                for (long p = 2; p < slots; p *= 2) {
                    stops.add(p);
                    stops.add(p + 1);
                }
                for (long stop : stops) {
                    while (held.size() < stop) {
                        long track = r.nextLong(1L << 31);
                        if (held.add(track)) {
                            c.fill(track);
                        }
                    }
                    long distinct = held.size();
                    assertThat(c.slotMemoryBytes())
                            .as("%d slots, %s, %d distinct tracks", slots, policy, distinct)
                            .isEqualTo(Cache.slotMemoryBytes(slots, distinct, policy, false));
                    checks++;
                }
                assertThat(c.residentTracks()).isEqualTo(slots);
            }
        }
        assertThat(checks).isGreaterThan(sizes.length * 4 * 6);
    }

    @Test
    void aFullCacheOfTwoMebiSlotsTakesElevenBytesASlot() {
        // 2 Mi slots: tracks 4 bytes, states 1, index 3 Mi places of 4 bytes = 22 MiB (docs/performance.md "Memory")
        int slots = 2 << 20;
        assertThat(Cache.slotMemoryBytes(slots, Long.MAX_VALUE, CachePolicy.DEFAULT, false)).isEqualTo(22L << 20);
        assertThat(Cache.slotMemoryBytes(slots, slots, BLOCKS, false)).isEqualTo(38L << 20);
        // a valid-block map is 8 bytes a slot more, whether or not the dirty-block map is kept
        assertThat(Cache.slotMemoryBytes(slots, slots, READ_BLOCKS, false)).isEqualTo(38L << 20);
        assertThat(Cache.slotMemoryBytes(slots, slots, ALL_BLOCKS, false)).isEqualTo(54L << 20);
        assertThat(Cache.slotMemoryBytes(slots, slots, CachePolicy.DEFAULT, true)).isEqualTo(30L << 20);
        // a cache that has held a tenth of its slots' tracks: 256 Ki slot arrays, an index of 512 Ki places
        assertThat(Cache.slotMemoryBytes(slots, slots / 10, CachePolicy.DEFAULT, false))
                .isEqualTo(5L * (256 << 10) + 4L * (512 << 10));
    }

    @Test
    void tracksNumberedFromTwoToTheThirtySecondTakeEightBytesASlot() {
        int slots = 70_000;
        Cache c = cache(slots, CachePolicy.DEFAULT);
        for (long t = 0; t < 1_000; t++) {
            c.fill(t);
        }
        assertThat(c.slotMemoryBytes()).isEqualTo(Cache.slotMemoryBytes(slots, 1_000, CachePolicy.DEFAULT, false));
        c.fill(1L << 32);
        assertThat(c.slotMemoryBytes()).isEqualTo(Cache.slotMemoryBytes(slots, 1_001, CachePolicy.DEFAULT, true));
        assertThat(Cache.slotMemoryBytes(slots, 1_001, CachePolicy.DEFAULT, true))
                .isEqualTo(Cache.slotMemoryBytes(slots, 1_001, CachePolicy.DEFAULT, false) + 4L * 65_536);
    }

    @Test
    void theForecastRefusesWhatNoCacheCanBe() {
        assertThatThrownBy(() -> Cache.slotMemoryBytes(0, 1, CachePolicy.DEFAULT, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cache.slotMemoryBytes(10, -1, CachePolicy.DEFAULT, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
