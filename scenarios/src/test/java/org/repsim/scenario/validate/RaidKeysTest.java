package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.scenario.validate.Fixtures.assertAt;
import static org.repsim.scenario.validate.Fixtures.problem;
import static org.repsim.scenario.validate.Fixtures.with;

import org.junit.jupiter.api.Test;
import org.repsim.model.RaidLevel;
import org.repsim.scenario.spec.DiskGroup;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

/** The back end's keys (docs/scenario-format.md DiskGroup, Volume): RAID level, its older penalty form, a volume's group. */
class RaidKeysTest {
    private static final String VOLUME = "\"volumes\": [ { \"id\": \"v\", \"size\": \"1 GiB\" } ] }";

    /** MINIMAL with box p given {@code backend} and volume v the extra keys {@code volumeKeys}. */
    private static String box(String backend, String volumeKeys) {
        return with(VOLUME, "\"backend\": " + backend + ", \"volumes\": [ { \"id\": \"v\", \"size\": \"1 GiB\"" + volumeKeys + " } ] }");
    }

    private static DiskGroup group(String backend) throws ScenarioException {
        Scenario s = Scenarios.parse(box(backend, ""), "t.json");
        return s.boxes().get(0).backend().get(0);
    }

    private static RaidLevel level(DiskGroup g) {
        assertThat(g.raidWritePenalty()).as("the older key is read as the level").isNull();
        return RaidLevel.of(g.raid());
    }

    @Test
    void theRaidLevelIsNamedOrReadFromTheOlderPenalty() throws ScenarioException {
        assertThat(level(group("[ { \"id\": \"d\", \"raid\": \"raid5\" } ]"))).isEqualTo(RaidLevel.RAID5);
        assertThat(level(group("[ { \"id\": \"d\", \"raidWritePenalty\": 2 } ]"))).isEqualTo(RaidLevel.RAID1);
        assertThat(level(group("[ { \"id\": \"d\", \"raidWritePenalty\": 6 } ]"))).isEqualTo(RaidLevel.RAID6);
        assertThat(level(group("[ { \"id\": \"d\", \"raid\": \"raid5\", \"raidWritePenalty\": 4 } ]"))).isEqualTo(RaidLevel.RAID5);
        assertThat(level(group("[ { \"id\": \"d\" } ]"))).isEqualTo(RaidLevel.NONE);
    }

    @Test
    void theResolvedScenarioWritesTheLevelNotThePenaltyAndReadsBackEqual() throws ScenarioException {
        Scenario s = Scenarios.parse(box("[ { \"id\": \"d\", \"raidWritePenalty\": 4 } ]", ""), "t.json");
        var group = s.toResolvedJson().get("boxes").get(0).get("backend").get(0);
        assertThat(group.get("raid").textValue()).isEqualTo("raid5");
        assertThat(group.has("raidWritePenalty")).isFalse();
        assertThat(Scenarios.parse(s.toResolvedJson().toString(), "resolved.json")).isEqualTo(s);
    }

    @Test
    void anUnknownLevelIsRefusedAtItsPath() {
        String text = box("[ { \"id\": \"d\", \"raid\": \"raid10\" } ]", "");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("boxes[0].backend[0].raid");
        assertThat(p.message()).contains("'raid10' is not one of none, raid1, raid5, raid6");
        assertAt(p, text, "\"raid10\"");
    }

    @Test
    void aPenaltyThatNamesNoLevelIsRefusedWithTheMigration() {
        Problem p = problem(box("[ { \"id\": \"d\", \"raidWritePenalty\": 3 } ]", ""));
        assertThat(p.path()).isEqualTo("boxes[0].backend[0].raidWritePenalty");
        assertThat(p.message()).isEqualTo("a write penalty of 3 names no RAID level; write \"raid\": \"none\", \"raid1\","
                + " \"raid5\" or \"raid6\" instead (their small writes take 1, 2, 4 and 6 device operations, run as"
                + " parallel phases)");
        assertThat(problem(box("[ { \"id\": \"d\", \"raidWritePenalty\": 2.5 } ]", "")).message())
                .startsWith("a write penalty of 2.5 names no RAID level");
    }

    @Test
    void aPenaltyThatContradictsTheLevelIsRefused() {
        Problem p = problem(box("[ { \"id\": \"d\", \"raid\": \"raid6\", \"raidWritePenalty\": 4 } ]", ""));
        assertThat(p.path()).isEqualTo("boxes[0].backend[0].raidWritePenalty");
        assertThat(p.message()).isEqualTo("a write penalty of 4 names raid5 but raid is raid6; give raid alone");
    }

    @Test
    void tooFewDevicesForTheLevelsPhases() {
        Problem p = problem(box("[ { \"id\": \"d\", \"devices\": 3, \"raid\": \"raid6\" } ]", ""));
        assertThat(p.path()).isEqualTo("boxes[0].backend[0].devices");
        assertThat(p.message()).isEqualTo("raid6 needs at least 4 devices (each operation of a write phase on its own"
                + " device), found 3");
        assertThat(problem(box("[ { \"id\": \"d\", \"devices\": 1, \"raidWritePenalty\": 2 } ]", "")).message())
                .startsWith("raid1 needs at least 2 devices");
    }

    @Test
    void aVolumeNamesItsDiskGroup() throws ScenarioException {
        Scenario s = Scenarios.parse(box("[ { \"id\": \"slow\" }, { \"id\": \"fast\" } ]", ", \"backend\": \"fast\""), "t.json");
        assertThat(s.boxes().get(0).volumes().get(0).backend()).isEqualTo("fast");
        // the secondary copies the box with like, its volume's group with it
        assertThat(s.boxes().get(1).volumes().get(0).backend()).isEqualTo("fast");
    }

    @Test
    void anUnknownDiskGroupOfAVolumeIsRefusedAtItsPath() {
        String text = box("[ { \"id\": \"slow\" }, { \"id\": \"fast\" } ]", ", \"backend\": \"fats\"");
        Problem p = Fixtures.problems(text).get(0);
        assertThat(p.path()).isEqualTo("boxes[0].volumes[0].backend");
        assertThat(p.message()).contains("unknown disk group 'fats'").contains("did you mean 'fast'")
                .contains("known: slow, fast");
        assertAt(p, text, "\"fats\"");
    }
}
