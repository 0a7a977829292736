package org.repsim.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLatencyTest {

    @Test
    void theWalkIsOneCycleThroughEveryLineUsingOnlyEachLinesFirstInt() {
        for (int lines : new int[] {2, 3, 17, 1000, 16_384}) {
            for (long seed = 1; seed <= 5; seed++) {
                int[] memory = MemoryLatency.walk(lines, seed);
                assertThat(memory).hasSize(lines * MemoryLatency.LINE_INTS);
                BitSet seen = new BitSet(lines);
                int p = 0;
                for (int step = 0; step < lines; step++) {
                    assertThat(p % MemoryLatency.LINE_INTS).isZero();
                    assertThat(seen.get(p / MemoryLatency.LINE_INTS)).as("line %d visited twice", p).isFalse();
                    seen.set(p / MemoryLatency.LINE_INTS);
                    p = memory[p];
                }
                // back at the start after exactly `lines` loads, every line seen once
                assertThat(p).isZero();
                assertThat(seen.cardinality()).isEqualTo(lines);
                assertThat(MemoryLatency.chase(memory, lines)).isZero();
                assertThat(MemoryLatency.chase(memory, 1)).isEqualTo(memory[0]);
            }
        }
    }

    @Test
    void theWalkDependsOnTheSeedAndOnlyOnIt() {
        assertThat(MemoryLatency.walk(1000, 7)).isEqualTo(MemoryLatency.walk(1000, 7)).isNotEqualTo(MemoryLatency.walk(1000, 8));
        assertThatThrownBy(() -> MemoryLatency.walk(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCachesEndBeforeTheFirstSizeSlowerThanTwiceTheSmallest() {
        List<MemoryLatency.Row> rows = List.of(new MemoryLatency.Row(1, 9.0), new MemoryLatency.Row(2, 15.0),
                new MemoryLatency.Row(4, 18.0), new MemoryLatency.Row(8, 141.0), new MemoryLatency.Row(16, 17.0));
        // 18 ≤ 2 × 9; 141 is the first above, and a faster size after it does not count
        assertThat(MemoryLatency.fitsCachesUpToMib(rows)).isEqualTo(4);
        assertThat(MemoryLatency.fitsCachesUpToMib(rows.subList(0, 1))).isEqualTo(1);
        assertThat(MemoryLatency.fitsCachesUpToMib(List.of(new MemoryLatency.Row(1, 9.0), new MemoryLatency.Row(2, 18.1))))
                .isEqualTo(1);
        assertThat(MemoryLatency.fitsCachesUpToMib(List.of())).isEqualTo(-1);
    }

    @Test
    void aRunPrintsARowPerSizeAndTheSummaryLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<MemoryLatency.Row> rows = MemoryLatency.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                List.of(1, 2), 20_000);
        assertThat(rows).extracting(MemoryLatency.Row::sizeMib).containsExactly(1, 2);
        assertThat(rows).allSatisfy(r -> assertThat(r.nsPerLoad()).isPositive());
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("fits-caches-up-to-mib=(1|2) memory-ns-per-load=[0-9.]+");
        assertThat(lines.get(lines.size() - 1))
                .endsWith(String.format(java.util.Locale.ROOT, "memory-ns-per-load=%.1f", rows.get(1).nsPerLoad()));
        assertThat(lines.stream().filter(l -> l.trim().matches("[12] +[0-9.]+"))).hasSize(2);
    }

    @Test
    void sizesOverHalfTheMaximumHeapAreSkippedAndSaidSo() {
        int tooLarge = (int) Math.min(8192, Runtime.getRuntime().maxMemory() / (1024 * 1024) / 2 + 1);
        org.junit.jupiter.api.Assumptions.assumeTrue(tooLarge * 1024L * 1024L > Runtime.getRuntime().maxMemory() / 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<MemoryLatency.Row> rows = MemoryLatency.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                List.of(1, tooLarge), 1000);
        assertThat(rows).extracting(MemoryLatency.Row::sizeMib).containsExactly(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("skipped: over half the maximum heap");
    }

    @Test
    void badRequestsAreRefused() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MemoryLatency.run(out, List.of(), 10)).hasMessageContaining("no sizes");
        assertThatThrownBy(() -> MemoryLatency.run(out, List.of(4, 2), 10)).hasMessageContaining("ascend");
        assertThatThrownBy(() -> MemoryLatency.run(out, List.of(0), 10)).hasMessageContaining("1 to 8192");
        assertThatThrownBy(() -> MemoryLatency.run(out, List.of(1), 0)).hasMessageContaining("at least 1");
    }
}
