package org.repsim.model;

import org.repsim.core.collect.LongIntMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Counter;

class CacheTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);
    // one device; a destage of a 1000-byte track takes 1000 + 1000 ns
    private final DiskGroup disks = new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1_000, 1e9), 1);

    private Cache cache(int slots, double wpLimit, int maxDestages) {
        return new Cache(kernel, signals, "c", slots * 1_000L, 1_000, wpLimit, maxDestages, new BackEnd(List.of(disks)));
    }

    private Counter count(String signal) {
        Counter c = new Counter();
        signals.find(signal).subscribe((t, v) -> c.add((long) v));
        return c;
    }

    @Test
    void writeWaitsAtTheWritePendingLimitUntilADestageFreesRoom() {
        Cache c = cache(4, 0.5, 1);
        assertThat(c.writePendingLimitBytes()).isEqualTo(2_000);
        kernel.at(0, () -> {
            c.write(1, 1, log.on("w1"));
            c.write(2, 1, log.on("w2"));
            c.write(3, 1, log.on("w3"));
            c.write(1, 1, log.on("w1 again"));
            log.add("wp=" + c.writePendingBytes() + " blocked=" + c.blockedWrites());
        });
        kernel.at(7_000, () -> log.add("wp=" + c.writePendingBytes()));
        kernel.runUntil(100_000);
        // the rewrite of t1 queues behind w3 (FIFO). Destages: t1 0–2000 (w3 admitted), t2 2000–4000
        // (t1, now clean, is dirtied again), t3 4000–6000, t1 6000–8000
        assertThat(log.lines()).containsExactly(
                "0 w1", "0 w2", "0 wp=2000 blocked=2", "2000 w3", "4000 w1 again", "7000 wp=1000");
        assertThat(c.isWritePending(1)).isFalse();
        assertThat(c.writePendingBytes()).isZero();
    }

    @Test
    void rewritesOfAPendingTrackFoldAndARewriteDuringDestageIsDestagedAgain() {
        Cache c = cache(8, 1.0, 1);
        Counter diskWrites = count("dg.writes");
        Counter writeHits = count("c.writeHits");
        kernel.at(0, () -> {
            c.write(7, 1, () -> { });
            c.write(8, 1, () -> { });
            c.write(8, 1, () -> { }); // folds into the pending slot of track 8, queued behind 7
        });
        kernel.at(1_000, () -> c.write(7, 1, () -> { })); // track 7 is being destaged
        kernel.runUntil(100_000);
        assertThat(writeHits.value()).isEqualTo(2);
        assertThat(diskWrites.value()).isEqualTo(3); // 7, 8, 7 again
        assertThat(c.writePendingBytes()).isZero();
    }

    @Test
    void readsHitResidentTracksAndMissOthers() {
        Cache c = cache(4, 0.5, 2);
        Counter hits = count("c.readHits");
        Counter misses = count("c.readMisses");
        kernel.at(0, () -> {
            log.add("read 5 hit=" + c.read(5) + " miss bytes=" + c.readMissBytes(5, 10, 20));
            c.fill(5);
            log.add("read 5 hit=" + c.read(5) + " miss bytes=" + c.readMissBytes(5, 10, 20));
            c.write(6, 1, () -> { });
            log.add("read 6 hit=" + c.read(6));
            c.countHostRead(false);
            c.countHostRead(true);
            c.countHostRead(true);
        });
        kernel.runUntil(10);
        // track read staging: a miss reads the whole 1 000-byte track (docs/model.md §1)
        assertThat(log.lines()).containsExactly("0 read 5 hit=false miss bytes=1000", "0 read 5 hit=true miss bytes=0",
                "0 read 6 hit=true");
        // look-ups count nothing; host reads are counted once each
        assertThat(hits.value()).isEqualTo(2);
        assertThat(misses.value()).isEqualTo(1);
    }

    @Test
    void residencyIsBoundedBySlotsAndDirtyTracksAreNeverEvicted() {
        Cache c = cache(16, 0.25, 1);
        kernel.at(0, () -> {
            c.write(1_000_000, 1, () -> { });
            for (long t = 0; t < 10_000; t++) {
                c.fill(t);
                if (t % 7 == 0) {
                    c.read(t - 3);
                }
            }
            log.add("resident=" + c.residentTracks() + " pending1M=" + c.isWritePending(1_000_000));
        });
        kernel.runUntil(1);
        assertThat(log.lines()).containsExactly("0 resident=16 pending1M=true");
        assertThat(c.isResident(9_999)).isTrue();
        assertThat(c.isResident(0)).isFalse();
    }

    @Test
    void multiTrackWriteIsAdmittedWhenAllItsTracksAre() {
        Cache c = cache(8, 0.25, 1); // 2 pending slots
        kernel.at(0, () -> c.write(10, 3, log.on("w 10-12")));
        kernel.runUntil(100_000);
        // tracks 10 and 11 at once, 12 after the first destage (2000 ns)
        assertThat(log.lines()).containsExactly("2000 w 10-12");
    }

    @Test
    void anticipationHintsChangeNothing() {
        // the same seeded mix of writes and reads on a small cache (evictions, folding, waits for
        // destage), once with every hint before every access and once with none: same log
        assertThat(mixedRun(true, 0)).isEqualTo(mixedRun(false, 0)).hasSizeGreaterThan(500);
    }

    @Test
    void largeTrackNumbersBehaveAsSmallOnes() {
        // slots keep their tracks as unsigned ints until a track of 2^32 or more arrives: tracks
        // from 2^31 (negative as ints), tracks that cross 2^32 during the run (the slots widen
        // with tracks already held) and tracks far above give the same run as tracks from 0
        List<String> small = mixedRun(true, 0);
        for (long base : new long[] {1L << 31, (1L << 32) - 100, 1L << 40}) {
            assertThat(mixedRun(true, base)).as("tracks from %d", base).isEqualTo(small);
            assertThat(mixedRun(false, base)).as("tracks from %d, no hints", base).isEqualTo(small);
        }
    }

    private static List<String> mixedRun(boolean hints, long base) {
        SimulationKernel k = DsolKernel.create();
        Signals sig = new Signals();
        EventLog events = new EventLog(k);
        DiskGroup dg = new DiskGroup(k, sig, "dg", 2, DiskModel.ssd(1_000, 1e9), 1);
        Cache c = new Cache(k, sig, "c", 16 * 1_000L, 1_000, 0.5, 2, new BackEnd(List.of(dg)));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            long track = base + (random.nextInt(5) == 0 ? random.nextInt(200) : random.nextInt(24));
            boolean write = random.nextInt(4) != 0;
            int n = i;
            k.at(i * 700L, () -> {
                if (hints) {
                    c.anticipate(track);
                    c.anticipateEviction();
                    c.anticipateEvictions(3);
                    c.anticipateIndex(track + 1);
                    c.anticipateSlot(track + 1);
                }
                if (write) {
                    c.write(track, 1 + n % 2, events.on("w" + n));
                } else {
                    events.add("r" + n + " " + c.read(track));
                }
            });
        }
        k.at(2_000 * 700L, () -> {
            StringBuilder resident = new StringBuilder();
            for (long t = 0; t < 200; t++) {
                resident.append(c.isResident(base + t) ? (c.isWritePending(base + t) ? 'w' : 'r') : '.');
            }
            events.add("resident=" + c.residentTracks() + " wp=" + c.writePendingBytes() + " " + resident);
        });
        k.runUntil(10_000_000);
        return events.lines();
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> cache(0, 0.5, 1)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> cache(4, 0, 1)).hasMessageContaining("writePendingLimit");
        assertThatThrownBy(() -> cache(4, 0.5, 0)).hasMessageContaining("maxDestages");
    }
}
