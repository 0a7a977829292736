package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.repsim.scenario.validate.Fixtures.with;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

class TraceFileTest {

    private static final String TRACED = with("\"arrival\": { \"kind\": \"open\", \"rate\": \"1000/s\" }",
            "\"trace\": { \"format\": \"msr\", \"path\": \"traces/t.csv\", \"disks\": { \"0\": \"p/v\" } }");

    @TempDir
    Path dir;

    @Test
    void traceFilesAreResolvedAgainstTheScenarioFile() throws IOException, ScenarioException {
        Path scenario = Files.writeString(dir.resolve("s.json"), TRACED);
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces/t.csv"), "128166372003061629,prxy,0,Write,3221225472,4096,1331\n");
        ScenarioSource source = ScenarioSource.read(scenario);
        Scenario s = source.resolve();
        assertThat(s.workloads().get(0).trace().disks()).containsEntry("0", "p/v");
        assertThat(source.resolveFile(s.workloads().get(0).trace().path())).isEqualTo(dir.resolve("traces/t.csv").toAbsolutePath());
    }

    @Test
    void aMissingTraceFileIsAProblemAtItsPath() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), with(TRACED, "\"0\": \"p/v\"", "\"0\": \"p/w\""));
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioSource.read(scenario).resolve());
        assertThat(e.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactly(
                "workloads[0].trace.disks.0: box 'p' has no volume 'w'; its volumes: v",
                "workloads[0].trace.path: trace file not found: " + dir.resolve("traces/t.csv").toAbsolutePath());
    }

    private static final String LINE_1 = "128166372003061629,prxy,0,Write,3221225472,4096,1331\n";
    private static final String LINE_2 = "128166372003161629,prxy,1,Write,3221225472,4096,1331\n";

    private java.util.List<org.repsim.scenario.spec.Problem> problemsOf(String scenarioText, String traceText)
            throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), scenarioText);
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces/t.csv"), traceText);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioSource.read(scenario).resolve());
        assertThat(e).as("the scenario should be invalid").isNotNull();
        return e.problems();
    }

    @Test
    void aMalformedTraceLineIsAProblemAtTheTracePathNamingTheTraceLine() throws IOException {
        var problems = problemsOf(TRACED, LINE_1 + "this is not a trace line\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("workloads[0].trace.path");
            assertThat(p.message()).startsWith("t.csv line 2: ");
            Fixtures.assertAt(p, TRACED, "\"traces/t.csv\"");
        });
    }

    @Test
    void aTraceDeviceBeyondTheWorkloadsVolumesIsAProblemAtItsDisks() throws IOException {
        String noDisks = with(TRACED, ", \"disks\": { \"0\": \"p/v\" }", "");
        var problems = problemsOf(noDisks, LINE_1 + LINE_2);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("workloads[0].trace.disks");
            assertThat(p.message()).contains("trace device \"prxy/1\" (t.csv line 2)", "device #2",
                    "has 1 volume(s) [p/v]", "\"disks\"");
            Fixtures.assertAt(p, noDisks, "{ \"format\"");
        });
        // mapped with "disks", device 1 has no volume either
        assertThat(problemsOf(TRACED, LINE_1 + LINE_2)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("workloads[0].trace.disks");
            assertThat(p.message()).contains("\"prxy/1\" (t.csv line 2) is not mapped", "[0]");
            Fixtures.assertAt(p, TRACED, "{ \"0\"");
        });
    }

    @Test
    void aTraceIsReadOnlyAsFarAsTheRunReplaysIt() throws IOException, ScenarioException {
        // device 1 first appears 61 s into the trace: a 1-minute run never replays it
        String late = "128166372613061629,prxy,1,Write,3221225472,4096,1331\n";
        Path scenario = Files.writeString(dir.resolve("s.json"), TRACED);
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces/t.csv"), LINE_1 + late);
        assertThat(ScenarioSource.read(scenario).resolve().workloads()).hasSize(1);
        Files.writeString(dir.resolve("s.json"), with(TRACED, "\"1 min\"", "\"2 min\""));
        assertThat(catchThrowableOfType(ScenarioException.class, () -> ScenarioSource.read(scenario).resolve())
                .problems()).extracting(p -> p.path()).containsExactly("workloads[0].trace.disks");
    }
}
