package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repsim size} end to end: a closed-form case, the shipped bandwidth example, unmet goals, bad input. */
class SizeCommandTest {
    static final String CLOSED_FORM = "src/test/resources/planner/closed-form.json";

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

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void theSmallestLinkForAUtilisationGoalIsTheWireByteRateOverTheGoal() throws IOException {
        Path dir = tmp.resolve("size");
        int code = execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "50 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilization <= 0.8", "-o", dir.toString(), "--threads", "2");
        assertThat(code).as(err()).isZero();
        JsonNode size = read(dir.resolve("size.json"));
        assertThat(size.get("path").asText()).isEqualTo("links[wan].bandwidth");
        assertThat(size.get("goal").asText()).isEqualTo("link.wan.utilization <= 0.8");
        assertThat(size.get("met").asBoolean()).isTrue();
        // 200 writes/s of 64 KiB, each one slot on the wire with its 512 B header, no folding (uniform over 2 TiB)
        double exact = 200 * (65536 + 512) / 0.8;
        double answer = size.get("answer").asDouble();
        // the bracket is at most 5 % wide; the sampled rate adds its own ≈ 2 % (95 % CI of 3 × 2000 Poisson writes)
        assertThat(answer).isBetween(exact * 0.97, exact * 1.05 * 1.03);
        double below = Double.NEGATIVE_INFINITY;
        for (JsonNode p : size.get("points")) {
            assertThat(p.has("value") && p.has("replications") && p.has("mean") && p.has("ci95")).isTrue();
            if (!p.get("verdict").asText().equals("met")) {
                below = Math.max(below, p.get("value").asDouble());
            } else {
                assertThat(p.get("value").asDouble()).isGreaterThanOrEqualTo(answer);
            }
        }
        assertThat(below).isLessThan(answer).isGreaterThanOrEqualTo(answer / 1.05);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("size: smallest links[wan].bandwidth = ")
                .doesNotContain("kB/s").doesNotContain("MB/s");
        // for people in the range's units (bit/s), exact in base units beside
        assertThat(size.get("unit").asText()).isEqualTo("B/s");
        assertThat(size.get("answerText").asText()).matches("[0-9.]+ Mbit/s");
        assertThat(Double.parseDouble(size.get("answerText").asText().split(" ")[0]) * 125e3).isEqualTo(answer);
        for (JsonNode p : size.get("points")) {
            assertThat(p.get("text").asText()).as(p.toString()).matches("[0-9.]+ [MG]bit/s");
        }
        assertThat(Files.readString(dir.resolve("size.html"))).contains(size.get("answerText").asText() + " meets")
                .doesNotContain("kB/s");
        assertThat(dir.resolve("size.html")).exists();
        assertThat(dir.resolve("charts/size.png")).exists();

