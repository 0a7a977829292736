package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.CachePolicy;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

/**
 * {@link CacheMemory}'s figure for a scenario against the caches of its model after a run that
 * fills them: the bytes their slot arrays and indexes hold then.
 */
class CacheMemoryTest {

    /** The sync reference (20 000 writes/s, Zipf, both boxes alike) with small caches and volumes. */
    private static Scenario sync(String cache, String volume, String trackSize) throws ScenarioException {
        return ModelBenchmark.reference("sync").with("run.duration", "3 s")
                .with("boxes[r1].cache.size", cache).with("boxes[r1].cache.trackSize", trackSize)
                .with("boxes[r1].volumes[db].size", volume).resolve();
    }

    /** Runs the model of {@code sc}: both caches end holding {@code resident} tracks, in exactly the forecast bytes. */
    private static void fillsAsForecast(Scenario sc, int resident) {
        ScenarioModel.Built built = ScenarioModel.build(sc, 0, sc.run().seed(), Path.of("."));
        built.kernel.runUntil(sc.run().durationNs());
        long bytes = 0;
        List<Integer> held = new java.util.ArrayList<>();
        for (Box b : built.topology.boxes().values()) {
            bytes += b.cache().slotMemoryBytes();
            held.add(b.cache().residentTracks());
        }
        assertThat(held).containsExactly(resident, resident);
        assertThat(bytes).isEqualTo(CacheMemory.bytes(sc));
    }

    @Test
    void cachesSmallerThanTheirVolumesTakeTheFigureOnceTheRunHasFilledThem() throws ScenarioException {
        // 70 000 slots of 4 KiB over 2 TiB volumes: 60 000 writes of 8 KiB fill both caches
        Scenario sc = sync("280000 KiB", "2 TiB", "4 KiB");
        List<CacheMemory.BoxCache> caches = CacheMemory.of(sc);
        assertThat(caches).extracting(CacheMemory.BoxCache::box).containsExactly("r1", "r2");
        assertThat(caches).allSatisfy(c -> {
            assertThat(c.slots()).isEqualTo(70_000);
            assertThat(c.tracks()).isEqualTo(1L << 29);
            // slot arrays grown past the first 64 Ki slots to all 70 000; the index at its cap of 105 000 places from the start
            assertThat(c.bytes()).isEqualTo(5L * 70_000 + 4L * 105_000);
        });
        fillsAsForecast(sc, 70_000);
    }

    @Test
    void cachesLargerThanTheirVolumesTakeOnlyWhatTheVolumesTracksNeed() throws ScenarioException {
        // 131 072 slots of 128 KiB over 4 096 tracks written uniformly: the caches never hold more than the 4 096
        Scenario sc = ModelBenchmark.reference("sync").with("run.duration", "3 s")
                .with("boxes[r1].cache.size", "16 GiB").with("boxes[r1].volumes[db].size", "512 MiB")
                .with("workloads[oltp].address", "{\"dist\": \"uniform\"}").resolve();
        List<CacheMemory.BoxCache> caches = CacheMemory.of(sc);
        assertThat(caches).allSatisfy(c -> {
            assertThat(c.slots()).isEqualTo(131_072);
            assertThat(c.tracks()).isEqualTo(4_096);
            // the first room: slot arrays of 64 Ki, an index of 128 Ki places; full, 128 Ki and 192 Ki
            assertThat(c.bytes()).isEqualTo(5L * 65_536 + 4L * 131_072)
                    .isLessThan(Cache.slotMemoryBytes(131_072, 131_072, CachePolicy.DEFAULT, false));
        });
        fillsAsForecast(sc, 4_096);
    }

    @Test
    void blockMapsTakeEightBytesASlotMore() throws ScenarioException {
        Scenario tracks = sync("256 MiB", "2 TiB", "128 KiB");
        Scenario blocks = ModelBenchmark.reference("sync").with("boxes[r1].cache.size", "256 MiB")
                .with("boxes[r1].cache.slotAllocation", "blocks").resolve();
        assertThat(CacheMemory.bytes(blocks) - CacheMemory.bytes(tracks)).isEqualTo(2 * 8L * 2_048);
    }
}
