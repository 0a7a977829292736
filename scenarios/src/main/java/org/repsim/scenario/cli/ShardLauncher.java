package org.repsim.scenario.cli;

import java.util.List;
import org.repsim.scenario.build.ModelBuildException;
import org.repsim.scenario.run.ExperimentFailure;
import org.repsim.scenario.run.Completions;
import org.repsim.scenario.run.ExperimentPlan;
import org.repsim.scenario.run.ProgressDisplay;
import org.repsim.scenario.run.ReplicationModel;
import org.repsim.scenario.run.RunOptions;
import org.repsim.scenario.run.ShardRun;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;

/** {@code repsim run --shard K/N}: runs one shard's pairs; no summary, no report (that is {@code repsim merge}). */
final class ShardLauncher {

    private ShardLauncher() {
    }

    static void launch(RunRequest e, ExperimentPlan plan, ReplicationModel model, RunOptions options)
            throws ScenarioException {
        ShardRun.Outcome outcome;
        long startedNs = System.nanoTime();
        Completions completions = new Completions();
        try (InterruptNotice notice = InterruptNotice.install(e.outputDir(), e.shard(), completions,
                e.resumeCommandText(), e.err(), !e.quiet() && System.console() != null)) {
            outcome = ShardRun.run(plan, model, options, ProgressDisplay.forStderr(options.quiet()), e.shard(),
                    completions);
        } catch (ExperimentFailure f) {
            if (f.getCause() instanceof ModelBuildException m) {
                // the scenario cannot be built into a model: bad input (exit 2), not a simulation failure
                throw new ScenarioException(e.scenarioFile().toString(),
                        List.of(new Problem("replication", 0, 0, m.getMessage())));
            }
            throw f;
        }
        if (!e.quiet()) {
            // wall time goes to the console only, never into a result file
            e.out().printf(java.util.Locale.ROOT, "shard %s: %d replication(s) of %d run in %.1f s on %d thread(s), "
                    + "%d already complete; results in %s%nonce every shard is done: repsim merge %s%n", e.shard(),
                    outcome.replicationsRun(), outcome.pairs(), (System.nanoTime() - startedNs) / 1e9,
                    options.threads(), outcome.replicationsResumed(), e.outputDir(), e.outputDir());
        }
    }
}
