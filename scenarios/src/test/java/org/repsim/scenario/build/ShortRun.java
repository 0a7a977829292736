package org.repsim.scenario.build;

import java.nio.file.Path;
import org.repsim.core.kernel.SimulationFailure;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Report;
import org.repsim.scenario.spec.Run;
import org.repsim.scenario.spec.Scenario;

/**
 * Builds a validated scenario's model and runs it briefly: at most {@code runNs} of simulated
 * time, one replication, sampled {@code samples} times, stopped once its kernel has fired
 * {@code eventBudget} events (a budget of work, not of wall time, so the outcome is the same on
 * any machine). For tests that check that what validates also builds and runs.
 */
public final class ShortRun {

    /** What happened: {@code failure} is null when the model built and ran (to its end or its budget). */
    public record Outcome(String failure, boolean stoppedAtBudget) {
    }

    private ShortRun() {
    }

    public static Outcome of(Scenario full, Path baseDir, long runNs, int samples, long eventBudget) {
        long duration = Math.min(full.run().durationNs(), runNs);
        Run run = new Run(duration, Math.min(full.run().warmupNs(), duration / 2), 1, full.run().seed());
        Report report = new Report(full.report().rpoTargetNs(), Math.max(1, duration / samples), full.report().cycles(),
                full.report().baseline());
        Scenario sc = new Scenario(full.name(), full.description(), run, full.sites(), full.boxes(), full.links(),
                full.replication(), full.workloads(), full.faults(), full.sweep(), report, full.repsim());
        try {
            new ScenarioModel(baseDir).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> {
                if (events > eventBudget) {
                    throw new BudgetReached();
                }
            });
            return new Outcome(null, false);
        } catch (SimulationFailure f) {
            if (f.getCause() instanceof BudgetReached) {
                return new Outcome(null, true);
            }
            return new Outcome("validate said OK but the run failed: " + f.getMessage(), false);
        } catch (ModelBuildException e) {
            return new Outcome("validate said OK but the model cannot be built: " + e.getMessage(), false);
        } catch (BudgetReached e) {
            return new Outcome(null, true);
        } catch (Throwable t) {
            return new Outcome("validate said OK but the run threw " + t, false);
        }
    }

    /** Thrown from the progress sink to stop a run at its event budget. */
    private static final class BudgetReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetReached() {
            super("event budget reached", null, false, false);
        }
    }
}
