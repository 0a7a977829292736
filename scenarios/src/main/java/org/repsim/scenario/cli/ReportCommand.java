package org.repsim.scenario.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repsim.scenario.build.ReportRendering;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.spec.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim report RUN_DIR}: re-renders report.html and charts/ from stored results, without re-running. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Re-render report.html and charts/ of a finished run from its stored results; with "
                + "--partial, a report of a run still going (or stopped) as far as it got.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:report written", "2:not a run directory, an unfinished run without --partial, unreadable "
                + "results, or the report cannot be written"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Output directory of a `repsim run`.")
    private Path runDir;

    @Option(names = "--partial", description = "Report the run as it stands, finished or not, in RUN_DIR/partial/: "
            + "headline figures of the complete replications, and the time series of running ones so far "
            + "(written every minute). The run's own report.html is left alone.")
    private boolean partial;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (!Files.isDirectory(runDir)) {
            err.println("repsim: " + runDir + " is not a directory (give the output directory of "
                    + (partial ? "a run" : "a finished run") + ")");
            err.flush();
            return ExitCodes.INVALID;
        }
        try {
            Path page = partial ? ReportRendering.renderPartial(runDir) : ReportRendering.render(runDir);
            Repsim.stdout(spec).println("report: " + page);
            return ExitCodes.OK;
        } catch (ResultStoreException e) {
            err.println("repsim: " + e.getMessage());
        } catch (ScenarioException e) {
            ProblemPrinter.print(e, err);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("repsim: cannot write the report in " + runDir + ": " + e.getMessage());
        }
        err.flush();
        return ExitCodes.INVALID;
    }
}
