package org.repsim.scenario.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.repsim.scenario.build.ModelBuildException;
import org.repsim.scenario.build.ReportRendering;
import org.repsim.scenario.build.ScenarioModel;
import org.repsim.scenario.run.ExperimentFailure;
import org.repsim.scenario.run.ExperimentOutcome;
import org.repsim.scenario.run.ExperimentPlan;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.run.Completions;
import org.repsim.scenario.run.ProgressDisplay;
import org.repsim.scenario.run.RunDirectory;
import org.repsim.scenario.run.RunOptions;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.Provenance;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.Scenarios;

/**
 * {@code repsim run}: turns the validated experiment into a plan, runs every replication of every
 * sweep point through {@link ScenarioModel}, then renders the report from the stored results.
 */
final class RunLauncher implements ExperimentLauncher {

    @Override
    public void launch(RunRequest e) throws Exception {
        ExperimentPlan plan = plan(e);
        Path base = e.scenarioFile().toAbsolutePath().getParent();
        RunOptions options = RunOptions.into(e.outputDir()).withThreads(e.threads()).withResume(e.resume())
                .withQuiet(e.quiet());
        if (e.shard() != null) {
            ShardLauncher.launch(e, plan, new ScenarioModel(base), options);
            return;
        }
        Completions completions = new Completions();
        try (InterruptNotice notice = InterruptNotice.install(e.outputDir(), null, completions, e.resumeCommandText(),
                e.err(), !e.quiet() && System.console() != null)) {
            run(e, plan, base, options, completions);
        }
    }

    private static void run(RunRequest e, ExperimentPlan plan, Path base, RunOptions options, Completions completions)
            throws Exception {
        // before anything is written: a directory holding a run is continued (--resume), replaced (--overwrite) or left alone
        List<String> removed = RunDirectory.claim(plan, e.outputDir(), e.resume(), e.overwrite());
        if (!removed.isEmpty()) {
            e.err().println("repsim: --overwrite: removed the earlier run in " + e.outputDir() + " ("
                    + String.join(", ", removed) + ")");
            e.err().flush();
        }
        ExperimentOutcome outcome;
        long startedNs = System.nanoTime();
        try {
            outcome = org.repsim.scenario.run.Experiment.run(plan, new ScenarioModel(base), options,
                    ProgressDisplay.forStderr(options.quiet()), completions);
        } catch (ExperimentFailure f) {
            if (f.getCause() instanceof ModelBuildException m) {
                // the scenario cannot be built into a model: bad input (exit 2), not a simulation failure
                throw new ScenarioException(e.scenarioFile().toString(),
                        List.of(new Problem("replication", 0, 0, m.getMessage())));
            }
            throw f;
        }
        double simulatedS = (System.nanoTime() - startedNs) / 1e9;
        Path report = ReportRendering.render(e.outputDir());
        if (!e.quiet()) {
            // wall time goes to the console only: result files stay byte-identical from run to run
            e.out().printf(java.util.Locale.ROOT, "%d replication(s) run in %.1f s on %d thread(s), %d resumed; results in %s%nreport: %s%n",
                    outcome.replicationsRun(), simulatedS, options.threads(), outcome.replicationsResumed(), e.outputDir(), report);
        }
    }

    /** The runner's plan of a validated experiment: its points, seed, times and resolved scenario. */
    static ExperimentPlan plan(RunRequest e) {
        Scenario sc = e.scenario();
        List<PlanPoint> points = new ArrayList<>();
        for (SweepPoint p : e.points()) {
            points.add(new PlanPoint(p.id(), new LinkedHashMap<>(p.paramText()), p.scenario()));
        }
        Provenance provenance = new Provenance(ToolVersion.get(), sc.run().seed(), Provenance.SEEDING);
        String resolved = Scenarios.toText(sc.withProvenance(provenance).toResolvedJson());
        return new ExperimentPlan(sc.name(), ToolVersion.get(), resolved,
                sc.run().seed(), sc.run().replications(), sc.run().warmupNs(),
                sc.run().durationNs() - sc.run().warmupNs(), sc.report().sampleEveryNs(), points,
                new ArrayList<>(e.points().get(0).params().keySet()));
    }
}
