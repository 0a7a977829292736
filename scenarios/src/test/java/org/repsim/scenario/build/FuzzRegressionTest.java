package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * Mutants that the fuzzer ({@code ScenarioFuzzTest}) and the key walk
 * ({@link ValidationCoversTheModelsTest}) found validating and then failing in the models; each
 * now either builds and runs or is refused. Written as (file, path, value as in the file).
 */
class FuzzRegressionTest {

    /** Two boxes replicating different volumes to each other (active/active), in each mode. */
    @ParameterizedTest
    @CsvSource({"sync, none", "ordered, none", "cycle, none", "cycle, host", "cycle, shuttle"})
    void boxesReplicatingDifferentVolumesToEachOtherBuildAndRun(String mode, String consistency) throws ScenarioException {
        String text = """
                { "name": "both-ways", "run": { "duration": "20 s" },
                  "sites": [ { "id": "a" }, { "id": "b" } ],
                  "boxes": [ { "id": "p", "site": "a", "cache": { "size": "1 GiB" },
                               "volumes": [ { "id": "v", "size": "1 GiB" }, { "id": "x", "size": "1 GiB" } ] },
                             { "id": "s", "site": "b", "like": "p" } ],
                  "links": [ { "id": "l", "between": ["a", "b"], "bandwidth": "1 Gbit/s" } ],
                  "replication": { "mode": "MODE", "consistency": { "mode": "CONSISTENCY" },
                                   "cycle": { "minCycleTime": "2 s" },
                                   "pairs": [ { "primary": "p/v", "secondary": "s/v" }, { "primary": "s/x", "secondary": "p/x" } ] },
                  "workloads": [ { "id": "w", "volumes": ["p/v", "s/x"], "writeFraction": 1,
                                   "arrival": { "kind": "open", "rate": "2000/s" } } ] }
                """.replace("MODE", mode).replace("CONSISTENCY", consistency);
        Scenario sc = org.repsim.scenario.validate.Scenarios.parse(text, "both-ways.json");
        ShortRun.Outcome o = ShortRun.of(sc, null, 20_000_000_000L, 100, 2_000_000);
        assertThat(o.failure()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a vanishing disk rate: service times saturate instead of overflowing the clock
        "examples/four-boxes-host.json | boxes[p1].backend[ssd].throughput | 1e-300 GB/s",
        // a huge RAID penalty was rounded to the int -1
        "bench/sync-2box.json | boxes[r1].backend[ssd].raidWritePenalty | 1e300",
        // a lognormal spread below a double's resolution had shape 0
        "bench/ordered-2box.json | replication.ordered.prepare.serviceTime | {\"dist\": \"lognormal\", \"mean\": \"50 us\", \"cv\": 1e-9}",
        // a propagation delay beyond a long of nanoseconds (now: at most 100 years of delay)
        "examples/ordered-dispatch.json | links[wan].distance | 1e19 km",
        // a think time beyond a long of nanoseconds overflowed the clock (now: a time is at most 100 years)
        "examples/cycle-two-boxes.json | workloads[logger].arrival.thinkTime | 9223372036854775807 ms",
    })
    void validatesAndRunsOrIsRefused(String file, String path, String value) throws IOException {
        ScenarioSource source;
        try {
            source = ScenarioSource.read(Path.of(file)).with(path, value);
        } catch (ScenarioException e) {
            throw new AssertionError("cannot set " + path + ": " + e.getMessage(), e);
        }
        Scenario sc;
        try {
            sc = source.sweepPoints().get(0).scenario();
        } catch (ScenarioException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        ShortRun.Outcome o = ShortRun.of(sc, Path.of(file).toAbsolutePath().getParent(), 1_000_000_000L, 100, 50_000);
        assertThat(o.failure()).isNull();
        assertThat(Files.exists(Path.of(file))).isTrue();
    }
}
