package org.repsim.scenario.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim status DIR}: replications done per point and per shard, while a run is going on. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Progress of a run: replications done/total per sweep point and, for a sharded run, per shard "
                + "(done: its done.json written and every file it lists present, no file is read; with --verify, "
                + "complete as --resume and merge check it, every file matching its digest; damaged: done.json "
                + "written but a file missing (or, with --verify, changed), --resume runs it again; "
                + "started: its directory exists without a done.json), and how far each "
                + "running replication has got (its progress.json, rewritten every minute).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:status printed (whether or not the run is complete)", "2:not a run directory, or its files "
                + "cannot be read"})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Output directory of a run.")
    private Path dir;

    @Option(names = "--verify", description = "Check every done replication's files against the digests in its "
            + "done.json, as --resume and merge do (reads all of them: for a large run, minutes); a file changed "
            + "since counts as damaged, will rerun.")
    private boolean verify;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try {
            var out = Repsim.stdout(spec);
            out.print(RunStatus.read(dir, verify).text());
            out.flush();
            return ExitCodes.OK;
        } catch (ResultStoreException e) {
            spec.commandLine().getErr().println("repsim status: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.INVALID;
        }
    }
}
