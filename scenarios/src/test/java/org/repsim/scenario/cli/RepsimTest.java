package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepsimTest {

    private static final Path EXAMPLE = Path.of("src/test/resources/full-format.json");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final List<RunRequest> launched = new ArrayList<>();

    private int execute(ExperimentLauncher launcher, String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return Repsim.commandLine(launcher, out, err).execute(args);
    }

    private int execute(String... args) {
        return execute(launched::add, args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String BAD = """
            {
              "name": "bad",
              "run": { "duration": "10", "replications": 0 },
              "sites": [ { "id": "a" } ],
              "boxes": [ { "id": "p", "site": "b" } ]
            }
            """;

    @Test
    void validateAcceptsTheExamples() {
        assertThat(execute("validate", "src/test/resources/full-format.json", "examples/sync-baseline.json")).isZero();
        assertThat(out()).contains("OK src/test/resources/full-format.json (scenario 'cycle-two-boxes', 6 points)")
                .contains("OK examples/sync-baseline.json");
        assertThat(err()).isEmpty();
    }

    @Test
    void validateCanPrintTheResolvedScenario() throws IOException {
        assertThat(execute("validate", "--resolved", "examples/sync-baseline.json")).isZero();
        String json = out().substring(out().indexOf('{'));
        assertThat(new ObjectMapper().readTree(json).at("/boxes/1/cache/trackSize").asText()).isEqualTo("128 KiB");
    }

    @Test
    void validatePrintsEveryProblemOnePerLineAndExitsTwo() throws IOException {
        Path bad = file("bad.json", BAD);
        assertThat(execute("validate", bad.toString())).isEqualTo(ExitCodes.INVALID);
        List<String> lines = err().lines().toList();
        assertThat(lines.get(0)).isEqualTo(bad + ": invalid scenario, 3 problems:");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "run.duration (line 3, col 24): '10' has no unit: a time needs one, e.g. \"30 s\" (units: ns, us, µs, μs, ms, s, min, h)",
                "run.replications (line 3, col 46): must be greater than zero, found 0",
                "boxes[0].site (line 5, col 35): unknown site 'b'; known: a");
        assertThat(err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validateReportsAMissingFileAndNotJsonWithoutStackTrace() throws IOException {
        Path notJson = file("x.json", "{ \"name\": ");
        assertThat(execute("validate", "examples/sync-baseline.json", dir.resolve("none.json").toString(), notJson.toString()))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(out()).contains("OK examples/sync-baseline.json");
        assertThat(err()).contains("file not found").contains("(scenario) (line 1, col 11): not JSON:");
        assertThat(err()).doesNotContain("Exception");
    }

    @Test
    void validateNeedsAFile() {
        assertThat(execute("validate")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("Missing required parameter");
    }

    @Test
    void schemaPrintsTheJsonSchema() throws IOException {
        assertThat(execute("schema")).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("$id").asText()).isEqualTo("https://repsim.dev/schema/scenario-1.json");
    }

    @Test
    void benchModelRunsTheChosenReferencesAndEndsWithTheirFigures() {
        assertThat(execute("bench", "model", "--scenario", "sync,ordered", "--duration", "1 s", "--repeat", "3"))
                .as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(lines[0]).contains("each in a fresh JVM").contains("median of 3");
        assertThat(lines[1]).startsWith("JVM: ").contains("collectors: ");
        assertThat(lines[lines.length - 1]).matches("sync-writes-per-s=[1-9][0-9]* ordered-writes-per-s=[1-9][0-9]*");
        assertThat(out()).doesNotContain("cycle").doesNotContain("shuttle");
    }

    @Test
    void benchModelWithoutForkRunsInThisJvmWithTheSameWork() {
        assertThat(execute("bench", "model", "--scenario", "sync", "--duration", "1 s", "--no-fork", "--repeat", "1"))
                .as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(lines[0]).contains("all in this JVM").doesNotContain("median");
        // the same scenario and seed simulate the same writes and events wherever they run
        String sync = java.util.Arrays.stream(lines).filter(l -> l.startsWith("sync ")).findFirst().orElseThrow();
        outBytes.reset();
        assertThat(execute("bench", "model", "--scenario", "sync", "--duration", "1 s")).as(err()).isZero();
        assertThat(out()).contains("each in a fresh JVM").as("three measured runs by default").contains("median of 3");
        String forked = java.util.Arrays.stream(out().strip().split("\\R")).filter(l -> l.startsWith("sync ")).findFirst()
                .orElseThrow();
        assertThat(forked.split("\\s+")[1]).isEqualTo(sync.split("\\s+")[1]);
        assertThat(forked.split("\\s+")[2]).isEqualTo(sync.split("\\s+")[2]);
    }

    @Test
    void benchModelRunsTheGroupsOf64AndPrintsEventsPerWrite() {
        // a few simulated milliseconds: the figures' form, not their size, is what is checked here
        assertThat(execute("bench", "model", "--scenario", "group64-shuttle,group64-host", "--duration", "5 ms",
                "--no-fork", "--repeat", "1")).as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(java.util.Arrays.stream(lines).filter(l -> l.startsWith("scenario ")).findFirst().orElseThrow())
                .contains("events-per-write");
        for (String name : new String[] {"group64-shuttle", "group64-host"}) {
            String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
            String[] f = row.trim().split("\\s+");
            long writes = Long.parseLong(f[1]);
            long events = Long.parseLong(f[2]);
            assertThat(writes).isPositive();
            assertThat(Double.parseDouble(f[6])).isCloseTo((double) events / writes,
                    org.assertj.core.api.Assertions.within(0.0006));
        }
        assertThat(lines[lines.length - 1]).matches("group64-shuttle-writes-per-s=[1-9][0-9]* "
                + "group64-host-writes-per-s=[1-9][0-9]* group64-peak-heap-mib=[0-9]+\\.[0-9]");
    }

    @Test
    void benchBoxesRunsTheShuttleGroupAtEachSizeAndEndsWithTheRatios() {
        assertThat(execute("bench", "boxes", "--duration", "50 ms", "--repeat", "1")).as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(lines[1]).startsWith("JVM: ");
        long[] writes = new long[4];
        int i = 0;
        for (String boxes : new String[] {"8", "16", "32", "64"}) {
            String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith(boxes + " ")).findFirst().orElseThrow();
            writes[i++] = Long.parseLong(row.trim().split("\\s+")[1]);
        }
        // the same load per box: eight times the boxes, about eight times the writes (fewer acknowledged
        // by the end, as a shuttle round of 64 boxes takes 8 times as long)
        assertThat((double) writes[3] / writes[0]).isBetween(5.0, 10.0);
        // eight copies of the 8-box group run in turn: the 8-box group's work per write, eight times over
        String copies = java.util.Arrays.stream(lines).filter(l -> l.startsWith("8x8 ")).findFirst().orElseThrow();
        assertThat((double) Long.parseLong(copies.trim().split("\\s+")[1]) / writes[0]).isBetween(7.0, 9.0);
        assertThat(lines[lines.length - 3]).matches("by thread CPU time: writes-per-cpu-s-ratio-8x8-interleaved-to-8="
                + "[0-9]+\\.[0-9]{3} writes-per-cpu-s-ratio-64-to-8x8-interleaved=[0-9]+\\.[0-9]{3}");
        assertThat(lines[lines.length - 2]).matches("by thread CPU time: writes-per-cpu-s-ratio-64-to-8=[0-9]+\\.[0-9]{3}");
        assertThat(lines[lines.length - 1]).matches("writes-per-s-ratio-64-to-8=[0-9]+\\.[0-9]{3} "
                + "heap-per-box-ratio-64-to-8=[0-9]+\\.[0-9]{3}");
        assertThat(execute("bench", "boxes", "--repeat", "0")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("repsim bench boxes: --repeat must be at least 1");
    }

    @Test
    void benchModelSetRunsAVariantAndRefusesABadPathWithItsName() {
        assertThat(execute("bench", "model", "--scenario", "sync", "--duration", "200 ms", "--no-fork", "--repeat", "1",
                "--set", "workloads[oltp].arrival.rate=5000/s")).as(err()).isZero();
        assertThat(out()).contains("variant (not the references' own figures): --set workloads[oltp].arrival.rate=5000/s");
        outBytes.reset();
        assertThat(execute("bench", "model", "--scenario", "sync", "--set", "boxes[r9].cache.size=1 GiB"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("boxes[r9].cache.size").contains("no element with id 'r9'").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void benchModelTakesEitherCensusOrProfileNotBoth() {
        assertThat(execute("bench", "model", "--census", "--profile", "--scenario", "sync")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("--census and --profile").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void benchHeapRunsEitherGroupAndRefusesAnyOtherScenarioByName() {
        assertThat(execute("bench", "heap", "--scenario", "group64-host", "--duration", "20 ms", "--samples", "2"))
                .as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(lines[0]).startsWith("repsim heap benchmark: group64-host cut to 8 boxes for 0.02 s simulated");
        assertThat(lines[lines.length - 2]).matches("heap-per-box-mib=[0-9.]+ group64-heap-mib=[0-9.]+ growth-last-step=-?[0-9.]+");
        assertThat(lines[lines.length - 1]).startsWith("caches-mib-per-box=");
        outBytes.reset();
        assertThat(execute("bench", "heap", "--scenario", "cycle")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("repsim bench heap: 'cycle' is not a group reference; the groups are group64-shuttle, "
                + "group64-host").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void benchMemoryPrintsARowPerSizeAndRefusesSizesOutOfOrder() {
        assertThat(execute("bench", "memory", "--sizes", "1,2", "--loads", "10000")).as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(lines[lines.length - 1]).matches("fits-caches-up-to-mib=[12] memory-ns-per-load=[0-9]+\\.[0-9]");
        outBytes.reset();
        assertThat(execute("bench", "memory", "--sizes", "4,2")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("repsim bench memory: sizes must ascend");
        assertThat(out()).isEmpty();
    }

    @Test
    void benchModelRejectsAnUnknownReferenceAndABadRepeat() {
        assertThat(execute("bench", "model", "--scenario", "cycles")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("no reference scenario 'cycles'").contains("sync, ordered, cycle, shuttle");
        assertThat(execute("bench", "model", "--repeat", "0")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("--repeat must be at least 1");
        assertThat(execute("bench", "model", "--duration", "soon")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("run.duration: 'soon' is not a time").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void benchParallelReportsEachPairAndTheMedianSpeedup() {
        assertThat(execute("bench", "parallel", "--duration", "1 s", "--repeat", "2")).as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        assertThat(lines[0]).startsWith("JVM: ");
        assertThat(java.util.Arrays.stream(lines).filter(l -> l.startsWith("8 replications, 1 thread(s): "))).hasSize(2);
        assertThat(lines[lines.length - 2]).matches("speedup of each pair: [0-9.]+ [0-9.]+; median of 2");
        String[] pairs = lines[lines.length - 2].replaceAll("speedup of each pair: |; median of 2", "").split(" ");
        double median = (Double.parseDouble(pairs[0]) + Double.parseDouble(pairs[1])) / 2;
        // the pairs are printed rounded to 3 decimals: their mean is the median within that rounding
        String last = lines[lines.length - 1];
        assertThat(last).matches("speedup=[0-9]+\\.[0-9]{3} cores=" + Runtime.getRuntime().availableProcessors());
        assertThat(Double.parseDouble(last.substring("speedup=".length(), last.indexOf(' '))))
                .isCloseTo(median, org.assertj.core.api.Assertions.within(0.0011));
    }

    @Test
    void benchParallelAndScalingRejectABadRepeat() {
        assertThat(execute("bench", "parallel", "--repeat", "0")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("--repeat must be at least 1");
        assertThat(out()).isEmpty();
        errBytes.reset();
        assertThat(execute("bench", "scaling", "--repeat", "0")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("repsim bench scaling: --repeat must be at least 1");
        assertThat(out()).isEmpty();
        errBytes.reset();
        assertThat(execute("bench", "scaling", "--scenario", "shuttles")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("no reference scenario 'shuttles'").contains("sync, ordered, cycle, shuttle");
        assertThat(out()).isEmpty();
        for (String longest : new String[] {"12", "4", "0"}) {
            errBytes.reset();
            assertThat(execute("bench", "scaling", "--longest", longest)).isEqualTo(ExitCodes.INVALID);
            assertThat(err()).contains("repsim bench scaling: --longest must be a power of two of at least 8 (minutes), got "
                    + longest);
            assertThat(out()).isEmpty();
        }
    }

    @Test
    void helpAndVersionEverywhere() {
        assertThat(execute("--version")).isZero();
        assertThat(out()).startsWith("repsim ");
        assertThat(execute("--help")).isZero();
        assertThat(out()).contains("validate").contains("schema").contains("bench").contains("run");
        assertThat(execute("run", "--help")).isZero();
        assertThat(out()).contains("--replications").contains("--resume");
        assertThat(execute("bench", "kernel", "--help")).isZero();
        assertThat(execute("validate", "--version")).isZero();
    }

    @Test
    void runAppliesSetSeedAndReplicationsAndHandsTheExperimentToTheLauncher() {
        int exit = execute("run", EXAMPLE.toString(), "-o", dir.toString(),
                "--set", "links[wan].distance=200 km", "--set", "run.replications=10",
                "--set", "replication.cycle.switching=multi",
                "--seed", "99", "--replications", "4", "--threads", "3", "--resume", "--quiet");
        assertThat(exit).as(err()).isZero();
        assertThat(launched).singleElement().satisfies(e -> {
            assertThat(e.outputDir()).isEqualTo(dir);
            assertThat(e.threads()).isEqualTo(3);
            assertThat(e.resume()).isTrue();
            assertThat(e.quiet()).isTrue();
            assertThat(e.scenario().link("wan").distanceM()).isEqualTo(200_000.0);
            assertThat(e.scenario().replication().cycle().switching()).isEqualTo("multi");
            assertThat(e.scenario().run().seed()).isEqualTo(99);
            assertThat(e.scenario().run().replications()).isEqualTo(4);
            assertThat(e.points()).hasSize(6);
            assertThat(e.points().get(5).scenario().run().replications()).isEqualTo(4);
            assertThat(e.points().get(5).scenario().link("wan").distanceM()).isEqualTo(200_000.0);
        });
    }

    @Test
    void setOnASweptPathReplacesThatSweepAxisAndSaysSo() {
        int exit = execute("run", EXAMPLE.toString(), "-o", dir.toString(), "--set", "links[wan].bandwidth=8 Gbit/s");
        assertThat(exit).as(err()).isZero();
        assertThat(err()).contains("--set links[wan].bandwidth replaces the sweep of links[wan].bandwidth (3 values)");
        assertThat(launched).singleElement().satisfies(e -> {
            // the other axis (minNumberTime: 2 values) still expands
            assertThat(e.points()).hasSize(2);
            for (var p : e.points()) {
                assertThat(p.scenario().link("wan").bandwidthBps()).isEqualTo(1e9); // bytes per second
                assertThat(p.paramText()).doesNotContainKey("links[wan].bandwidth");
            }
            assertThat(e.scenario().sweep()).doesNotContainKey("links[wan].bandwidth");
        });
    }

    @Test
    void setOnTheLastSweptPathsLeavesOnePoint() {
        int exit = execute("run", EXAMPLE.toString(), "-o", dir.toString(), "--set", "links[wan].bandwidth=8 Gbit/s",
                "--set", "replication.consistency.minNumberTime=20 s");
        assertThat(exit).as(err()).isZero();
        assertThat(err()).contains("replaces the sweep of replication.consistency.minNumberTime (2 values)");
        assertThat(launched).singleElement().satisfies(e -> {
            assertThat(e.points()).hasSize(1);
            assertThat(e.points().get(0).scenario().replication().consistency().minNumberTimeNs()).isEqualTo(20_000_000_000L);
        });
    }

    @Test
    void setOnAPathNobodySweepsSaysNothingAboutTheSweep() {
        assertThat(execute("run", EXAMPLE.toString(), "-o", dir.toString(), "--set", "links[wan].distance=200 km"))
                .isZero();
        assertThat(err()).doesNotContain("replaces the sweep");
        assertThat(launched.get(0).points()).hasSize(6);
    }

    @Test
    void runDefaults() {
        assertThat(execute("run", EXAMPLE.toString())).isZero();
        RunRequest e = launched.get(0);
        assertThat(e.outputDir()).isEqualTo(Path.of("out", "full-format"));
        assertThat(e.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(e.resume()).isFalse();
        assertThat(e.quiet()).isFalse();
        assertThat(e.scenario().run().seed()).isEqualTo(42);
    }

    @Test
    void runWithAnInvalidScenarioOrSetExitsTwoWithoutLaunching() throws IOException {
        assertThat(execute("run", file("bad.json", BAD).toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(execute("run", EXAMPLE.toString(), "--set", "links[wan].bandwith=1 Gbit/s")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("links[wan].bandwith: cannot set: path 'links[wan].bandwith' matches nothing");
        assertThat(execute("run", EXAMPLE.toString(), "--set", "run.replications")).isEqualTo(ExitCodes.INVALID);
        assertThat(execute("run", EXAMPLE.toString(), "--threads", "0")).isEqualTo(ExitCodes.INVALID);
        assertThat(execute("run", EXAMPLE.toString(), "--replications", "0")).isEqualTo(ExitCodes.INVALID);
        assertThat(launched).isEmpty();
    }

    @Test
    void aFailureDuringSimulationExitsOneWithItsMessage() {
        int exit = execute(e -> {
            throw new IllegalStateException("cycle engine r1a: negative slot count at t=5.000 s");
        }, "run", EXAMPLE.toString());
        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err()).contains("simulation failed: cycle engine r1a: negative slot count at t=5.000 s")
                .doesNotContain("\tat ");
    }

    @Test
    void runWithoutARunnerInTheBuildExitsOne() {
        assertThat(execute((ExperimentLauncher) null, "run", EXAMPLE.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(err()).contains("no experiment runner");
    }
}
