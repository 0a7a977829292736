package org.repsim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.repsim.scenario.build.CacheMemory;
import org.repsim.scenario.plan.Baselines;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.spec.SweepPoint;
import org.repsim.scenario.validate.ScenarioSource;
import picocli.CommandLine.Command;
import org.repsim.scenario.validate.Scenarios;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Check scenario files and every point of their sweeps; print OK or every problem.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every scenario is valid", "2:a scenario is invalid (problems on stderr)"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--resolved", description = "Also print each valid scenario with every default filled in.")
    private boolean resolved;

    @Option(names = "--memory", description = "Also print, per sweep point, the memory its caches take once each "
            + "holds every track it can (slot arrays and indexes: the most they take, most of a long run's heap; "
            + "the rest of the model comes on top).")
    private boolean memory;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario JSON files.")
    private List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = ExitCodes.OK;
        for (Path file : files) {
            try {
                ScenarioSource source = ScenarioSource.read(file);
                List<SweepPoint> points = source.sweepPoints();
                Baselines.check(source, source.resolve(), points);
                ProblemPrinter.warn(file.toString(), source.warnings(points), err);
                out.println("OK " + file + " (scenario '" + points.get(0).scenario().name() + "', "
                        + points.size() + (points.size() == 1 ? " point)" : " points)"));
                if (memory) {
                    for (SweepPoint p : points) {
                        out.println("  " + p.id() + ": " + cacheMemory(p));
                    }
                }
                if (resolved) {
                    out.print(Scenarios.toText(source.resolve().toResolvedJson()));
                }
            } catch (ScenarioException e) {
                ProblemPrinter.print(e, err);
                exit = ExitCodes.INVALID;
            }
        }
        out.flush();
        return exit;
    }

    /** E.g. {@code caches 2816.0 MiB when full (128 caches, 268435456 slots; the largest 22.0 MiB, box p0)}. */
    static String cacheMemory(SweepPoint point) {
        CacheMemory.Totals t = CacheMemory.totals(point.scenario());
        return "caches " + HeapCheck.mib(t.bytes()) + " when full (" + t.caches() + (t.caches() == 1 ? " cache, " : " caches, ")
                + t.slots() + " slots; the largest " + HeapCheck.mib(t.largest().bytes()) + ", box " + t.largest().box() + ")";
    }

}
