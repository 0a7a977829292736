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
 * docs/model.md §6 from a scenario file: box p2's link is down from 5 s to 10 s and its session
 * drops after {@code transmitIdle} (1 s), which drops the group; once the link is back p2 copies
 * its owed tracks and the group resumes consistent cycles. The summary reports the time without
 * a consistent image — from the drop at 6 s to the first commit after the resume (5.00 s host,
 * 4.46 s shuttle: the copy, then a first number) — and no violation.
 */
class GroupResumeScenarioTest {

    private static final String SCENARIO = """
            {
              "name": "group-resume",
              "run": { "duration": "20 s", "seed": 7 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p1", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                { "id": "p2", "site": "a", "like": "p1" },
                { "id": "s1", "site": "b", "like": "p1" },
                { "id": "s2", "site": "b", "like": "p1" }
              ],
              "links": [ { "id": "wan1", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "100 km" },
                         { "id": "wan2", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "100 km" } ],
              "replication": { "mode": "cycle", "cycle": { "minCycleTime": "500 ms", "transmitIdle": "1 s" },
                               "consistency": { "mode": "%s" },
                               "pairs": [ { "primary": "p1", "secondary": "s1", "links": ["wan1"] },
                                          { "primary": "p2", "secondary": "s2", "links": ["wan2"] } ] },
              "workloads": [ { "id": "w", "volumes": ["p1/v", "p2/v"], "arrival": { "kind": "open", "rate": "300/s" } } ],
              "faults": [ { "at": "5 s", "kind": "link-down", "link": "wan2", "for": "5 s" } ]
            }
            """;

    @ParameterizedTest
    @ValueSource(strings = {"host", "shuttle"})
    void theSummaryReportsTheTimeWithoutAConsistentImage(String mode) throws Exception {
        Scenario sc = Scenarios.parse(SCENARIO.formatted(mode), "group-resume");
        RunResult r = new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(),
                (now, events) -> { });
        assertThat(r.value("consistency.suspensions")).isEqualTo(1);
        assertThat(r.value("session.drops")).as("both members drop").isEqualTo(2);
        assertThat(r.value("consistency.unprotected")).as("from the drop at 6 s to a commit soon after 10 s")
                .isBetween(4.0, 5.5);
        assertThat(r.value("consistency.violations")).isZero();
    }
}
