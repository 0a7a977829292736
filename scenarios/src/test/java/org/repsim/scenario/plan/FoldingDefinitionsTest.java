package org.repsim.scenario.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.model.trace.TraceStats;

/**
 * The three folding figures of {@code repsim trace stats} and {@code repsim trace fit} (docs/model.md
 * §2, "Folding of a trace"), pinned against a brute-force count on a small random MSR trace whose
 * writes often span tracks and whose last cycle window the trace's end cuts short:
 * {@code stats} folding, the mean over windows of track writes ÷ distinct tracks; {@code stats}
 * pooled, all track writes ÷ all windows' distinct tracks; {@code fit} I/O folding, the mean over
 * windows of write I/Os ÷ distinct first tracks. Windows start at the first I/O.
 */
class FoldingDefinitionsTest {
    private static final long TRACK = 128 * 1024;
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private record Io(long ns, int device, boolean write, long offset, long size) {
    }

    @Test
    void eachFigureIsItsDefinitionCountedByHand() throws IOException {
        Random random = new Random(11);
        List<Io> ios = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long base = 128_166_372_000_000_000L; // a FILETIME in 2007, 100 ns ticks
        long ns = 0;
        for (int i = 0; i < 600; i++) {
            ns += 1 + random.nextInt(80_000_000); // up to 80 ms apart: about 24 s in all
            int device = random.nextInt(2);
            boolean write = random.nextInt(10) < 7;
            long offset = 4096L * random.nextInt(2048); // 8 MiB per device: 64 tracks, rewritten often
            long size = 4096L * (1 + random.nextInt(random.nextInt(4) == 0 ? 96 : 4)); // a quarter up to 384 KiB
            ios.add(new Io(ns, device, write, offset, size));
            text.append(base + ns / 100).append(",web,").append(device).append(write ? ",Write," : ",Read,")
                    .append(offset).append(',').append(size).append(",0\n");
        }
        // times as the reader sees them: whole 100 ns ticks from the first I/O
        long first = ios.get(0).ns() / 100 * 100;
        Path trace = Files.writeString(dir.resolve("random.csv"), text.toString());
        long[] cycles = {S, 5 * S, 10 * S};
        WorkloadFit fit = WorkloadFit.of(trace, TraceFormat.MSR, TraceOptions.defaults(), 10 * S, 1, TRACK, cycles);
        double[] fitFolding = fit.traceFolding();
        for (int c = 0; c < cycles.length; c++) {
            // brute force: the windows' track writes, distinct tracks, write I/Os and distinct first tracks
            Map<Long, long[]> counts = new HashMap<>();
            Map<Long, Set<String>> tracks = new HashMap<>();
            Map<Long, Set<String>> firstTracks = new HashMap<>();
            for (Io io : ios) {
                if (!io.write()) {
                    continue;
                }
                long window = (io.ns() / 100 * 100 - first) / cycles[c];
                long[] n = counts.computeIfAbsent(window, w -> new long[2]);
                n[1]++;
                for (long t = io.offset() / TRACK; t <= (io.offset() + io.size() - 1) / TRACK; t++) {
                    n[0]++;
                    tracks.computeIfAbsent(window, w -> new HashSet<>()).add(io.device() + "/" + t);
                }
                firstTracks.computeIfAbsent(window, w -> new HashSet<>()).add(io.device() + "/" + io.offset() / TRACK);
            }
            double meanTracks = 0;
            double meanFirst = 0;
            long trackWrites = 0;
            long distinct = 0;
            for (Map.Entry<Long, long[]> w : counts.entrySet()) {
                meanTracks += (double) w.getValue()[0] / tracks.get(w.getKey()).size();
                meanFirst += (double) w.getValue()[1] / firstTracks.get(w.getKey()).size();
                trackWrites += w.getValue()[0];
                distinct += tracks.get(w.getKey()).size();
            }
            meanTracks /= counts.size();
            meanFirst /= counts.size();

            TraceStats stats = TraceStats.of(trace, TraceFormat.MSR, TraceOptions.defaults(), S, cycles[c], TRACK);
            assertThat(stats.cyclesWithWrites()).isEqualTo(counts.size());
            assertThat(stats.foldingRatio()).as("stats folding at %d s", cycles[c] / S).isCloseTo(meanTracks, within(1e-12));
            assertThat(stats.pooledFoldingRatio()).as("stats pooled at %d s", cycles[c] / S)
                    .isCloseTo((double) trackWrites / distinct, within(1e-12));
            assertThat(fitFolding[c]).as("fit I/O folding at %d s", cycles[c] / S).isCloseTo(meanFirst, within(1e-12));
            // the definitions really differ here: writes span tracks, and the windows differ in size
            assertThat(meanFirst).isNotCloseTo(meanTracks, within(1e-6));
        }
    }
}
