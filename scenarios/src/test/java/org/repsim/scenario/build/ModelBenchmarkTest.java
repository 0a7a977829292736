package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.scenario.spec.Scenario;

class ModelBenchmarkTest {

    private static Scenario sync(String duration) throws Exception {
        return ModelBenchmark.reference("sync").with("run.duration", duration).resolve();
    }

    @Test
    void timedRunsDoTheSameWorkAndCarryTheHeapFiguresOfTheHeapRun() {
        List<ModelBenchmark.Figures> runs = ModelBenchmark.runs("sync", "2 s", 3);
        assertThat(runs).hasSize(3);
        ModelBenchmark.Figures first = runs.get(0);
        assertThat(first.hostWrites()).isPositive();
        assertThat(first.events()).isGreaterThan(first.hostWrites());
        assertThat(first.peakHeapBytes()).isGreaterThanOrEqualTo(first.liveHeapBytes());
        assertThat(first.liveHeapBytes()).isPositive();
        for (ModelBenchmark.Figures f : runs) {
            assertThat(f.name()).isEqualTo("sync");
            assertThat(f.wallS()).isPositive();
            assertThat(f.cpuS()).isPositive();
            assertThat(f.hostWrites()).isEqualTo(first.hostWrites());
            assertThat(f.events()).isEqualTo(first.events());
            assertThat(f.peakHeapBytes()).isEqualTo(first.peakHeapBytes());
            assertThat(f.liveHeapBytes()).isEqualTo(first.liveHeapBytes());
        }
    }

    @Test
    void aRunTimedInStepsDoesTheSameWorkAsOneInOneGo() throws Exception {
        Scenario sc = sync("2500 ms");
        List<Double> steps = new ArrayList<>();
        ModelBenchmark.Timing stepped = ModelBenchmark.time(sc, 1_000_000_000L, steps::add);
        ModelBenchmark.Timing whole = ModelBenchmark.time(sc, 0, null);
        assertThat(steps).hasSize(3).allSatisfy(w -> assertThat(w).isPositive());
        assertThat(stepped.hostWrites()).isEqualTo(whole.hostWrites()).isPositive();
        assertThat(stepped.events()).isEqualTo(whole.events());
        assertThat(steps.stream().mapToDouble(Double::doubleValue).sum()).isLessThanOrEqualTo(stepped.wallS());
    }

    @Test
    void copiesRunInTurnDoTogetherExactlyTheWorkEachDoesAlone() throws Exception {
        // the interleaved row of bench boxes: copy i is the scenario with seed + i, stepped in slices
        Scenario sc = sync("700 ms");
        ModelBenchmark.Timing together = ModelBenchmark.timeInterleaved(sc, 3, 30_000_000L);
        long writes = 0;
        long events = 0;
        for (int i = 0; i < 3; i++) {
            Scenario copy = ModelBenchmark.reference("sync").with("run.duration", "700 ms")
                    .with("run.seed", Long.toString(sc.run().seed() + i)).resolve();
            ModelBenchmark.Timing alone = ModelBenchmark.time(copy, 0, null);
            writes += alone.hostWrites();
            events += alone.events();
        }
        assertThat(together.hostWrites()).isEqualTo(writes).isPositive();
        assertThat(together.events()).isEqualTo(events);
        assertThat(together.cpuS()).isPositive();
        // different seeds: the copies are not one run three times
        ModelBenchmark.Timing first = ModelBenchmark.time(sc, 0, null);
        assertThat(first.events() * 3).isNotEqualTo(events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"group64-shuttle", "group64-host"})
    void aGroupCutToFewerBoxesKeepsTheLoadPerBox(String group) throws Exception {
        Scenario full = ModelBenchmark.reference(group).resolve();
        assertThat(full.boxes()).hasSize(128);
        assertThat(full.links()).hasSize(8);
        double fullRate = ((org.repsim.scenario.spec.Arrival.Open) full.workloads().get(0).arrival()).ratePerSec();
        assertThat(fullRate).isEqualTo(2_000_000);
        for (int n : ModelBenchmark.GROUP_SIZES) {
            Scenario sc = ModelBenchmark.groupCut(group, n).resolve();
            assertThat(sc.name()).isEqualTo("bench-group-" + n + "-" + group.substring("group64-".length()));
            assertThat(sc.boxes()).hasSize(2 * n);
            assertThat(sc.links()).hasSize(n / 8);
            assertThat(sc.replication().pairs()).hasSize(n);
            assertThat(sc.workloads().get(0).volumes()).hasSize(n);
            assertThat(((org.repsim.scenario.spec.Arrival.Open) sc.workloads().get(0).arrival()).ratePerSec() / n)
                    .isEqualTo(fullRate / 64);
            assertThat(((org.repsim.scenario.spec.Arrival.Closed) sc.workloads().get(1).arrival()).streams()).isEqualTo(n);
        }
        Scenario all = ModelBenchmark.groupCut(group, 64).resolve();
        assertThat(all.boxes()).isEqualTo(full.boxes());
        assertThat(all.links()).isEqualTo(full.links());
        assertThat(all.replication()).isEqualTo(full.replication());
        assertThat(all.workloads()).isEqualTo(full.workloads());
    }

