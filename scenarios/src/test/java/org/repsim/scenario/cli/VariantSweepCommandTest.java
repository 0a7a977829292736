package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep over named variants through the commands: output columns, --set on a variant's path, exit 2. */
class VariantSweepCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            { "name": "variants", "run": { "duration": "2 s", "replications": 1, "seed": 4 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [ { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                         { "id": "s", "site": "b", "like": "p" } ],
              "links": [ { "id": "l", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "100 km" } ],
              "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "200/s" } } ],
              "sweep": {
                "variants": [ { "name": "sync", "set": { "replication.mode": "sync" } },
                              { "name": "ordered-off", "set": { "replication.mode": "ordered", "replication.ordered.ordering": "off" } } ],
                "links[l].distance": ["100 km", "400 km"] } }
            """;

    private int execute(String... args) {
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theVariantNameIsAColumnOfSummaryCsvAndEachVariantCrossesTheOtherAxis() throws IOException {
        Path scenario = Files.writeString(tmp.resolve("v.json"), SCENARIO);
        Path run = tmp.resolve("run");
        assertThat(execute("run", scenario.toString(), "-o", run.toString(), "--quiet")).as(err()).isZero();
        List<String> csv = Files.readAllLines(run.resolve("summary.csv"));
        assertThat(csv.get(0)).startsWith("point,variant,links[l].distance,metric,");
        assertThat(csv).anyMatch(l -> l.startsWith("p000,sync,100 km,"))
                .anyMatch(l -> l.startsWith("p001,sync,400 km,"))
                .anyMatch(l -> l.startsWith("p003,ordered-off,400 km,"));
        // ordered mode's own metric appears only at the ordered variant's points: each point ran its variant's mode
        assertThat(csv.stream().filter(l -> l.contains(",ordered.outOfOrder,")).map(l -> l.substring(0, 4)))
                .containsExactly("p002", "p003");
        assertThat(Files.readString(run.resolve("summary.json"))).contains("\"variant\": \"ordered-off\"");
    }

    @Test
    void setOnAPathTheVariantsSetWinsAtEveryPointAndNamesTheVariants() throws IOException {
        Path scenario = Files.writeString(tmp.resolve("v.json"), SCENARIO);
        Path run = tmp.resolve("run");
        assertThat(execute("run", scenario.toString(), "-o", run.toString(), "--quiet", "--set",
                "replication.mode=sync")).as(err()).isZero();
        assertThat(err()).contains("--set replication.mode overrides what sweep variant(s) sync, ordered-off set there");
        List<String> csv = Files.readAllLines(run.resolve("summary.csv"));
        assertThat(csv).noneMatch(l -> l.contains(",ordered.outOfOrder,"));
        assertThat(csv).anyMatch(l -> l.startsWith("p003,ordered-off,400 km,"));
    }

    @Test
    void setInsideAnObjectAVariantSetsAsAWholeIsRefused() throws IOException {
        Path scenario = Files.writeString(tmp.resolve("v.json"), SCENARIO.replace(
                "\"replication.ordered.ordering\": \"off\"", "\"replication.ordered\": { \"ordering\": \"off\" }"));
        int code = execute("run", scenario.toString(), "-o", tmp.resolve("run").toString(), "--quiet", "--set",
                "replication.ordered.scan=head");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("replication.ordered.scan").contains("ordered-off set an object holding");
        assertThat(Files.exists(tmp.resolve("run"))).isFalse();
    }

    @Test
    void aBadVariantIsExitTwoNamingItsPathAndReason() throws IOException {
        Path scenario = Files.writeString(tmp.resolve("bad.json"), SCENARIO.replace("\"off\"", "\"of\""));
        assertThat(execute("validate", scenario.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("sweep.variants[1].set.replication.ordered.ordering").contains("'of' is not one of on, off")
                .doesNotContain("\tat ");
        assertThat(execute("run", scenario.toString(), "-o", tmp.resolve("run").toString(), "--quiet"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(Files.exists(tmp.resolve("run"))).isFalse();
    }
}
