package org.repsim.scenario.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim status DIR}: replications done per point and per shard, while a run is going on. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Progress of a run: replications done/total per sweep point and, for a sharded run, per shard "
                + "(done: complete as --resume and merge check it, its done.json written and every file matching "
                + "its digest; damaged: done.json written but a file missing or changed, --resume runs it again; "
                + "started: its directory exists without a done.json), and how far each "
                + "running replication has got (its progress.json, rewritten every minute).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:status printed (whether or not the run is complete)", "2:not a run directory, or its files "
                + "cannot be read"})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Output directory of a run.")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try {
            var out = Repsim.stdout(spec);
            out.print(RunStatus.read(dir).text());
            out.flush();
            return ExitCodes.OK;
        } catch (ResultStoreException e) {
            spec.commandLine().getErr().println("repsim status: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.INVALID;
        }
    }
}
