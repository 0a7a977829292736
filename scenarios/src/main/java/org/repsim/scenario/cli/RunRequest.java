package org.repsim.scenario.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.repsim.scenario.run.Shard;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * What {@code repsim run} asks a launcher to do: run {@code scenario.run().replications()}
 * replications of every point, writing results under {@code outputDir} (docs/scenario-format.md "What a run writes").
 *
 * @param scenarioFile the file as given on the command line (trace paths are relative to its directory)
 * @param source       the scenario as written, with --set/--seed/--replications applied
 * @param scenario     the resolved base scenario (sweep included), as stored in scenario.resolved.json
 * @param points       the run matrix: at least one point, ids p000, p001, … in order
 * @param outputDir    where results go (-o; default out/&lt;scenario file name&gt;)
 * @param threads      replications run in parallel on this many threads (≥ 1)
 * @param resume       skip replications whose results are already complete
 * @param quiet        no progress output
 * @param out          progress and summary output
 * @param err          diagnostics
 * @param shard        run only this shard's pairs ({@code --shard K/N}), or null for the whole run
 * @param overwrite    remove an earlier run's files from {@code outputDir} first ({@code --overwrite}); without
 *                     it (or {@code resume}) a directory holding a run is refused
 * @param resumeCommand the command that continues this run (said when it is interrupted), or null
 */
public record RunRequest(Path scenarioFile, ScenarioSource source, Scenario scenario, List<SweepPoint> points,
                         Path outputDir, int threads, boolean resume, boolean quiet, PrintStream out, PrintStream err,
                         Shard shard, boolean overwrite, String resumeCommand) {

    public RunRequest {
        points = List.copyOf(points);
    }

    /** The whole run, on this machine. */
    public RunRequest(Path scenarioFile, ScenarioSource source, Scenario scenario, List<SweepPoint> points,
            Path outputDir, int threads, boolean resume, boolean quiet, PrintStream out, PrintStream err) {
        this(scenarioFile, source, scenario, points, outputDir, threads, resume, quiet, out, err, null, false, null);
    }

    /** The command that continues this run: {@link #resumeCommand}, or one from the scenario file and directory. */
    public String resumeCommandText() {
        if (resumeCommand != null) {
            return resumeCommand;
        }
        List<String> args = new java.util.ArrayList<>(List.of(scenarioFile.toString(), "-o", outputDir.toString()));
        if (shard != null) {
            args.addAll(List.of("--shard", shard.toString()));
        }
        return InterruptNotice.resumeCommand(args);
    }
}
