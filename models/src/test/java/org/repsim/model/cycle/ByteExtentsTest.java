package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.model.HostIo;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * Byte addresses inside tracks (docs/model.md §2, §5): an I/O keeps its byte offset, touches every
 * track it covers, and a cycle sends its slots' dirty blocks; the same stream given as a trace or
 * as a synthetic workload makes the same cycles.
 */
class ByteExtentsTest {
    private static final long S = CycleFixture.S;
    private static final long KIB = 1024;
    /** 2000-01-01 as a Windows FILETIME (100 ns ticks since 1601). */
    private static final long FILETIME_2000 = 125_911_584_000_000_000L;

    @Test
    void anEightKibWriteAtOffset124KibTouchesTwoTracksWithFourKibEach() {
        CycleFixture f = new CycleFixture(new CycleFixture.Knobs());
        HostIo io = f.host.newIoAt(f.primaryVolume, 124 * KIB, 8 * KIB, true, 0, -1);
        assertThat(io.trackCount()).isEqualTo(2);
        assertThat(io.firstTrack()).isEqualTo(f.primaryVolume.firstTrack());
        f.kernel.at(0, () -> f.host.issue(io, done -> { }));
        f.runUntil(3 * S);
        CycleRecord r = f.records(f.session).get(0);
        assertThat(r.slots()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(8 * KIB);
        assertThat(r.writtenBytes()).isEqualTo(8 * KIB);
    }

    /** Sequential 4 KiB writes at 1 000/s over 100 Mbit/s in 2 s cycles, slot header 512 B. */
    private static CycleFixture.Knobs sequential() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(2 * S);
        k.linkBps = 12.5e6;
        k.writesPerSecond = 1_000;
        k.writeBytes = 4 * KIB;
        k.sequentialRunIos = 1e15;
        k.slotHeaderBytes = 512;
        return k;
    }

    @Test
    void theSameStreamAsATraceOrASyntheticWorkloadMakesTheSameCycles(@TempDir Path dir) throws IOException {
        CycleFixture synthetic = new CycleFixture(sequential());
        List<HostIo> issued = new ArrayList<>();
        synthetic.host.addIssueListener(issued::add);
        synthetic.writes(0, 20 * S);
        synthetic.runUntil(25 * S);

        // the synthetic stream as an MSR trace: FILETIME ticks, host, disk, type, offset, size, response
        StringBuilder csv = new StringBuilder();
        long first = issued.get(0).issueNs();
        for (HostIo io : issued) {
            csv.append(FILETIME_2000 + (io.issueNs() - first) / 100).append(",h,0,Write,").append(io.offsetBytes())
                    .append(',').append(io.sizeBytes()).append(",0\n");
        }
        Path file = dir.resolve("seq.csv");
        Files.writeString(file, csv);
        CycleFixture replay = new CycleFixture(sequential());
        replay.trace(file, first, 20 * S);
        replay.runUntil(25 * S);

        List<CycleRecord> a = synthetic.records(synthetic.session);
        List<CycleRecord> b = replay.records(replay.session);
        assertThat(a).hasSizeGreaterThanOrEqualTo(9);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).slots()).as("slots of cycle %d", i).isEqualTo(a.get(i).slots());
            assertThat(b.get(i).bytes()).as("bytes of cycle %d", i).isEqualTo(a.get(i).bytes());
            assertThat(b.get(i).writes()).as("writes of cycle %d", i).isEqualTo(a.get(i).writes());
        }
        // a 2 s cycle holds 2 000 writes of 4 KiB: 8 192 000 B in 2 000 / 32 = 62.5 slots (±1 at its ends)
        CycleRecord mid = a.get(3);
        assertThat(mid.writes()).isEqualTo(2_000);
        assertThat(mid.bytes()).isEqualTo(2_000 * 4 * KIB);
        assertThat(mid.slots()).isBetween(62, 64);
        assertThat(mid.byteFoldingRatio()).isEqualTo(1.0);
        assertThat(mid.foldingRatio()).isEqualTo(2_000.0 / mid.slots());
    }
}
