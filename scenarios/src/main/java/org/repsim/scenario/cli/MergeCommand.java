package org.repsim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.repsim.scenario.build.ReportRendering;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.run.RunMerge;
import org.repsim.scenario.spec.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim merge DIR}: the summary and report of a run written in shards, once every pair is complete. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Check that every replication of a sharded run is complete and write summary.json, summary.csv "
                + "and the report, exactly as a run on one machine would; else list what is missing and the shards "
                + "to rerun (exit 1).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:merged", "1:replications missing (listed, with the shards to rerun)",
            "2:not a run directory"})
final class MergeCommand implements Callable<Integer> {
    /** Missing pairs listed one per line up to this many; the rest are counted. */
    static final int LISTED = 50;

    @Parameters(index = "0", paramLabel = "DIR", description = "Output directory shared by the shards.")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunMerge.Result result;
        try {
            result = RunMerge.merge(dir);
        } catch (ResultStoreException e) {
            err.println("repsim merge: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
        int total = result.description().points().size() * result.description().replications();
        if (!result.complete()) {
            err.println("repsim merge: " + result.missing().size() + " of " + total + " replications in " + dir
                    + " are not complete:");
            List<RunMerge.Missing> missing = result.missing();
            for (RunMerge.Missing m : missing.subList(0, Math.min(LISTED, missing.size()))) {
                err.println("  " + m.pointId() + "/" + m.replication() + (m.shard() < 0 ? "" : "  shard " + m.shard()));
            }
            if (missing.size() > LISTED) {
                err.println("  … and " + (missing.size() - LISTED) + " more");
            }
            if (result.shardsToRerun().isEmpty()) {
                err.println("complete them with `repsim run SCENARIO -o " + dir + " --resume`, then merge again");
            } else {
                String shards = result.shardsToRerun().stream().map(String::valueOf).collect(Collectors.joining(","));
                int n = result.description().sharding().shards();
                err.println("shards to rerun: " + shards + " (of " + n + "): `repsim run SCENARIO -o " + dir
                        + " --shard K/" + n + " --resume` for each"
                        + (Files.exists(dir.resolve(SlurmCommand.SLURM_DIR).resolve(SlurmCommand.RUN_SCRIPT))
                            ? ", or under Slurm `sbatch --array=" + shards + " "
                                + dir.resolve(SlurmCommand.SLURM_DIR).resolve(SlurmCommand.RUN_SCRIPT) + "`"
                            : "")
                        + "; then merge again");
            }
            err.flush();
            return ExitCodes.FAILURE;
        }
        Path page;
        try {
            page = ReportRendering.render(dir);
        } catch (ScenarioException e) {
            ProblemPrinter.print(e, err);
            return ExitCodes.INVALID;
        } catch (ResultStoreException | java.io.IOException | java.io.UncheckedIOException e) {
            err.println("repsim merge: cannot write the report in " + dir + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        var out = Repsim.stdout(spec);
        out.println("merged " + total + " replications" + (result.description().sharding() == null ? ""
                : " of " + result.description().sharding().shards() + " shards") + ": "
                + dir.resolve("summary.json") + ", " + dir.resolve("summary.csv"));
        out.println("report: " + page);
        out.flush();
        return ExitCodes.OK;
    }
}
