package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repsim.scenario.build.ScenarioModel;
import org.repsim.scenario.run.Experiment;
import org.repsim.scenario.run.ExperimentPlan;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.run.RunOptions;
import org.repsim.scenario.spec.Provenance;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.Scenarios;

/**
 * The tutorial cannot rot: every JSON block of {@code docs/tutorial.md} (and every block of
 * {@code docs/scenario-format.md} marked as a tutorial file) is byte-equal to its file under
 * {@code docs/tutorial/}, every such file is shown in the tutorial, and every file validates and
 * runs through {@code repsim run} (shortened by {@code --set}), producing the figures the
 * tutorial reads. To keep the test fast the runs skip the report (its charts cost more than the
 * shortened simulations); {@code repsim report} then renders the disaster step's report.
 *
 * <p>A block is tied to its file by the line {@code <!-- file: tutorial/NAME.json -->} right
 * before its opening {@code ```json}.
 */
class TutorialScenariosTest {
    private static final String MARKER_PREFIX = "<!-- file: ";
    private static final String MARKER_SUFFIX = " -->";

    /** Shortening per tutorial file: --set overrides (a few simulated seconds each). */
    private static final Map<String, List<String>> SHORTEN = Map.of(
            "01-sync.json", List.of("run.duration=4 s", "run.warmup=1 s"),
            "02-cycle.json", List.of("run.duration=8 s", "run.warmup=1 s", "replication.cycle.minCycleTime=2 s"),
            "03-sweep.json", List.of("run.duration=6 s", "run.warmup=1 s", "replication.cycle.minCycleTime=2 s"),
            "04-disaster.json", List.of("run.duration=10 s", "run.warmup=1 s", "replication.cycle.minCycleTime=2 s",
                    "faults[0].at=3 s", "faults[0].for=2 s", "faults[1].at=8 s"));

