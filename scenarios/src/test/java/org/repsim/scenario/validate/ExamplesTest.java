package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;

class ExamplesTest {

    static Stream<Path> examples() throws IOException {
        return Examples.files().stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsValidAndItsResolvedFormReadsBackEqual(Path file) throws ScenarioException {
        Scenario scenario = Scenarios.load(file);
        String resolved = Scenarios.toText(scenario.toResolvedJson());
        Scenario again = Scenarios.parse(resolved, "resolved " + file);
        assertThat(again).isEqualTo(scenario);
        assertThat(Scenarios.toText(again.toResolvedJson())).isEqualTo(resolved);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everySweepPointOfEveryExampleResolves(Path file) throws ScenarioException {
        ScenarioSource source = ScenarioSource.read(file);
        List<SweepPoint> points = source.sweepPoints();
        int expected = source.resolve().sweep().values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        assertThat(points).hasSize(expected);
        assertThat(points).allSatisfy(p -> assertThat(p.scenario().sweep()).isEmpty());
    }
}