        // common random numbers and fixed replication batches: the thread count changes nothing
        Path again = tmp.resolve("again");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "50 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilization <= 0.8", "-o", again.toString(), "--threads", "1")).isZero();
        assertThat(Files.readString(again.resolve("size.json"))).isEqualTo(Files.readString(dir.resolve("size.json")));
    }

    @Test
    void theShippedBandwidthExampleIsSizedConsistently() throws IOException {
        Path dir = tmp.resolve("two-boxes");
        int code = execute("size", "examples/cycle-two-boxes.json", "--set", "run.duration=15 s", "--set", "run.warmup=2 s",
                "--set", "replication.consistency.minNumberTime=2 s",
                "--set", "workloads[oltp].arrival.rate=1500/s", "--vary", "links[wan].bandwidth",
                "--between", "100 Mbit/s", "1 Gbit/s", "--until", "link.wan.utilization <= 0.5", "--resolution", "10%",
                "-o", dir.toString(), "--threads", "2");
        assertThat(code).as(err()).isZero();
        assertThat(err()).contains("sweep is ignored");
        JsonNode size = read(dir.resolve("size.json"));
        double answer = size.get("answer").asDouble();
        assertThat(answer).isBetween(100e6 / 8, 1e9 / 8);
        // monotone: every value met lies at or above the answer, every other below it
        for (JsonNode p : size.get("points")) {
            boolean met = p.get("verdict").asText().equals("met");
            assertThat(p.get("value").asDouble() >= answer).as(p.toString()).isEqualTo(met);
        }
    }

    @Test
    void aGoalNoValueMeetsExitsOneWithTheBestValue() throws IOException {
        Path dir = tmp.resolve("unmet");
        int code = execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "50 Mbit/s", "100 Mbit/s",
                "--until", "link.wan.utilization <= 0.8", "-o", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no value of links[wan].bandwidth")
                .contains("best seen 100 Mbit/s");
        JsonNode size = read(dir.resolve("size.json"));
        assertThat(size.get("met").asBoolean()).isFalse();
        assertThat(size.get("answer").isNull()).isTrue();
    }

    @Test
    void sizingACacheWarnsBeforeItRunsWhenTheLargestCandidatesCachesWouldFillTheHeap() {
        // 32 TiB caches over 32 TiB volumes: 256 Mi slots each, 5632 MiB a replication, 2 at once; the test JVM has 2 GiB
        int code = execute("size", CLOSED_FORM, "--vary", "boxes[r1].cache.size", "--between", "1 GiB", "32 TiB",
                "--set", "boxes[r1].volumes[db].size=32 TiB", "--set", "run.duration=2 s", "--set", "run.warmup=1 s",
                "--until", "link.wan.utilization <= 0.8", "-o", tmp.resolve("cache").toString(), "--threads", "2",
                "--max-replications", "4");
        assertThat(code).as(err()).isZero();
        assertThat(err()).startsWith("repsim size: warning: the caches of the 2 replications that run at once take up to "
                + "11264.0 MiB once full (the largest point, boxes[r1].cache.size = 32 TiB: 2 caches, "
                + "536870912 slots, 5632.0 MiB a replication)");
        // and the search ran as asked
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("smallest boxes[r1].cache.size = 1 GiB meets");
    }

    @Test
    void aThresholdOfAnotherKindThanTheMetricExitsTwoNamingTheMetricsUnit() {
        Path dir = tmp.resolve("mismatch");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "rpo.lag.max <= 30 Mbit/s", "-o", dir.toString(), "--threads", "1")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("rpo.lag.max is in s (a time); '30 Mbit/s' is a data rate: give a time such as '30 s'");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilization <= 5 GiB", "-o", dir.toString(), "--threads", "1"))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("link.wan.utilization is a fraction (no unit, 0 to 1); '5 GiB' is a size");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "rpo.lag.max <= 30", "-o", dir.toString(), "--threads", "1")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("'30' has no unit: give a time such as '30 s'");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("meets");
        assertThat(dir.resolve("size.json")).doesNotExist();
    }

    @Test
    void aThresholdOfAnotherKindThanACatalogueMetricIsRefusedBeforeTheScenarioIsReadLetAloneRun() {
        // the scenario file does not exist: had anything been read or run, the refusal would be about it
        // (was: refused only after a whole replication, hours for a long scenario)
        String missing = tmp.resolve("not-there.json").toString();
        Path dir = tmp.resolve("early");
        assertThat(execute("size", missing, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "rpo.lag.max <= 3", "-o", dir.toString(), "--threads", "1")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("rpo.lag.max is in s (a time); '3' has no unit: give a time such as '3 s'")
                .doesNotContain("not-there.json");
        // members of a family are known by name too: link.<id>.utilization, box.<box>.cache.read.hitRatio
        assertThat(execute("size", missing, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilization <= 5 GiB", "-o", dir.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("link.wan.utilization is a fraction (no unit, 0 to 1); '5 GiB' is a size");
        assertThat(execute("size", missing, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "box.r1.cache.read.hitRatio >= 90 ms", "-o", dir.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("box.r1.cache.read.hitRatio is a fraction");
        assertThat(dir).doesNotExist();
        // a right kind passes the early check; the run then fails on the missing file, not on the unit
        err.reset();
        assertThat(execute("size", missing, "--vary", "links[wan].bandwidth", "--between", "100 Mbit/s", "1 Gbit/s",
                "--until", "rpo.lag.max <= 3 s", "-o", dir.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("not-there.json").doesNotContain("rpo.lag.max is in");
    }

    @Test
    void badPathsGoalsAndRangesExitTwoWithTheReason() {
        String o = tmp.resolve("bad").toString();
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwith", "--between", "50 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilization <= 0.8", "-o", o)).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("did you mean 'bandwidth'");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "50 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilization < 0.8", "-o", o)).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("not of the form 'METRIC <= X'");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "50 Mbit/s", "1 Gbit/s",
                "--until", "link.wan.utilisation <= 0.8", "-o", o)).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("unknown metric 'link.wan.utilisation' (did you mean 'link.wan.utilization'?)");
        assertThat(execute("size", CLOSED_FORM, "--vary", "links[wan].bandwidth", "--between", "50 s", "100 s",
                "--until", "link.wan.utilization <= 0.8", "-o", o)).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("unknown data rate unit 's'");
        assertThat(err()).doesNotContain("\tat ");
    }
}
