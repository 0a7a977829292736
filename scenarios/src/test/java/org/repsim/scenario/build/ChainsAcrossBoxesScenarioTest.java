package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * docs/model.md §7, §8.3: the dependent-chain check runs in sync and ordered as in cycle modes. The
 * topology and workloads of {@code examples/compare-modes.json} (dependent chains over three primary
 * boxes, each with its own pair): ordered with box p1's {@code prepare} pool slowed 200-fold from 6 s
 * and the primary site lost at 7 s — p1's writes pile up while p2 and p3 keep landing later writes of
 * the same chains; sync without a fault finds nothing; sync pairs that suspend in a link outage and
 * resynchronise apart break chains across them. The counts are recomputed by brute-force replays in
 * the model tests ({@code OrderedChainsAcrossBoxesTest}, {@code SyncChainsTest}).
 */
class ChainsAcrossBoxesScenarioTest {

    private static final String SCENARIO = """
            {
              "name": "chains-across-boxes",
              "run": { "duration": "%s", "warmup": "5 s", "seed": 21 },
              "sites": [ { "id": "prod" }, { "id": "dr" } ],
              "boxes": [
                { "id": "p1", "site": "prod",
                  "cache": { "size": "16 GiB" },
                  "backend": [ { "id": "ssd", "devices": 16, "kind": "ssd", "latency": "90 us", "throughput": "1 GB/s", "raidWritePenalty": 2 } ],
                  "volumes": [ { "id": "db", "size": "256 GiB" } ] },
                { "id": "p2", "site": "prod", "like": "p1" },
                { "id": "p3", "site": "prod", "like": "p1" },
                { "id": "s1", "site": "dr", "like": "p1" },
                { "id": "s2", "site": "dr", "like": "p1" },
                { "id": "s3", "site": "dr", "like": "p1" }
              ],
              "links": [ { "id": "wan", "between": ["prod", "dr"], "bandwidth": "2 Gbit/s", "distance": "300 km" } ],
              "replication": {
                "mode": "%s",
                "pairs": [ { "primary": "p1", "secondary": "s1" }, { "primary": "p2", "secondary": "s2" },
                           { "primary": "p3", "secondary": "s3" } ],
                "ordered": { "ordering": "on", "prepare": { "count": 8, "serviceTime": { "dist": "lognormal", "mean": "60 us", "cv": 2 } } },
                "sync": { "onLinkFailure": "suspend", "suspendAfter": "1 s" }
              },
              "workloads": [
                { "id": "oltp", "volumes": ["p1/db", "p2/db", "p3/db"],
                  "arrival": { "kind": "open", "process": "poisson", "rate": "%s" },
                  "writeFraction": 0.5, "size": "16 KiB", "address": { "dist": "zipf", "exponent": 0.9 } },
                { "id": "chains", "volumes": ["p1/db", "p2/db", "p3/db"],
                  "arrival": { "kind": "closed", "streams": 4, "thinkTime": "%s" },
                  "writeFraction": 1.0, "dependent": true, "size": "4 KiB", "address": { "dist": "uniform" } }
              ],
              "faults": %s
            }
            """;

    private static RunResult run(String duration, String mode, String oltpRate, String think, String faults) throws Exception {
        Scenario sc = Scenarios.parse(SCENARIO.formatted(duration, mode, oltpRate, think, faults), "chains-across-boxes");
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> { });
    }

    @Test
    void orderedWithOneBoxStuckLandsLaterChainWritesBehindAHole() throws Exception {
        RunResult r = run("12 s", "ordered", "1500/s", "1 ms", """
                [ { "at": "6 s", "kind": "processor-slowdown", "box": "p1", "pool": "prepare", "factor": 200, "for": "2 s" },
                  { "at": "7 s", "kind": "disaster", "site": "prod" } ]""");
        // the writes stuck at p1 are the loss; its oldest was acknowledged about 0.53 s before the disaster
        assertThat(r.value("disaster.lost.writes")).isGreaterThan(500);
        assertThat(r.value("disaster.recoveryPoint")).isGreaterThan(0.4).isLessThan(0.7);
        // the chains' later writes on p2 and p3 landed meanwhile: about 3 850 chain writes/s × 0.53 s × 2/3
        assertThat(r.value("disaster.beyondHole")).isGreaterThan(800).isLessThan(2_000);
        assertThat(r.value("consistency.violations")).isGreaterThanOrEqualTo(r.value("disaster.beyondHole"));
        // the per-task order within each box was kept: what broke is the order across boxes
        assertThat(r.value("ordered.outOfOrder")).isZero();
    }

    @Test
    void syncWithoutAFaultKeepsEveryChain() throws Exception {
        RunResult r = run("12 s", "sync", "1500/s", "1 ms",
                "[ { \"at\": \"11 s\", \"kind\": \"disaster\", \"site\": \"prod\" } ]");
        assertThat(r.value("consistency.violations")).isZero();
        assertThat(r.value("disaster.lost.writes")).isZero();
        assertThat(r.value("disaster.beyondHole")).isZero();
    }

    @Test
    void syncPairsResynchronisingApartBreakTheChainsAcrossThem() throws Exception {
        // a light load, so each pair's copy catches up and the pairs are in sync again a few ms apart
        RunResult r = run("16 s", "sync", "100/s", "10 ms",
                "[ { \"at\": \"6 s\", \"kind\": \"link-down\", \"link\": \"wan\", \"for\": \"3 s\" } ]");
        assertThat(r.value("sync.suspensions")).isEqualTo(3);
        assertThat(r.value("consistency.violations")).isPositive();
    }
}
