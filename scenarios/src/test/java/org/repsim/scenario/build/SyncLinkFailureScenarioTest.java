package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * docs/model.md §3, §7: a sync pair whose link is down from 5 s to 15 s, 300 writes/s. With
 * {@code stall} nothing acknowledged is ever lost; with {@code suspend} (after 1 s) the pair suspends
 * about 6 s and a disaster at 9 s loses every write acknowledged since: its recovery point is the
 * largest lag of the run (the lag grows from the suspension to the disaster). After the link returns
 * the owed tracks are copied and a disaster at 19 s loses nothing.
 */
class SyncLinkFailureScenarioTest {

    private static final String SCENARIO = """
            {
              "name": "sync-link-failure",
              "run": { "duration": "20 s", "seed": 7 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "100 km" } ],
              "replication": { "mode": "sync", "sync": { "onLinkFailure": "%s", "suspendAfter": "1 s" },
                               "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "300/s" } } ],
              "faults": [ { "at": "5 s", "kind": "link-down", "link": "wan", "for": "10 s" },
                          { "at": "%s", "kind": "disaster", "site": "a" } ]
            }
            """;

    static RunResult run(String onLinkFailure, String disasterAt) throws Exception {
        Scenario sc = Scenarios.parse(SCENARIO.formatted(onLinkFailure, disasterAt), "sync-link-failure");
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> { });
    }

    @Test
    void stallLosesNothingAcknowledged() throws Exception {
        RunResult r = run("stall", "9 s");
        assertThat(r.value("disaster.lost.writes")).isZero();
        assertThat(r.value("rpo.lag.max")).isZero();
        assertThat(r.value("consistency.violations")).isZero();
        // writes issued during the outage wait for the link until it returns at 15 s
        RunResult later = run("stall", "19 s");
        assertThat(later.value("disaster.lost.writes")).isZero();
        assertThat(later.value("rpo.lag.max")).isZero();
        assertThat(later.value("host.write.latency.max")).isGreaterThan(9.9);
    }

    @Test
    void suspendLosesEveryWriteSinceTheSuspension() throws Exception {
        RunResult r = run("suspend", "9 s");
        assertThat(r.value("sync.suspensions")).isEqualTo(1);
        assertThat(r.value("disaster.lost.writes")).isPositive();
        assertThat(r.value("disaster.lost.bytes")).isPositive();
        // the oldest lost write was acknowledged at the suspension: 1 s after the first blocked write (≥ 5 s)
        double recoveryPoint = r.value("disaster.recoveryPoint");
        assertThat(recoveryPoint).isGreaterThan(2.9).isLessThanOrEqualTo(3.0);
        assertThat(r.value("rpo.lag.max")).isCloseTo(recoveryPoint, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.value("disaster.lost.span")).isLessThanOrEqualTo(recoveryPoint);
        // the lag is 0 until the suspension, then now − suspension: its time average over the 9 s is rp² / (2 × 9 s)
        assertThat(r.value("rpo.lag.mean")).isCloseTo(recoveryPoint * recoveryPoint / 18, org.assertj.core.data.Offset.offset(1e-9));
        // host writes no longer wait for the link beyond suspendAfter
        assertThat(r.value("host.write.latency.max")).isLessThan(1.01);
    }

    /**
     * The gold copy (docs/model.md §3, §7): at 16 s the owed tracks are being copied (the copy ends
     * before 19 s); the image stays at the suspension, so the loss is every write acknowledged since
     * it — the writes issued from the suspension (about 6 s) to 16 s: 300 I/Os/s, half of them writes,
     * × 10 s = 1 500 (Poisson: ± 3σ ≈ 116) — although part of the owed tracks are copied already. The
     * writes blocked before the suspension landed when the link returned, ahead of the copies.
     */
    @Test
    void duringTheResynchronisationEveryWriteSinceTheSuspensionIsLost() throws Exception {
        RunResult r = run("suspend", "16 s");
        assertThat(r.value("sync.suspensions")).isEqualTo(1);
        assertThat(r.value("disaster.lost.writes")).isBetween(1_384.0, 1_616.0);
        assertThat(r.value("disaster.recoveryPoint")).isGreaterThan(9.9).isLessThanOrEqualTo(10.0);
        assertThat(r.value("disaster.beyondHole")).isZero();
    }

    @Test
    void afterTheLinkReturnsTheResynchronisedPairLosesNothing() throws Exception {
        RunResult r = run("suspend", "19 s");
        assertThat(r.value("sync.suspensions")).isEqualTo(1);
        assertThat(r.value("disaster.lost.writes")).isZero();
        // the image fell behind from the suspension (about 6 s) to the end of the copy (after 15 s)
        assertThat(r.value("rpo.lag.max")).isGreaterThan(9.0).isLessThan(12.0);
    }
}
