package org.repsim.scenario.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.model.trace.TraceStats;
import org.repsim.scenario.spec.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repsim trace stats FILE}: what a block trace asks of replication (I/O mix, write rate, folding). */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Block I/O traces (MSR Cambridge CSV, SPC).", subcommands = {TraceCommand.Stats.class, TraceFitCommand.class})
final class TraceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "I/Os, read/write mix, size histogram, write rate over time and the write folding "
                    + "expected at a cycle time (rewrite ratio). The last line is machine-readable.")
    static final class Stats implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "Trace file (gzip is detected).")
        private Path file;

        @Option(names = "--format", defaultValue = "msr", description = "msr or spc (default: ${DEFAULT-VALUE}).")
        private String format;

        @Option(names = "--cycle", defaultValue = "30 s", description = "Cycle time for the folding figure (default: ${DEFAULT-VALUE}).")
        private String cycle;

        @Option(names = "--interval", defaultValue = "1 s", description = "Interval of the write-rate series (default: ${DEFAULT-VALUE}).")
        private String interval;

        @Option(names = "--track-size", defaultValue = "128 KiB", description = "Track (slot) size (default: ${DEFAULT-VALUE}).")
        private String trackSize;

        @Option(names = "--skip-bad-lines", description = "Skip and count malformed lines instead of stopping at the first.")
        private boolean skipBadLines;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            if (!Files.isReadable(file)) {
                err.println("repsim: cannot read trace file " + file);
                err.flush();
                return ExitCodes.INVALID;
            }
            try {
                TraceStats stats = TraceStats.of(file, TraceFormat.parse(format),
                        TraceOptions.defaults().withSkipBadLines(skipBadLines), Units.nanos(interval),
                        Units.nanos(cycle), Units.bytes(trackSize));
                stats.format(Repsim.stdout(spec));
                return ExitCodes.OK;
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                err.println("repsim: " + e.getMessage());
                err.flush();
                return ExitCodes.INVALID;
            }
        }
    }
}
