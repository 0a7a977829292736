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
                BenchCommand.Parallel.class, BenchCommand.Boxes.class, BenchCommand.Heap.class,
                BenchCommand.Memory.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }

    /** A benchmark's body; it may write files ({@code bench parallel}). */
    @FunctionalInterface
    interface Body {
        void run() throws java.io.IOException;
    }

    /**
     * Runs {@code body}; a bad argument it finds (an {@link IllegalArgumentException}) is printed
     * after {@code repsim bench NAME:} and ends the command as invalid input.
     */
    static int runChecked(CommandSpec spec, String name, Body body) throws java.io.IOException {
        try {
            body.run();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("repsim bench " + name + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
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
                    + "scenarios (sync, ordered, cycle 2 boxes; shuttle 8 boxes; shuttle and host-coordinated groups of "
                    + "64 boxes), single thread.")
    static final class Model implements Callable<Integer> {
        @Option(names = "--duration", description = "Simulated time per scenario (default: each reference's own: "
                + "1 min; 10 s for the 64-box groups).")
        private String duration;

        @Option(names = "--scenario", split = ",", paramLabel = "NAME",
                description = "Reference scenarios to run: sync, ordered, cycle, shuttle, group64-shuttle, group64-host "
                        + "(default: all).")
        private java.util.List<String> scenarios = ModelBenchmark.REFERENCES;

        @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
                description = "Measured runs per scenario, after a warm-up run of the same length; the median is "
                        + "reported (default: ${DEFAULT-VALUE}).")
        private int repeat;

        @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Run each scenario in a fresh JVM with this JVM's options, so that no scenario's JIT "
                        + "profiles or garbage slow the next (default: ${DEFAULT-VALUE}; --no-fork runs all here).")
        private boolean fork;

        @Option(names = "--set", paramLabel = "PATH=VALUE",
                description = "Run a variant of the references: set a value as in repsim run --set, e.g. --set "
                        + "'boxes[r1].volumes[db].size=16 GiB'. Repeatable; every chosen reference must take it.")
        private java.util.List<String> sets = new java.util.ArrayList<>();

        @Option(names = "--census", description = "Instead of timing: run each scenario once in this JVM with the "
                + "kernel's event census on and print its events per host write by kind (the class of each event's "
                + "action; lambdas under their declaring class). A developer's tool: where the events go.")
        private boolean census;

        @Option(names = "--profile", description = "Instead of timing: run each scenario once more in this JVM under a "
                + "flight recording and print where the run loop's time went, by event (the action running) and by "
                + "method sampled. A developer's tool.")
        private boolean profile;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (census && profile) {
                spec.commandLine().getErr().println("repsim bench model: --census and --profile each run the "
                        + "scenarios their own way: give one of them");
                return ExitCodes.INVALID;
            }
            for (String s : scenarios) {
                if (!ModelBenchmark.REFERENCES.contains(s)) {
                    spec.commandLine().getErr().println("repsim bench model: no reference scenario '" + s
                            + "' (have " + String.join(", ", ModelBenchmark.REFERENCES) + ")");
                    return ExitCodes.INVALID;
                }
            }
            if (repeat < 1) {
                spec.commandLine().getErr().println("repsim bench model: --repeat must be at least 1, got " + repeat);
                return ExitCodes.INVALID;
            }
            try {
                if (profile) {
                    ModelBenchmark.profile(Repsim.stdout(spec), duration, sets, scenarios);
                    return ExitCodes.OK;
                }
                if (census) {
                    ModelBenchmark.census(Repsim.stdout(spec), duration, sets, scenarios);
                    return ExitCodes.OK;
                }
                ModelBenchmark.model(Repsim.stdout(spec), duration, sets, scenarios, repeat, fork);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("repsim bench model: " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("repsim bench model: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "scaling", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "A reference scenario (default: cycle) at 1, 2, 4 and 8 simulated minutes: wall time per "
                    + "doubling, heap ratio.")
    static final class Scaling implements Callable<Integer> {
        @Option(names = "--scenario", defaultValue = "cycle", paramLabel = "NAME",
                description = "Reference scenario: sync, ordered, cycle, shuttle (default: ${DEFAULT-VALUE}; "
                        + "docs/performance.md quotes its figures for cycle).")
        private String scenario;

        @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
                description = "Runs per duration; the ratios use each duration's median run (for an even N the slower "
                        + "of the two middle ones) (default: ${DEFAULT-VALUE}).")
        private int repeat;

        @Option(names = "--longest", defaultValue = "8", paramLabel = "MINUTES",
                description = "Longest simulated duration, a power of two of at least 8: runs 1, 2, 4, … MINUTES "
                        + "minutes and prints the ratio of each doubling; the last line stays the 1 to 8 minute "
                        + "figures (default: ${DEFAULT-VALUE}).")
        private int longest;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            if (!ModelBenchmark.REFERENCES.contains(scenario)) {
                spec.commandLine().getErr().println("repsim bench scaling: no reference scenario '" + scenario
                        + "' (have " + String.join(", ", ModelBenchmark.REFERENCES) + ")");
                return ExitCodes.INVALID;
            }
            return runChecked(spec, "scaling", () -> ModelBenchmark.scaling(Repsim.stdout(spec), scenario, repeat, longest));
        }
    }

    @Command(name = "boxes", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "The shuttle group at 8, 16, 32 and 64 boxes with the same load per box, single thread: "
                    + "writes/s and peak live heap per size, and their 64-to-8 ratios.")
    static final class Boxes implements Callable<Integer> {
        @Option(names = "--duration", description = "Simulated time per run (default: the 64-box reference's own, 10 s).")
        private String duration;

        @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
                description = "Timed rounds (one run per size each, sizes alternating); medians are reported "
                        + "(default: ${DEFAULT-VALUE}).")
        private int repeat;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            return runChecked(spec, "boxes", () -> ModelBenchmark.boxes(Repsim.stdout(spec), duration, repeat));
        }
    }

    @Command(name = "memory", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "Nanoseconds per dependent load by memory size: where this machine's caches end and what a "
                    + "look-up into a table larger than them costs.")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--sizes", split = ",", paramLabel = "MIB",
                description = "Memory sizes in MiB, ascending (default: 1,2,4,8,16,32,64,256,1024; sizes over half "
                        + "the maximum heap are skipped).")
        private java.util.List<Integer> sizes = org.repsim.core.bench.MemoryLatency.DEFAULT_SIZES_MIB;

        @Option(names = "--loads", defaultValue = "10000000", paramLabel = "N",
                description = "Measured loads per size (default: ${DEFAULT-VALUE}).")
        private long loads;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            return runChecked(spec, "memory", () -> org.repsim.core.bench.MemoryLatency.run(Repsim.stdout(spec), sizes, loads));
        }
    }

    @Command(name = "heap", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "A 64-box group reference cut to a few boxes (the reference's load per box), run until its "
                    + "caches are full: live heap per box as the run goes on, and its projection to 64 boxes.")
    static final class Heap implements Callable<Integer> {
        @Option(names = "--scenario", defaultValue = "group64-shuttle", paramLabel = "GROUP",
                description = "The group reference: group64-shuttle or group64-host (default: ${DEFAULT-VALUE}).")
        private String group;

        @Option(names = "--boxes", defaultValue = "8", paramLabel = "N",
                description = "Primary boxes in the group, a multiple of 8 up to 64 (default: ${DEFAULT-VALUE}).")
        private int boxes;

        @Option(names = "--duration", defaultValue = ModelBenchmark.HEAP_DEFAULT_DURATION,
                description = "Simulated time (default: ${DEFAULT-VALUE}: the caches are full after about 170 s).")
        private String duration;

        @Option(names = "--samples", defaultValue = "12", paramLabel = "N",
                description = "Live-heap readings at equal steps of simulated time (default: ${DEFAULT-VALUE}).")
        private int samples;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            return runChecked(spec, "heap", () -> ModelBenchmark.heap(Repsim.stdout(spec), group, boxes, duration, samples));
        }
    }

    @Command(name = "parallel", mixinStandardHelpOptions = true, versionProvider = Repsim.Version.class,
            description = "8 replications of the cycle reference with 1 thread and with all cores: speedup (median of pairs).")
    static final class Parallel implements Callable<Integer> {
        @Option(names = "--duration", defaultValue = "30 s", description = "Simulated time per replication (default: ${DEFAULT-VALUE}).")
        private String duration;

        @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
                description = "Pairs of runs (1 thread, then all cores), back to back; the median speedup of the "
                        + "pairs is reported (default: ${DEFAULT-VALUE}).")
        private int repeat;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            return runChecked(spec, "parallel", () -> ModelBenchmark.parallel(Repsim.stdout(spec), duration, repeat));
        }
    }
}
