package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.repsim.scenario.validate.Fixtures.MINIMAL;
import static org.repsim.scenario.validate.Fixtures.assertAt;
import static org.repsim.scenario.validate.Fixtures.problem;
import static org.repsim.scenario.validate.Fixtures.problems;
import static org.repsim.scenario.validate.Fixtures.with;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.scenario.spec.Box;
import org.repsim.scenario.spec.Distribution;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;

class LikeAndSweepTest {

    private static final long GIB = 1L << 30;

    @Test
    void likeCopiesAnEarlierElementAndMergesTheGivenKeysDeeply() throws ScenarioException {
        String text = with(with(MINIMAL,
                "{ \"id\": \"p\", \"site\": \"a\", \"volumes\"",
                "{ \"id\": \"p\", \"site\": \"a\", \"cache\": { \"size\": \"8 GiB\", \"writePendingLimit\": 0.5 }, \"volumes\""),
                "\"like\": \"p\" }",
                "\"like\": \"p\", \"cache\": { \"size\": \"16 GiB\" },"
                        + " \"hostAdapters\": { \"serviceTime\": { \"dist\": \"deterministic\", \"value\": \"5 us\" } } }");
        Scenario s = Scenarios.parse(text, "like");
        Box p = s.box("p");
        Box copy = s.box("s");
        assertThat(copy.site()).isEqualTo("b");
        assertThat(copy.volumes()).isEqualTo(p.volumes());
        assertThat(copy.cache().sizeBytes()).isEqualTo(16 * GIB);
        assertThat(copy.cache().writePendingLimit()).isEqualTo(0.5);
        // a distribution of another kind replaces the copied one instead of mixing keys
        assertThat(copy.hostAdapters().serviceTime()).isEqualTo(new Distribution.Deterministic(5_000));
        assertThat(copy.hostAdapters().count()).isEqualTo(8);
    }

    @Test
    void givenKeysOfAnObjectWithADefaultMergeOverThatDefault() throws ScenarioException {
        Scenario s = Scenarios.parse(with("\"site\": \"a\", \"volumes\"", "\"site\": \"a\", \"hostAdapters\": { \"count\": 16 }, \"volumes\""), "d");
        assertThat(s.box("p").hostAdapters().count()).isEqualTo(16);
        assertThat(s.box("p").hostAdapters().serviceTime()).isEqualTo(new Distribution.Exponential(40_000));
    }

    @Test
    void likeNamingAnUnknownOrLaterElementIsAnError() {
        String text = with("\"like\": \"p\"", "\"like\": \"q\"");
        Problem p = problems(text).get(0);
        assertThat(p.path()).isEqualTo("boxes[1].like");
        assertThat(p.message()).contains("unknown id 'q'");
        assertAt(p, text, "\"q\"");
        String later = with(with(MINIMAL, "{ \"id\": \"p\", \"site\": \"a\", \"volumes\": [ { \"id\": \"v\", \"size\": \"1 GiB\" } ] },",
                "{ \"id\": \"p\", \"site\": \"a\", \"like\": \"s\" },"),
                "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                "{ \"id\": \"s\", \"site\": \"b\", \"volumes\": [ { \"id\": \"v\", \"size\": \"1 GiB\" } ] }");
        assertThat(problems(later)).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("'s' comes later in the list"));
    }

    private static final String SWEPT = with("\"workloads\"", """
            "sweep": {
                "links[wan].bandwidth": ["1 Gbit/s", "2 Gbit/s", "4 Gbit/s"],
                "replication.cycle.minCycleTime": ["15 s", "30 s"]
              },
              "workloads\"""");

    @Test
    void sweepPointsAreTheCrossProductWithTheFirstPathVaryingSlowest() throws ScenarioException {
        List<SweepPoint> points = ScenarioSource.parse(SWEPT, "sweep").sweepPoints();
        assertThat(points).extracting(SweepPoint::id).containsExactly("p000", "p001", "p002", "p003", "p004", "p005");
        assertThat(points).extracting(pt -> pt.paramText().values().toString()).containsExactly(
                "[1 Gbit/s, 15 s]", "[1 Gbit/s, 30 s]", "[2 Gbit/s, 15 s]", "[2 Gbit/s, 30 s]", "[4 Gbit/s, 15 s]", "[4 Gbit/s, 30 s]");
        SweepPoint p3 = points.get(3);
        assertThat(p3.params().keySet()).containsExactly("links[wan].bandwidth", "replication.cycle.minCycleTime");
        assertThat(p3.scenario().link("wan").bandwidthBps()).isEqualTo(250_000_000.0);
        assertThat(p3.scenario().replication().cycle().minCycleTimeNs()).isEqualTo(30_000_000_000L);
        assertThat(p3.scenario().link("far").bandwidthBps()).isEqualTo(125_000_000.0);
        assertThat(p3.scenario().sweep()).isEmpty();
        assertThat(ScenarioSource.parse(SWEPT, "sweep").sweepPoints()).isEqualTo(points);
    }

