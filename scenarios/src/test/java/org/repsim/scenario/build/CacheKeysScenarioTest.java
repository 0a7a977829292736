package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * The cache keys reach the model (docs/model.md §1, §7a): sequential 4 KiB writes at 1 000/s (32
 * per 128 KiB track) on a box of 8 SSDs (90 µs + bytes ÷ 1 GB/s per operation).
 */
class CacheKeysScenarioTest {

    private static String scenario(String cache) {
        return """
            { "name": "keys", "run": { "duration": "12 s", "warmup": "2 s", "replications": 1, "seed": 5 },
              "sites": [ { "id": "prod" }, { "id": "dr" } ],
              "boxes": [
                { "id": "p", "site": "prod", "cache": { "size": "16 GiB" %s },
                  "backend": [ { "id": "ssd", "devices": 8, "kind": "ssd", "latency": "90 us", "throughput": "1 GB/s" } ],
                  "volumes": [ { "id": "v", "size": "64 GiB" } ] },
                { "id": "s", "site": "dr", "like": "p" } ],
              "links": [ { "id": "wan", "between": ["prod", "dr"], "bandwidth": "1 Gbit/s", "distance": "50 km" } ],
              "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s" } ],
                "cycle": { "minCycleTime": "2 s", "onCachePressure": ["pace"] } },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "writeFraction": 1.0, "size": "4 KiB",
                  "arrival": { "kind": "open", "process": "deterministic", "rate": "1000/s" },
                  "address": { "dist": "sequential", "runLength": 2000000000 } } ],
              "report": { "sampleEvery": "1 s" } }
            """.formatted(cache);
    }

    private static RunResult run(String cache, Path dir) throws Exception {
        Scenario sc = Scenarios.parse(scenario(cache), "keys.json");
        return new ScenarioModel(dir).run(new PlanPoint("p", new LinkedHashMap<>(), sc), 0, sc.run().seed(),
                (now, events) -> { });
    }

    /**
     * A 2 s cycle holds 2 000 writes in 62.5 tracks: whole-track slots occupy 63 × 128 KiB at the
     * peak, block slots the 2 000 × 4 KiB written (± one track's blocks at the cycle's edges).
     */
    @Test
    void slotAllocationSetsTheSessionsCacheUse(@TempDir Path dir) throws Exception {
        double track = run("", dir).value("cache.session.peak");
        double blocks = run(", \"slotAllocation\": \"blocks\"", dir).value("cache.session.peak");
        assertThat(track % (128 * 1024)).isZero();
        assertThat(track / (128 * 1024)).isBetween(62.0, 65.0);
        assertThat(blocks % 4096).isZero();
        assertThat(blocks).isCloseTo(2_000 * 4_096, withinPercentage(4));
    }

    /**
     * Without delay each write re-dirties its track after the previous destage: 1 000 whole-track
     * destages/s × 221.072 µs ÷ 8 devices = 2.763 % busy. With a 1 s write-pending delay the 32
     * writes of a track are absorbed into one destage: 1 000 ÷ 32 × 221.072 µs ÷ 8 = 0.0864 %.
     * Destaging the dirty blocks only (no delay): 1 000 × (90 + 4.096) µs ÷ 8 = 1.176 %.
     */
    @Test
    void destageDelayAbsorbsRewritesAndDestageBlocksWritesLess(@TempDir Path dir) throws Exception {
        String util = "p.backend.ssd.utilization";
        double now = run("", dir).value(util);
        double delayed = run(", \"destageDelay\": \"1 s\"", dir).value(util);
        double blocks = run(", \"destage\": \"blocks\"", dir).value(util);
        assertThat(now).isCloseTo(1_000 * 221.072e-6 / 8, withinPercentage(3));
        assertThat(delayed).isCloseTo(1_000 / 32.0 * 221.072e-6 / 8, withinPercentage(5));
        assertThat(blocks).isCloseTo(1_000 * 94.096e-6 / 8, withinPercentage(3));
    }
}
