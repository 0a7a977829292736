package org.repsim.scenario.run;

import java.nio.file.Path;
import org.repsim.core.result.ExperimentSummary;

/**
 * A finished experiment: where its files are, its summary, how many replications this run
 * executed and how many it took over from an earlier, interrupted run ({@code --resume}).
 */
public record ExperimentOutcome(Path outputDir, ExperimentSummary summary, int replicationsRun,
        int replicationsResumed) {
}
