package org.repsim.scenario.cli;

import java.util.concurrent.Callable;
import org.repsim.model.trace.TraceStats;
import org.repsim.scenario.spec.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        @Mixin
        private TraceInput input;

        @Option(names = "--cycle", defaultValue = "30 s", description = "Cycle time for the folding figure (default: ${DEFAULT-VALUE}).")
        private String cycle;

        @Option(names = "--interval", defaultValue = "1 s", description = "Interval of the write-rate series (default: ${DEFAULT-VALUE}).")
        private String interval;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            return input.run("repsim: ", spec.commandLine().getErr(), () -> {
                TraceStats.of(input.file, input.traceFormat(), input.options(), Units.nanos(interval),
                        Units.nanos(cycle), input.trackBytes()).format(Repsim.stdout(spec));
            });
        }
    }
}