    @Test
    void aForkedRunsFiguresSurviveTheTripThroughItsOutput() {
        ModelBenchmark.Figures f = new ModelBenchmark.Figures("cycle", 3_000_220, 13_133_875, 2.912345678, 470_000_000L,
                333_000_000L, 2.5);
        assertThat(BenchFork.parse(BenchFork.format(f))).isEqualTo(f);
    }

    @Test
    void aVariantIsTheReferenceWithEachSetAppliedAndItsOwnDurationKept() throws Exception {
        List<String> sets = List.of("boxes[r1].volumes[db].size=16 GiB", "workloads[oltp].arrival.rate=5000/s");
        Scenario variant = ModelBenchmark.resolve(ModelBenchmark.reference("sync"), null, sets);
        Scenario expected = ModelBenchmark.reference("sync").with("boxes[r1].volumes[db].size", "16 GiB")
                .with("workloads[oltp].arrival.rate", "5000/s").resolve();
        Scenario reference = ModelBenchmark.reference("sync").resolve();
        assertThat(variant).isEqualTo(expected).isNotEqualTo(reference);
        assertThat(variant.run().durationNs()).isEqualTo(reference.run().durationNs());
        // --duration applies after the sets, so it wins over a set of run.duration
        Scenario shorter = ModelBenchmark.resolve(ModelBenchmark.reference("sync"), "2 s", List.of("run.duration=5 s"));
        assertThat(shorter.run().durationNs()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aVariantsBadSetIsRefusedBeforeAnythingRunsNamingThePath() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelBenchmark.model(out, "1 s", List.of("boxes[r9].volumes[db].size=16 GiB"),
                List.of("sync"), 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boxes[r9].volumes[db].size")
                .hasMessageContaining("r9");
        assertThatThrownBy(() -> ModelBenchmark.model(out, "1 s", List.of("no-equals-sign"), List.of("sync"), 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PATH=VALUE")
                .hasMessageContaining("no-equals-sign");
        // every chosen reference must take the set: the 8-box shuttle reference has no box r1
        assertThatThrownBy(() -> ModelBenchmark.census(out, "1 s", List.of("boxes[r1].volumes[db].size=16 GiB"),
                List.of("sync", "shuttle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boxes[r1]");
    }

    @Test
    void aForkedVariantRunsTheVariantAndTheHeaderSaysItIsOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> sets = List.of("workloads[oltp].arrival.rate=5000/s");
        ModelBenchmark.model(out, "200 ms", sets, List.of("sync"), 1, true);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("variant (not the references' own figures): --set workloads[oltp].arrival.rate=5000/s");
        // the child JVM ran the variant: its host writes are those of the variant run here, not the reference's
        long forked = Long.parseLong(text.lines().filter(l -> l.startsWith("sync ")).findFirst().orElseThrow()
                .trim().split("\\s+")[1]);
        long here = ModelBenchmark.runs("sync", "200 ms", sets, 1).get(0).hostWrites();
        long reference = ModelBenchmark.runs("sync", "200 ms", 1).get(0).hostWrites();
        assertThat(forked).isEqualTo(here);
        assertThat(reference).isGreaterThan(3 * here);
    }

    @Test
    void theCensusCountsEveryEventOfTheRunByKind() throws Exception {
        Scenario sc = sync("300 ms");
        ModelBenchmark.Census c = ModelBenchmark.census("sync", sc);
        ModelBenchmark.Timing t = ModelBenchmark.time(sc, 0, null);
        // the census changes nothing: the same writes and events as an uncounted run
        assertThat(c.hostWrites()).isEqualTo(t.hostWrites()).isPositive();
        assertThat(c.events()).isEqualTo(t.events());
        assertThat(c.byKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(c.events());
        // a joined post is one of the events (it shares an entry of the list, it still runs)
        assertThat(c.joinedPosts()).isBetween(0L, c.events() - 1);
        for (String kind : c.byKind().keySet()) {
            assertThat(c.backToBackByKind().get(kind)).isBetween(0L, c.sameInstantByKind().get(kind));
            assertThat(c.sameInstantByKind().get(kind)).isLessThan(c.byKind().get(kind));
        }
        // a synchronous pair: arrivals, adapter and device completions, and the link's transfers
        assertThat(c.byKind()).containsOnlyKeys("OpenLoopWorkload λ", "FifoStation λ", "DiskGroup$PhasedWrite",
                "WanLink$Direction λ");
        // each host write is one arrival, one host-adapter job, two remote-adapter jobs (sender's and
        // receiver's) and a destage at each box
        assertThat(c.perWrite("OpenLoopWorkload λ")).isBetween(1.0, 1.01);
        assertThat(c.perWrite("FifoStation λ")).isBetween(3.0, 3.02);
        assertThat(c.perWrite("DiskGroup$PhasedWrite")).isBetween(1.9, 2.1);
    }

    @Test
    void theCensusTableNamesEachScenarioAndItsKinds() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelBenchmark.census(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), "100 ms",
                List.of("sync"));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("sync: ").contains("events per write").contains("WanLink$Direction λ")
                .contains("FifoStation λ").contains("event-list entries per write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"group64-shuttle", "group64-host"})
    void theHeapBenchmarkReadsTheLiveHeapAtEachStepAndProjectsTheLastPerBoxToSixtyFourBoxes(String group) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelBenchmark.heap(new PrintStream(bytes, true, StandardCharsets.UTF_8), group, 8, "30 ms", 3);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("repsim heap benchmark: " + group + " cut to 8 boxes for 0.03 s");
        int header = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("simulated s")).findFirst().orElseThrow());
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(header + 1, lines.size() - 2)) {
            String[] f = l.trim().split("\\s+");
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3])});
        }
        // three steps of 10 ms; each row's per-box figure is its live heap over the 8 boxes
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().map(r -> r[0]).toList()).containsExactly(0.01, 0.02, 0.03);
        for (double[] r : rows) {
            assertThat(r[1]).isPositive();
            assertThat(r[2]).isCloseTo(r[1] / 8, org.assertj.core.data.Offset.offset(0.01));
        }
        // the caches' slot memory: positive, never shrinking, part of the live heap
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)[3]).isPositive().isLessThan(rows.get(i)[1])
                    .isGreaterThanOrEqualTo(i == 0 ? 0 : rows.get(i - 1)[3]);
        }
        String caches = lines.get(lines.size() - 1);
        assertThat(caches).matches("caches-mib-per-box=[0-9.]+ caches-when-full-mib-per-box=[0-9.]+ caches-share-of-heap=[0-9.]+");
        // 16 caches of 2 Mi slots for 8 boxes: 22 MiB each when full
        assertThat(caches).contains("caches-when-full-mib-per-box=44.00");
        assertThat(Double.parseDouble(caches.replaceAll(".*caches-mib-per-box=([0-9.]+).*", "$1")))
                .isCloseTo(rows.get(2)[3] / 8, org.assertj.core.data.Offset.offset(0.01));
        String last = lines.get(lines.size() - 2);
        assertThat(last).matches("heap-per-box-mib=[0-9.]+ group64-heap-mib=[0-9.]+ growth-last-step=-?[0-9.]+");
        double perBox = Double.parseDouble(last.replaceAll(".*heap-per-box-mib=([0-9.]+).*", "$1"));
        double projected = Double.parseDouble(last.replaceAll(".*group64-heap-mib=([0-9.]+).*", "$1"));
        double growth = Double.parseDouble(last.replaceAll(".*growth-last-step=(-?[0-9.]+).*", "$1"));
        assertThat(perBox).isCloseTo(rows.get(2)[2], org.assertj.core.data.Offset.offset(0.006));
        assertThat(projected).isCloseTo(64 * perBox, org.assertj.core.data.Offset.offset(0.4));
        assertThat(growth).isCloseTo(rows.get(2)[2] / rows.get(1)[2] - 1, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theHeapBenchmarkRefusesAGroupSizeItCannotCutAndNoSamples() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelBenchmark.heap(sink, "group64-shuttle", 12, "10 ms", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 boxes");
        assertThatThrownBy(() -> ModelBenchmark.heap(sink, "group64-shuttle", 8, "10 ms", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--samples");
        assertThatThrownBy(() -> ModelBenchmark.heap(sink, "cycle", 8, "10 ms", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'cycle' is not a group reference; the groups are group64-shuttle, group64-host");
    }
}
