package org.repsim.scenario.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.repsim.scenario.plan.WorkloadFit;
import org.repsim.scenario.spec.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code repsim trace fit FILE}: a workload fragment fitted from a trace on stdout, its fit table on stderr. */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Fit a synthetic workload to a trace: prints one JSON object with arrival (rate and profile), "
                + "writeFraction, size and address, which a scenario's workloads[] entry takes as is (add id and "
                + "volumes); the fit table (trace against fitted, folding at a few cycle times) goes to stderr.")
final class TraceFitCommand implements Callable<Integer> {
    @Mixin
    private TraceInput input;

    @Option(names = "--interval", defaultValue = "1 min", description = "Interval of the rate profile (default: ${DEFAULT-VALUE}).")
    private String interval;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "F", description = "Multiply the rate by F, e.g. 1.5 for 50 %% growth (default: ${DEFAULT-VALUE}).")
    private double scale;

    @Option(names = "--cycles", defaultValue = "1 s,10 s,30 s", split = ",",
            description = "Cycle times of the folding comparison (default: ${DEFAULT-VALUE}).")
    private List<String> cycles;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return input.run("repsim trace fit: ", spec.commandLine().getErr(), () -> {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("--scale must be a positive number, found " + scale);
            }
            long[] cycleNs = cycles.stream().mapToLong(c -> Units.nanos(c.trim())).toArray();
            WorkloadFit fit = WorkloadFit.of(input.file, input.traceFormat(), input.options(), Units.nanos(interval),
                    scale, input.trackBytes(), cycleNs);
            Repsim.stdout(spec).println(fit.fragmentText());
            fit.table(Repsim.stderr(spec));
        });
    }
}
