package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Counter;

/**
 * Read-miss staging (docs/model.md §1, {@code cache.readStaging}): with {@code track} a miss reads
 * each missing track whole and then the whole track is valid; with {@code blocks} it reads only the
 * blocks asked for that are not valid, and only those (and the blocks written) become valid. Each
 * host read's latency and the hit and miss counts are checked against a brute-force replay of the
 * same seeded I/Os.
 *
 * <p>Box: host adapters 100 ns per I/O; 4 SSDs of 1 000 ns + bytes ÷ 1 GB/s (1 ns a byte); tracks
 * of 16 blocks of 4 096 bytes; one 64-track volume in a cache of 128 slots (it holds every track).
 * I/Os 1 ms apart: every read and every destage is over before the next I/O, so nothing queues and
 * a read takes 100 ns, plus, if a track missed, 1 000 ns + the largest missing track's bytes (its
 * tracks are read in parallel, on distinct devices).
 */
class BoxReadStagingTest {
    private static final long BLOCK = 4_096;
    private static final long TRACK = 16 * BLOCK;
    private static final long TRACKS = 64;
    private static final long HOST_ADAPTER_NS = 100;
    private static final long DEVICE_NS = 1_000;
    private static final long SPACING_NS = 1_000_000;

    /** Fresh for every case ({@link #replayAgainstBruteForce}). */
    private SimulationKernel kernel = DsolKernel.create();
    private Signals signals = new Signals();

    private Box box(CachePolicy.ReadStaging staging) {
        DiskGroup ssd = new DiskGroup(kernel, signals, "box.b.ssd", 4, DiskModel.ssd(DEVICE_NS, 1e9), 1);
        return new Box(kernel, signals, "b", new Site("p"),
                new Box.PoolConfig(1, Distributions.deterministic(HOST_ADAPTER_NS)),
                new Box.PoolConfig(1, Distributions.deterministic(70)),
                new Box.CacheConfig(128 * TRACK, TRACK, 0.5, 4, BLOCK,
                        CachePolicy.DEFAULT.withReadStaging(staging)), List.of(ssd));
    }

    private Counter count(String signal) {
        Counter c = new Counter();
        signals.find(signal).subscribe((t, v) -> c.add((long) v));
        return c;
    }

    /** One host I/O of the seeded mix: a read or write of 1 byte to 3 blocks, anywhere (unaligned too). */
    private record Io(long offset, long size, boolean write) {
    }