    @Test
    void aScenarioWithoutSweepHasOnePoint() throws ScenarioException {
        List<SweepPoint> points = ScenarioSource.parse(MINIMAL, "m").sweepPoints();
        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("p000");
            assertThat(p.params()).isEmpty();
        });
    }

    @Test
    void aSweptValueOfALikedBoxReachesItsCopies() throws ScenarioException {
        String text = with("\"workloads\"", "\"sweep\": { \"boxes[p].cache.size\": [\"1 GiB\", \"2 GiB\"] },\n  \"workloads\"");
        List<SweepPoint> points = ScenarioSource.parse(text, "s").sweepPoints();
        assertThat(points.get(1).scenario().box("s").cache().sizeBytes()).isEqualTo(2 * GIB);
    }

    @Test
    void aSweepPathThatMatchesNothingIsAnError() {
        String text = with(SWEPT, "\"links[wan].bandwidth\"", "\"links[wan].bandwith\"");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("sweep.links[wan].bandwith");
        assertThat(p.message()).contains("matches nothing").contains("did you mean 'bandwidth'?");
        assertAt(p, text, "[\"1 Gbit/s\"");
        Problem id = problem(with(SWEPT, "\"links[wan].bandwidth\"", "\"links[lan].bandwidth\""));
        assertThat(id.message()).contains("no element with id 'lan' in links");
    }

    @Test
    void aBadSweptValueIsReportedWhereTheValueIsWritten() {
        String text = with(SWEPT, "\"2 Gbit/s\"", "\"2 Gbit\"");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("sweep.links[wan].bandwidth[1]");
        assertThat(p.message()).contains("with links[wan].bandwidth = \"2 Gbit\"").contains("unknown data rate unit 'Gbit'");
        assertAt(p, text, "\"2 Gbit\"");
    }

    @Test
    void aCombinationOfValidSweptValuesCanStillBeInvalid() throws ScenarioException {
        String text = with("\"workloads\"", """
                "sweep": { "run.duration": ["1 min", "10 s"], "run.warmup": ["5 s", "20 s"] },
                  "workloads\"""");
        ScenarioSource source = ScenarioSource.parse(text, "s");
        source.resolve();
        ScenarioException e = catchThrowableOfType(ScenarioException.class, source::sweepPoints);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("run.warmup");
            assertThat(p.message()).startsWith("sweep point p003 {run.duration=\"10 s\", run.warmup=\"20 s\"}: warm-up (20 s)");
            assertAt(p, text, "\"20 s\"");
        });
    }

    @Test
    void aProblemWithASetValueHasNoFileLocation() throws ScenarioException {
        ScenarioSource source = ScenarioSource.parse(MINIMAL, "m").with("links[wan].bandwidth", "4 Gbit");
        ScenarioException e = catchThrowableOfType(ScenarioException.class, source::resolve);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("links[0].bandwidth");
            assertThat(p.line()).isZero();
            assertThat(p.toString()).startsWith("links[0].bandwidth: unknown data rate unit 'Gbit'");
        });
    }

    @Test
    void setWritesValuesAsTheyWouldBeWrittenInTheFile() throws ScenarioException {
        ScenarioSource source = ScenarioSource.parse(MINIMAL, "m")
                .with("links[wan].bandwidth", "4 Gbit/s")
                .with("run.replications", "10")
                .with("replication.cycle.switching", "multi")
                .with("replication.ordered.ordering", "off")
                .with("boxes[0].cache.size", "\"2 GiB\"");
        Scenario s = source.resolve();
        assertThat(s.link("wan").bandwidthBps()).isEqualTo(500_000_000.0);
        assertThat(s.run().replications()).isEqualTo(10);
        assertThat(s.replication().cycle().switching()).isEqualTo("multi");
        assertThat(s.replication().ordered().ordering()).isEqualTo("off");
        assertThat(s.box("p").cache().sizeBytes()).isEqualTo(2 * GIB);
        assertThat(ScenarioSource.valueOf("10").isInt()).isTrue();
        assertThat(ScenarioSource.valueOf("true").isBoolean()).isTrue();
        assertThat(ScenarioSource.valueOf("10 s").textValue()).isEqualTo("10 s");
        assertThat(ScenarioSource.valueOf("\"10\"").textValue()).isEqualTo("10");
    }

    @Test
    void setOnAPathThatMatchesNothingNamesThePath() throws ScenarioException {
        ScenarioSource source = ScenarioSource.parse(MINIMAL, "m");
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> source.with("run.replicatons", "3"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("run.replicatons");
            assertThat(p.message()).contains("matches nothing").contains("did you mean 'replications'?");
        });
        ScenarioException wrong = catchThrowableOfType(ScenarioException.class,
                () -> source.with("run.replications", "many").resolve());
        assertThat(wrong.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("run.replications"));
    }
}
