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
}
