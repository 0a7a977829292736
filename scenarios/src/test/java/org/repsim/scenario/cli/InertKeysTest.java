package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * Keys without effect in the scenario's mode (docs/scenario-format.md "Keys without effect"):
 * {@code validate} and {@code run} warn on stderr, at the key's path and line, about keys written in
 * the file or set by a sweep variant; a sweep axis or {@code size --vary} at such a path is refused
 * (exit 2) and names the key that governs instead; defaults are never warned about, and no shipped scenario warns.
 */
class InertKeysTest {

    /** Shuttle consistency; {@code %s}: more replication keys, then the sweep. */
    static final String SHUTTLE = """
            {
              "name": "inert",
              "run": { "duration": "4 s", "warmup": "1 s" },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s" } ],
              "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s" } ],
                               "consistency": { "mode": "shuttle" }%s },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "500/s" } } ]%s
            }
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int execute(String... args) {
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void validateWarnsAtTheLineOfAKeyWithoutEffectAndStillSaysOk() throws IOException {
        String text = SHUTTLE.formatted(",\n \"cycle\": { \"minCycleTime\": \"5 s\" }", "");
        Path f = file("s.json", text);
        assertThat(execute("validate", f.toString())).as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK ");
        assertThat(err()).contains(f + ": warning: replication.cycle.minCycleTime (line " + lineOf(text, "\"5 s\"") + ", col")
                .contains("has no effect under replication.consistency.mode shuttle")
                .contains("replication.consistency.minNumberTime governs");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void theSyncModeWarnsOnceAboutEachBlockOfAnotherMode() throws IOException {
        String text = """
                {
                  "name": "inapplicable",
                  "run": { "duration": "1 min" },
                  "sites": [ { "id": "a" }, { "id": "b" } ],
                  "boxes": [ { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                             { "id": "s", "site": "b", "like": "p" } ],
                  "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s" } ],
                  "replication": { "mode": "sync", "pairs": [ { "primary": "p", "secondary": "s" } ],
                    "cycle": { "minCycleTime": "5 s", "switching": "multi" },
                    "ordered": { "scan": "head" } }
                }
                """;
        Path f = file("inapplicable.json", text);
        assertThat(execute("validate", f.toString())).isZero();
        List<String> lines = err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("warning: replication.cycle (line " + lineOf(text, "\"cycle\": {"))
                .contains("replication.mode sync");
        assertThat(lines.get(1)).contains("warning: replication.ordered (line " + lineOf(text, "\"ordered\": {"));
    }

    @Test
    void defaultsAndKeysThatTakeEffectAreNeverWarnedAbout() throws Exception {
        // shuttle keys under shuttle; every cycle default, minCycleTime's included, left out
        String text = SHUTTLE.formatted(",\n \"cycle\": { \"onCachePressure\": [\"pace\"] }", "")
                .replace("\"mode\": \"shuttle\"", "\"mode\": \"shuttle\", \"hop\": \"1 ms\", \"minNumberTime\": \"2 s\"");
        ScenarioSource source = ScenarioSource.parse(text, "t");
        assertThat(source.warnings(source.sweepPoints())).isEmpty();
        // --set counts as written: it warns, without a line
        ScenarioSource set = source.with("replication.consistency.pollInterval", "50 ms");
        List<Problem> warnings = set.warnings(set.sweepPoints());
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("replication.consistency.pollInterval");
            assertThat(w.message()).contains("consistency.mode host only");
        });
    }

    @Test
    void aSweepOverAKeyWithoutEffectIsRefusedWithTheKeyThatGoverns() throws IOException {
        String text = SHUTTLE.formatted("", ",\n  \"sweep\": { \"replication.cycle.minCycleTime\": [\"15 s\", \"30 s\"] }");
        Path f = file("sweep.json", text);
        assertThat(execute("validate", f.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("sweep.replication.cycle.minCycleTime (line " + lineOf(text, "[\"15 s\""))
                .contains("cannot vary replication.cycle.minCycleTime: under replication.consistency.mode shuttle, "
                        + "numbers close by the shuttle")
                .contains("vary replication.consistency.minNumberTime instead");
        err.reset();
        assertThat(execute("run", f.toString(), "-o", tmp.resolve("out").toString(), "--quiet")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("cannot vary replication.cycle.minCycleTime");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aSweepThatTakesEffectAtSomePointIsAccepted() throws Exception {
        // minCycleTime governs at the consistency-none points of the cross product
        String text = SHUTTLE.formatted("", ",\n  \"sweep\": { \"replication.consistency.mode\": [\"none\", \"shuttle\"],"
                + " \"replication.cycle.minCycleTime\": [\"15 s\", \"30 s\"] }");
        ScenarioSource source = ScenarioSource.parse(text, "t");
        assertThat(source.sweepPoints()).hasSize(4);
        assertThat(source.warnings(source.sweepPoints())).isEmpty();
    }

    @Test
    void aVariantSettingAKeyWithoutEffectInItsOwnPointsWarns() throws IOException {
        String text = SHUTTLE.formatted("", ",\n  \"sweep\": { \"variants\": [ { \"name\": \"none\", \"set\": "
                + "{ \"replication.consistency.mode\": \"none\", \"replication.cycle.minCycleTime\": \"5 s\" } },\n"
                + "  { \"name\": \"shuttle\", \"set\": { \"replication.cycle.minCycleTime\": \"5 s\" } } ] }");
        Path f = file("variants.json", text);
        assertThat(execute("validate", f.toString())).as(err()).isZero();
        assertThat(err().lines().toList()).singleElement().asString()
                .contains("warning: sweep.variants[1].set.replication.cycle.minCycleTime (line "
                        + lineOf(text, "{ \"name\": \"shuttle\""))
                .contains("variant 'shuttle': replication.cycle.minCycleTime has no effect under replication.consistency.mode shuttle");
    }

    @Test
    void sizeRefusesToVaryAKeyWithoutEffect() throws IOException {
        String text = SHUTTLE.formatted("", "");
        Path f = file("size.json", text);
        assertThat(execute("size", f.toString(), "--vary", "replication.cycle.minCycleTime", "--between", "1 s", "30 s",
                "--until", "rpo.lag.max <= 10 s", "-o", tmp.resolve("size").toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("replication.cycle.minCycleTime (line " + lineOf(text, "\"shuttle\""))
                .contains("vary replication.consistency.minNumberTime instead");
        assertThat(tmp.resolve("size")).doesNotExist();
    }

    /** A trace workload on p/v ({@code %s}: more workload keys, then more top-level keys), its trace beside it. */
    private Path traceScenario(String name, String workloadKeys, String more) throws IOException {
        Files.writeString(tmp.resolve("t.csv"), "128166372000035294,web,0,Write,1392316416,8192,766\n"
                + "128166372000051509,web,0,Read,6630473728,4096,484\n");
        return file(name, """
                {
                  "name": "trace-keys",
                  "run": { "duration": "4 s", "warmup": "1 s" },
                  "sites": [ { "id": "a" }, { "id": "b" } ],
                  "boxes": [
                    { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                    { "id": "s", "site": "b", "like": "p" }
                  ],
                  "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s" } ],
                  "replication": { "mode": "sync", "pairs": [ { "primary": "p", "secondary": "s" } ] },
                  "workloads": [
                    { "id": "syn", "volumes": ["p/v"], "writeFraction": 0.7, "size": "16 KiB",
                      "arrival": { "kind": "open", "rate": "100/s" } },
                    { "id": "tr", "volumes": ["p/v"],%s
                      "trace": { "format": "msr", "path": "t.csv" } } ]%s
                }
                """.formatted(workloadKeys, more));
    }

    @Test
    void keysATraceReplayDoesNotReadWarnAtTheirLinesWithWhatGovernsAndCannotBeVaried() throws IOException {
        Path f = traceScenario("trace.json", "\n \"writeFraction\": 0.9, \"size\": \"64 KiB\","
                + "\n \"address\": { \"dist\": \"zipf\" }, \"blockSize\": \"8 KiB\",", "");
        String text = Files.readString(f);
        assertThat(execute("validate", f.toString())).as(err()).isZero();
        List<String> lines = err().lines().toList();
        // the synthetic workload's writeFraction and size take effect: not warned about
        assertThat(lines).hasSize(4).noneMatch(l -> l.contains("workloads[0]"));
        int line = lineOf(text, "\"writeFraction\": 0.9");
        assertThat(lines.get(0)).contains(f + ": warning: workloads[1].size (line " + line + ", col")
                .contains("has no effect under trace replay (workloads[tr].trace)")
                .contains("the trace's own sizes govern");
        assertThat(lines.get(1)).contains("warning: workloads[1].writeFraction (line " + line)
                .contains("the trace's own op types govern");
        assertThat(lines.get(2)).contains("warning: workloads[1].address (line " + (line + 1))
                .contains("the trace's own offsets govern");
        assertThat(lines.get(3)).contains("warning: workloads[1].blockSize (line " + (line + 1))
                .contains("the trace's own offsets govern");

        // sweeping one of them is refused; so is size --vary; over the synthetic workload, neither
        err.reset();
        Path sweep = traceScenario("sweep.json", "", ",\n  \"sweep\": { \"workloads[tr].size\": [\"4 KiB\", \"64 KiB\"] }");
        assertThat(execute("validate", sweep.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("sweep.workloads[tr].size (line " + lineOf(Files.readString(sweep), "[\"4 KiB\""))
                .contains("cannot vary workloads[tr].size: under trace replay (workloads[tr].trace), each I/O has its "
                        + "trace record's size")
                .contains("(every value gives the same results)");
        err.reset();
        Path plain = traceScenario("plain.json", "", "");
        assertThat(execute("size", plain.toString(), "--vary", "workloads[1].writeFraction", "--between", "0.1", "0.9",
                "--until", "rpo.lag.max <= 10 s", "-o", tmp.resolve("size").toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("workloads[1].writeFraction (line " + lineOf(Files.readString(plain), "\"trace\""))
                .contains("cannot vary workloads[1].writeFraction");
        assertThat(tmp.resolve("size")).doesNotExist();
        err.reset();
        Path synthetic = traceScenario("synthetic.json", "", ",\n  \"sweep\": { \"workloads[syn].size\": [\"4 KiB\", \"64 KiB\"] }");
        assertThat(execute("validate", synthetic.toString())).as(err()).isZero();
        assertThat(err()).isEmpty();
    }

    @Test
    void noShippedScenarioWarns() throws IOException {
        List<Path> files;
        try (Stream<Path> examples = Files.list(Path.of("examples")); Stream<Path> bench = Files.list(Path.of("bench"));
                Stream<Path> tutorial = Files.list(Path.of("../docs/tutorial"))) {
            files = Stream.of(examples, bench, tutorial).flatMap(s -> s).filter(p -> p.toString().endsWith(".json"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(18);
        String[] args = Stream.concat(Stream.of("validate"), files.stream().map(Path::toString)).toArray(String[]::new);
        assertThat(execute(args)).as(err()).isZero();
        assertThat(err()).isEmpty();
    }
}
