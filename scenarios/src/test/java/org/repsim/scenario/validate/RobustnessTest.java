package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.repsim.scenario.validate.Fixtures.MINIMAL;
import static org.repsim.scenario.validate.Fixtures.problem;
import static org.repsim.scenario.validate.Fixtures.problems;
import static org.repsim.scenario.validate.Fixtures.with;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

/**
 * Inputs that once reached a model constructor's exception, a simulation failure or an endless
 * run instead of a message: each is now refused before anything runs, at the key's own path.
 */
class RobustnessTest {

    @TempDir
    Path dir;

    /** MINIMAL with a third box at site c and a link to it, for pairs of several boxes. */
    private static final String THREE_BOXES = with(MINIMAL, "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
            "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }, { \"id\": \"t\", \"site\": \"c\", \"like\": \"p\" }");

    private static String pairs(String text, String pairs) {
        return with(text, "\"pairs\": [ { \"primary\": \"p\", \"secondary\": \"s\" } ]", "\"pairs\": " + pairs);
    }

    @Test
    void bothBoxesOfAPairAtOneSite() {
        // was: "repsim: java.lang.IllegalArgumentException: duplicate element: prod", exit 1
        Problem p = problem(with("{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }", "{ \"id\": \"s\", \"site\": \"a\", \"like\": \"p\" }"));
        assertThat(p.path()).isEqualTo("replication.pairs[0].secondary");
        assertThat(p.message()).contains("both stand at site 'a'").contains("a link between two sites");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheByte() throws IOException {
        // was: "... java.nio.charset.MalformedInputException: Input length = 1"
        byte[] text = MINIMAL.getBytes(StandardCharsets.UTF_8);
        int at = MINIMAL.indexOf("\"t\"") + 1;
        text[at] = (byte) 0xFF;
        Path file = Files.write(dir.resolve("latin.json"), text);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenarios.load(file));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("the file is not valid UTF-8 at byte " + at + " (0xFF); save it as UTF-8 text");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(at - MINIMAL.indexOf('\n'));
        });
    }

    @Test
    void onePrimaryVolumeInTwoPairsIsRefusedAtTheLaterPair() {
        // was: validate OK, then "replication: signal declared twice: cycle.r1-r2.cacheBytes"
        Problem twice = problem(pairs(MINIMAL, "[ { \"primary\": \"p\", \"secondary\": \"s\" }, { \"primary\": \"p\", \"secondary\": \"s\" } ]"));
        assertThat(twice.path()).isEqualTo("replication.pairs[1]");
        assertThat(twice.message()).isEqualTo("volume p/v → s/v is already replicated by replication.pairs[0]; list each pair once");
        Problem fanOut = problem(pairs(THREE_BOXES, "[ { \"primary\": \"p\", \"secondary\": \"s\" }, { \"primary\": \"p/v\", \"secondary\": \"t/v\" } ]"));
        assertThat(fanOut.path()).isEqualTo("replication.pairs[1].secondary");
        assertThat(fanOut.message()).contains("p/v is already the primary of replication.pairs[0] (to s/v)").contains("fan-out");
    }

    @Test
    void twoPrimariesIntoOneSecondaryVolumeAndReverseOrCascadedPairsAreRefused() {
        String fanIn = pairs(THREE_BOXES, "[ { \"primary\": \"p\", \"secondary\": \"s\" }, { \"primary\": \"t\", \"secondary\": \"s\" } ]");
        fanIn = with(fanIn, "\"between\": [\"a\", \"c\"]", "\"between\": [\"c\", \"b\"]");
        Problem in = problem(fanIn);
        assertThat(in.path()).isEqualTo("replication.pairs[1].secondary");
        assertThat(in.message()).contains("s/v already receives p/v by replication.pairs[0]");
        Problem reverse = problem(pairs(MINIMAL, "[ { \"primary\": \"p\", \"secondary\": \"s\" }, { \"primary\": \"s\", \"secondary\": \"p\" } ]"));
        assertThat(reverse.path()).isEqualTo("replication.pairs[1].primary");
        assertThat(reverse.message()).contains("s/v is the secondary of replication.pairs[0]").contains("reverse");
        String cascade = pairs(THREE_BOXES, "[ { \"primary\": \"p\", \"secondary\": \"s\" }, { \"primary\": \"s\", \"secondary\": \"t\" } ]");
        cascade = with(cascade, "\"between\": [\"a\", \"c\"]", "\"between\": [\"b\", \"c\"]");
        assertThat(problem(cascade).message()).contains("cascaded");
    }

    @Test
    void inCycleModeAPrimaryBoxRunsOneSessionToOneSecondaryBox() throws ScenarioException {
        String twoVolumes = with(MINIMAL, "\"volumes\": [ { \"id\": \"v\", \"size\": \"1 GiB\" } ]",
                "\"volumes\": [ { \"id\": \"v\", \"size\": \"1 GiB\" }, { \"id\": \"x\", \"size\": \"1 GiB\" } ]");
        // two volume pairs of the same two boxes: one session, valid
        Scenario same = Scenarios.parse(pairs(twoVolumes,
                "[ { \"primary\": \"p/v\", \"secondary\": \"s/v\" }, { \"primary\": \"p/x\", \"secondary\": \"s/x\" } ]"), "t");
        assertThat(same.replication().pairs()).hasSize(2);
        String threeBoxes = with(twoVolumes, "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }, { \"id\": \"t\", \"site\": \"c\", \"like\": \"p\" }");
        Problem p = problem(pairs(threeBoxes, "[ { \"primary\": \"p/v\", \"secondary\": \"s/v\" }, { \"primary\": \"p/x\", \"secondary\": \"t/x\" } ]"));
        assertThat(p.path()).isEqualTo("replication.pairs[1].secondary");
        assertThat(p.message()).contains("runs one session, to box 's'");
    }

    @Test
    void twoCycleSessionsWhoseNamesWouldCollideAreRefused() {
        // was: accepted, though 'a-b'→'c' and 'a'→'b-c' both name the cycle session (and its signals) 'a-b-c'
        String boxes = with(MINIMAL, "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }",
                "{ \"id\": \"s\", \"site\": \"b\", \"like\": \"p\" }, { \"id\": \"a-b\", \"site\": \"a\", \"like\": \"p\" },"
                        + " { \"id\": \"c\", \"site\": \"b\", \"like\": \"p\" }, { \"id\": \"a\", \"site\": \"a\", \"like\": \"p\" },"
                        + " { \"id\": \"b-c\", \"site\": \"b\", \"like\": \"p\" }");
        Problem p = problem(pairs(boxes, "[ { \"primary\": \"a-b\", \"secondary\": \"c\" }, { \"primary\": \"a\", \"secondary\": \"b-c\" } ]"));
        assertThat(p.path()).isEqualTo("replication.pairs[1].primary");
        assertThat(p.message()).contains("would be named 'a-b-c'").contains("replication.pairs[0]").contains("rename a box");
    }

    @Test
    void anEmptySiteIdIsRefusedWhereItIsWritten() {
        List<Problem> ps = problems(with("{ \"id\": \"c\" }", "{ \"id\": \"\" }"));
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("sites[2].id");
            assertThat(p.message()).contains("id '' must be letters");
        });
    }

    @Test
    void anEmptyReferenceIsRefusedWhereItIsWritten() {
        // found by the fuzzer: validate OK, then a NullPointerException or "no box ''" while building
        Problem slash = problem(with("\"volumes\": [\"p/v\"]", "\"volumes\": [\"/\"]"));
        assertThat(slash.path()).isEqualTo("workloads[0].volumes[0]");
        assertThat(slash.message()).isEqualTo("an empty box reference; name a box, one of p, s");
        Problem primary = problem(with("\"primary\": \"p\"", "\"primary\": \"\""));
        assertThat(primary.path()).isEqualTo("replication.pairs[0].primary");
        assertThat(primary.message()).startsWith("an empty box reference");
    }

    @Test
    void aQuantityThatOverflowsIsTooLarge() {
        // was: validate OK, then "Character I is neither a decimal digit number ..." as a simulation failure
        Problem rate = problem(with("\"bandwidth\": \"1 Gbit/s\" },", "\"bandwidth\": \"1e400 Gbit/s\" },"));
        assertThat(rate.path()).isEqualTo("links[0].bandwidth");
        assertThat(rate.message()).contains("'1e400 Gbit/s' is too large");
        assertThat(problem(with("\"bandwidth\": \"1 Gbit/s\" },", "\"bandwidth\": \"1 Gbit/s\", \"distance\": \"1e400 km\" },"))
                .path()).isEqualTo("links[0].distance");
        assertThat(problem(with("\"rate\": \"1000/s\"", "\"rate\": \"1e400/s\"")).message()).contains("too large");
        assertThat(problem(with("\"rate\": \"1000/s\"", "\"rate\": \"1e9999999999/s\"")).message()).contains("out of range");
        assertThat(problem(with("\"duration\": \"1 min\"", "\"duration\": \"1000000 h\"")).message())
                .contains("a time is at most 100 years");
        assertThat(problem(with("\"mode\": \"cycle\",", "\"mode\": \"cycle\", \"cycle\": { \"maxSessionShare\": 1e400 },"))
                .message()).contains("must be finite");
    }

    @Test
    void aCacheSmallerThanOneTrackIsReportedAtTheCache() {
        // was: reported by the model at path "replication"
        Problem p = problem(with("{ \"id\": \"p\", \"site\": \"a\",", "{ \"id\": \"p\", \"site\": \"a\", \"cache\": { \"size\": \"1 B\" },"));
        assertThat(p.path()).isEqualTo("boxes[0].cache.size");
        assertThat(p.message()).contains("smaller than one track (cache.trackSize 128 KiB)");
        Problem track = problem(with("{ \"id\": \"p\", \"site\": \"a\",",
                "{ \"id\": \"p\", \"site\": \"a\", \"cache\": { \"size\": \"1 GiB\", \"trackSize\": \"2 GiB\" },"));
        assertThat(track.path()).isEqualTo("boxes[0].cache.size");
        Problem share = problem(with("\"mode\": \"cycle\",", "\"mode\": \"cycle\", \"cycle\": { \"maxSessionShare\": 1e-9 },"));
        assertThat(share.path()).isEqualTo("replication.cycle.maxSessionShare");
        assertThat(share.message()).contains("less than one track");
    }

    @Test
    void valuesThatWouldMakeARunExplodeAreBoundedAtTheirKey() {
        // was: sampleEvery "1 ns" ran for ever; a pool of 2^31 servers ended out of memory
        Problem sample = problem(with("\"duration\": \"1 min\"", "\"duration\": \"3 s\" }, \"report\": { \"sampleEvery\": \"1 ns\""));
        assertThat(sample.path()).isEqualTo("report.sampleEvery");
        assertThat(sample.message()).contains("3000000000 samples").contains("at most " + Limits.MAX_SAMPLES)
                .contains("sample every 30 us or more");
        Problem pool = problem(with("{ \"id\": \"p\", \"site\": \"a\",", "{ \"id\": \"p\", \"site\": \"a\", \"hostAdapters\": { \"count\": 2147483647 },"));
        assertThat(pool.path()).isEqualTo("boxes[0].hostAdapters.count");
        assertThat(problem(with("\"rate\": \"1000/s\"", "\"rate\": \"1e12/s\"")).path()).isEqualTo("workloads[0].arrival.rate");
        assertThat(problem(with("\"rate\": \"1000/s\" }", "\"rate\": \"1000/s\" }, \"size\": \"2 GiB\"")).path())
                .isEqualTo("workloads[0].size");
    }

    @Test
    void anEmptySweepKeyAndAMissingBoxIdReadWell() {
        Problem sweep = problem(with("\"workloads\"", "\"sweep\": { \"\": [\"1 s\"] }, \"workloads\""));
        assertThat(sweep.path()).isEqualTo("sweep[\"\"]");
        assertThat(sweep.message()).contains("found an empty key");
        List<Problem> noId = problems(with("\"volumes\": [\"p/v\"]", "\"volumes\": [\"v\"]").replace("{ \"id\": \"p\", \"site\": \"a\"", "{ \"site\": \"a\""));
        assertThat(noId).anySatisfy(p -> assertThat(p.message()).contains("write box/volume").doesNotContain("\"/"));
    }

    /** The cache policy keys (docs/model.md §1, §7a): each bad value at its own path, with the reason. */
    @Test
    void cachePolicyKeysAreCheckedAtTheirPaths() {
        String box = "{ \"id\": \"p\", \"site\": \"a\",";
        Problem allocation = problem(with(box, box + " \"cache\": { \"slotAllocation\": \"half\" },"));
        assertThat(allocation.path()).isEqualTo("boxes[0].cache.slotAllocation");
        assertThat(allocation.message()).contains("track").contains("blocks");
        Problem destage = problem(with(box, box + " \"cache\": { \"destage\": \"all\" },"));
        assertThat(destage.path()).isEqualTo("boxes[0].cache.destage");
        Problem delay = problem(with(box, box + " \"cache\": { \"destageDelay\": \"10\" },"));
        assertThat(delay.path()).isEqualTo("boxes[0].cache.destageDelay");
        assertThat(problem(with(box, box + " \"cache\": { \"destageDelay\": \"-1 s\" },")).path())
                .isEqualTo("boxes[0].cache.destageDelay");
        Problem zero = problem(with(box, box + " \"cache\": { \"destagePressure\": 0 },"));
        assertThat(zero.path()).isEqualTo("boxes[0].cache.destagePressure");
        assertThat(zero.message()).contains("greater than zero");
        assertThat(problem(with(box, box + " \"cache\": { \"destagePressure\": 1.5 },")).path())
                .isEqualTo("boxes[0].cache.destagePressure");
    }

    @Test
    void enginesRulesAreCheckedAtTheirKeys() {
        assertThat(problem(with("\"mode\": \"cycle\",", "\"mode\": \"cycle\", \"cycle\": { \"onCachePressure\": [\"drop\", \"pace\"] },"))
                .path()).isEqualTo("replication.cycle.onCachePressure[0]");
        assertThat(problem(with("\"mode\": \"cycle\",", "\"mode\": \"cycle\", \"cycle\": { \"onCachePressure\": [\"spill\"],"
                + " \"spillPool\": { \"size\": \"1 TiB\" } },")).message()).contains("a policy must follow it");
        assertThat(problem(with("\"rate\": \"1000/s\"", "\"rate\": \"1000/s\", \"profile\": [[\"1 s\", 2]]")).path())
                .isEqualTo("workloads[0].arrival.profile[0]");
        assertThat(problem(with("{ \"id\": \"p\", \"site\": \"a\",", "{ \"id\": \"p\", \"site\": \"a\", \"cache\": { \"writePendingLimit\": 0 },"))
                .path()).isEqualTo("boxes[0].cache.writePendingLimit");
        assertThat(problem(with("\"workloads\"", "\"faults\": [ { \"at\": \"1 s\", \"kind\": \"processor-slowdown\", \"box\": \"p\","
                + " \"pool\": \"prepare\", \"factor\": 2, \"for\": \"1 s\" } ], \"workloads\"")).path()).isEqualTo("faults[0].pool");
    }
}
