package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * The planner's case of issue 21 (docs/model.md §5 "Apply timing"): one pair, cycles of 2 s, a
 * disaster at 9 s. Consistency {@code none} (legacy) applies at the switch and {@code host} as
 * soon as every secondary holds the cycle. {@code none}'s image is the cycles its secondary
 * applied: applying at the switch holds each committed cycle back by up to one more cycle time,
 * and its lag and loss with it. {@code host}'s image is the cycles the group committed (docs/model.md
 * §7), which apply timing does not move: its lag and loss are the same either way, and equal
 * {@code none}'s applied when complete but for the coordinator's protocol.
 */
class ApplyTimingScenarioTest {

    private static final String SCENARIO = """
            {
              "name": "apply-timing",
              "run": { "duration": "20 s", "seed": 5 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "500 km" } ],
              "replication": { "mode": "cycle", "cycle": { "minCycleTime": "2 s"%s },
                               "consistency": { "mode": "%s" },
                               "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "300/s" } } ],
              "faults": [ { "at": "9 s", "kind": "disaster", "site": "a" } ]
            }
            """;

    static RunResult run(String consistency, String applyAt) throws Exception {
        String key = applyAt == null ? "" : ", \"applyAt\": \"" + applyAt + "\"";
        Scenario sc = Scenarios.parse(SCENARIO.formatted(key, consistency), "apply-timing");
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> { });
    }

    @Test
    void applyingAtTheSwitchCostsAboutOneCycleOfLagAndItsWrites() throws Exception {
        RunResult noneDefault = run("none", null);
        RunResult noneAtSwitch = run("none", "at-switch");
        RunResult noneWhenComplete = run("none", "when-complete");
        RunResult hostDefault = run("host", null);
        RunResult hostAtSwitch = run("host", "at-switch");
        RunResult hostWhenComplete = run("host", "when-complete");
        assertThat(noneDefault.metrics()).as("none + legacy applies at the switch by default").isEqualTo(noneAtSwitch.metrics());
        assertThat(hostDefault.metrics()).as("host applies when complete by default").isEqualTo(hostWhenComplete.metrics());
        double later = noneAtSwitch.value("rpo.lag.max") - noneWhenComplete.value("rpo.lag.max");
        assertThat(later).as("at-switch holds a committed cycle back until the next switch (≤ one cycle)")
                .isBetween(1.5, 2.0);
        // none's image is the newest applied cycle: applying later loses more at the disaster
        assertThat(noneAtSwitch.value("disaster.lost.writes")).isGreaterThan(noneWhenComplete.value("disaster.lost.writes"));
        // host's image is the committed cycles (docs/model.md §7): apply timing moves neither its lag nor its loss
        assertThat(hostAtSwitch.value("rpo.lag.max")).isEqualTo(hostWhenComplete.value("rpo.lag.max"));
        assertThat(hostAtSwitch.value("rpo.lag.mean")).isEqualTo(hostWhenComplete.value("rpo.lag.mean"));
        assertThat(hostAtSwitch.value("disaster.lost.writes")).isEqualTo(hostWhenComplete.value("disaster.lost.writes"));
        assertThat(noneWhenComplete.value("disaster.lost.writes")).isEqualTo(hostWhenComplete.value("disaster.lost.writes"));
        // with the same image, the two consistency modes differ only by the coordinator's protocol
        assertThat(Math.abs(noneWhenComplete.value("rpo.lag.max") - hostWhenComplete.value("rpo.lag.max"))).isLessThan(0.3);
    }
}
