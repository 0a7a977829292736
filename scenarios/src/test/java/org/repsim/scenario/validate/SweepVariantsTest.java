package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.repsim.scenario.validate.Fixtures.assertAt;
import static org.repsim.scenario.validate.Fixtures.problem;
import static org.repsim.scenario.validate.Fixtures.problems;
import static org.repsim.scenario.validate.Fixtures.with;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;

/** A sweep over named variants (docs/scenario-format.md, "Sweeps"): parsing, checks, expansion. */
class SweepVariantsTest {

    private static final String VARIANTS = """
            "variants": [
                  { "name": "sync", "set": { "replication.mode": "sync" } },
                  { "name": "ordered-off", "set": { "replication.mode": "ordered", "replication.ordered.ordering": "off" } },
                  { "name": "as-written", "set": {} }
                ]""";

    private static String swept(String sweepBody) {
        return with("\"workloads\"", "\"sweep\": { " + sweepBody + " },\n  \"workloads\"");
    }

    @Test
    void eachVariantIsOnePointWhoseParameterIsItsNameAndWhichSetsEveryValueItLists() throws ScenarioException {
        List<SweepPoint> points = ScenarioSource.parse(swept(VARIANTS), "v").sweepPoints();
        assertThat(points).extracting(SweepPoint::id).containsExactly("p000", "p001", "p002");
        assertThat(points).extracting(p -> p.paramText().toString())
                .containsExactly("{variant=sync}", "{variant=ordered-off}", "{variant=as-written}");
        assertThat(points.get(0).scenario().replication().mode()).isEqualTo("sync");
        assertThat(points.get(1).scenario().replication().mode()).isEqualTo("ordered");
        assertThat(points.get(1).scenario().replication().ordered().ordering()).isEqualTo("off");
        // a variant sets only what it lists: the rest is the scenario as written
        assertThat(points.get(0).scenario().replication().ordered().ordering()).isEqualTo("on");
        assertThat(points.get(2).scenario().replication().mode()).isEqualTo("cycle");
        assertThat(points.get(2).scenario().sweep()).isEmpty();
    }

    @Test
    void variantsAndValueAxesMakeTheCrossProductInTheOrderWritten() throws ScenarioException {
        List<SweepPoint> points = ScenarioSource.parse(swept("\"links[wan].bandwidth\": [\"1 Gbit/s\", \"2 Gbit/s\"], "
                + VARIANTS), "v").sweepPoints();
        assertThat(points).hasSize(6);
        assertThat(points.get(0).params().keySet()).containsExactly("links[wan].bandwidth", "variant");
        assertThat(points).extracting(p -> p.paramText().values().toString()).containsExactly(
                "[1 Gbit/s, sync]", "[1 Gbit/s, ordered-off]", "[1 Gbit/s, as-written]",
                "[2 Gbit/s, sync]", "[2 Gbit/s, ordered-off]", "[2 Gbit/s, as-written]");
        SweepPoint p4 = points.get(4);
        assertThat(p4.scenario().link("wan").bandwidthBps()).isEqualTo(250_000_000.0);
        assertThat(p4.scenario().replication().ordered().ordering()).isEqualTo("off");
    }

    @Test
    void aBadValueIsReportedAtTheVariantsSetPathWithTheReason() {
        String text = swept(VARIANTS.replace("\"sync\" }", "\"synch\" }"));
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("sweep.variants[0].set.replication.mode");
        assertThat(p.message()).contains("with replication.mode = \"synch\"").contains("'synch' is not one of sync, ordered, cycle");
        assertAt(p, text, "\"synch\"");
    }

    @Test
    void aSetPathThatMatchesNothingIsReportedAtIt() {
        Problem p = problem(swept(VARIANTS.replace("\"replication.ordered.ordering\"", "\"replication.ordered.orderng\"")));
        assertThat(p.path()).isEqualTo("sweep.variants[1].set.replication.ordered.orderng");
        assertThat(p.message()).contains("matches nothing").contains("did you mean 'ordering'?");
    }

