package org.repsim.scenario.cli;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs an experiment for {@code repsim run}. The experiment runner provides one, either passed to
 * {@link Repsim#commandLine(ExperimentLauncher)} or registered as a service
 * ({@code META-INF/services/org.repsim.scenario.cli.ExperimentLauncher}).
 */
@FunctionalInterface
public interface ExperimentLauncher {

    /**
     * Runs every replication of every point and writes the results. Returns normally on success.
     * A {@link org.repsim.scenario.spec.ScenarioException} means the scenario is unusable (exit 2,
     * e.g. a trace file that cannot be read); any other exception is a failure during simulation
     * (exit 1) and its message should name the component and simulated time.
     */
    void launch(Experiment experiment) throws Exception;

    /** The launcher registered as a service, if any. */
    static Optional<ExperimentLauncher> discover() {
        return ServiceLoader.load(ExperimentLauncher.class).findFirst();
    }
}