    private static List<Io> mix(long seed, int count, double writeFraction) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Io> ios = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long size = r.nextInt(4) == 0 ? 1 + r.nextLong(3 * BLOCK) : BLOCK * (1 + r.nextInt(3));
            long offset = r.nextInt(4) == 0 ? r.nextLong(TRACKS * TRACK - size + 1)
                    : BLOCK * r.nextLong((TRACKS * TRACK - size) / BLOCK + 1);
            ios.add(new Io(offset, size, r.nextDouble() < writeFraction));
        }
        return ios;
    }

    /** Brute-force replay: the latency each read should take (−1 for writes), and the hits. */
    private static long[] expected(List<Io> ios, CachePolicy.ReadStaging staging, long[] hits) {
        Set<Long> validTracks = new HashSet<>();
        Set<Long> validBlocks = new HashSet<>();
        long[] latency = new long[ios.size()];
        for (int i = 0; i < ios.size(); i++) {
            Io io = ios.get(i);
            long firstBlock = io.offset / BLOCK;
            long lastBlock = (io.offset + io.size - 1) / BLOCK;
            if (io.write) {
                for (long b = firstBlock; b <= lastBlock; b++) {
                    validBlocks.add(b);
                    validTracks.add(b * BLOCK / TRACK);
                }
                latency[i] = -1;
                continue;
            }
            long slowest = 0;
            for (long t = io.offset / TRACK; t <= (io.offset + io.size - 1) / TRACK; t++) {
                long bytes;
                if (staging == CachePolicy.ReadStaging.TRACK) {
                    bytes = validTracks.add(t) ? TRACK : 0;
                } else {
                    long missing = 0;
                    for (long b = Math.max(firstBlock, t * TRACK / BLOCK); b <= Math.min(lastBlock, (t + 1) * TRACK / BLOCK - 1); b++) {
                        if (validBlocks.add(b)) {
                            missing++;
                        }
                    }
                    bytes = missing * BLOCK;
                }
                slowest = Math.max(slowest, bytes);
            }
            if (slowest == 0) {
                hits[0]++;
            }
            latency[i] = HOST_ADAPTER_NS + (slowest > 0 ? DEVICE_NS + slowest : 0);
        }
        return latency;
    }

    private void replayAgainstBruteForce(CachePolicy.ReadStaging staging, long seed, double writeFraction) {
        kernel = DsolKernel.create();
        signals = new Signals();
        Box b = box(staging);
        Volume v = b.addVolume("v", TRACKS, 0);
        Counter hits = count("box.b.cache.readHits");
        Counter misses = count("box.b.cache.readMisses");
        List<Io> ios = mix(seed, 3_000, writeFraction);
        long[] measured = new long[ios.size()];
        for (int i = 0; i < ios.size(); i++) {
            Io io = ios.get(i);
            int k = i;
            long first = io.offset / TRACK;
            int trackCount = (int) ((io.offset + io.size - 1) / TRACK - first + 1);
            kernel.at(i * SPACING_NS, () -> b.submit(new HostIo(k, v, v.firstTrack() + first, trackCount, io.offset,
                    io.size, io.write, kernel.now(), 0, -1), done -> measured[k] = kernel.now() - k * SPACING_NS));
        }
        kernel.runUntil(ios.size() * SPACING_NS);
        long[] expectedHits = {0};
        long[] expected = expected(ios, staging, expectedHits);
        long reads = 0;
        for (int i = 0; i < ios.size(); i++) {
            if (!ios.get(i).write) {
                reads++;
                assertThat(measured[i]).as("read %d %s", i, ios.get(i)).isEqualTo(expected[i]);
            }
        }
        assertThat(hits.value()).isEqualTo(expectedHits[0]);
        assertThat(misses.value()).isEqualTo(reads - expectedHits[0]);
        assertThat(hits.value()).as("both hits and misses occur").isPositive().isLessThan(reads);
    }

    @Test
    void trackStagingReadsEachMissingTrackWholeAndThenHitsAnywhereInIt() {
        SeededCases.forSeeds(4, seed -> replayAgainstBruteForce(CachePolicy.ReadStaging.TRACK, seed, 0));
        SeededCases.forSeeds(4, seed -> replayAgainstBruteForce(CachePolicy.ReadStaging.TRACK, 100 + seed, 0.3));
    }

    @Test
    void blockStagingReadsOnlyTheMissingBlocksAndOnlyThoseBecomeValid() {
        SeededCases.forSeeds(4, seed -> replayAgainstBruteForce(CachePolicy.ReadStaging.BLOCKS, seed, 0));
        SeededCases.forSeeds(4, seed -> replayAgainstBruteForce(CachePolicy.ReadStaging.BLOCKS, 100 + seed, 0.3));
    }

    /** The steps one by one, with blocks staging: a track filled block by block, a write, a whole-track fill. */
    @Test
    void blockStagingStepByStep() {
        Box b = box(CachePolicy.ReadStaging.BLOCKS);
        Cache c = b.cache();
        kernel.at(0, () -> {
            assertThat(c.readMissBytes(3, 2 * BLOCK, BLOCK)).isEqualTo(BLOCK);
            c.fill(3, 2 * BLOCK, BLOCK);
            assertThat(c.readMissBytes(3, 2 * BLOCK, BLOCK)).isZero();              // block 2: valid
            assertThat(c.readMissBytes(3, 2 * BLOCK + 100, 10)).isZero();           // inside block 2
            assertThat(c.readMissBytes(3, 3 * BLOCK, BLOCK)).isEqualTo(BLOCK);      // block 3: never read
            assertThat(c.readMissBytes(3, BLOCK, 3 * BLOCK)).isEqualTo(2 * BLOCK);  // blocks 1–3: 1 and 3 missing
            assertThat(c.read(3)).as("a replication engine's look-up: resident").isTrue();
            assertThat(c.read(4)).isFalse();
            c.write(3, 1, 5 * BLOCK, 1, false, () -> { });                           // one byte of block 5
            assertThat(c.readMissBytes(3, 5 * BLOCK, BLOCK)).isZero();              // written: valid
            c.fill(3);                                                             // a whole-track read
            assertThat(c.readMissBytes(3, 0, TRACK)).isZero();
            assertThat(c.readMissBytes(4, 0, 1)).isEqualTo(BLOCK);                  // another track: one block
        });
        kernel.runUntil(1);
    }
}
