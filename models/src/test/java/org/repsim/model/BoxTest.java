package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;

class BoxTest {
    private static final long TRACK = 1_000;
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);
    // group 0: fast ssd; group 1: slower ssd
    private final DiskGroup fast = new DiskGroup(kernel, signals, "box.b.fast", 1, DiskModel.ssd(1_000, 1e9), 1);
    private final DiskGroup slow = new DiskGroup(kernel, signals, "box.b.slow", 1, DiskModel.ssd(10_000, 1e9), 1);
    // 4 slots, 2 may be write pending, one destage at a time
    private final Box box = new Box(kernel, signals, "b", new Site("p"),
            new Box.PoolConfig(1, Distributions.deterministic(100)),
            new Box.PoolConfig(1, Distributions.deterministic(70)),
            new Box.CacheConfig(4 * TRACK, TRACK, 0.5, 1), List.of(fast, slow));
    private final Volume v0 = box.addVolume("v0", 100, 0);
    private final Volume v1 = box.addVolume("v1", 100, 1);

    private HostIo io(Volume v, long track, boolean write) {
        return new HostIo(0, v, v.firstTrack() + track, 1, track * TRACK, 500, write, kernel.now(), 0, -1);
    }

    @Test
    void volumesGetConsecutiveTrackRangesOnTheirDiskGroup() {
        assertThat(v0.firstTrack()).isZero();
        assertThat(v1.firstTrack()).isEqualTo(100);
        assertThat(box.backEnd().groupOf(99)).isSameAs(fast);
        assertThat(box.backEnd().groupOf(100)).isSameAs(slow);
        assertThat(box.backEnd().groupOf(5_000)).isSameAs(fast);
        assertThat(box.volume("v1")).isSameAs(v1);
    }

    @Test
    void readMissGoesToTheVolumesDiskGroupAndTheNextReadHits() {
        kernel.at(0, () -> box.submit(io(v1, 3, false), x -> log.add("miss done")));
        kernel.at(100_000, () -> box.submit(io(v1, 3, false), x -> log.add("hit done")));
        kernel.runUntil(1_000_000);
        // host adapter 100 ns + slow ssd 10 000 + the whole 1 000-byte track (docs/model.md §1: a miss reads the track)
        assertThat(log.lines()).containsExactly("11100 miss done", "100100 hit done");
    }

    @Test
    void aReplicationHandlerThatAcknowledgesTwiceIsABug() {
        box.setReplicationHandler((io, ack) -> {
            ack.run();
            ack.run();
        });
        java.util.List<HostIo> done = new java.util.ArrayList<>();
        kernel.at(0, () -> box.submit(io(v0, 1, true), done::add));
        assertThatThrownBy(() -> kernel.runUntil(1_000_000)).hasStackTraceContaining("acknowledged host write 0 more than once");
        assertThat(done).hasSize(1);
    }

    @Test
    void hostWriteGoesThroughTheReplicationHandlerAndWaitsForWritePendingRoom() {
        box.setReplicationHandler((io, ack) -> {
            log.add("handler " + io.firstTrack());
            ack.run();
        });
        kernel.at(0, () -> {
            for (long t = 0; t < 3; t++) {
                long track = t;
                box.submit(io(v0, track, true), x -> log.add("ack " + track));
            }
        });
        kernel.runUntil(1_000_000);
        // writes reach the cache at 100, 200, 300 ns; the third waits for the first destage
        // (track 0: 100 → 100 + 1000 + 1000 = 2100 ns)
        assertThat(log.lines()).containsExactly(
                "100 handler 0", "100 ack 0", "200 handler 1", "200 ack 1", "2100 handler 2", "2100 ack 2");
    }

    @Test
    void namedProcessorPoolsAndBadInput() {
        Processor prep = box.addProcessor("prep", 2, Distributions.deterministic(10));
        assertThat(box.processor("prep")).isSameAs(prep);
        assertThat(prep.name()).isEqualTo("box.b.prep");
        assertThatThrownBy(() -> box.processor("nope")).hasMessageContaining("no processor pool nope");
        assertThatThrownBy(() -> box.addVolume("v0", 1, 0)).hasMessageContaining("already has a volume");
        assertThatThrownBy(() -> box.addVolume("v9", 1, 7)).hasMessageContaining("no disk group 7");
        Box other = new Box(kernel, signals, "o", new Site("q"), new Box.PoolConfig(1, Distributions.deterministic(1)),
                new Box.PoolConfig(1, Distributions.deterministic(1)), new Box.CacheConfig(4 * TRACK, TRACK, 0.5, 1),
                List.of(new DiskGroup(kernel, signals, "box.o.dg", 1, DiskModel.ssd(1, 1e9), 1)));
        assertThatThrownBy(() -> other.submit(io(v0, 0, true), x -> { })).hasMessageContaining("submitted to box o");
    }

    @Test
    void aHostAdapterCostsItsOverheadPlusBytesOverItsPortSpeed() {
        // docs/model.md §1: 40 us + 1 MiB at 16 Gbit/s (2e9 B/s) = 40 000 + 524 288 = 564 288 ns at idle
        long track = 128 * 1024;
        DiskGroup d = new DiskGroup(kernel, signals, "box.h.d", 4, DiskModel.ssd(1_000, 1e9), 1);
        Box h = new Box(kernel, signals, "h", new Site("p"),
                new Box.PoolConfig(1, Distributions.deterministic(40_000), 2e9),
                new Box.PoolConfig(1, Distributions.deterministic(70), 1e9),
                new Box.CacheConfig(1L << 30, track, 0.5, 4), List.of(d));
        Volume v = h.addVolume("v", 1_000, 0);
        HostIo write = new HostIo(0, v, v.firstTrack(), 8, 0, 1L << 20, true, 0, 0, -1);
        kernel.at(0, () -> h.submit(write, x -> log.add("written")));
        kernel.runUntil(10_000_000);
        assertThat(log.lines()).containsExactly("564288 written");
        assertThat(h.hostAdapterNs(4_096)).isEqualTo(40_000 + 2_048);
        assertThat(h.remoteAdapterNs(1_000)).isEqualTo(70 + 1_000);
        // without a port speed: the overhead alone, as before
        assertThat(box.hostAdapterNs(1L << 20)).isEqualTo(100);
    }
}