    /** Metrics each tutorial step asks the reader to look at. */
    private static final Map<String, List<String>> READS = Map.of(
            "01-sync.json", List.of("host.write.latency.mean", "host.write.latency.p99", "link.wan.utilization"),
            "02-cycle.json", List.of("rpo.lag.max", "rpo.aboveTarget.fraction", "cycle.duration.mean",
                    "cycle.folding.mean", "cache.session.peak"),
            "03-sweep.json", List.of("rpo.lag.max", "rpo.aboveTarget.fraction", "link.wan.utilization"),
            "04-disaster.json", List.of("disaster.lost.writes", "disaster.lost.bytes", "disaster.lost.span",
                    "session.drops"));

    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return dir.resolve("docs");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no project root (pom.xml with <modules>) above " + Path.of("").toAbsolutePath());
    }

    static Stream<String> tutorialFiles() throws IOException {
        try (Stream<Path> files = Files.list(docs().resolve("tutorial"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    /** The JSON blocks of a page: marker (or null) → block text with its final newline. */
    static List<String[]> jsonBlocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<String[]> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```json")) {
                continue;
            }
            String marker = null;
            if (i > 0 && lines.get(i - 1).startsWith(MARKER_PREFIX) && lines.get(i - 1).endsWith(MARKER_SUFFIX)) {
                String m = lines.get(i - 1);
                marker = m.substring(MARKER_PREFIX.length(), m.length() - MARKER_SUFFIX.length()).strip();
            }
            StringBuilder b = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                b.append(lines.get(j)).append('\n');
                j++;
            }
            assertThat(j).as("%s: the JSON block at line %d is closed", page.getFileName(), i + 1).isLessThan(lines.size());
            blocks.add(new String[] {marker, b.toString(), Integer.toString(i + 1)});
            i = j;
        }
        return blocks;
    }

    @Test
    void everyJsonBlockOfTheTutorialIsItsFileByteForByte() throws IOException {
        Path docs = docs();
        List<String[]> blocks = jsonBlocks(docs.resolve("tutorial.md"));
        assertThat(blocks).as("JSON blocks in tutorial.md").isNotEmpty();
        TreeSet<String> shown = new TreeSet<>();
        for (String[] block : blocks) {
            assertThat(block[0]).as("tutorial.md line %s: a JSON block needs the line '<!-- file: tutorial/NAME.json -->' "
                    + "right before it", block[2]).isNotNull();
            assertThat(Files.readString(docs.resolve(block[0]), StandardCharsets.UTF_8))
                    .as("tutorial.md line %s is byte-equal to docs/%s (edit both, or copy the file into the page)",
                            block[2], block[0])
                    .isEqualTo(block[1]);
            shown.add(block[0]);
        }
        List<String> files = tutorialFiles().map(n -> "tutorial/" + n).toList();
        assertThat(shown).as("every file under docs/tutorial/ is shown in tutorial.md").containsAll(files);
    }

    @Test
    void markedBlocksOfTheFormatPageAreTutorialFiles() throws IOException {
        Path docs = docs();
        int marked = 0;
        for (String[] block : jsonBlocks(docs.resolve("scenario-format.md"))) {
            if (block[0] != null) {
                marked++;
                assertThat(Files.readString(docs.resolve(block[0]), StandardCharsets.UTF_8))
                        .as("scenario-format.md line %s is byte-equal to docs/%s", block[2], block[0]).isEqualTo(block[1]);
            }
        }
        assertThat(marked).as("scenario-format.md shows the tutorial's first scenario").isPositive();
    }

    @Test
    void everyTutorialFileHasItsShortening() throws IOException {
        assertThat(SHORTEN.keySet()).as("shortening and metrics to read for each docs/tutorial/*.json")
                .containsExactlyInAnyOrderElementsOf(tutorialFiles().toList());
        assertThat(READS.keySet()).containsExactlyInAnyOrderElementsOf(SHORTEN.keySet());
    }

    @ParameterizedTest
    @MethodSource("tutorialFiles")
    void validatesAndRunsShortened(String name, @TempDir Path tmp) throws IOException {
        Path file = docs().resolve("tutorial").resolve(name);
        assertThat(execute(List.of("validate", file.toString()))).as("repsim validate %s", name).isZero();

        List<String> args = new ArrayList<>(List.of("run", file.toString(), "-o", tmp.toString(), "--threads", "1",
                "--replications", "1", "--quiet"));
        for (String set : SHORTEN.getOrDefault(name, List.of())) {
            args.addAll(List.of("--set", set));
        }
        assertThat(execute(args)).as("repsim run %s (shortened)", name).isZero();

        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile());
        assertThat(summary.get("points")).as("points of %s", name).isNotEmpty();
        for (JsonNode point : summary.get("points")) {
            for (String metric : READS.get(name)) {
                assertThat(point.get("metrics").has(metric)).as("%s point %s reports %s", name, point.get("id"), metric)
                        .isTrue();
            }
        }
        if (name.contains("disaster")) {
            double lost = summary.get("points").get(0).get("metrics").get("disaster.lost.writes").get("mean").asDouble();
            assertThat(lost).as("the tutorial's disaster loses acknowledged writes").isPositive();
            assertThat(execute(List.of("report", tmp.toString()))).as("repsim report of %s", name).isZero();
            assertThat(tmp.resolve("report.html")).exists();
            assertThat(Files.readString(tmp.resolve("report.html"))).contains("Consistency and data loss");
        }
    }

    /** {@code repsim run} as {@link RunLauncher} does it, without rendering the report. */
    private static final ExperimentLauncher SIMULATE_ONLY = e -> {
        Scenario sc = e.scenario();
        List<PlanPoint> points = new ArrayList<>();
        for (SweepPoint p : e.points()) {
            points.add(new PlanPoint(p.id(), new LinkedHashMap<>(p.paramText()), p.scenario()));
        }
        Provenance provenance = new Provenance(ToolVersion.get(), sc.run().seed(), Provenance.SEEDING);
        String resolved = Scenarios.toText(sc.withProvenance(provenance).toResolvedJson());
        ExperimentPlan plan = new ExperimentPlan(sc.name(), ToolVersion.get(), resolved, sc.run().seed(),
                sc.run().replications(), sc.run().warmupNs(), sc.run().durationNs() - sc.run().warmupNs(),
                sc.report().sampleEveryNs(), points, new ArrayList<>(sc.sweep().keySet()));
        Experiment.run(plan, new ScenarioModel(e.scenarioFile().toAbsolutePath().getParent()),
                RunOptions.into(e.outputDir()).withThreads(e.threads()).withQuiet(true));
    };

    private static int execute(List<String> args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Repsim.commandLine(SIMULATE_ONLY, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));
        if (code != 0) {
            System.err.println(err.toString(StandardCharsets.UTF_8));
        }
        return code;
    }
}
