package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;

/**
 * The cache's count of covered dirty tracks, by which {@link Cache#isCoveredDirty} answers
 * without its index (docs/model.md §7a): under seeded random host writes (covered or not, whole
 * tracks or parts), destages, uncovers, reads with fills and evictions, replication's held bytes
 * and writes waiting for room, the counts always equal a recount from the slots, and the answer
 * always equals the index's for every track.
 */
class CacheCoveredDirtyTest {
    private static final long T = 1_000;
    private static final int TRACKS = 48;
    /** Tracks 0 .. TRACKS-1, then for each of the first 16 a larger track of the same count bucket. */
    private static final long[] UNIVERSE = universe();

    private static long[] universe() {
        long[] u = new long[TRACKS + 16];
        for (int t = 0; t < TRACKS; t++) {
            u[t] = t;
        }
        for (int t = 0; t < 16; t++) {
            long partner = TRACKS;
            while (Cache.coveredDirtyBucket(partner) != Cache.coveredDirtyBucket(t)) {
                partner++;
            }
            u[TRACKS + t] = partner;
        }
        return u;
    }

    @Test
    void theCountOfCoveredDirtyTracksAgreesWithTheSlotsAndTheIndex() {
        SeededCases.Coverage coverage = new SeededCases.Coverage();
        SeededCases.forSeeds(300, seed -> {
            runCase(new SplittableRandom(seed), coverage);
            coverage.endCase();
        });
        coverage.assertSeen("covered dirty");
        coverage.assertSeen("not covered dirty, bucket in use");
        coverage.assertSeen("answered by the count");
        coverage.assertSeen("uncovered a dirty track");
        coverage.assertSeen("write waited for room");
    }

    private static void runCase(SplittableRandom r, SeededCases.Coverage coverage) {
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        DiskGroup disks = new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1_000, 1e9), 1);
        CachePolicy policy = new CachePolicy(
                SeededCases.oneOf(r, CachePolicy.SlotAllocation.TRACK, CachePolicy.SlotAllocation.BLOCKS),
                SeededCases.oneOf(r, CachePolicy.DestageExtent.TRACK, CachePolicy.DestageExtent.BLOCKS),
                SeededCases.oneOf(r, 0L, 3_000L, 50_000L), SeededCases.oneOf(r, 0.5, 1.0));
        int slots = SeededCases.intIn(r, 4, 24);
        Cache c = new Cache(kernel, signals, "c", slots * T, T, SeededCases.oneOf(r, 0.4, 0.8, 1.0),
                SeededCases.intIn(r, 1, 3), new BackEnd(List.of(disks)), 100, policy);
        long[] held = {0};
        long now = 0;
        int steps = SeededCases.intIn(r, 1, 120);
        for (int i = 0; i < steps; i++) {
            now += SeededCases.oneOf(r, 0L, 500L, 2_000L, 20_000L);
            long track = UNIVERSE[r.nextInt(UNIVERSE.length)];
            int op = r.nextInt(10);
            kernel.at(now, () -> {
                switch (op) {
                    case 0, 1, 2, 3 -> {
                        int count = track < TRACKS ? (int) Math.min(TRACKS - track, SeededCases.intIn(r, 1, 3)) : 1;
                        long offset = r.nextInt((int) T);
                        long size = Math.max(1, r.nextLong(count * T - offset + 1));
                        c.write(track, count, offset, size, r.nextInt(4) != 0, () -> { });
                    }
                    case 4 -> c.write(track, 1, () -> { });
                    case 5 -> {
                        coverage.count("uncovered a dirty track", c.isCoveredDirty(track));
                        c.uncover(track);
                    }
                    case 6 -> c.uncoverRange(track, track + SeededCases.intIn(r, 1, 8));
                    case 7 -> {
                        if (!c.read(track)) {
                            c.fill(track);
                        }
                    }
                    case 8 -> {
                        long delta = r.nextBoolean() ? T : -Math.min(held[0], T);
                        held[0] += delta;
                        c.hold(delta);
                    }
                    default -> { }
                }
                coverage.count("write waited for room", c.blockedWrites() > 0);
                check(c, coverage);
            });
        }
        kernel.runUntil(now + 1_000_000);
        check(c, coverage);
    }

    private static void check(Cache c, SeededCases.Coverage coverage) {
        assertThat(c.coveredDirtyCountsHold()).as("covered dirty counts equal a recount from the slots").isTrue();
        for (long t : UNIVERSE) {
            boolean byIndex = c.coveredDirtyByIndex(t);
            boolean answer = c.isCoveredDirty(t);
            assertThat(answer).as("isCoveredDirty(%d)", t).isEqualTo(byIndex);
            coverage.count("covered dirty", byIndex);
            coverage.count("not covered dirty, bucket in use", !byIndex && c.mayBeCoveredDirty(t));
            coverage.count("answered by the count", !c.mayBeCoveredDirty(t));
        }
    }
}
