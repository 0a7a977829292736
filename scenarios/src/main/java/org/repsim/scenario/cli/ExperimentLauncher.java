package org.repsim.scenario.cli;


/**
 * Runs an experiment for {@code repsim run}. The product's is {@link RunLauncher}; tests pass their own to
 * {@link Repsim#commandLine(ExperimentLauncher)}.
 */
@FunctionalInterface
public interface ExperimentLauncher {

    /**
     * Runs every replication of every point and writes the results. Returns normally on success.
     * A {@link org.repsim.scenario.spec.ScenarioException} means the scenario is unusable (exit 2,
     * e.g. a trace file that cannot be read); any other exception is a failure during simulation
     * (exit 1) and its message should name the component and simulated time.
     */
    void launch(RunRequest experiment) throws Exception;
}
