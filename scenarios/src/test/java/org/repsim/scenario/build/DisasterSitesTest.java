package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * docs/model.md §7 "Disaster at either site": losing the primary site loses the acknowledged
 * writes the secondary's image lacks and leaves nothing to protect; losing the site that holds
 * only secondaries loses no write and leaves the primary unprotected for the rest of the run.
 */
class DisasterSitesTest {

    private static final String SCENARIO = """
            {
              "name": "sites",
              "run": { "duration": "10 s", "seed": 3 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "500 km" } ],
              "replication": { "mode": "%s", "cycle": { "minCycleTime": "1 s" },
                               "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "500/s" } } ],
              "faults": [ { "at": "4 s", "kind": "disaster", "site": "%s" } ]
            }
            """;

    private static RunResult run(String mode, String site) throws Exception {
        Scenario sc = Scenarios.parse(SCENARIO.formatted(mode, site), "sites");
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"cycle", "ordered"})
    void losingThePrimarySiteLosesWritesAndLeavesNothingToProtect(String mode) throws Exception {
        RunResult r = run(mode, "a");
        assertThat(r.value("disaster.lost.writes")).isPositive();
        assertThat(r.value("disaster.lost.bytes")).isPositive();
        assertThat(r.value("disaster.unprotected")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cycle", "ordered", "sync"})
    void losingTheSecondarySiteLosesNothingAndLeavesThePrimaryUnprotected(String mode) throws Exception {
        RunResult r = run(mode, "b");
        assertThat(r.value("disaster.lost.writes")).isZero();
        assertThat(r.value("disaster.lost.bytes")).isZero();
        assertThat(r.value("disaster.lost.span")).isZero();
        assertThat(r.value("disaster.unprotected")).as("from the disaster at 4 s to the planned end at 10 s").isEqualTo(6.0);
    }
}
