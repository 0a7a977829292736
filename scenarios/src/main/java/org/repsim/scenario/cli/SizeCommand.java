package org.repsim.scenario.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repsim.scenario.build.CacheMemory;
import org.repsim.scenario.plan.Goal;
import org.repsim.scenario.plan.ModelReplications;
import org.repsim.scenario.plan.SizeFiles;
import org.repsim.scenario.plan.SizeSearch;
import org.repsim.scenario.plan.SizedParameter;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repsim size SCENARIO --vary PATH --between LO HI --until 'METRIC <= X'}: the smallest
 * (or largest) value of one numeric scenario value meeting a goal at a stated confidence
 * ({@link SizeSearch}); the scenario's own sweep is ignored.
 */
@Command(name = "size", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Find the smallest (--largest: largest) value of a scenario value that meets a goal with the "
                + "stated confidence: replications are added at each candidate until the metric's confidence interval "
                + "lies on one side of the threshold; candidates share random numbers. Writes size.json and size.html.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the goal is met in the range", "1:no value in the range meets the goal, or the simulation failed",
                "2:invalid scenario, path, goal or command line"})
final class SizeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario JSON file.")
    Path scenarioFile;

    @Option(names = "--vary", required = true, paramLabel = "PATH",
            description = "The scenario value to size, as in a sweep: 'links[wan].bandwidth', 'replication.cycle.minCycleTime'.")
    String path;

    @Option(names = "--between", required = true, arity = "2", paramLabel = "VALUE",
            description = "The range, two values as written in the file: --between '100 Mbit/s' '10 Gbit/s'.")
    List<String> between;

    @Option(names = "--until", required = true, paramLabel = "GOAL",
            description = "'METRIC <= X' or 'METRIC >= X'; X in the metric's unit kind: a time for a metric in "
                    + "seconds ('rpo.lag.max <= 30 s'), a size for one in bytes ('cache.session.peak <= 8 GiB'), a plain "
                    + "number for a fraction, ratio or count ('link.wan.utilization <= 0.8', or 80%% for a fraction).")
    String until;

    @Option(names = "--largest", description = "Look for the largest value meeting the goal (default: the smallest).")
    boolean largest;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "P",
            description = "Confidence that a value meets the goal (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--resolution", defaultValue = "5%", paramLabel = "R",
            description = "Stop when the bracket is this narrow: a share of the value (5%%, 0.05) or a quantity of the "
                    + "parameter's kind (10 Mbit/s) (default: ${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--min-replications", defaultValue = "3", paramLabel = "N",
            description = "Replications at every candidate before deciding (default: ${DEFAULT-VALUE}).")
    int minReplications;

    @Option(names = "--max-replications", defaultValue = "30", paramLabel = "N",
            description = "Most replications at one candidate; undecided there counts as not met (default: ${DEFAULT-VALUE}).")
    int maxReplications;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output directory (default: out/<scenario file name>-size).")
    Path output;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Set a value as written in the file. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (overrides run.seed).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Parallel replications (default: available processors).")
    Integer threads;

    /** Replications added at a time while a candidate is undecided: fixed, so results do not depend on --threads. */
    private static final int BATCH = 2;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Goal goal;
        SizedParameter parameter;
        double res;
        boolean relative;
        try {
            goal = Goal.parse(until);
            // a metric of the catalogue (Measures: by name, or by family such as link.<id>.utilization) has a
            // fixed unit: a threshold of another kind is refused now, before the scenario is read or anything runs
            java.util.Optional<org.repsim.core.measure.MetricType> known =
                    org.repsim.core.measure.Measures.metric(goal.metric());
            if (known.isPresent()) {
                goal.inUnit(known.get().unit().reported().symbol());
            }
            parameter = SizedParameter.of(path, between.get(0), between.get(1));
            String r = resolution.trim();
            relative = r.endsWith("%") || !r.matches(".*[A-Za-z/].*");
            res = r.endsWith("%") ? Double.parseDouble(r.substring(0, r.length() - 1).trim()) / 100
                    : relative ? Double.parseDouble(r) : absolute(parameter, r);
            if (minReplications < 2 || maxReplications < minReplications) {
                throw new IllegalArgumentException("--min-replications must be at least 2 and --max-replications at least "
                        + "--min-replications; found " + minReplications + " and " + maxReplications);
            }
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, found " + threads);
            }
        } catch (IllegalArgumentException e) {
            return invalid(err, e.getMessage());
        }
        ScenarioSource source;
        Scenario base;
        try {
            source = ScenarioSource.read(scenarioFile);
            for (String set : sets) {
                int eq = set.indexOf('=');
                if (eq <= 0) {
                    return invalid(err, "--set takes PATH=VALUE, e.g. run.replications=10; found '" + set + "'");
                }
                source = source.with(set.substring(0, eq).trim(), set.substring(eq + 1));
            }
            if (seed != null) {
                source = source.with("run.seed", JsonNodeFactory.instance.numberNode(seed));
            }
            base = source.resolve();
            // the path must name a value of the format: checked before anything runs
            source.with(path, parameter.text(parameter.lo()));
            // and a value that takes effect in the scenario's mode (docs/scenario-format.md "Keys without effect")
            java.util.Optional<org.repsim.scenario.spec.Problem> inert = source.inertVary(base, path);
            if (inert.isPresent()) {
                throw new ScenarioException(scenarioFile.toString(), List.of(inert.get()));
            }
            ProblemPrinter.warn(scenarioFile.toString(),
                    source.warnings(List.of(new SweepPoint("p000", Map.of(), base))), err);
        } catch (ScenarioException e) {
            ProblemPrinter.print(e, err);
            return ExitCodes.INVALID;
        }
        if (!base.sweep().isEmpty()) {
            err.println("repsim size: the scenario's sweep is ignored; only " + path + " varies");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Path dir = output != null ? output : Path.of("out", baseName(scenarioFile) + "-size");
        try (ModelReplications model = new ModelReplications(source, parameter, goal.metric(), base.run().seed(), threadCount)) {
            Scenario atLo = model.scenarioAt(parameter.lo());
            Scenario atHi = model.scenarioAt(parameter.hi());
            // the candidates' caches grow with the value when it sizes a cache: check the end with the larger
            boolean hiLarger = CacheMemory.bytes(atHi) >= CacheMemory.bytes(atLo);
            SweepPoint biggestCaches = new SweepPoint(path + " = " + parameter.text(hiLarger ? parameter.hi() : parameter.lo()),
                    Map.of(), hiLarger ? atHi : atLo);
            HeapCheck.warning(List.of(biggestCaches), maxReplications, threadCount,
                    HeapCheck.Heap.ofThisJvm(Runtime.getRuntime().maxMemory(), "repsim size")).ifPresent(warning -> {
                        err.println(warning);
                        err.flush();
                    });
            // the threshold is read in the unit the metric is recorded in, known once a replication has recorded
            // it; that replication is the search's first (at the end that must meet the goal), so nothing is run
            // twice. For a metric of the catalogue the kind was checked above, before anything ran; only a name the
            // catalogue does not know is checked here first
            try {
                goal = goal.inUnit(model.metricUnit(largest ? parameter.lo() : parameter.hi()));
            } catch (IllegalArgumentException e) {
                return invalid(err, e.getMessage());
            }
            SizeSearch search = new SizeSearch(parameter, goal, largest, confidence, res, relative, minReplications,
                    BATCH, maxReplications, model::run);
            SizeSearch.Result result = search.run();
            SizeFiles.Settings settings = new SizeFiles.Settings(base.name(), parameter, goal, largest, confidence,
                    resolution, maxReplications, model.unit());
            String line = SizeFiles.answerLine(settings, result);
            Path page = SizeFiles.write(dir, settings, result, line);
            Repsim.stdout(spec).println(line);
            Repsim.stdout(spec).println("results: " + dir.resolve(SizeFiles.JSON) + ", page: " + page);
            return result.met() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (ModelReplications.Refused e) {
            if (e.problems() != null) {
                err.println("repsim size: " + e.getMessage() + ":");
                ProblemPrinter.print(e.problems(), err);
                return ExitCodes.INVALID;
            }
            return invalid(err, e.getMessage());
        } catch (IllegalArgumentException e) {
            return invalid(err, e.getMessage());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("repsim size: cannot write results to " + dir + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } catch (RuntimeException e) {
            err.println("repsim size: simulation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    /** An absolute resolution: a quantity of the parameter's kind. */
    private static double absolute(SizedParameter parameter, String r) {
        if (parameter.kind() == null) {
            throw new IllegalArgumentException("--resolution '" + r + "': " + parameter.path()
                    + " is a plain number; give a share (5%) or a plain number");
        }
        return org.repsim.scenario.spec.Units.baseValue(parameter.kind(), r);
    }

    private static int invalid(PrintWriter err, String message) {
        err.println("repsim size: " + message);
        err.flush();
        return ExitCodes.INVALID;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
