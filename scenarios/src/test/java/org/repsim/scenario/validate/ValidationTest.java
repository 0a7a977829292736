package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.repsim.scenario.validate.Fixtures.MINIMAL;
import static org.repsim.scenario.validate.Fixtures.assertAt;
import static org.repsim.scenario.validate.Fixtures.problem;
import static org.repsim.scenario.validate.Fixtures.problems;
import static org.repsim.scenario.validate.Fixtures.with;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.scenario.spec.Arrival;
import org.repsim.scenario.spec.Distribution;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

class ValidationTest {

    @Test
    void theMinimalScenarioGetsEveryDocumentedDefault() throws ScenarioException {
        Scenario s = Scenarios.parse(MINIMAL, "minimal");
        assertThat(s.run().warmupNs()).isZero();
        assertThat(s.run().replications()).isEqualTo(1);
        assertThat(s.run().seed()).isEqualTo(1);
        assertThat(s.boxes().get(0).cache().trackSizeBytes()).isEqualTo(128 * 1024);
        assertThat(s.boxes().get(0).cache().writePendingLimit()).isEqualTo(0.75);
        assertThat(s.replication().cycle().minCycleTimeNs()).isEqualTo(30_000_000_000L);
        assertThat(s.replication().cycle().maxSessionShare()).isEqualTo(0.5);
        assertThat(s.replication().consistency().ack()).isEqualTo("after-round");
        assertThat(s.report().sampleEveryNs()).isEqualTo(1_000_000_000L);
        assertThat(s.boxes().get(0).hostAdapters().serviceTime()).isEqualTo(new Distribution.Exponential(40_000));
        assertThat(s.workloads().get(0).arrival()).isInstanceOfSatisfying(Arrival.Open.class,
                o -> assertThat(o.process()).isEqualTo("poisson"));
        assertThat(s.link("wan").bandwidthBps()).isEqualTo(125_000_000.0);
    }

