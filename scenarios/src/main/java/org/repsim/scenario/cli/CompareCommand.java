package org.repsim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repsim.scenario.plan.Comparison;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.run.StoredExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim compare RUN_A RUN_B}: per metric the difference b − a, paired by replication ({@link Comparison}). */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Compare two finished runs (e.g. of two scenario files made with the same seed and replications): "
                + "per metric b − a with its paired-t 95 %% interval, and the time series overlaid. Writes compare.json "
                + "and compare.html.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "2:unreadable runs, runs that cannot be paired (without --unpaired), bad options"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "Output directory of a finished run (a).")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Output directory of a finished run (b).")
    Path runB;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: RUN_B/compare).")
    Path output;

    @Option(names = "--point-a", paramLabel = "ID", description = "Sweep point of run a (default: its first, p000).")
    String pointA;

    @Option(names = "--point-b", paramLabel = "ID", description = "Sweep point of run b (default: its first, p000).")
    String pointB;

    @Option(names = "--unpaired", description = "Compare unpaired (Welch intervals): needed for runs with different "
            + "seeds or replications, which are otherwise refused; for runs that could be paired, shows the wider "
            + "interval that pairing avoids.")
    boolean unpaired;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : new Path[] {runA, runB}) {
            if (!Files.isDirectory(p)) {
                return invalid(err, p + " is not a directory (give the output directory of a finished run)");
            }
        }
        Path dir = output != null ? output : runB.resolve("compare");
        try {
            Comparison c = new Comparison(StoredExperiment.open(runA), StoredExperiment.open(runB), pointA, pointB, unpaired);
            Path page = c.write(dir);
            var out = Repsim.stdout(spec);
            out.println("compare: " + (c.paired() ? "paired by replication" : "UNPAIRED (Welch)") + "; " + c.note());
            long significant = c.rows().stream().filter(r -> r.excludesZero()).count();
            out.println(significant + " of " + c.rows().size() + " metrics differ (95 % interval of b − a excludes 0)");
            out.println("results: " + dir.resolve(Comparison.JSON) + ", page: " + page);
            return ExitCodes.OK;
        } catch (ResultStoreException | IllegalArgumentException e) {
            return invalid(err, e.getMessage());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return invalid(err, "cannot write results to " + dir + ": " + e.getMessage());
        }
    }

    private static int invalid(PrintWriter err, String message) {
        err.println("repsim compare: " + message);
        err.flush();
        return ExitCodes.INVALID;
    }
}
