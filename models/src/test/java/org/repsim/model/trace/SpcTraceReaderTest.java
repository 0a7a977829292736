package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.model.trace.TraceFiles.Io;

class SpcTraceReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsLbaInSectorsSecondsAsNanosAndIgnoresExtraFields() {
        try (TraceReader reader = TraceReader.open(TraceFiles.resource("spc_small.spc"), TraceFormat.SPC)) {
            List<Io> ios = TraceFiles.drain(reader, 100);
            assertThat(ios).containsExactly(
                    new Io(0, 0, "0", "0", 20_941_264L * 512, 8192, true, 1, 0),
                    new Io(2_335_000, 2_335_000, "1", "1", 3_436_288L * 512, 15872, false, 2, 0),
                    new Io(4_496_000, 4_496_000, "0", "0", 20_939_840L * 512, 8192, true, 4, 0),
                    new Io(4_496_000, 4_496_000, "1", "1", 3_436_320L * 512, 512, false, 5, 0));
            assertThat(reader.startInstant()).isEmpty();
            assertThat(reader.record().responseTimeNs()).isEqualTo(-1);
        }
    }

    @Test
    void gzippedSpcReadsTheSame() {
        Path plain = TraceFiles.resource("spc_small.spc");
        Path gz = TraceFiles.gzip(plain, dir.resolve("spc_small.spc.gz"));
        assertThat(TraceFiles.readAll(gz, TraceFormat.SPC, TraceOptions.defaults()))
                .isEqualTo(TraceFiles.readAll(plain, TraceFormat.SPC, TraceOptions.defaults()));
    }

    @Test
    void decimalSecondsConvertExactlyToNanoseconds() {
        Path file = TraceFiles.write(dir, "t.spc", "0,0,512,w,12", "0,0,512,w,12.000000001", "0,0,512,w,13.5",
                "0,0,512,w,14.1234567899");
        assertThat(TraceFiles.times(TraceFiles.readAll(file, TraceFormat.SPC, TraceOptions.defaults())))
                .containsExactly(0, 1, 1_500_000_000L, 2_123_456_789L);
    }

    @Test
    void decreasingTimestampIsAnErrorWithLineNumber() {
        Path file = TraceFiles.write(dir, "Financial1.spc", "0,0,512,w,1.0", "0,8,512,r,2.0", "0,16,512,w,1.999");
        assertThatThrownBy(() -> TraceFiles.readAll(file, TraceFormat.SPC, TraceOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Financial1.spc:3: Timestamp 1.999000000 s is earlier than the I/O of line 2"
                        + " at 2.000000000 s");
    }

    @Test
    void malformedFieldsNameTheField() {
        assertThat(firstError("0,0,512,x,1.0")).isEqualTo("t.spc:1: Opcode \"x\" is neither r nor w");
        assertThat(firstError("0,1.5,512,r,1.0"))
                .isEqualTo("t.spc:1: LBA \"1.5\" is not a whole number of 512-byte blocks");
        assertThat(firstError("0,1,512,r,1s")).isEqualTo("t.spc:1: Timestamp \"1s\" is not a decimal number of seconds");
        assertThat(firstError("A,1,512,r,1")).isEqualTo("t.spc:1: ASU \"A\" is not a whole number");
        assertThat(firstError("0,1,512,r")).isEqualTo("t.spc:1: expected at least 5 comma-separated fields"
                + " (ASU,LBA,Size,Opcode,Timestamp), found 4");
    }

    private String firstError(String line) {
        Path file = TraceFiles.write(dir, "t.spc", line);
        try {
            TraceFiles.readAll(file, TraceFormat.SPC, TraceOptions.defaults());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + line);
    }

    @Test
    void formatNamesParseCaseInsensitively() {
        assertThat(TraceFormat.parse("MSR")).isEqualTo(TraceFormat.MSR);
        assertThat(TraceFormat.parse("spc")).isEqualTo(TraceFormat.SPC);
        assertThatThrownBy(() -> TraceFormat.parse("blktrace"))
                .hasMessage("unknown trace format \"blktrace\" (expected \"msr\" or \"spc\")");
    }
}