    @Test
    void namesAreRequiredUniqueAndFileNameSafe() {
        assertThat(problem(swept(VARIANTS.replace("\"as-written\"", "\"sync\""))))
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("sweep.variants[2].name");
                    assertThat(p.message()).contains("'sync' is used twice");
                });
        assertThat(problem(swept(VARIANTS.replace("\"as-written\"", "\"as written/1\""))).path())
                .isEqualTo("sweep.variants[2].name");
        assertThat(problem(swept(VARIANTS.replace("\"name\": \"as-written\", ", ""))))
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("sweep.variants[2]");
                    assertThat(p.message()).contains("missing required key 'name'");
                });
    }

    @Test
    void aVariantIsAnObjectWithNameAndSetOnly() {
        assertThat(problem(swept(VARIANTS.replace("\"set\": {} }", "\"set\": {}, \"sets\": 1 }"))))
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("sweep.variants[2].sets");
                    assertThat(p.message()).contains("unknown key 'sets'");
                });
        assertThat(problem(swept(VARIANTS.replace("\"set\": {} }", "\"set\": [] }"))).path())
                .isEqualTo("sweep.variants[2].set");
        assertThat(problem(swept("\"variants\": [ \"sync\" ]"))).satisfies(p -> {
            assertThat(p.path()).isEqualTo("sweep.variants[0]");
            assertThat(p.message()).contains("expected a variant");
        });
        assertThat(problem(swept("\"variants\": []")).path()).isEqualTo("sweep.variants");
    }

    @Test
    void aPathBothAVariantAndAnAxisVaryIsAnError() {
        Problem p = problem(swept("\"replication.ordered\": [{}], " + VARIANTS));
        assertThat(p.path()).isEqualTo("sweep.variants[1].set.replication.ordered.ordering");
        assertThat(p.message()).contains("also swept by sweep.replication.ordered");
    }

    @Test
    void valuesThatAreOnlyWrongTogetherAreReportedAtTheVariant() {
        // a warm-up longer than the run: each value is fine, the pair is not
        String text = swept("""
                "variants": [ { "name": "short", "set": { "run.duration": "10 s", "run.warmup": "20 s" } } ]""");
        List<Problem> all = problems(text);
        assertThat(all).singleElement().satisfies(p -> {
            assertThat(p.path()).startsWith("sweep.variants[0]");
            assertThat(p.message()).contains("warm-up");
        });
    }

    @Test
    void setRemovesAVariantsValueAndNamesTheVariantsThatLostIt() throws ScenarioException {
        ScenarioSource source = ScenarioSource.parse(swept(VARIANTS), "v");
        assertThat(source.variantsSetting("replication.ordered.ordering", true)).containsExactly("ordered-off");
        assertThat(source.variantsSetting("replication", true)).containsExactly("sync", "ordered-off");
        assertThat(source.variantsSetting("replication.ordered.ordering", false)).isEmpty();
        assertThat(source.variantsSetting("replication.mode.x", false)).containsExactly("sync", "ordered-off");
        List<SweepPoint> points = source.withoutVariantPathsUnder("replication.ordered.ordering")
                .with("replication.ordered.ordering", "on").sweepPoints();
        assertThat(points).extracting(p -> p.scenario().replication().ordered().ordering()).containsOnly("on");
        assertThat(points.get(1).scenario().replication().mode()).isEqualTo("ordered");
        // variants stay, with what they no longer set gone
        assertThat(points).extracting(p -> p.paramText().get("variant")).containsExactly("sync", "ordered-off", "as-written");
    }

    @Test
    void expansionIsDeterministic() throws ScenarioException {
        String text = swept(VARIANTS);
        assertThat(ScenarioSource.parse(text, "a").sweepPoints()).isEqualTo(ScenarioSource.parse(text, "a").sweepPoints());
        ScenarioException none = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioSource.parse(swept(VARIANTS), "v").resolve());
        assertThat(none).isNull();
    }
}
