package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceStatsTest {
    private static final long S = 1_000_000_000L;
    private static final long TRACK = 128 * 1024;

    @TempDir
    Path dir;
    private Path trace;

    @BeforeEach
    void writeTrace() {
        // Track = 128 KiB = 256 sectors; cycle 10 s; times relative to the first I/O at 100 s.
        trace = TraceFiles.write(dir, "hand.spc",
                // cycle 0: device 0 tracks 0,0,0,1 -> 4 track writes / 2 distinct = 2.0
                "0,0,4096,w,100.0",
                "0,8,4096,w,101.0",
                "0,0,8192,w,102.0",
                "0,256,4096,w,103.0",
                "0,0,65536,r,104.0",
                // cycle 1: device 0 bytes 258048..266239 = tracks 1 and 2; device 1 track 1
                //          -> 3 track writes / 3 distinct = 1.0
                "0,504,8192,w,112.0",
                "1,256,4096,w,115.0",
                // cycle 2: reads only, no folding sample
                "1,0,16384,r,125.0",
                // cycle 3: device 0 track 0 twice -> 2 / 1 = 2.0
                "0,0,512,w,131.0",
                "0,1,512,w,132.0");
    }

    private TraceStats stats() {
        return TraceStats.of(trace, TraceFormat.SPC, TraceOptions.defaults(), 5 * S, 10 * S, TRACK);
    }

    @Test
    void countsMixAndBytes() {
        TraceStats stats = stats();
        assertThat(stats.ios()).isEqualTo(10);
        assertThat(stats.writes()).isEqualTo(8);
        assertThat(stats.reads()).isEqualTo(2);
        assertThat(stats.writeFraction()).isEqualTo(0.8);
        assertThat(stats.writeBytes()).isEqualTo(4 * 4096 + 2 * 8192 + 4096 + 2 * 512 - 4096);
        assertThat(stats.writeBytes()).isEqualTo(33_792);
        assertThat(stats.readBytes()).isEqualTo(65_536 + 16_384);
        assertThat(stats.durationNs()).isEqualTo(32 * S);
        assertThat(stats.devices()).containsExactly("0", "1");
    }

    @Test
    void sizeHistogramUsesPowerOfTwoBuckets() {
        long[] histogram = stats().sizeHistogram();
        assertThat(histogram).hasSize(64);
        assertThat(histogram[9]).isEqualTo(2);   // 512
        assertThat(histogram[12]).isEqualTo(4);  // 4096
        assertThat(histogram[13]).isEqualTo(2);  // 8192
        assertThat(histogram[14]).isEqualTo(1);  // 16384
        assertThat(histogram[16]).isEqualTo(1);  // 65536
        assertThat(java.util.Arrays.stream(histogram).sum()).isEqualTo(10);
    }

    @Test
    void writeRatePerInterval() {
        TraceStats stats = stats();
        assertThat(stats.writeBytesPerInterval()).containsExactly(20_480, 0, 8_192, 4_096, 0, 0, 1_024);
        assertThat(stats.writeRateBps(0)).isEqualTo(4096.0);
        assertThat(stats.writeRateBps(2)).isCloseTo(1638.4, within(1e-9));
        assertThat(stats.peakWriteRateBps()).isEqualTo(4096.0);
    }

    @Test
    void foldingIsTheMeanOfPerCycleRatios() {
        TraceStats stats = stats();
        assertThat(stats.cyclesWithWrites()).isEqualTo(3);
        assertThat(stats.trackWrites()).isEqualTo(9);
        assertThat(stats.distinctTracksWritten()).isEqualTo(6);
        assertThat(stats.maxDistinctTracksPerCycle()).isEqualTo(3);
        assertThat(stats.foldingRatio()).isCloseTo(5.0 / 3.0, within(1e-12));
        assertThat(stats.pooledFoldingRatio()).isEqualTo(1.5);
    }

    @Test
    void oneLongCycleFoldsEverything() {
        TraceStats stats = TraceStats.of(trace, TraceFormat.SPC, TraceOptions.defaults(), S, 60 * S, TRACK);
        // tracks (0,0) (0,1) (0,2) (1,1): 9 track writes onto 4 distinct tracks
        assertThat(stats.foldingRatio()).isEqualTo(9.0 / 4.0);
        assertThat(stats.summaryLine()).isEqualTo("ios=10 writes=8 write-fraction=0.800000 folding-at-60s=2.250000");
    }

    @Test
    void reportEndsWithTheMachineReadableLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stats().format(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).isEqualTo("trace hand.spc (spc)");
        assertThat(lines).contains("I/Os        10 (reads 2, writes 8, write fraction 0.8000)",
                "duration    32.000000 s");
        assertThat(lines[lines.length - 1]).isEqualTo("ios=10 writes=8 write-fraction=0.800000 folding-at-10s=1.666667");
    }

    @Test
    void msrReportShowsTheAbsoluteStart() {
        TraceStats stats = TraceStats.of(TraceFiles.resource("msr_small.csv"), TraceFormat.MSR,
                TraceOptions.defaults(), S, 500_000_000L, TRACK);
        assertThat(stats.start()).contains(java.time.Instant.parse("2007-02-22T17:00:00.3061629Z"));
        // writes at 0 s (prxy/0 track 0) and 2.33 s (prxy/1 track 0): separate cycles, nothing folds
        assertThat(stats.foldingRatio()).isEqualTo(1.0);
        assertThat(stats.summaryLine()).isEqualTo("ios=4 writes=2 write-fraction=0.500000 folding-at-500ms=1.000000");
    }

    @Test
    void rejectsLoopingAndNonPositiveSettings() {
        assertThatThrownBy(() -> TraceStats.of(trace, TraceFormat.SPC, TraceOptions.defaults().withLoop(true), S, S,
                TRACK)).hasMessage("trace stats read the trace once: option loop must be off");
        assertThatThrownBy(() -> TraceStats.of(trace, TraceFormat.SPC, TraceOptions.defaults(), S, 0, TRACK))
                .hasMessageContaining("positive rate interval, cycle time and track size");
    }

    @Test
    void durationLabelsUseTheLargestExactUnit() {
        assertThat(TraceStats.durationLabel(30 * S)).isEqualTo("30s");
        assertThat(TraceStats.durationLabel(1_500_000_000L)).isEqualTo("1500ms");
        assertThat(TraceStats.durationLabel(250_000L)).isEqualTo("250us");
        assertThat(TraceStats.durationLabel(7)).isEqualTo("7ns");
    }
}
