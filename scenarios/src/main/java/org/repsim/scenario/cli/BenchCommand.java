package org.repsim.scenario.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
        description = "Benchmark programs that print figures.",
        subcommands = BenchCommand.Kernel.class)
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }

    @Command(name = "kernel", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "Event-kernel throughput (org.repsim.core.kernel.bench.KernelBenchmark).")
    static final class Kernel implements Callable<Integer> {

        static final String BENCHMARK = "org.repsim.core.kernel.bench.KernelBenchmark";

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            PrintStream out = Repsim.stdout(spec);
            try {
                // public static void run(java.io.PrintStream out), in sim-core
                Method run = Class.forName(BENCHMARK).getMethod("run", PrintStream.class);
                run.invoke(null, out);
                out.flush();
                return ExitCodes.OK;
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                spec.commandLine().getErr().println("repsim: this build has no kernel benchmark (" + BENCHMARK + ".run(PrintStream))");
                return ExitCodes.FAILURE;
            } catch (InvocationTargetException e) {
                spec.commandLine().getErr().println("repsim: kernel benchmark failed: " + e.getCause());
                return ExitCodes.FAILURE;
            } catch (IllegalAccessException e) {
                spec.commandLine().getErr().println("repsim: cannot call " + BENCHMARK + ": " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }
}
