package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.model.trace.TraceFiles.Io;

class ReplayOptionsTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;
    private Path trace;

    @BeforeEach
    void writeTrace() {
        // trace times 0 s, 1 s, 3 s (first I/O at absolute 1.0 s)
        trace = TraceFiles.write(dir, "t.spc", "0,0,4096,w,1.0", "1,8,4096,r,2.0", "0,16,4096,w,4.0");
    }

    private List<Io> replay(TraceOptions options) {
        return TraceFiles.readAll(trace, TraceFormat.SPC, options);
    }

    private List<Io> replay(TraceOptions options, int max) {
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC, options)) {
            return TraceFiles.drain(reader, max);
        }
    }

    @Test
    void defaultsReplayTheTraceClock() {
        assertThat(TraceFiles.times(replay(TraceOptions.defaults()))).containsExactly(0, S, 3 * S);
    }

    @Test
    void speedDividesTimes() {
        assertThat(TraceFiles.times(replay(TraceOptions.defaults().withSpeed(2.0))))
                .containsExactly(0, S / 2, 3 * S / 2);
        assertThat(TraceFiles.times(replay(TraceOptions.defaults().withSpeed(3.0))))
                .containsExactly(0, 333_333_333L, S);
        assertThat(TraceFiles.times(replay(TraceOptions.defaults().withSpeed(0.5))))
                .containsExactly(0, 2 * S, 6 * S);
    }

    @Test
    void windowSelectsTraceTimesBeforeScalingAndStartsReplayAtFrom() {
        List<Io> ios = replay(TraceOptions.defaults().withWindow(S, 3 * S + 1));
        assertThat(ios).extracting(Io::traceTimeNs).containsExactly(S, 3 * S);
        assertThat(TraceFiles.times(ios)).containsExactly(0, 2 * S);
        // the end is exclusive, and the window applies to trace time, not to scaled time
        assertThat(TraceFiles.times(replay(TraceOptions.defaults().withWindow(S / 2, 3 * S).withSpeed(2.0))))
                .containsExactly(S / 4);
    }

    @Test
    void readingStopsAtTheWindowEnd() {
        // line 3 is the first past the window end; line 4 is malformed: a reader that stops at
        // the first I/O past the end never reads it
        Path file = TraceFiles.write(dir, "cut.spc", "0,0,512,w,0.0", "0,8,512,w,1.0", "0,16,512,w,2.0",
                "0,x,512,w,3.0");
        assertThat(TraceFiles.times(TraceFiles.readAll(file, TraceFormat.SPC,
                TraceOptions.defaults().withWindow(0, S + 1)))).containsExactly(0, S);
        try (TraceReader reader = TraceReader.open(file, TraceFormat.SPC,
                TraceOptions.defaults().withWindow(0, S + 1).withLoop(true))) {
            assertThat(TraceFiles.times(TraceFiles.drain(reader, 4))).containsExactly(0, S, 2 * S, 3 * S);
        }
        assertThatThrownBy(() -> TraceFiles.readAll(file, TraceFormat.SPC, TraceOptions.defaults()))
                .hasMessage("cut.spc:4: LBA \"x\" is not a whole number of 512-byte blocks");
    }

    @Test
    void loopRestartsOneMeanGapAfterTheLastIo() {
        // span 3 s over 3 I/Os: mean gap 1.5 s, period 4.5 s
        List<Io> ios = replay(TraceOptions.defaults().withLoop(true), 9);
        assertThat(TraceFiles.times(ios)).containsExactly(0, S, 3 * S, 4_500_000_000L, 5_500_000_000L,
                7_500_000_000L, 9 * S, 10 * S, 12 * S);
        assertThat(ios).extracting(Io::pass).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThat(ios).extracting(Io::line).containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 1L, 2L, 3L);
    }

    @Test
    void loopCombinesWithWindowAndSpeed() {
        // window keeps trace times 1 s and 3 s: relative 0 and 2 s, gap 2 s, period 4 s; halved by speed 2
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC,
                TraceOptions.defaults().withLoop(true).withWindow(S, Long.MAX_VALUE).withSpeed(2.0))) {
            assertThat(TraceFiles.times(TraceFiles.drain(reader, 6))).containsExactly(0, S, 2 * S, 3 * S, 4 * S,
                    5 * S);
            assertThat(reader.loopPeriodNs()).isEqualTo(4e9);
        }
    }

    @Test
    void loopNeedsTwoIosAtDifferentTimes() {
        assertThatThrownBy(() -> replay(TraceOptions.defaults().withLoop(true).withWindow(0, S), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.spc: cannot loop this trace: the replayed window holds 1 I/O(s), looping needs at"
                        + " least 2 to define the mean gap");
        Path same = TraceFiles.write(dir, "same.spc", "0,0,512,w,1.0", "0,1,512,w,1.0");
        assertThatThrownBy(() -> TraceFiles.readAll(same, TraceFormat.SPC, TraceOptions.defaults().withLoop(true)))
                .hasMessage("same.spc: cannot loop this trace: all 2 I/Os of the replayed window have the same time");
    }

    @Test
    void devicesMapToScenarioVolumes() {
        List<Io> ios = replay(TraceOptions.defaults().withVolumes(Map.of("0", "r1a/db", "1", "r1b/db")));
        assertThat(ios).extracting(Io::volume).containsExactly("r1a/db", "r1b/db", "r1a/db");
        assertThat(ios).extracting(Io::device).containsExactly("0", "1", "0");
    }

    @Test
    void unmappedDeviceIsAnErrorOrSkipped() {
        TraceOptions mapped = TraceOptions.defaults().withVolumes(Map.of("0", "r1a/db"));
        assertThatThrownBy(() -> replay(mapped))
                .hasMessage("t.spc:2: device \"1\" is not mapped to a volume (mapped devices: [0];"
                        + " set unmapped devices to skip to ignore it)");
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC,
                mapped.withUnmapped(TraceOptions.Unmapped.SKIP))) {
            assertThat(TraceFiles.drain(reader, 10)).extracting(Io::line).containsExactly(1L, 3L);
            assertThat(reader.skippedUnmapped()).isEqualTo(1);
        }
    }

    @Test
    void skippedUnmappedIsCountedOnceAcrossLoopPasses() {
        TraceOptions options = TraceOptions.defaults().withVolumes(Map.of("0", "r1a/db"))
                .withUnmapped(TraceOptions.Unmapped.SKIP).withLoop(true);
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC, options)) {
            List<Io> ios = TraceFiles.drain(reader, 6);
            // mapped I/Os at 0 s and 3 s: gap 3 s, period 6 s
            assertThat(TraceFiles.times(ios)).containsExactly(0, 3 * S, 6 * S, 9 * S, 12 * S, 15 * S);
            assertThat(reader.skippedUnmapped()).isEqualTo(1);
            assertThat(reader.pass()).isEqualTo(2);
        }
    }

    @Test
    void timingChoiceIsExposedAndDoesNotChangeTheSequence() {
        TraceOptions synthetic = TraceOptions.defaults().withTiming(TraceOptions.Timing.SYNTHETIC);
        try (TraceReader reader = TraceReader.open(trace, TraceFormat.SPC, synthetic)) {
            assertThat(reader.timing()).isEqualTo(TraceOptions.Timing.SYNTHETIC);
            assertThat(TraceFiles.drain(reader, 10)).isEqualTo(replay(TraceOptions.defaults()));
        }
    }

    @Test
    void invalidOptionsAreRejectedWithTheirValue() {
        TraceOptions d = TraceOptions.defaults();
        assertThatThrownBy(() -> d.withSpeed(0)).hasMessage("trace speed must be a positive finite factor, got 0.0");
        assertThatThrownBy(() -> d.withSpeed(Double.NaN)).hasMessageContaining("positive finite");
        assertThatThrownBy(() -> d.withWindow(-1, 5)).hasMessage("trace window start must be >= 0 ns, got -1");
        assertThatThrownBy(() -> d.withWindow(5, 5))
                .hasMessage("trace window end (5 ns) must be after its start (5 ns)");
        assertThatThrownBy(() -> d.withReorderWindow(-1)).hasMessageContaining("reorder window");
        assertThatThrownBy(() -> d.withVolumes(Map.of("0", " "))).hasMessageContaining("empty device or volume id");
    }
}