    @Test
    void aMissingFileIsAProblemNotAnException() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> Scenarios.load(Path.of("no-such-dir", "missing.json")));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("file not found"));
    }

    @Test
    void textThatIsNotJsonNamesLineAndColumn() {
        String text = "{\n  \"name\": \"t\",\n  \"run\": { \"duration\" \"1 min\" }\n}";
        Problem p = problem(text);
        assertThat(p.message()).startsWith("not JSON:");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isGreaterThan(10);
        assertThat(problem("").message()).contains("empty");
        assertThat(problem("[1, 2]").message()).contains("a scenario is a JSON object");
    }

    @Test
    void aKeyGivenTwiceIsReported() {
        String text = with("\"name\": \"t\",", "\"name\": \"t\", \"name\": \"u\",");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("name");
        assertThat(p.message()).contains("appears twice");
        assertAt(p, text, "\"u\"");
    }

    @Test
    void aValueOfTheWrongType() {
        String text = with("{ \"duration\": \"1 min\" }", "{ \"duration\": \"1 min\", \"replications\": \"five\" }");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("run.replications");
        assertThat(p.message()).contains("expected a plain whole number, found \"five\"");
        assertAt(p, text, "\"five\"");
        assertThat(problem(with("\"mode\": \"cycle\"", "\"mode\": 3")).message()).contains("expected a string, found 3");
    }

    @Test
    void anUnknownKeySuggestsTheClosestOne() {
        String text = with("\"bandwidth\": \"1 Gbit/s\" },", "\"bandwith\": \"1 Gbit/s\" },");
        List<Problem> ps = problems(text);
        assertThat(ps).extracting(Problem::path).containsExactly("links[0].bandwith", "links[0]");
        assertThat(ps.get(0).message()).contains("unknown key 'bandwith'").contains("did you mean 'bandwidth'?");
        assertAt(ps.get(0), text, "\"1 Gbit/s\" },");
        assertThat(ps.get(1).message()).contains("missing required key 'bandwidth'");
    }

    @Test
    void aTimeWithoutUnitNamesThePathAndShowsAnExample() {
        String text = with("\"1 min\"", "60");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("run.duration");
        assertThat(p.message()).contains("60 has no unit").contains("\"30 s\"");
        assertAt(p, text, "60");
        assertThat(problem(with("\"1 min\"", "\"10\"")).message()).contains("'10' has no unit");
    }

    @Test
    void anUnknownUnitListsTheAcceptedUnits() {
        Problem p = problem(with("\"1 min\"", "\"1 mins\""));
        assertThat(p.message()).contains("unknown time unit 'mins'").contains("ns, us, µs, μs, ms, s, min, h");
    }

    @Test
    void zeroOrNegativeWherePositiveIsNeeded() {
        String text = with("\"bandwidth\": \"1 Gbit/s\" },", "\"bandwidth\": \"0 Gbit/s\" },");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("links[0].bandwidth");
        assertThat(p.message()).contains("greater than zero");
        assertThat(problem(with("\"1 min\" }", "\"1 min\", \"replications\": 0 }")).message())
                .contains("must be greater than zero, found 0");
        assertThat(problem(with("\"1 min\" }", "\"1 min\", \"seed\": -4 }")).message())
                .contains("must not be negative, found -4");
        assertThat(problem(with("\"1 min\"", "\"-1 min\"")).message()).contains("negative");
    }

    @Test
    void aFractionOutsideZeroToOne() {
        String text = with("\"rate\": \"1000/s\" }", "\"rate\": \"1000/s\" }, \"writeFraction\": 1.5");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("workloads[0].writeFraction");
        assertThat(p.message()).contains("between 0 and 1, found 1.5");
        assertAt(p, text, "1.5");
    }

    @Test
    void aDuplicateId() {
        String text = with("{ \"id\": \"c\" }", "{ \"id\": \"a\" }");
        List<Problem> ps = problems(text);
        assertThat(ps.get(0).path()).isEqualTo("sites[2].id");
        assertThat(ps.get(0).message()).isEqualTo("duplicate site id 'a' (also at sites[0])");
        assertAt(ps.get(0), text, "\"a\" } ]");
        // the link to the now unknown site c is reported too
        assertThat(ps).extracting(Problem::path).contains("links[1].between[1]");
    }

    @Test
    void danglingReferencesAreAllReported() {
        String text = with(with(with(MINIMAL,
                "\"secondary\": \"s\"", "\"secondary\": \"z\""),
                "[\"p/v\"]", "[\"p/x\"]"),
                "\"between\": [\"a\", \"b\"]", "\"between\": [\"a\", \"q\"]");
        List<Problem> ps = problems(text);
        assertThat(ps).extracting(Problem::path).containsExactlyInAnyOrder(
                "links[0].between[1]", "replication.pairs[0].secondary", "workloads[0].volumes[0]");
        assertThat(ps).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith("unknown site 'q'"));
        assertThat(ps).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith("unknown box 'z'"));
        assertThat(ps).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith("box 'p' has no volume 'x'"));
    }

    @Test
    void aPairLinkMustJoinThePairsSites() {
        Problem p = problem(with("\"secondary\": \"s\" }", "\"secondary\": \"s\", \"links\": [\"far\"] }"));
        assertThat(p.path()).isEqualTo("replication.pairs[0].links[0]");
        assertThat(p.message()).contains("link 'far' joins a and c, not the pair's sites a and b");
    }

    @Test
    void aBoxPairNeedsAVolumeOfTheSameIdOnTheSecondaryAtLeastAsLarge() {
        Problem missing = problem(with("{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                "{ \"id\": \"s\", \"site\": \"b\", \"volumes\": [ { \"id\": \"w\", \"size\": \"1 GiB\" } ] }"));
        assertThat(missing.path()).isEqualTo("replication.pairs[0].secondary");
        assertThat(missing.message()).contains("box 's' has no volume 'v' to receive p/v");

        Problem smaller = problem(with("{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                "{ \"id\": \"s\", \"site\": \"b\", \"volumes\": [ { \"id\": \"v\", \"size\": \"512 MiB\" } ] }"));
        assertThat(smaller.message()).isEqualTo("volume s/v is smaller than p/v");

        Problem mixed = problem(with("\"secondary\": \"s\" }", "\"secondary\": \"s/v\" }"));
        assertThat(mixed.message()).startsWith("pair a box with a box, or a volume with a volume");
    }

    @Test
    void aFaultOnAnUnknownLinkOrSite() {
        String text = with("\"workloads\"", "\"faults\": [ { \"at\": \"10 s\", \"kind\": \"link-down\", \"link\": \"wna\", \"for\": \"5 s\" },"
                + " { \"at\": \"2 min\", \"kind\": \"disaster\", \"site\": \"x\" } ],\n  \"workloads\"");
        List<Problem> ps = problems(text);
        assertThat(ps).extracting(Problem::path).containsExactly("faults[0].link", "faults[1].at", "faults[1].site");
        assertThat(ps.get(0).message()).contains("did you mean 'wan'?");
        assertThat(ps.get(1).message()).contains("not before run.duration");
    }

    @Test
    void warmupMustBeShorterThanDuration() {
        String text = with("{ \"duration\": \"1 min\" }", "{ \"duration\": \"1 min\", \"warmup\": \"60 s\" }");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("run.warmup");
        assertThat(p.message()).isEqualTo("warm-up (1 min) must be shorter than run.duration (1 min)");
        assertAt(p, text, "\"60 s\"");
    }

    @Test
    void aSecondDisasterIsRefusedAtItsPath() {
        String faults = "\"faults\": [ { \"at\": \"10 s\", \"kind\": \"disaster\", \"site\": \"a\" },"
                + " { \"at\": \"20 s\", \"kind\": \"disaster\", \"site\": \"b\" } ],";
        Problem p = problem(with("\"workloads\":", faults + " \"workloads\":"));
        assertThat(p.path()).isEqualTo("faults[1]");
        assertThat(p.message()).contains("a second disaster: the run ends at the first one (faults[0])");
    }

    @Test
    void applyTimingIsOptionalAndOneOfTwoWords() throws ScenarioException {
        assertThat(Scenarios.parse(MINIMAL, "minimal").replication().cycle().applyAt())
                .as("absent: the mode decides (docs/model.md §5)").isNull();
        String at = "\"mode\": \"cycle\", \"cycle\": { \"applyAt\": \"%s\" },";
        assertThat(Scenarios.parse(with("\"mode\": \"cycle\",", at.formatted("when-complete")), "t")
                .replication().cycle().applyAt()).isEqualTo("when-complete");
        Problem p = problem(with("\"mode\": \"cycle\",", at.formatted("at-commit")));
        assertThat(p.path()).isEqualTo("replication.cycle.applyAt");
        assertThat(p.message()).contains("'at-commit' is not one of at-switch, when-complete");
    }

    @Test
    void aWordOutsideItsListSuggestsTheIntendedOne() {
        Problem p = problem(with("\"mode\": \"cycle\"", "\"mode\": \"cylce\""));
        assertThat(p.path()).isEqualTo("replication.mode");
        assertThat(p.message()).contains("'cylce' is not one of sync, ordered, cycle (did you mean 'cycle'?)");
        Problem d = problem(with("\"kind\": \"open\"", "\"kind\": \"opne\""));
        assertThat(d.path()).isEqualTo("workloads[0].arrival.kind");
        assertThat(d.message()).contains("unknown kind 'opne'").contains("did you mean 'open'?");
    }

    @Test
    void aWrongLikeIsReportedOnceNotAgainForWhatItWouldHaveCopied() {
        String text = with("{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"px\" }");
        List<Problem> all = problems(text);
        assertThat(all).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("boxes[1].like");
            assertThat(p.message()).contains("unknown id 'px'").contains("earlier elements: p");
        });
        // a box without a like that lacks the volume is still reported
        String noVolume = with("{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }", "{ \"id\": \"s\", \"site\": \"b\" }");
        assertThat(problems(noVolume)).anySatisfy(p -> assertThat(p.message()).contains("box 's' has no volume 'v'"));
    }

    @Test
    void perCycleRowsNeedGroupWideNumbers() throws ScenarioException {
        String twoSessions = with(with("{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                        "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }, { \"id\": \"q\", \"site\": \"a\", \"like\": \"p\" },"
                                + " { \"id\": \"t\", \"site\": \"b\", \"like\": \"p\" }"),
                "{ \"primary\": \"p\", \"secondary\": \"s\" } ]",
                "{ \"primary\": \"p\", \"secondary\": \"s\" }, { \"primary\": \"q\", \"secondary\": \"t\" } ]");
        String text = twoSessions.replace("\"run\":", "\"report\": { \"cycles\": \"per-cycle\" },\n  \"run\":");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("report.cycles");
        assertThat(p.message()).contains("consistency group").contains("the 2 sessions here switch on their own");
        assertAt(p, text, "\"per-cycle\"");
        // a group's numbers are group-wide; a single pair's are its own
        Scenario shuttle = Scenarios.parse(text.replace("\"mode\": \"cycle\",",
                "\"mode\": \"cycle\", \"consistency\": { \"mode\": \"shuttle\" },"), "t");
        assertThat(shuttle.report().cycles()).isEqualTo("per-cycle");
        Scenario single = Scenarios.parse(MINIMAL.replace("\"run\":", "\"report\": { \"cycles\": \"per-cycle\" },\n  \"run\":"), "t");
        assertThat(single.report().cycles()).isEqualTo("per-cycle");
        assertThat(Scenarios.parse(MINIMAL, "t").report().cycles()).isEqualTo("per-box");
        Problem typo = problem(MINIMAL.replace("\"run\":", "\"report\": { \"cycles\": \"per-cylce\" },\n  \"run\":"));
        assertThat(typo.path()).isEqualTo("report.cycles");
        assertThat(typo.message()).contains("did you mean 'per-cycle'?");
    }

    @Test
    void crossFieldRules() {
        Problem shuttle = problem(with("\"mode\": \"cycle\"", "\"mode\": \"sync\", \"consistency\": { \"mode\": \"shuttle\" }"));
        assertThat(shuttle.path()).isEqualTo("replication.consistency.mode");
        assertThat(shuttle.message()).contains("needs replication.mode 'cycle'");
        Problem spill = problem(with("\"mode\": \"cycle\"", "\"mode\": \"cycle\", \"cycle\": { \"onCachePressure\": [\"spill\", \"drop\"] }"));
        assertThat(spill.path()).isEqualTo("replication.cycle.spillPool.size");
        Problem from = problem(with("\"mode\": \"cycle\"", "\"mode\": \"cycle\", \"cycle\": { \"onCachePressure\": [\"spill\", \"drop\"],"
                + " \"spillPool\": { \"size\": \"1 GiB\", \"from\": \"capture\" } }"));
        assertThat(from.path()).isEqualTo("replication.cycle.spillPool.from");
        assertThat(from.message()).contains("any, transmit");
        Problem both = problem(with("\"arrival\"", "\"trace\": { \"format\": \"msr\", \"path\": \"t.csv\" }, \"arrival\""));
        assertThat(both.message()).contains("exactly one of 'arrival' and 'trace'");
        Problem uniform = problem(with("\"rate\": \"1000/s\" }", "\"rate\": \"1000/s\" }, \"size\": { \"dist\": \"uniform\", \"min\": \"8 KiB\", \"max\": \"4 KiB\" }"));
        assertThat(uniform.path()).isEqualTo("workloads[0].size.max");
    }

    @Test
    void aSpillPoolOnAnotherBoxIsRefusedByValidateAtItsPath() throws ScenarioException {
        String spill = "\"mode\": \"cycle\", \"cycle\": { \"onCachePressure\": [\"spill\", \"drop\"],"
                + "\n    \"spillPool\": { \"box\": BOX, \"size\": \"1 TiB\" } }";
        String text = with("\"mode\": \"cycle\"", spill.replace("BOX", "\"s\""));
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("replication.cycle.spillPool.box");
        assertThat(p.message()).contains("box 's' is not the primary of box 'p'").contains("\"self\"");
        assertAt(p, text, "\"s\", \"size\"");
        // self, and the primary's own id, are what the engine builds
        for (String box : List.of("\"self\"", "\"p\"")) {
            assertThat(Scenarios.parse(with("\"mode\": \"cycle\"", spill.replace("BOX", box)), "t").replication().cycle()
                    .spillPool().box()).isEqualTo(box.replace("\"", ""));
        }
        // an unknown box is reported once, as an unknown reference
        Problem unknown = problem(with("\"mode\": \"cycle\"", spill.replace("BOX", "\"nope\"")));
        assertThat(unknown.path()).isEqualTo("replication.cycle.spillPool.box");
        assertThat(unknown.message()).doesNotContain("not the primary");
        // with no spill policy the pool is never used, and not checked
        Scenarios.parse(with("\"mode\": \"cycle\"", spill.replace("BOX", "\"s\"").replace("\"spill\", ", "")), "t");
    }

    @Test
    void slotSizingDefaultsToWrittenAndRefusesOtherValuesAtItsPath() throws ScenarioException {
        assertThat(Scenarios.parse(MINIMAL, "t").replication().cycle().slotSizing()).isEqualTo("written");
        String track = with("\"mode\": \"cycle\"", "\"mode\": \"cycle\", \"cycle\": { \"slotSizing\": \"track\" }");
        assertThat(Scenarios.parse(track, "t").replication().cycle().slotSizing()).isEqualTo("track");
        String typo = track.replace("\"track\"", "\"trak\"");
        Problem p = problem(typo);
        assertThat(p.path()).isEqualTo("replication.cycle.slotSizing");
        assertThat(p.message()).contains("did you mean 'track'?");
        assertAt(p, typo, "\"trak\"");
    }

    @Test
    void dataPathKeysHaveDefaultsAndReportBadValuesAtTheirPath() throws ScenarioException {
        var sc = Scenarios.parse(MINIMAL, "t.json");
        assertThat(sc.boxes().get(0).cache().blockSizeBytes()).isEqualTo(4_096);
        assertThat(sc.workloads().get(0).blockSizeBytes()).isEqualTo(4_096);
        Problem block = problem(with("\"site\": \"a\", \"volumes\"",
                "\"site\": \"a\", \"cache\": { \"blockSize\": \"3 KiB\" }, \"volumes\""));
        assertThat(block.path()).isEqualTo("boxes[0].cache.blockSize");
        assertThat(block.message()).contains("must divide the track size");
        Problem zero = problem(with("\"rate\": \"1000/s\" }", "\"rate\": \"1000/s\" }, \"blockSize\": \"0 B\""));
        assertThat(zero.path()).isEqualTo("workloads[0].blockSize");
        assertThat(zero.message()).contains("greater than zero");
    }

    @Test
    void linkAndSyncKeysHaveDefaultsAndReportBadValuesAtTheirPath() throws ScenarioException {
        var sc = Scenarios.parse(MINIMAL, "t.json");
        assertThat(sc.links().get(0).loss()).isZero();
        assertThat(sc.links().get(0).mssBytes()).isEqualTo(1_460);
        assertThat(sc.links().get(0).connections()).isEqualTo(1);
        assertThat(sc.replication().sync().roundTrips()).isEqualTo(1);
        String link = "\"bandwidth\": \"1 Gbit/s\" },";
        Problem loss = problem(with(link, "\"bandwidth\": \"1 Gbit/s\", \"loss\": 1 },"));
        assertThat(loss.path()).isEqualTo("links[0].loss");
        assertThat(loss.message()).contains("must be below 1");
        Problem connections = problem(with(link, "\"bandwidth\": \"1 Gbit/s\", \"connections\": 0 },"));
        assertThat(connections.path()).isEqualTo("links[0].connections");
        assertThat(connections.message()).contains("at least 1");
        Problem mss = problem(with(link, "\"bandwidth\": \"1 Gbit/s\", \"mss\": \"0 B\" },"));
        assertThat(mss.path()).isEqualTo("links[0].mss");
        Problem trips = problem(with("\"mode\": \"cycle\"", "\"mode\": \"sync\", \"sync\": { \"roundTrips\": 0 }"));
        assertThat(trips.path()).isEqualTo("replication.sync.roundTrips");
        assertThat(trips.message()).contains("at least 1");
    }

    @Test
    void syncLinkFailureIsStallOrSuspendWithAPositiveTimeout() throws ScenarioException {
        var sc = Scenarios.parse(MINIMAL, "t.json");
        assertThat(sc.replication().sync().onLinkFailure()).isEqualTo("stall");
        assertThat(sc.replication().sync().suspendAfterNs()).isEqualTo(5_000_000_000L);
        Problem rule = problem(with("\"mode\": \"cycle\"", "\"mode\": \"sync\", \"sync\": { \"onLinkFailure\": \"wait\" }"));
        assertThat(rule.path()).isEqualTo("replication.sync.onLinkFailure");
        assertThat(rule.message()).contains("suspend");
        Problem after = problem(with("\"mode\": \"cycle\"",
                "\"mode\": \"sync\", \"sync\": { \"onLinkFailure\": \"suspend\", \"suspendAfter\": \"0 s\" }"));
        assertThat(after.path()).isEqualTo("replication.sync.suspendAfter");
    }

    @Test
    void adapterPortSpeedsDefaultToSixteenGbitAndMustNotBeNegative() throws ScenarioException {
        var sc = Scenarios.parse(MINIMAL, "t.json");
        assertThat(sc.boxes().get(0).hostAdapters().portSpeedBps()).isEqualTo(2e9);
        assertThat(sc.boxes().get(0).remoteAdapters().portSpeedBps()).isEqualTo(2e9);
        Problem p = problem(with("\"site\": \"a\", \"volumes\"",
                "\"site\": \"a\", \"hostAdapters\": { \"portSpeed\": \"-1 Gbit/s\" }, \"volumes\""));
        assertThat(p.path()).isEqualTo("boxes[0].hostAdapters.portSpeed");
    }

    @Test
    void compressionCostsNothingByDefaultAndNamesAPoolEveryBoxOfAPairDeclares() throws ScenarioException {
        var sc = Scenarios.parse(MINIMAL, "t.json");
        assertThat(sc.replication().compression().pool()).isNull();
        assertThat(sc.replication().compression().throughputBps()).isEqualTo(1e9);
        String pairs = "\"pairs\": [ { \"primary\": \"p\", \"secondary\": \"s\" } ]";
        Problem missing = problem(with(pairs, pairs + ", \"compression\": { \"pool\": \"zip\" }"));
        assertThat(missing.path()).isEqualTo("replication.compression.pool");
        assertThat(missing.message()).contains("boxes 'p', 's' have no processor pool 'zip'");
        String declared = with("\"site\": \"a\", \"volumes\"",
                "\"site\": \"a\", \"processors\": [ { \"id\": \"zip\" } ], \"volumes\"");
        var ok = Scenarios.parse(Fixtures.with(declared, pairs,
                pairs + ", \"compression\": { \"pool\": \"zip\", \"throughput\": \"500 MB/s\" }"), "t.json");
        assertThat(ok.replication().compression().throughputBps()).isEqualTo(5e8);
        Problem zero = problem(Fixtures.with(declared, pairs,
                pairs + ", \"compression\": { \"pool\": \"zip\", \"throughput\": \"0 B/s\" }"));
        assertThat(zero.path()).isEqualTo("replication.compression.throughput");
        assertThat(zero.message()).contains("greater than zero");
    }

    @Test
    void aLikeCopyReportsTheProblemsOfValuesItWritesItself() {
        String text = with("\"like\": \"p\" }", "\"like\": \"p\", \"cache\": { \"trackSize\": \"0 B\" } }");
        Problem p = problem(text);
        assertThat(p.path()).isEqualTo("boxes[1].cache.trackSize");
        assertAt(p, text, "\"0 B\"");
    }

    @Test
    void severalProblemsAreReportedAtOnceEachWithItsLocation() {
        String text = """
                {
                  "name": "t",
                  "run": { "duration": "1 min", "warmup": 5 },
                  "sites": [ { "id": "a" }, { "id": "b" } ],
                  "boxes": [
                    { "id": "p", "site": "a", "cache": { "size": "1 GiB", "writePendingLimit": 2 },
                      "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                    { "id": "s", "site": "b", "like": "p", "hostAdapter": { "count": 2 } }
                  ],
                  "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbps" } ],
                  "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s" } ] }
                }
                """;
        List<Problem> ps = problems(text);
        assertThat(ps).extracting(Problem::path).containsExactly(
                "run.warmup",
                "boxes[0].cache.writePendingLimit",
                "boxes[1].hostAdapter",
                // s is like p and inherits p's wrong writePendingLimit: reported once, where it is written
                "links[0].bandwidth");
        assertAt(ps.get(0), text, "5 }");
        assertAt(ps.get(1), text, "2 }");
        assertAt(ps.get(2), text, "{ \"count\": 2 }");
        assertAt(ps.get(3), text, "\"1 Gbps\"");
        assertThat(ps.get(2).message()).contains("did you mean 'hostAdapters'?");
        assertThat(ps.get(3).toString()).isEqualTo("links[0].bandwidth (line 10, col 65): unknown data rate unit 'Gbps' in '1 Gbps'; accepted units: "
                + "bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, kB/s, KiB/s, MB/s, MiB/s, GB/s, GiB/s, TB/s, TiB/s, PB/s, PiB/s, KB/s");
    }
}
