package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Counter;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/**
 * Slot allocation, write-pending delay, pressure destage, destage extent and replication's held
 * bytes of a box's cache (docs/model.md §1, §7a). Tracks of 1 000 B in blocks of 100 B; one SSD
 * device: an operation of b bytes takes 1 000 + b ns.
 */
class CacheDestageTest {
    private static final long T = 1_000;
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);
    private final DiskGroup disks = new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1_000, 1e9), 1);

    private Cache cache(int slots, double wpLimit, CachePolicy policy) {
        return new Cache(kernel, signals, "c", slots * T, T, wpLimit, 1, new BackEnd(List.of(disks)), 100, policy);
    }

    private static CachePolicy policy(CachePolicy.SlotAllocation a, CachePolicy.DestageExtent d, long delayNs,
                                      double pressure) {
        return new CachePolicy(a, d, delayNs, pressure);
    }

    private Counter count(String signal) {
        Counter c = new Counter();
        signals.find(signal).subscribe((t, v) -> c.add((long) v));
        return c;
    }

    private void at(long ns, Runnable r) {
        kernel.at(ns, r);
    }

    /** N written tracks of 250 B each (3 blocks): N × trackSize with whole-track slots, N × 300 B with block slots. */
    @Test
    void wholeTrackSlotsCountNTracksBlockSlotsTheirDirtyBlocks() {
        int n = 7;
        long delay = 1_000_000_000L; // nothing destaged meanwhile
        Cache track = cache(100, 1.0, policy(CachePolicy.SlotAllocation.TRACK, CachePolicy.DestageExtent.TRACK, delay, 1.0));
        Cache blocks = new Cache(kernel, signals, "b", 100 * T, T, 1.0, 1, new BackEnd(List.of(disks)), 100,
                policy(CachePolicy.SlotAllocation.BLOCKS, CachePolicy.DestageExtent.TRACK, delay, 1.0));
        at(0, () -> {
            for (int t = 0; t < n; t++) {
                track.write(t, 1, 0, 250, false, () -> { });
                blocks.write(t, 1, 0, 250, false, () -> { });
            }
            // a rewrite of other blocks of track 0: nothing more for a whole track, two blocks more for blocks
            track.write(0, 1, 500, 200, false, () -> { });
            blocks.write(0, 1, 500, 200, false, () -> { });
            log.add("track=" + track.writePendingBytes() + " blocks=" + blocks.writePendingBytes());
        });
        kernel.runUntil(1_000);
        assertThat(log.lines()).containsExactly("0 track=" + n * T + " blocks=" + (n * 300 + 200));
    }

    /** A track written at 0 and rewritten at 2 µs, delay 5 µs: one destage, from 5 µs to 7 µs. */
    @Test
    void aTrackRewrittenWithinTheDelayIsDestagedOnceAfterTheDelay() {
        Cache c = cache(10, 1.0, policy(CachePolicy.SlotAllocation.TRACK, CachePolicy.DestageExtent.TRACK, 5_000, 1.0));
        Counter diskWrites = count("dg.writes");
        at(0, () -> c.write(1, 1, () -> { }));
        at(2_000, () -> c.write(1, 1, () -> { }));
        for (long t : new long[] {4_999, 5_001, 6_999, 7_000}) {
            at(t, () -> log.add("writes=" + diskWrites.value() + " wp=" + c.writePendingBytes()));
        }
        kernel.runUntil(1_000_000);
        assertThat(log.lines()).containsExactly(
                "4999 writes=0 wp=1000", "5001 writes=1 wp=1000", "6999 writes=1 wp=1000", "7000 writes=1 wp=0");
        assertThat(diskWrites.value()).isEqualTo(1);
    }

    /**
     * Limit 10 tracks, pressure 0.5 (5 000 B), delay 1 s: four dirty tracks wait for their delay; the
     * fifth reaches the pressure level and starts a destage at once, and destaging stops as soon as
     * write pending is below it again (one destage, 2 µs later).
     */
    @Test
    void pressureDestagesEarlyUntilWritePendingFallsBelowIt() {
        Cache c = cache(20, 0.5, policy(CachePolicy.SlotAllocation.TRACK, CachePolicy.DestageExtent.TRACK,
                1_000_000_000L, 0.5));
        Counter diskWrites = count("dg.writes");
        at(0, () -> {
            for (int t = 0; t < 4; t++) {
                c.write(t, 1, () -> { });
            }
        });
        at(100_000, () -> log.add("writes=" + diskWrites.value() + " wp=" + c.writePendingBytes()));
        at(200_000, () -> c.write(4, 1, () -> { }));
        at(200_001, () -> log.add("writes=" + diskWrites.value()));
        at(500_000, () -> log.add("writes=" + diskWrites.value() + " wp=" + c.writePendingBytes()));
        kernel.runUntil(600_000);
        assertThat(log.lines()).containsExactly("100000 writes=0 wp=4000", "200001 writes=1", "500000 writes=1 wp=4000");
    }

    /** Destage {@code blocks} writes the dirty 300 B (1 300 ns), {@code track} the whole 1 000 B (2 000 ns). */
    @Test
    void destageWritesTheDirtyBlocksOrTheWholeTrack() {
        for (CachePolicy.DestageExtent d : CachePolicy.DestageExtent.values()) {
            SimulationKernel k = DsolKernel.create();
            Signals sig = new Signals();
            DiskGroup dg = new DiskGroup(k, sig, "dg", 1, DiskModel.ssd(1_000, 1e9), 1);
            Cache c = new Cache(k, sig, "c", 10 * T, T, 1.0, 1, new BackEnd(List.of(dg)), 100,
                    policy(CachePolicy.SlotAllocation.TRACK, d, 0, 0.8));
            long[] clean = {-1};
            k.at(0, () -> c.write(3, 1, 420, 250, false, () -> { })); // blocks 4, 5 and 6
            sig.find("c.writePendingBytes").subscribe((t, v) -> {
                if (v == 0) {
                    clean[0] = t;
                }
            });
            k.runUntil(1_000_000);
            assertThat(clean[0]).as(d.name()).isEqualTo(d == CachePolicy.DestageExtent.BLOCKS ? 1_300 : 2_000);
        }
    }

    /**
     * Replication's held bytes count against the limit: limit 5 000 B, 4 000 held, a second track
     * waits until 1 000 B are released.
     */
    @Test
    void heldBytesCountAgainstTheLimitAndTheirReleaseAdmitsWaitingWrites() {
        Cache c = cache(10, 0.5, policy(CachePolicy.SlotAllocation.TRACK, CachePolicy.DestageExtent.TRACK,
                1_000_000_000L, 1.0));
        at(0, () -> {
            c.hold(4_000);
            c.write(1, 1, log.on("t1"));
            c.write(2, 1, log.on("t2"));
            log.add("wp=" + c.writePendingBytes() + " blocked=" + c.blockedWrites());
        });
        at(50, () -> c.hold(-1_000));
        at(60, () -> log.add("wp=" + c.writePendingBytes() + " held=" + c.heldBytes()));
        kernel.runUntil(100);
        assertThat(log.lines()).containsExactly("0 t1", "0 wp=5000 blocked=1", "50 t2", "60 wp=5000 held=3000");
    }

    /**
     * A covered (replicated) write is counted by replication, not again by the cache; uncovered
     * while still dirty it counts locally until destaged; a covered destage subtracts nothing.
     */
    @Test
    void aCoveredWriteIsCountedOnceAndCountsLocallyWhenUncovered() {
        Cache c = cache(10, 1.0, policy(CachePolicy.SlotAllocation.TRACK, CachePolicy.DestageExtent.TRACK, 10_000, 1.0));
        at(0, () -> {
            c.write(1, 1, 0, T, true, () -> { });
            c.write(2, 1, 0, T, true, () -> { });
            c.hold(2 * T); // the session's two slots
            log.add("wp=" + c.writePendingBytes());
            c.uncover(1); // the session sent track 1's slot
            c.hold(-T);
            log.add("wp=" + c.writePendingBytes());
        });
        at(20_000, () -> log.add("wp=" + c.writePendingBytes() + " dirty=" + c.dirtySlots()));
        kernel.runUntil(30_000);
        // both destaged by 10 000 + 2 × 2 000 ns: track 1's local bytes left, track 2's held 1 000 stay
        assertThat(log.lines()).containsExactly("0 wp=2000", "0 wp=2000", "20000 wp=1000 dirty=0");
    }

    /**
     * Write pending at its limit with a destage rate below the host write rate (docs/model.md §1, §9):
     * host writes complete at the destage rate. One device, never idle at the limit, destaging
     * 128 KiB tracks in 100 µs + 131.072 µs: 1 ÷ 231.072 µs = 4 327.7 writes/s, against 6 000
     * writes/s of 4 KiB to distinct tracks (almost: uniform over 10^7 tracks) offered.
     */
    @Test
    void atTheWritePendingLimitHostWritesCompleteAtTheDestageRate() {
        long track = 128 * 1024;
        DiskGroup dg = new DiskGroup(kernel, signals, "box.b.dg", 1, DiskModel.ssd(100_000, 1e9), 1);
        Box box = new Box(kernel, signals, "b", new Site("s"),
                new Box.PoolConfig(8, Distributions.deterministic(1_000)),
                new Box.PoolConfig(1, Distributions.deterministic(1_000)),
                new Box.CacheConfig(64L << 20, track, 0.5, 4), List.of(dg));
        Volume v = box.addVolume("v", 10_000_000, 0);
        Host host = new Host(kernel, signals);
        long[] done = new long[2];
        long from = 1_000_000_000L;
        long to = 3_000_000_000L;
        host.addWriteAckListener(io -> {
            long now = kernel.now();
            if (now >= from && now < to) {
                done[0]++;
            }
        });
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(3, 0), "w");
        IoGenerator gen = new IoGenerator(host, List.of(v), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.deterministic(4_096), AddressPattern.uniform(streams.address()), streams);
        new OpenLoopWorkload("w", kernel, gen, ArrivalProcess.deterministic(6_000), null).start(0, to);
        kernel.runUntil(to);
        double rate = done[0] / ((to - from) / 1e9);
        double destageRate = 1 / ((100_000 + track) / 1e9);
        assertThat(box.cache().writePendingBytes()).isGreaterThan(box.cache().writePendingLimitBytes() - track);
        assertThat(rate).isCloseTo(destageRate, within(0.05 * destageRate));
    }
}
