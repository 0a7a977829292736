package org.repsim.scenario.cli;

import java.io.PrintStream;
import org.repsim.core.kernel.bench.KernelBenchmark;
import org.repsim.scenario.build.ModelBenchmark;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Benchmark programs that print figures.",
        subcommands = {BenchCommand.Kernel.class, BenchCommand.Model.class, BenchCommand.Scaling.class,
                BenchCommand.Parallel.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }

    @Command(name = "kernel", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "Events per second: bare PriorityQueue loop vs stock DSOL vs the repsim kernel.")
    static final class Kernel implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            PrintStream out = Repsim.stdout(spec);
            KernelBenchmark.run(out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "Simulated host writes and events per wall-clock second, and peak heap, on the reference "
                    + "scenarios (sync, ordered, cycle 2 boxes; shuttle 8 boxes), single thread.")
    static final class Model implements Callable<Integer> {
        @Option(names = "--duration", defaultValue = "1 min", description = "Simulated time per scenario (default: ${DEFAULT-VALUE}).")
        private String duration;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            ModelBenchmark.model(Repsim.stdout(spec), duration);
            return ExitCodes.OK;
        }
    }

    @Command(name = "scaling", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "The cycle reference at 1, 2, 4 and 8 simulated minutes: wall time per doubling, heap ratio.")
    static final class Scaling implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            ModelBenchmark.scaling(Repsim.stdout(spec));
            return ExitCodes.OK;
        }
    }

    @Command(name = "parallel", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "8 replications of the cycle reference with 1 thread and with all cores: speedup.")
    static final class Parallel implements Callable<Integer> {
        @Option(names = "--duration", defaultValue = "30 s", description = "Simulated time per replication (default: ${DEFAULT-VALUE}).")
        private String duration;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            ModelBenchmark.parallel(Repsim.stdout(spec), duration);
            return ExitCodes.OK;
        }
    }
}
