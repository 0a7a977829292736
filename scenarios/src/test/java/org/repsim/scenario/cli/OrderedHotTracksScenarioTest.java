package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.measure.Measures;

/**
 * docs/model.md §4 per-track gate, at scenario level: the shipped ordered example (shortened, one
 * replication) on an 8 MiB volume, so that the tracks of its 512 KiB writes are rewritten while
 * earlier writes of them are still in flight. With ordering on, older data never lands after
 * newer (without the gate this run showed 172 violations); with ordering off it does.
 */
class OrderedHotTracksScenarioTest {

    @TempDir
    static Path tmp;

    /** "scan/ordering" → metrics. */
    private static final Map<String, JsonNode> METRICS = new HashMap<>();

    @BeforeAll
    static void runTheExampleOnHotTracks() throws IOException {
        Path run = tmp.resolve("hot");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("run", "examples/ordered-dispatch.json", "-o", run.toString(), "--quiet", "--replications", "1",
                        "--set", "run.duration=4 s", "--set", "run.warmup=1 s", "--set", "faults[0].at=2 s",
                        "--set", "faults[0].for=1 s", "--set", "boxes[p].volumes[v].size=8 MiB");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        for (JsonNode p : summary.get("points")) {
            JsonNode params = p.get("params");
            METRICS.put(params.get("replication.ordered.scan").asText() + "/"
                    + params.get("replication.ordered.ordering").asText(), p.get("metrics"));
        }
    }

    private static double mean(String point, String metric) {
        return METRICS.get(point).get(metric).get("mean").asDouble();
    }

    @Test
    void orderingOnNeverLandsOlderDataAfterNewerAndShowsTheGatesWait() {
        for (String scan : new String[] {"all", "head"}) {
            String on = scan + "/on";
            assertThat(mean(on, Measures.CONSISTENCY_VIOLATIONS.name())).as(on).isZero();
            assertThat(mean(on, Measures.ORDERED_OUT_OF_ORDER.name())).as(on).isZero();
            assertThat(mean(on, Measures.ORDERED_TRACK_WAIT.mean().name())).as(on).isPositive();
            assertThat(mean(on, Measures.ORDERED_TRACK_WAIT.max().name()))
                    .isGreaterThanOrEqualTo(mean(on, Measures.ORDERED_TRACK_WAIT.mean().name()));
        }
    }

    @Test
    void orderingOffShowsViolationsAndHasNoGate() {
        for (String scan : new String[] {"all", "head"}) {
            String off = scan + "/off";
            assertThat(mean(off, Measures.CONSISTENCY_VIOLATIONS.name())).as(off).isPositive();
            assertThat(mean(off, Measures.ORDERED_TRACK_WAIT.max().name())).as(off).isZero();
        }
    }
}
