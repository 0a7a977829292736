package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.kernel.SimulationFailure;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.HostIo;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.workload.Host;

/** A trace replayed as host I/O: issue times, volume mapping, track arithmetic, both timings. */
class TraceWorkloadTest {
    private static final long TRACK = 1_000;
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final Box box = new Box(kernel, signals, "b", new Site("p"),
            new Box.PoolConfig(1, Distributions.deterministic(100_000)),
            new Box.PoolConfig(1, Distributions.deterministic(100)),
            new Box.CacheConfig(100 * TRACK, TRACK, 0.5, 4),
            List.of(new DiskGroup(kernel, signals, "box.b.d", 2, DiskModel.ssd(1_000, 1e9), 1)));
    private final Volume v0 = box.addVolume("v0", 50, 0);
    private final Volume v1 = box.addVolume("v1", 50, 0);
    private final Host host = new Host(kernel, signals);
    private final List<String> issued = new ArrayList<>();

    @TempDir
    Path dir;

    TraceWorkloadTest() {
        host.addIssueListener(io -> issued.add(kernel.now() + " " + io.volume().name() + " t" + (io.firstTrack()
                - io.volume().firstTrack()) + "+" + io.trackCount() + (io.write() ? " W " : " R ") + io.sizeBytes()));
    }

    /** SPC: ASU, LBA (512 B blocks), size, opcode, seconds. */
    private Path spc(String... lines) throws IOException {
        Path p = dir.resolve("t.spc");
        Files.write(p, List.of(lines));
        return p;
    }

    @Test
    void traceTimingIssuesEachIoAtItsTimeOnTheMappedVolume() throws IOException {
        Path trace = spc("0,0,500,w,0.0", "1,4,1500,r,0.25", "0,6,2000,w,0.5");
        TraceReader reader = TraceReader.open(trace, TraceFormat.SPC);
        new TraceWorkload("t", kernel, host, reader, Map.of("0", v1, "1", v0), List.of()).start(1_000_000, 10_000_000_000L);
        kernel.runUntil(2_000_000_000L);
        // LBA 4 → byte 2048 → track 2; 1500 bytes end at 3547 → tracks 2..3; LBA 6 → 3072 → tracks 3..5
        assertThat(issued).containsExactly(
                "1000000 v1 t0+1 W 500",
                "251000000 v0 t2+2 R 1500",
                "501000000 v1 t3+3 W 2000");
    }

    @Test
    void withoutAMapDevicesGoToTheWorkloadsVolumesInOrderOfFirstAppearance() throws IOException {
        Path trace = spc("7,0,100,w,0.0", "3,0,100,w,0.1", "7,2,100,w,0.2");
        new TraceWorkload("t", kernel, host, TraceReader.open(trace, TraceFormat.SPC), Map.of(), List.of(v0, v1))
                .start(0, Long.MAX_VALUE);
        kernel.runUntil(1_000_000_000L);
        assertThat(issued).extracting(l -> l.split(" ")[1]).containsExactly("v0", "v1", "v0");
    }

    @Test
    void syntheticTimingIssuesTheSequenceClosedLoop() throws IOException {
        Path trace = spc("0,0,100,w,0.0", "0,2,100,w,5.0", "0,4,100,w,9.0");
        TraceReader reader = TraceReader.open(trace, TraceFormat.SPC,
                TraceOptions.defaults().withTiming(TraceOptions.Timing.SYNTHETIC));
        List<HostIo> done = new ArrayList<>();
        host.addWriteAckListener(done::add);
        new TraceWorkload("t", kernel, host, reader, Map.of(), List.of(v0)).start(0, Long.MAX_VALUE);
        kernel.runUntil(1_000_000_000L);
        // each write waits for the previous one's completion (host adapter 100 µs), not for its trace time
        assertThat(issued).extracting(l -> Long.parseLong(l.split(" ")[0])).containsExactly(0L, 100_000L, 200_000L);
        assertThat(done).hasSize(3);
    }

    @Test
    void noIoIsIssuedAtOrAfterTheEndOfTheRun() throws IOException {
        Path trace = spc("0,0,100,w,0.0", "0,2,100,w,1.0", "0,4,100,w,2.0");
        new TraceWorkload("t", kernel, host, TraceReader.open(trace, TraceFormat.SPC), Map.of(), List.of(v0))
                .start(0, 2_000_000_000L);
        kernel.runUntil(5_000_000_000L);
        assertThat(issued).hasSize(2);
    }

    @Test
    void anUnmappedDeviceFailsTheRunWithFileLineAndDevice() throws IOException {
        Path trace = spc("0,0,100,w,0.0", "9,0,100,w,0.1");
        new TraceWorkload("t", kernel, host, TraceReader.open(trace, TraceFormat.SPC), Map.of("0", v0), List.of())
                .start(0, Long.MAX_VALUE);
        assertThatThrownBy(() -> kernel.runUntil(1_000_000_000L)).isInstanceOf(SimulationFailure.class)
                .hasMessageContaining("t.spc:2").hasMessageContaining("\"9\" is not mapped");
    }
}
