package org.repsim.scenario.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.scenario.plan.WorkloadFit;
import org.repsim.scenario.spec.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim trace fit FILE}: a workload fragment fitted from a trace on stdout, its fit table on stderr. */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Fit a synthetic workload to a trace: prints one JSON object with arrival (rate and profile), "
                + "writeFraction, size and address, which a scenario's workloads[] entry takes as is (add id and "
                + "volumes); the fit table (trace against fitted, folding at a few cycle times) goes to stderr.")
final class TraceFitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Trace file (gzip is detected).")
    private Path file;

    @Option(names = "--format", defaultValue = "msr", description = "msr or spc (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--interval", defaultValue = "1 min", description = "Interval of the rate profile (default: ${DEFAULT-VALUE}).")
    private String interval;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "F", description = "Multiply the rate by F, e.g. 1.5 for 50 %% growth (default: ${DEFAULT-VALUE}).")
    private double scale;

    @Option(names = "--track-size", defaultValue = "128 KiB", description = "Track (slot) size (default: ${DEFAULT-VALUE}).")
    private String trackSize;

    @Option(names = "--cycles", defaultValue = "1 s,10 s,30 s", split = ",",
            description = "Cycle times of the folding comparison (default: ${DEFAULT-VALUE}).")
    private List<String> cycles;

    @Option(names = "--skip-bad-lines", description = "Skip and count malformed lines instead of stopping at the first.")
    private boolean skipBadLines;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (!Files.isReadable(file)) {
            err.println("repsim trace fit: cannot read trace file " + file);
            err.flush();
            return ExitCodes.INVALID;
        }
        try {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("--scale must be a positive number, found " + scale);
            }
            long[] cycleNs = cycles.stream().mapToLong(c -> Units.nanos(c.trim())).toArray();
            WorkloadFit fit = WorkloadFit.of(file, TraceFormat.parse(format),
                    TraceOptions.defaults().withSkipBadLines(skipBadLines), Units.nanos(interval), scale,
                    Units.bytes(trackSize), cycleNs);
            Repsim.stdout(spec).println(fit.fragmentText());
            fit.table(Repsim.stderr(spec));
            return ExitCodes.OK;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("repsim trace fit: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }
}
