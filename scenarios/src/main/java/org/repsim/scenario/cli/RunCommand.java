package org.repsim.scenario.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.repsim.scenario.run.ResultStoreException;
import org.repsim.scenario.run.Shard;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = {"Run a scenario: every replication of every sweep point; write results to DIR.",
            "A DIR that already holds a run is refused (exit 2, nothing is changed): --resume continues the same run, "
                    + "--overwrite replaces another. Files in DIR that a run does not write are never removed. "
                    + "A shard (--shard) may start in a DIR holding the same run's other shards."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:failure during simulation", "2:invalid scenario or command line"})
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario JSON file.")
    Path scenarioFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output directory (default: out/<scenario file name without .json>).")
    Path output;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Set a value as written in the file, e.g. --set 'links[wan].bandwidth=4 Gbit/s' "
                    + "--set run.replications=10 --set replication.ordered.ordering=off. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (overrides run.seed).")
    Long seed;

    @Option(names = "--replications", paramLabel = "N", description = "Replications per point (overrides run.replications).")
    Integer replications;

    @Option(names = "--threads", paramLabel = "N", description = "Parallel replications (default: available processors).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the run in DIR: skip replications whose results are already "
            + "complete (DIR must hold the same run: scenario, --set, seed, replications).")
    boolean resume;

    @Option(names = "--overwrite", description = "DIR holds an earlier run: remove its files (run.json, "
            + "scenario.resolved.json, summary.*, runs/, report.html, charts/, partial/, slurm/, and a compare/ that "
            + "repsim compare wrote there; other files are kept) "
            + "and run this one there. Without --overwrite or --resume, a DIR holding a run is refused (exit 2).")
    boolean overwrite;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only shard K of N (K from 0 to N-1) of the (point, replication) pairs, into a DIR the "
                    + "other shards share; env:VAR/N reads K from the environment variable VAR (e.g. "
                    + "env:SLURM_ARRAY_TASK_ID/4). Then `repsim merge DIR`.")
    String shard;

    @Option(names = "--trace-out", paramLabel = "FILE",
            description = "Also write the host I/O of replication 0 of the first point as an MSR trace (for repsim trace fit).")
    Path traceOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, found " + threadCount);
        }
        if (resume && overwrite) {
            throw new ParameterException(spec.commandLine(), "--resume continues the run in the output directory and "
                    + "--overwrite replaces it: give one of them");
        }
        if (overwrite && shard != null) {
            throw new ParameterException(spec.commandLine(), "--overwrite cannot be used with --shard: the shards of a "
                    + "run share its directory, and one shard would remove the others' results; to start a sharded "
                    + "run over, use a new directory (or remove the old one first)");
        }
        RunRequest experiment;
        try {
            experiment = experiment(threadCount);
        } catch (ScenarioException e) {
            ProblemPrinter.print(e, err);
            return ExitCodes.INVALID;
        }
        // a run long enough to fill its caches would stop hours in without enough heap: say so now
        HeapCheck.warning(experiment.points(), experiment.scenario().run().replications(), threadCount,
                Runtime.getRuntime().maxMemory()).ifPresent(warning -> {
                    err.println(warning);
                    err.flush();
                });
        ExperimentLauncher launcher = Repsim.launcher(spec);
        if (launcher == null) {
            err.println("repsim: this build has no experiment runner (no " + ExperimentLauncher.class.getName() + " service)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        try {
            launcher.launch(experiment);
            if (traceOut != null) {
                TraceOut.write(experiment, traceOut);
            }
            return ExitCodes.OK;
        } catch (ScenarioException e) {
            ProblemPrinter.print(e, err);
            return ExitCodes.INVALID;
        } catch (ResultStoreException e) {
            // the output directory cannot be used: bad input, nothing was simulated wrongly
            err.println("repsim: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (Exception e) {
            err.println("repsim: simulation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    /**
     * Loads the scenario, applies --set, --seed and --replications, validates it and expands the
     * sweep. A --set on a swept path (or on an object holding one) replaces that sweep axis, and
     * says so on stderr; on a path that sweep variants set, the command line's value holds at
     * every point ({@link SetVariants}).
     */
    RunRequest experiment(int threadCount) throws ScenarioException {
        ScenarioSource source = ScenarioSource.read(scenarioFile);
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--set takes PATH=VALUE, e.g. run.replications=10; found '" + set + "'");
            }
            String path = set.substring(0, eq).trim();
            // a value given on the command line wins over the file's sweep of that path
            for (String swept : source.sweepPathsUnder(path)) {
                int values = source.tree().get("sweep").get(swept).size();
                source = source.withoutSweepPath(swept);
                Repsim.stderr(spec).println("repsim: --set " + path + " replaces the sweep of " + swept
                        + " (" + values + (values == 1 ? " value" : " values") + "): it is no longer swept");
            }
            source = SetVariants.apply(source, path, Repsim.stderr(spec));
            source = source.with(path, set.substring(eq + 1));
        }
        if (seed != null) {
            source = source.with("run.seed", JsonNodeFactory.instance.numberNode(seed));
        }
        if (replications != null) {
            source = source.with("run.replications", JsonNodeFactory.instance.numberNode(replications));
        }
        Scenario scenario = source.resolve();
        List<SweepPoint> points = source.sweepPoints();
        org.repsim.scenario.plan.Baselines.check(source, scenario, points);
        ProblemPrinter.warn(scenarioFile.toString(), source.warnings(points), spec.commandLine().getErr());
        Path dir = output != null ? output : Path.of("out", baseName(scenarioFile));
        Shard parsedShard = null;
        if (shard != null) {
            try {
                parsedShard = Shard.parse(shard, System.getenv());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return new RunRequest(scenarioFile, source, scenario, points, dir, threadCount, resume, quiet,
                Repsim.stdout(spec), Repsim.stderr(spec), parsedShard, overwrite, resumeCommand(dir));
    }

    /** The options that change the scenario a run runs (--set, --seed, --replications), as given, to repeat them. */
    static List<String> scenarioOptions(List<String> sets, Long seed, Integer replications) {
        List<String> args = new ArrayList<>();
        for (String set : sets) {
            args.addAll(List.of("--set", set));
        }
        if (seed != null) {
            args.addAll(List.of("--seed", Long.toString(seed)));
        }
        if (replications != null) {
            args.addAll(List.of("--replications", Integer.toString(replications)));
        }
        return args;
    }

    /** This command with --resume instead of --overwrite (what the interrupt notice says continues the run). */
    private String resumeCommand(Path dir) {
        List<String> args = new ArrayList<>(List.of(scenarioFile.toString(), "-o", dir.toString()));
        args.addAll(scenarioOptions(sets, seed, replications));
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        return InterruptNotice.resumeCommand(args);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
