package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.model.trace.TraceFiles.Io;

class MsrTraceReaderTest {
    private static final long T0 = 128_166_372_003_061_629L;

    @TempDir
    Path dir;

    @Test
    void readsFieldsWithTheirUnits() {
        try (TraceReader reader = TraceReader.open(TraceFiles.resource("msr_small.csv"), TraceFormat.MSR)) {
            assertThat(reader.startInstant()).isEmpty();
            List<Io> ios = TraceFiles.drain(reader, 100);
            assertThat(ios).containsExactly(
                    new Io(0, 0, "prxy/0", "prxy/0", 8192, 4096, true, 1, 0),
                    new Io(1_379_213_000L, 1_379_213_000L, "prxy/0", "prxy/0", 3_941_605_376L, 16384, false, 2, 0),
                    new Io(2_332_084_100L, 2_332_084_100L, "prxy/1", "prxy/1", 0, 512, true, 3, 0),
                    new Io(2_332_084_100L, 2_332_084_100L, "prxy/0", "prxy/0", 4096, 65536, false, 4, 0));
            assertThat(reader.startInstant()).contains(Instant.parse("2007-02-22T17:00:00.3061629Z"));
            assertThat(reader.devices()).containsExactly("prxy/0", "prxy/1");
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void exposesResponseTimeAndDeviceIndex() {
        try (TraceReader reader = TraceReader.open(TraceFiles.resource("msr_small.csv"), TraceFormat.MSR)) {
            List<long[]> seen = new ArrayList<>();
            while (reader.next()) {
                seen.add(new long[] {reader.record().responseTimeNs(), reader.record().deviceIndex()});
            }
            assertThat(seen).containsExactly(new long[] {133_100, 0}, new long[] {500_000, 0},
                    new long[] {10_000, 1}, new long[] {200_000, 0});
        }
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() {
        Path plain = TraceFiles.resource("msr_small.csv");
        Path gz = TraceFiles.gzip(plain, dir.resolve("compressed.csv"));
        Path gzNamed = TraceFiles.gzip(plain, dir.resolve("compressed.csv.gz"));
        List<Io> expected = TraceFiles.readAll(plain, TraceFormat.MSR, TraceOptions.defaults());
        assertThat(TraceFiles.readAll(gz, TraceFormat.MSR, TraceOptions.defaults())).isEqualTo(expected);
        assertThat(TraceFiles.readAll(gzNamed, TraceFormat.MSR, TraceOptions.defaults())).isEqualTo(expected);
    }

    @Test
    void badLineNamesFileLineAndProblem() {
        String[] lines = new String[20];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = (T0 + i * 10_000L) + ",prxy,0,Write," + (i * 4096) + ",4096,100";
        }
        lines[16] = (T0 + 160_000L) + ",prxy,0,Write,0,abc,100";
        Path file = TraceFiles.write(dir, "prxy_0.csv", lines);
        assertThatThrownBy(() -> TraceFiles.readAll(file, TraceFormat.MSR, TraceOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prxy_0.csv:17: Size \"abc\" is not a whole number of bytes");
    }

    @Test
    void eachMalformedFieldHasItsOwnMessage() {
        assertThat(firstError(T0 + ",prxy,0,Write,0,4096")).isEqualTo("t.csv:1: expected 7 comma-separated fields"
                + " (Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime), found 6");
        assertThat(firstError(T0 + ",prxy,0,Trim,0,4096,1")).isEqualTo("t.csv:1: Type \"Trim\" is neither Read nor Write");
        assertThat(firstError(T0 + ",prxy,0,Read,-5,4096,1"))
                .isEqualTo("t.csv:1: Offset \"-5\" is not a whole number of bytes");
        assertThat(firstError(T0 + ",prxy,zero,Read,0,4096,1"))
                .isEqualTo("t.csv:1: DiskNumber \"zero\" is not a whole number");
        assertThat(firstError("1.5e17,prxy,0,Read,0,4096,1"))
                .isEqualTo("t.csv:1: Timestamp \"1.5e17\" is not a whole number of 100 ns FILETIME ticks");
        assertThat(firstError(T0 + ",prxy,0,Read,0,0,1"))
                .isEqualTo("t.csv:1: Size is 0 bytes; an I/O must transfer at least one byte");
        assertThat(firstError(T0 + ",,0,Read,0,512,1")).isEqualTo("t.csv:1: Hostname is empty");
    }

    private String firstError(String line) {
        Path file = TraceFiles.write(dir, "t.csv", line);
        try {
            TraceFiles.readAll(file, TraceFormat.MSR, TraceOptions.defaults());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + line);
    }

    @Test
    void skipBadLinesCountsThemAndKeepsTheRest() {
        Path file = TraceFiles.write(dir, "t.csv",
                T0 + ",prxy,0,Write,0,4096,1",
                T0 + ",prxy,0,Write,0,abc,1",
                "garbage",
                (T0 + 10) + ",prxy,0,Read,0,4096,1");
        try (TraceReader reader = TraceReader.open(file, TraceFormat.MSR,
                TraceOptions.defaults().withSkipBadLines(true))) {
            List<Io> ios = TraceFiles.drain(reader, 10);
            assertThat(ios).extracting(Io::line).containsExactly(1L, 4L);
            assertThat(ios).extracting(Io::timeNs).containsExactly(0L, 1000L);
            assertThat(reader.badLines()).isEqualTo(2);
            assertThat(reader.firstBadLine()).isEqualTo("t.csv:2: Size \"abc\" is not a whole number of bytes");
        }
    }

    @Test
    void timestampInSecondsIsAUnitErrorEvenWhenSkippingBadLines() {
        Path file = TraceFiles.write(dir, "t.csv", "1172163600,prxy,0,Write,0,4096,1");
        assertThatThrownBy(() -> TraceFiles.readAll(file, TraceFormat.MSR,
                TraceOptions.defaults().withSkipBadLines(true)))
                .hasMessageStartingWith("t.csv:1: Timestamp 1172163600 is before 1990 as a Windows FILETIME")
                .hasMessageContaining("100 ns ticks since 1601-01-01")
                .hasMessageContaining("seconds?");
    }

    @Test
    void outOfOrderTimestampIsAnErrorWithItsLine() {
        Path file = TraceFiles.write(dir, "t.csv",
                T0 + ",prxy,0,Write,0,4096,1",
                (T0 + 50) + ",prxy,0,Write,0,4096,1",
                (T0 + 20) + ",prxy,0,Write,0,4096,1");
        assertThatThrownBy(() -> TraceFiles.readAll(file, TraceFormat.MSR, TraceOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t.csv:3: Timestamp " + (T0 + 20))
                .hasMessageContaining("earlier than the I/O of line 2")
                .hasMessageContaining("reorderWindow");
    }

    @Test
    void reorderWindowReleasesSlightDisorderInTimeOrder() {
        Path file = TraceFiles.write(dir, "t.csv",
                (T0 + 10) + ",prxy,0,Write,0,4096,1",
                T0 + ",prxy,0,Write,4096,4096,1",
                (T0 + 30) + ",prxy,0,Write,8192,4096,1",
                (T0 + 20) + ",prxy,0,Write,12288,4096,1",
                (T0 + 20) + ",prxy,0,Read,16384,4096,1",
                (T0 + 40) + ",prxy,0,Write,20480,4096,1");
        List<Io> ios = TraceFiles.readAll(file, TraceFormat.MSR, TraceOptions.defaults().withReorderWindow(1));
        // time 0 is the earliest I/O (line 2); equal timestamps keep file order
        assertThat(ios).extracting(Io::line).containsExactly(2L, 1L, 4L, 5L, 3L, 6L);
        assertThat(TraceFiles.times(ios)).containsExactly(0, 1000, 2000, 2000, 3000, 4000);
    }

    @Test
    void disorderBeyondTheWindowIsStillAnError() {
        Path file = TraceFiles.write(dir, "t.csv",
                (T0 + 30) + ",prxy,0,Write,0,4096,1",
                (T0 + 40) + ",prxy,0,Write,0,4096,1",
                (T0 + 50) + ",prxy,0,Write,0,4096,1",
                T0 + ",prxy,0,Write,0,4096,1");
        assertThatThrownBy(() -> TraceFiles.readAll(file, TraceFormat.MSR,
                TraceOptions.defaults().withReorderWindow(1)))
                .hasMessageStartingWith("t.csv:4: Timestamp " + T0)
                .hasMessageContaining("exceeds the reorder window of 1 lines");
        assertThat(TraceFiles.readAll(file, TraceFormat.MSR, TraceOptions.defaults().withReorderWindow(3)))
                .extracting(Io::line).containsExactly(4L, 1L, 2L, 3L);
    }
}
