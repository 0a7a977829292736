package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 10^6-line trace replays through one reused record without the reader holding the trace. */
class StreamingTest {
    private static final int LINES = 1_000_000;

    @TempDir
    static Path dir;
    private static Path trace;

    @BeforeAll
    static void generate() throws IOException {
        trace = dir.resolve("big.spc");
        try (BufferedWriter out = Files.newBufferedWriter(trace, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < LINES; i++) {
                // ASU i%3, write when i%3==0, size 4..16 KiB, one I/O per ms
                int millis = i % 1000;
                line.setLength(0);
                line.append(i % 3).append(',').append(lbaOf(i)).append(',').append(sizeOf(i)).append(',')
                        .append(i % 3 == 0 ? 'w' : 'r').append(',').append(i / 1000).append('.')
                        .append(millis < 100 ? "0" : "").append(millis < 10 ? "0" : "").append(millis)
                        .append(",extra\n");
                out.append(line);
            }
        }
    }

    private static long lbaOf(int i) {
        return (i * 8L) % (1 << 20);
    }

    private static long sizeOf(int i) {
        return 4096L * (1 + i % 4);
    }

    @Test
    void everyLineIsReplayedThroughTheSameRecord() {
        long count = 0;
        long writes = 0;
        long bytes = 0;
        long lastNs = -1;
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC)) {
            TraceRecord record = reader.record();
            while (reader.next()) {
                assertThat(reader.record()).isSameAs(record);
                count++;
                writes += record.isWrite() ? 1 : 0;
                bytes += record.sizeBytes();
                lastNs = record.timeNs();
            }
        }
        assertThat(count).isEqualTo(LINES);
        assertThat(writes).isEqualTo(333_334);
        assertThat(bytes).isEqualTo(4096L * (1 + 2 + 3 + 4) * (LINES / 4));
        assertThat(lastNs).isEqualTo(999_999_000_000L);
    }

    @Test
    void heapDoesNotGrowWithLinesRead() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC,
                TraceOptions.defaults().withReorderWindow(64))) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(reader.next()).isTrue();
            }
            long early = usedAfterGc(memory);
            long count = 1_000;
            while (reader.next()) {
                count++;
                if (count == LINES - 1_000) {
                    break;
                }
            }
            long late = usedAfterGc(memory);
            assertThat(count).isEqualTo(LINES - 1_000);
            // holding the ~10^6 lines read in between would take far more than 16 MiB
            // (the file alone is ~30 MB of text); a streaming reader holds O(1) of them
            assertThat(late - early).isLessThan(16L << 20);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void statsStreamTheSameFile() {
        TraceStats stats = TraceStats.of(trace, TraceFormat.SPC, TraceOptions.defaults(), 60_000_000_000L,
                1_000_000_000L, 128 * 1024);
        assertThat(stats.ios()).isEqualTo(LINES);
        assertThat(stats.writes()).isEqualTo(333_334);
        assertThat(stats.durationNs()).isEqualTo(999_999_000_000L);
        assertThat(stats.writeBytesPerInterval()).hasSize(17);
        // oracle: per 1 s window (1000 lines), distinct "track" strings of the writes (all on ASU 0)
        long trackWrites = 0;
        long distinctSum = 0;
        long maxDistinct = 0;
        double ratioSum = 0;
        int windows = 0;
        for (int start = 0; start < LINES; start += 1000) {
            Set<String> tracks = new HashSet<>();
            long windowWrites = 0;
            for (int i = start; i < start + 1000; i++) {
                if (i % 3 != 0) {
                    continue;
                }
                long offset = lbaOf(i) * 512;
                for (long t = offset / (128 * 1024); t <= (offset + sizeOf(i) - 1) / (128 * 1024); t++) {
                    tracks.add("0:" + t);
                    windowWrites++;
                }
            }
            trackWrites += windowWrites;
            distinctSum += tracks.size();
            maxDistinct = Math.max(maxDistinct, tracks.size());
            ratioSum += (double) windowWrites / tracks.size();
            windows++;
        }
        assertThat(stats.cyclesWithWrites()).isEqualTo(windows);
        assertThat(stats.trackWrites()).isEqualTo(trackWrites);
        assertThat(stats.distinctTracksWritten()).isEqualTo(distinctSum);
        assertThat(stats.maxDistinctTracksPerCycle()).isEqualTo(maxDistinct);
        assertThat(stats.foldingRatio()).isCloseTo(ratioSum / windows, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(stats.foldingRatio()).isGreaterThan(5.0);
    }
}
