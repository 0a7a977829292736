package org.repsim.scenario.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repsim.core.bench.HeapMeter;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Metric;
import org.repsim.scenario.run.Experiment;
import org.repsim.scenario.run.ExperimentPlan;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.run.RunOptions;
import org.repsim.scenario.run.SpooledTables;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * Model benchmarks ({@code repsim bench model|scaling|parallel}): programs that print figures,
 * on the reference scenarios shipped in {@code scenarios/bench/} (inside the jar as
 * {@code /bench/*.json}). Each figure comes from one JVM; ratios are taken within one run.
 */
public final class ModelBenchmark {
    /** Reference scenarios by their short name, in report order. */
    public static final List<String> REFERENCES = List.of("sync", "ordered", "cycle", "shuttle", "group64-shuttle",
            "group64-host");

    private ModelBenchmark() {
    }

    /** Figures of one run of one reference scenario. */
    /**
     * One run's figures; {@code peakHeapBytes} is the peak live heap (the most in use after a
     * collection during the run), {@code liveHeapBytes} the live heap at its end; {@code cpuS} the
     * CPU time of the thread that ran it (on a shared machine the wall time also counts the time
     * other processes held the cores; the CPU time does not, 0 where the JVM cannot measure it).
     */
    public record Figures(String name, long hostWrites, long events, double wallS, long peakHeapBytes, long liveHeapBytes,
            double cpuS) {
        double writesPerS() {
            return hostWrites / wallS;
        }

        /** Host writes per second of the simulating thread's CPU time (0 when unknown). */
        double writesPerCpuS() {
            return cpuS > 0 ? hostWrites / cpuS : 0;
        }

        double eventsPerS() {
            return events / wallS;
        }

        /** Kernel events per simulated host write: the model's work per unit of load. */
        double eventsPerWrite() {
            return hostWrites == 0 ? 0 : (double) events / hostWrites;
        }
    }

    /**
     * The reference scenario {@code name} ({@code sync}, {@code ordered}, {@code cycle}, {@code shuttle},
     * {@code group64-shuttle}, {@code group64-host}), with its own {@code run.duration} (1 min; 10 s for the
     * 64-box groups, which simulate 2 million writes per second).
     */
    public static ScenarioSource reference(String name) {
        String file = switch (name) {
            case "sync" -> "sync-2box.json";
            case "ordered" -> "ordered-2box.json";
            case "cycle" -> "cycle-2box.json";
            case "shuttle" -> "shuttle-8box.json";
            case "group64-shuttle" -> "group-64-shuttle.json";
            case "group64-host" -> "group-64-host.json";
            default -> throw new IllegalArgumentException("no reference scenario '" + name + "' (have " + REFERENCES + ")");
        };
        try (InputStream in = ModelBenchmark.class.getResourceAsStream("/bench/" + file)) {
            if (in == null) {
                throw new IllegalStateException("reference scenario /bench/" + file + " is missing from the build");
            }
            return ScenarioSource.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bench/" + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("reference scenario bench/" + file + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Simulated time between the live-heap samples of a heap run. */
    static final long HEAP_SAMPLE_NS = 15_000_000_000L;

    /**
     * Builds and runs one replication of {@code sc} on this thread with its heap figures: the peak
     * live heap — the live set after a full collection, sampled every
     * {@value #HEAP_SAMPLE_NS} ns of simulated time (a quarter of a shorter run) and at the end, the largest sample (not the
     * pools' peak usage, which counts garbage and grows with the young generation the collector
     * chose; nor the heap after the collector's own young collections, which counts old garbage
     * not yet marked) — and the live heap at the end. Those forced collections make the collector
     * resize the heap, which the next runs pay for in page faults as it grows again; timed runs
     * therefore use {@link #time} and take their heap figures from a run of this kind.
     */
    public static Figures measure(String name, Scenario sc) {
        HeapMeter.reset();
        long[] peak = {0};
        // a run shorter than a minute (the 64-box groups) is still sampled four times
        long step = Math.min(HEAP_SAMPLE_NS, Math.max(1, sc.run().durationNs() / 4));
        Timing t = time(sc, step, wallS -> peak[0] = Math.max(peak[0], HeapMeter.liveBytes()));
        long live = HeapMeter.usedAfterGcBytes();
        // keep the model reachable until the live heap was read
        java.lang.ref.Reference.reachabilityFence(t);
        return t.figures(name, Math.max(peak[0], live), live);
    }

    /** The wall time and work of one run, with the model kept until its live heap could be read. */
    record Timing(long hostWrites, long events, double wallS, double cpuS, Object model) {
        Timing withoutModel() {
            return new Timing(hostWrites, events, wallS, cpuS, null);
        }

        Figures figures(String name, long peakHeapBytes, long liveHeapBytes) {
            return new Figures(name, hostWrites, events, wallS, peakHeapBytes, liveHeapBytes, cpuS);
        }
    }

    /**
     * Builds and runs one replication of {@code sc} on this thread for its wall time, forcing
     * nothing on the collector. With {@code stepNs} > 0 the run advances in steps of that much
     * simulated time and {@code afterStep} gets the wall time of each step (stepping changes no
     * result: the kernel continues where it stopped; the time {@code afterStep} takes is in the
     * total but not in the next step's figure).
     */
    static Timing time(Scenario sc, long stepNs, java.util.function.DoubleConsumer afterStep) {
        return timeSteps(sc, stepNs, (wallS, built) -> afterStep.accept(wallS));
    }

    /** {@link #time(Scenario, long, java.util.function.DoubleConsumer)} whose step hook also sees the model. */
    static Timing timeSteps(Scenario sc, long stepNs, java.util.function.BiConsumer<Double, ScenarioModel.Built> afterStep) {
        // record tables spool to a file as in a run that writes results (a shuttle group's cycles
        // table grows by hundreds of rows per simulated second): the heap figures are a run's
        return withSpooledTables("repsim-bench-", tables -> {
            RunClock clock = new RunClock();
            ScenarioModel.Built built = ScenarioModel.build(sc, 0, sc.run().seed(), null, tables);
            long end = sc.run().durationNs();
            if (stepNs > 0) {
                long last = System.nanoTime();
                for (long t = Math.min(stepNs, end); ; t = Math.min(t + stepNs, end)) {
                    built.kernel.runUntil(t);
                    afterStep.accept((System.nanoTime() - last) / 1e9, built);
                    last = System.nanoTime();
                    if (t == end) {
                        break;
                    }
                }
            } else {
                built.kernel.runUntil(end);
            }
            return new Timing(hostWrites(built), built.kernel.eventsFired(), clock.wallS(), clock.cpuS(), built);
        });
    }

    /**
     * Builds {@code copies} replications of {@code sc} (seeds {@code seed}, {@code seed + 1}, …) and
     * runs them on this thread in turn, {@code sliceNs} of simulated time each, until all reached
     * the end: every copy does exactly the work it does alone (stepping changes no result), but the
     * copies' states compete for the processor's caches as the boxes of one group {@code copies}
     * times as large do. Figures are summed over the copies.
     */
    static Timing timeInterleaved(Scenario sc, int copies, long sliceNs) {
        if (copies < 1 || sliceNs < 1) {
            throw new IllegalArgumentException("need at least one copy and a positive slice: " + copies + ", " + sliceNs);
        }
        return withSpooledTables(copies, new ArrayList<>(), tables -> {
            RunClock clock = new RunClock();
            List<ScenarioModel.Built> built = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                built.add(ScenarioModel.build(sc, 0, sc.run().seed() + i, null, tables.get(i)));
            }
            long end = sc.run().durationNs();
            for (long t = Math.min(sliceNs, end); ; t = Math.min(t + sliceNs, end)) {
                for (ScenarioModel.Built b : built) {
                    b.kernel.runUntil(t);
                }
                if (t == end) {
                    break;
                }
            }
            double wall = clock.wallS();
            double cpu = clock.cpuS();
            long writes = 0;
            long events = 0;
            for (ScenarioModel.Built b : built) {
                writes += hostWrites(b);
                events += b.kernel.eventsFired();
            }
            return new Timing(writes, events, wall, cpu, built);
        });
    }

    /** {@link #withSpooledTables(String, java.util.function.Function)} for {@code n} more sets of tables, one directory each. */
    private static <T> T withSpooledTables(int n, List<SpooledTables> held,
            java.util.function.Function<List<SpooledTables>, T> body) {
        if (n == 0) {
            return body.apply(held);
        }
        return withSpooledTables("repsim-bench-", tables -> {
            held.add(tables);
            return withSpooledTables(n - 1, held, body);
        });
    }

    /** Wall time and this thread's CPU time since it was made. */
    private static final class RunClock {
        private final java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final long cpu0 = threads.getCurrentThreadCpuTime(); // -1 where not supported
        private final long wall0 = System.nanoTime();

        double wallS() {
            return (System.nanoTime() - wall0) / 1e9;
        }

        /** 0 where the JVM cannot measure a thread's CPU time. */
        double cpuS() {
            long cpu1 = threads.getCurrentThreadCpuTime();
            return cpu0 >= 0 && cpu1 >= 0 ? (cpu1 - cpu0) / 1e9 : 0;
        }
    }

    /** Runs {@code body} with record tables spooled to a temporary directory, removed afterwards. */
    private static <T> T withSpooledTables(String prefix, java.util.function.Function<SpooledTables, T> body) {
        Path spool;
        try {
            spool = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SpooledTables tables = new SpooledTables(spool)) {
            return body.apply(tables);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // a leftover empty temporary directory is harmless
            }
        }
    }

    /** Host writes completed after the warm-up, as the run's recording counts them. */
    private static long hostWrites(ScenarioModel.Built built) {
        long writes = 0;
        for (Metric m : built.recording.metrics(built.kernel.now())) {
            if (Measures.HOST_WRITES.matches(m.name())) {
                writes = (long) m.value();
            }
        }
        return writes;
    }

    private static Scenario resolve(ScenarioSource source, String duration) {
        return resolve(source, duration, List.of());
    }

    /**
     * {@code source} with {@code sets} ({@code PATH=VALUE}, as {@code repsim run --set} takes them,
     * in order) and then {@code duration} applied; a bad pair or value is an
     * {@link IllegalArgumentException} naming the path.
     */
    static Scenario resolve(ScenarioSource source, String duration, List<String> sets) {
        try {
            ScenarioSource s = source;
            for (String set : sets) {
                int eq = set.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set takes PATH=VALUE, e.g. 'links[wan].bandwidth=4 Gbit/s'; found '"
                            + set + "'");
                }
                s = s.with(set.substring(0, eq).trim(), set.substring(eq + 1));
            }
            if (duration != null) {
                s = s.with("run.duration", duration);
            }
            return s.resolve();
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Every name is a reference, and every reference named takes {@code duration} and {@code sets}:
     * a bad name, duration or {@code --set} fails before anything runs.
     */
    private static void checkReferences(List<String> names, String duration, List<String> sets) {
        for (String name : names) {
            if (!REFERENCES.contains(name)) {
                throw new IllegalArgumentException("no reference scenario '" + name + "' (have " + REFERENCES + ")");
            }
        }
        for (String name : names) {
            resolve(reference(name), duration, sets);
        }
    }

    /** Says, under a benchmark's header, that its figures are a variant's. */
    private static void printVariant(PrintStream out, List<String> sets) {
        if (!sets.isEmpty()) {
            out.println("variant (not the references' own figures): --set " + String.join(" --set ", sets));
        }
    }

    /**
     * {@code bench model}: the named reference scenarios, single thread, each measured
     * {@code repeat} times as {@link #runs} says; the run with the median writes per second is
     * reported (min and max beside it), for machines whose speed drifts.
     *
     * <p>With {@code fork} each scenario runs in a JVM of its own, started with this JVM's options
     * (as JMH forks): otherwise the scenarios measured first leave the JIT's profiles of the shared
     * code (stations, cache, kernel) shaped by their own call patterns and their garbage in the
     * heap, and the later ones are measured slower and with a higher peak heap than they run alone.
     */
    public static void model(PrintStream out, String duration, List<String> names, int repeat, boolean fork) {
        model(out, duration, List.of(), names, repeat, fork);
    }

    /**
     * As {@link #model(PrintStream, String, List, int, boolean)}, each reference with {@code sets}
     * ({@code PATH=VALUE}, as {@code repsim run --set}) applied: a variant of the references, e.g.
     * the cycle reference on a smaller volume. Every chosen reference must take every pair; the
     * header names them, since the figures are then not the references' own.
     */
    public static void model(PrintStream out, String duration, List<String> sets, List<String> names, int repeat,
                             boolean fork) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        checkReferences(names, duration, sets);
        out.println("repsim model benchmark: one replication per reference scenario, single thread, "
                + (fork ? "each in a fresh JVM, " : "all in this JVM, ")
                + "after a warm-up run of the same length (heap figures from one more run after them)"
                + (repeat > 1 ? "; median of " + repeat + " measured runs" : ""));
        printVariant(out, sets);
        out.println(jvm());
        List<Figures> all = new ArrayList<>();
        List<double[]> spreads = new ArrayList<>();
        for (String name : REFERENCES) {
            if (!names.contains(name)) {
                continue;
            }
            List<Figures> runs = fork ? BenchFork.runs(name, duration, sets, repeat) : runs(name, duration, sets, repeat);
            runs.sort(java.util.Comparator.comparingDouble(Figures::writesPerS));
            all.add(medianRun(runs, Figures::writesPerS));
            spreads.add(new double[] {runs.get(0).writesPerS(), runs.get(runs.size() - 1).writesPerS()});
        }
        out.printf(Locale.ROOT, "%-16s %14s %12s %9s %16s %14s %16s %14s %14s %15s%s%n", "scenario", "host writes", "events",
                "wall s", "writes/s (wall)", "events/s", "events-per-write", "peak live MiB", "end live MiB",
                "writes/cpu-s", repeat > 1 ? "   writes/s min .. max" : "");
        for (int i = 0; i < all.size(); i++) {
            Figures f = all.get(i);
            out.printf(Locale.ROOT, "%-16s %14d %12d %9.2f %16.0f %14.0f %16.3f %14.1f %14.1f %15.0f%s%n", f.name(),
                    f.hostWrites(), f.events(), f.wallS(), f.writesPerS(), f.eventsPerS(), f.eventsPerWrite(),
                    mib(f.peakHeapBytes()), mib(f.liveHeapBytes()), f.writesPerCpuS(),
                    repeat > 1 ? String.format(Locale.ROOT, "   %.0f .. %.0f", spreads.get(i)[0], spreads.get(i)[1]) : "");
        }
        StringBuilder last = new StringBuilder();
        for (Figures f : all) {
            last.append(String.format(Locale.ROOT, "%s-writes-per-s=%.0f ", f.name(), f.writesPerS()));
        }
        all.stream().filter(f -> f.name().equals("cycle")).findFirst().ifPresent(cycle ->
                last.append(String.format(Locale.ROOT, "cycle-peak-heap-mib=%.1f ", mib(cycle.peakHeapBytes()))));
        // the 64-box groups' heap figure is the larger of the two peaks (the issue's bound is for both)
        all.stream().filter(f -> f.name().startsWith("group64-")).mapToLong(Figures::peakHeapBytes).max().ifPresent(peak ->
                last.append(String.format(Locale.ROOT, "group64-peak-heap-mib=%.1f", mib(peak))));
        out.println(last.toString().strip());
    }

    /**
     * {@code repeat} timed runs of {@code duration}, in this JVM, after a warm-up run of the same
     * length and before a run for the heap figures. The warm-up is as long as a measured run
     * because a shorter one leaves whole phases to be compiled during the measurement (on the
     * cycle reference nothing is sent before the first switch at 15 s nor applied before the
     * second) and the heap to be grown to the run's working size. The timed runs force no
     * collection: the heap run's forced collections make the collector shrink the heap, which a
     * run after them pays for in page faults as it grows again, so it comes last and each timed
     * run carries its figures.
     */
    static List<Figures> runs(String name, String duration, int repeat) {
        return runs(name, duration, List.of(), repeat);
    }

    /** {@link #runs(String, String, int)} on the reference with {@code sets} applied ({@link #resolve(ScenarioSource, String, List)}). */
    static List<Figures> runs(String name, String duration, List<String> sets, int repeat) {
        Scenario sc = resolve(reference(name), duration, sets);
        time(sc, 0, null);
        List<Timing> timed = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            timed.add(time(sc, 0, null).withoutModel());
        }
        Figures heap = measure(name, sc);
        List<Figures> runs = new ArrayList<>();
        for (Timing t : timed) {
            runs.add(t.figures(name, heap.peakHeapBytes(), heap.liveHeapBytes()));
        }
        return runs;
    }

    /** One reference run's events by kind ({@link #census}). */
    public record Census(String name, long hostWrites, long events, Map<String, Long> byKind,
            Map<String, Long> sameInstantByKind, Map<String, Long> backToBackByKind, long joinedPosts) {
        /** Events of one kind per simulated host write. */
        public double perWrite(String kind) {
            return hostWrites == 0 ? 0 : (double) byKind.getOrDefault(kind, 0L) / hostWrites;
        }
    }

    /**
     * One run of {@code sc} on this thread with the kernel's event census on: the events fired,
     * by kind (the class of the event's action; a lambda under the class that declares it). The
     * census counts every event of the run loop, so the kinds sum to the run's events.
     */
    public static Census census(String name, Scenario sc) {
        return withSpooledTables("repsim-census-", tables -> {
            ScenarioModel.Built built = ScenarioModel.build(sc, 0, sc.run().seed(), null, tables);
            if (!(built.kernel instanceof org.repsim.core.kernel.dsol.DsolKernel kernel)) {
                throw new IllegalStateException("the event census needs the DSOL kernel, have "
                        + built.kernel.getClass().getName());
            }
            org.repsim.core.kernel.dsol.EventCensus census = kernel.census();
            kernel.runUntil(sc.run().durationNs());
            return new Census(name, hostWrites(built), census.total(), census.byKind(), census.sameInstantByKind(),
                    census.backToBackByKind(), kernel.joinedPosts());
        });
    }

    /**
     * {@code bench model --census}: one run of each named reference scenario in this JVM with the
     * event census on (not timed: counting costs a lookup per event), printing per scenario its
     * events per host write by kind, the most frequent first, and their total; and per kind the
     * events fired at the same instant as the one before of the same action class (what sharing
     * one event per instant could save at most), and of those the ones fired right after it.
     */
    public static void census(PrintStream out, String duration, List<String> names) {
        census(out, duration, List.of(), names);
    }

    /** {@link #census(PrintStream, String, List)} with {@code sets} applied to each reference, as in {@link #model}. */
    public static void census(PrintStream out, String duration, List<String> sets, List<String> names) {
        checkReferences(names, duration, sets);
        out.println("repsim event census: one run per reference scenario, events per host write by kind (the class of "
                + "the event's action; λ: lambdas declared in that class); same-instant: events of the kind at the "
                + "instant of the one before of the same action class; back-to-back: of those, the ones right after it "
                + "(nothing between them)");
        printVariant(out, sets);
        for (String name : REFERENCES) {
            if (!names.contains(name)) {
                continue;
            }
            Census c = census(name, resolve(reference(name), duration, sets));
            out.printf(Locale.ROOT, "%n%s: %d host writes, %d events, %.3f events per write%n", name, c.hostWrites(),
                    c.events(), c.hostWrites() == 0 ? 0 : (double) c.events() / c.hostWrites());
            out.printf(Locale.ROOT, "  %.3f event-list entries per write: %d events joined the entry of the last event "
                    + "posted for their instant and tie class%n",
                    c.hostWrites() == 0 ? 0 : (double) (c.events() - c.joinedPosts()) / c.hostWrites(), c.joinedPosts());
            out.printf(Locale.ROOT, "  %-40s %14s %16s %8s %14s %14s%n", "kind", "events", "events-per-write", "share",
                    "same-instant", "back-to-back");
            for (Map.Entry<String, Long> e : c.byKind().entrySet()) {
                out.printf(Locale.ROOT, "  %-40s %14d %16.3f %7.1f%% %14d %14d%n", e.getKey(), e.getValue(),
                        c.perWrite(e.getKey()), 100.0 * e.getValue() / Math.max(1, c.events()),
                        c.sameInstantByKind().get(e.getKey()), c.backToBackByKind().get(e.getKey()));
            }
        }
    }

    /** Rows of each table {@code bench model --profile} prints. */
    static final int PROFILE_ROWS = 12;
    /** Below this many samples in the run loop a profile's shares are marked as unsteady. */
    static final int FEW_SAMPLES = 200;

    /**
     * {@code bench model --profile}: each reference (with {@code sets}) once unrecorded, to warm the
     * JIT up, then once under a flight recording of execution samples; prints, per reference, the
     * share of the run loop's samples by event (the action running) and by method sampled
     * ({@link ExecutionProfile}). A developer's tool, like the census: where the time goes.
     */
    public static void profile(PrintStream out, String duration, List<String> sets, List<String> names) {
        checkReferences(names, duration, sets);
        boolean exact = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:+DebugNonSafepoints");
        out.println("repsim execution profile: one run per reference scenario after a warm-up run, in this JVM; JDK "
                + "Flight Recorder execution samples every " + ExecutionProfile.PERIOD.toMillis() + " ms, shares of "
                + "those in the kernel's run loop"
                + (exact ? "" : " (start the JVM with -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints to "
                        + "charge each sample to its exact method)"));
        printVariant(out, sets);
        for (String name : REFERENCES) {
            if (!names.contains(name)) {
                continue;
            }
            Scenario sc = resolve(reference(name), duration, sets);
            time(sc, 0, null);
            ExecutionProfile.Profile p = ExecutionProfile.record(() -> time(sc, 0, null));
            out.printf(Locale.ROOT, "%n%s: %d samples, %d in the run loop%s%n", name, p.samples(), p.inRunLoop(),
                    p.inRunLoop() < FEW_SAMPLES ? " (few: a longer --duration gives steadier shares)" : "");
            out.printf(Locale.ROOT, "  %-56s %8s %7s%n", "event running (the action's method)", "samples", "share");
            for (ExecutionProfile.Share e : p.events().subList(0, Math.min(PROFILE_ROWS, p.events().size()))) {
                out.printf(Locale.ROOT, "  %-56s %8d %6.1f%%%n", e.name(), e.samples(), 100 * p.share(e.samples()));
            }
            out.printf(Locale.ROOT, "  %-56s %8s %7s%n", "method sampled", "samples", "share");
            for (ExecutionProfile.Share f : p.frames().subList(0, Math.min(PROFILE_ROWS, p.frames().size()))) {
                out.printf(Locale.ROOT, "  %-56s %8d %6.1f%%%n", f.name(), f.samples(), 100 * p.share(f.samples()));
            }
        }
    }

    /** Simulated time each copy runs before the next takes its turn in {@code bench boxes}' interleaved row. */
    static final long INTERLEAVE_SLICE_NS = 100_000;

    /** The group sizes of {@code bench boxes}. */
    public static final List<Integer> GROUP_SIZES = List.of(8, 16, 32, 64);

    /** The 64-box group references, which {@link #groupCut} can cut to fewer boxes. */
    public static final List<String> GROUP_REFERENCES = List.of("group64-shuttle", "group64-host");

    /** The 64-box shuttle reference cut to its first {@code boxes} pairs: {@link #groupCut}. */
    public static ScenarioSource shuttleGroup(int boxes) {
        return groupCut("group64-shuttle", boxes);
    }

    /**
     * A 64-box group reference ({@link #GROUP_REFERENCES}) cut to its first {@code boxes} pairs (a
     * multiple of 8) with the same load per box: its first {@code boxes / 8} links (each serves
     * eight pairs), its open-loop rate scaled by {@code boxes / 64}, one dependent chain per
     * primary box.
     */
    public static ScenarioSource groupCut(String group, int boxes) {
        if (!GROUP_REFERENCES.contains(group)) {
            throw new IllegalArgumentException("'" + group + "' is not a group reference; the groups are "
                    + String.join(", ", GROUP_REFERENCES));
        }
        String kind = group.substring(group.indexOf('-') + 1);
        if (boxes < 8 || boxes > 64 || boxes % 8 != 0) {
            throw new IllegalArgumentException("a " + kind + " group of " + boxes + " boxes: need a multiple of 8 up to 64");
        }
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) reference(group).tree();
        tree.put("name", "bench-group-" + boxes + "-" + kind);
        keepFirst(tree.withArray("boxes"), b -> index(b.get("id").asText()) < boxes);
        keepFirst(tree.withArray("links"), l -> index(l.get("id").asText()) < boxes / 8);
        keepFirst((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("replication").get("pairs"),
                p -> index(p.get("primary").asText()) < boxes);
        for (var w : tree.withArray("workloads")) {
            keepFirst((com.fasterxml.jackson.databind.node.ArrayNode) w.get("volumes"), v -> index(v.asText()) < boxes);
            var arrival = (com.fasterxml.jackson.databind.node.ObjectNode) w.get("arrival");
            if (arrival.get("kind").asText().equals("open")) {
                long rate = Long.parseLong(arrival.get("rate").asText().replace("/s", ""));
                arrival.put("rate", rate * boxes / 64 + "/s");
            } else {
                arrival.put("streams", arrival.get("streams").asInt() * boxes / 64);
            }
        }
        try {
            return ScenarioSource.parse(tree.toString(), "bench/group-64-" + kind + ".json cut to " + boxes + " boxes");
        } catch (ScenarioException e) {
            throw new IllegalStateException("the " + kind + " group of " + boxes + " boxes is invalid: " + e.getMessage(), e);
        }
    }

    /** The number in an id such as {@code p12}, {@code s3}, {@code wan2} or {@code p5/db}. */
    private static int index(String id) {
        return Integer.parseInt(id.replaceAll("^[a-z]+([0-9]+).*$", "$1"));
    }

    private static void keepFirst(com.fasterxml.jackson.databind.node.ArrayNode array,
            java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> keep) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (!keep.test(array.get(i))) {
                array.remove(i);
            }
        }
    }

    /**
     * {@code bench boxes}: the shuttle group at 8, 16, 32 and 64 boxes with the same load per box
     * ({@link #shuttleGroup}), single thread, all in this JVM: a warm-up run of each size, then
     * {@code repeat} rounds of one timed run per size (sizes alternate, so a slow spell of the
     * machine weighs on all of them), then one heap run per size. Prints writes per second and the
     * peak live heap per size; the last line the 64-to-8 ratios of writes per second (medians) and
     * of peak live heap per box.
     */
    public static void boxes(PrintStream out, String duration, int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        List<Scenario> groups = new ArrayList<>();
        for (int n : GROUP_SIZES) {
            groups.add(resolve(shuttleGroup(n), duration));
        }
        out.println("repsim boxes benchmark: the shuttle group at " + GROUP_SIZES + " boxes, the same load per box, "
                + "single thread, all in this JVM; a warm-up run per size, " + repeat + " timed round(s), then a heap "
                + "run per size");
        out.println(jvm());
        for (Scenario sc : groups) {
            time(sc, 0, null);
        }
        List<List<Figures>> timed = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            timed.add(new ArrayList<>());
        }
        int copies = GROUP_SIZES.get(GROUP_SIZES.size() - 1) / GROUP_SIZES.get(0);
        String copiesName = copies + "x" + GROUP_SIZES.get(0);
        timeInterleaved(groups.get(0), copies, INTERLEAVE_SLICE_NS);
        List<Figures> interleaved = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < groups.size(); i++) {
                timed.get(i).add(time(groups.get(i), 0, null).figures(GROUP_SIZES.get(i) + "", 0, 0));
            }
            interleaved.add(timeInterleaved(groups.get(0), copies, INTERLEAVE_SLICE_NS).figures(copiesName, 0, 0));
        }
        out.printf(Locale.ROOT, "%-6s %14s %12s %9s %16s %16s %14s %14s %15s%s%n", "boxes", "host writes", "events", "wall s",
                "writes/s (wall)", "events-per-write", "peak live MiB", "MiB per box", "writes/cpu-s",
                repeat > 1 ? "   writes/s min .. max" : "");
        List<Figures> medians = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Figures heap = measure(GROUP_SIZES.get(i) + "", groups.get(i));
            List<Figures> runs = timed.get(i);
            runs.sort(java.util.Comparator.comparingDouble(Figures::writesPerS));
            Figures f = medianRun(runs, Figures::writesPerS);
            f = new Figures(f.name(), f.hostWrites(), f.events(), f.wallS(), heap.peakHeapBytes(), heap.liveHeapBytes(),
                    f.cpuS());
            medians.add(f);
            out.printf(Locale.ROOT, "%-6s %14d %12d %9.2f %16.0f %16.3f %14.1f %14.2f %15.0f%s%n", f.name(), f.hostWrites(),
                    f.events(), f.wallS(), f.writesPerS(), f.eventsPerWrite(), mib(f.peakHeapBytes()),
                    mib(f.peakHeapBytes()) / GROUP_SIZES.get(i), f.writesPerCpuS(),
                    repeat > 1 ? String.format(Locale.ROOT, "   %.0f .. %.0f", runs.get(0).writesPerS(),
                            runs.get(runs.size() - 1).writesPerS()) : "");
        }
        interleaved.sort(java.util.Comparator.comparingDouble(Figures::writesPerS));
        Figures copied = medianRun(interleaved, Figures::writesPerS);
        out.printf(Locale.ROOT, "%-6s %14d %12d %9.2f %16.0f %16.3f %14s %14s %15.0f%n", copied.name(), copied.hostWrites(),
                copied.events(), copied.wallS(), copied.writesPerS(), copied.eventsPerWrite(), "-", "-",
                copied.writesPerCpuS());
        Figures small = medians.get(0);
        Figures large = medians.get(medians.size() - 1);
        int smallBoxes = GROUP_SIZES.get(0);
        int largeBoxes = GROUP_SIZES.get(GROUP_SIZES.size() - 1);
        if (copied.cpuS() > 0 && large.cpuS() > 0 && small.cpuS() > 0) {
            // what the group's size costs beyond the processor caches its state needs: the large
            // group against as many small groups run in turn on this thread, whose states compete
            // for the caches the same way (docs/performance.md, "Why 64 boxes cost more per write")
            out.printf(Locale.ROOT, "by thread CPU time: writes-per-cpu-s-ratio-%s-interleaved-to-%d=%.3f "
                            + "writes-per-cpu-s-ratio-64-to-%s-interleaved=%.3f%n", copiesName, smallBoxes,
                    copied.writesPerCpuS() / small.writesPerCpuS(), copiesName,
                    large.writesPerCpuS() / copied.writesPerCpuS());
        }
        if (small.cpuS() > 0 && large.cpuS() > 0) {
            // the same ratio by the simulating thread's CPU time: on a shared machine, without the
            // time other processes held the cores during one size's runs and not the other's
            out.printf(Locale.ROOT, "by thread CPU time: writes-per-cpu-s-ratio-64-to-8=%.3f%n",
                    large.writesPerCpuS() / small.writesPerCpuS());
        }
        out.printf(Locale.ROOT, "writes-per-s-ratio-64-to-8=%.3f heap-per-box-ratio-64-to-8=%.3f%n",
                large.writesPerS() / small.writesPerS(),
                ((double) large.peakHeapBytes() / largeBoxes) / ((double) small.peakHeapBytes() / smallBoxes));
    }

    /** {@code bench heap}'s default run: long enough for the groups' caches to fill (about 170 s at their load per box). */
    public static final String HEAP_DEFAULT_DURATION = "240 s";

    /**
     * {@code bench heap}: a group reference cut to {@code boxes} boxes ({@link #groupCut}, the
     * 64-box reference's load per box) run for {@code duration} on this thread, the live heap
     * after a full collection read {@code samples} times at equal steps of simulated time. A
     * group's heap grows with the tracks its caches hold until they are full, so the reference's
     * own 10 s says little about an hour; this shows the climb and where it levels off. Prints a
     * row per sample (simulated time, live heap, per box); the last line the last sample per box,
     * its projection to 64 boxes (the heap per box does not depend on the group's size: {@code
     * bench boxes}, heap per box 64-to-8) and the growth over the last step, which is near zero
     * once the caches are full (docs/performance.md, "The heap of a long run").
     */
    public static void heap(PrintStream out, String group, int boxes, String duration, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
        }
        Scenario sc = resolve(groupCut(group, boxes), duration == null ? HEAP_DEFAULT_DURATION : duration);
        long end = sc.run().durationNs();
        long step = Math.max(1, end / samples);
        out.println("repsim heap benchmark: " + group + " cut to " + boxes + " boxes for "
                + formatSeconds(end) + " s simulated, live heap after a full collection every "
                + formatSeconds(step) + " s");
        out.println(jvm());
        out.printf(Locale.ROOT, "%14s %14s %14s %16s%n", "simulated s", "live MiB", "MiB per box", "caches' slots MiB");
        HeapMeter.reset();
        List<long[]> rows = new ArrayList<>();
        long[] at = {0};
        timeSteps(sc, step, (wallS, built) -> {
            at[0] = Math.min(end, at[0] + step);
            long live = HeapMeter.liveBytes();
            long caches = 0;
            for (org.repsim.model.Box b : built.topology.boxes().values()) {
                caches += b.cache().slotMemoryBytes();
            }
            rows.add(new long[] {at[0], live, caches});
            out.printf(Locale.ROOT, "%14s %14.1f %14.2f %16.1f%n", formatSeconds(at[0]), mib(live), mib(live) / boxes,
                    mib(caches));
        });
        long[] last = rows.get(rows.size() - 1);
        double perBox = mib(last[1]) / boxes;
        double before = rows.size() > 1 ? mib(rows.get(rows.size() - 2)[1]) / boxes : 0;
        int largest = GROUP_SIZES.get(GROUP_SIZES.size() - 1);
        out.printf(Locale.ROOT, "heap-per-box-mib=%.2f group%d-heap-mib=%.1f growth-last-step=%s%n", perBox, largest,
                perBox * largest, rows.size() > 1 && before > 0
                        ? String.format(Locale.ROOT, "%.3f", perBox / before - 1) : "n/a");
        // the caches' slot arrays and indexes now, and what they take full (what `repsim validate --memory`
        // prints and `repsim run` checks against the heap): the share of the heap the forecast covers
        double caches = mib(last[2]) / boxes;
        double full = mib(CacheMemory.bytes(sc)) / boxes;
        out.printf(Locale.ROOT, "caches-mib-per-box=%.2f caches-when-full-mib-per-box=%.2f caches-share-of-heap=%.3f%n",
                caches, full, caches / perBox);
    }

    private static String formatSeconds(long ns) {
        return java.math.BigDecimal.valueOf(ns, 9).stripTrailingZeros().toPlainString();
    }

    /** The longest duration of the issue's scaling figures, in minutes: 1, 2, 4 and 8. */
    public static final int SCALING_MINUTES = 8;

    /**
     * {@code bench scaling --longest N}: a reference scenario at 1, 2, 4, … {@code longestMinutes}
     * minutes of simulated time (a power of two, at least 8). The last line's figures are always
     * those of 1 to 8 minutes, as the issue defines them; longer runs add the ratio of each
     * further doubling, which shows where the model's start-up transient has worn off.
     */
    public static void scaling(PrintStream out, String name, int repeat, int longestMinutes) {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        if (longestMinutes < SCALING_MINUTES || Integer.bitCount(longestMinutes) != 1) {
            throw new IllegalArgumentException("--longest must be a power of two of at least " + SCALING_MINUTES
                    + " (minutes), got " + longestMinutes);
        }
        ScenarioSource source = reference(name);
        out.println(jvm());
        out.println("reference: " + name);
        List<String> durations = new ArrayList<>();
        for (int m = 1; m <= longestMinutes; m *= 2) {
            durations.add(m + " min");
        }
        int issueRuns = Integer.numberOfTrailingZeros(SCALING_MINUTES) + 1; // 1, 2, 4, 8 min
        // a warm-up long enough for the JIT to compile every phase of the run and for the heap to
        // grow to its working size; nothing is forced on the collector until the timed runs are done
        time(resolve(source, "2 min"), 0, null);
        List<List<Figures>> byDuration = new ArrayList<>();
        for (int i = 0; i < durations.size(); i++) {
            byDuration.add(new ArrayList<>());
        }
        List<Double> minutes = new ArrayList<>();
        out.printf(Locale.ROOT, "timed runs:%n%-8s %12s %12s %9s %12s%n", "duration", "host writes", "events", "wall s",
                "ns/event");
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < durations.size(); i++) {
                String d = durations.get(i);
                boolean longest = i == durations.size() - 1;
                if (longest) {
                    minutes.clear(); // the minutes of the last longest run
                }
                Figures f = time(resolve(source, d), longest ? 60_000_000_000L : 0, minutes::add).figures(d, 0, 0);
                byDuration.get(i).add(f);
                out.printf(Locale.ROOT, "%-8s %12d %12d %9.2f %12.1f%n", d, f.hostWrites(), f.events(), f.wallS(),
                        nsPerEvent(f));
            }
        }
        // then one run per duration for the heap figures (with forced collections, which a timed
        // run must not follow)
        out.printf(Locale.ROOT, "heap runs:%n%-8s %12s %14s %14s%n", "duration", "host writes", "peak live MiB",
                "end live MiB");
        List<Figures> heap = new ArrayList<>();
        for (String d : durations) {
            Figures f = measure(d, resolve(source, d));
            heap.add(f);
            out.printf(Locale.ROOT, "%-8s %12d %14.1f %14.1f%n", d, f.hostWrites(), mib(f.peakHeapBytes()),
                    mib(f.liveHeapBytes()));
        }
        // with --repeat: each duration's median run by wall time (for an even count the slower middle one)
        List<Figures> runs = new ArrayList<>();
        for (List<Figures> same : byDuration) {
            runs.add(medianRun(same, Figures::wallS));
        }
        if (repeat > 1) {
            StringBuilder medians = new StringBuilder();
            for (Figures f : runs) {
                medians.append(String.format(Locale.ROOT, " %.2f", f.wallS()));
            }
            out.printf(Locale.ROOT, "median wall s of %d runs per duration:%s%n", repeat, medians);
        }
        StringBuilder each = new StringBuilder();
        for (int i = 1; i < runs.size(); i++) {
            each.append(String.format(Locale.ROOT, " %s→%s %.3f", runs.get(i - 1).name().replace(" min", ""),
                    runs.get(i).name(), runs.get(i).wallS() / runs.get(i - 1).wallS()));
        }
        out.printf(Locale.ROOT, "wall time ratio of each doubling:%s%n", each);
        List<Figures> issue = runs.subList(0, issueRuns);
        double perDoubling = perDoubling(issue, Figures::wallS);
        double eventsPerDoubling = perDoubling(issue, f -> (double) f.events());
        double nsPerEventRatio = nsPerEvent(issue.get(issueRuns - 1)) / nsPerEvent(issue.get(0));
        StringBuilder perMinute = new StringBuilder();
        for (double m : minutes) {
            perMinute.append(String.format(Locale.ROOT, " %.2f", m));
        }
        out.printf(Locale.ROOT, "wall s of each simulated minute of the %s run:%s%n", durations.get(durations.size() - 1),
                perMinute);
        out.printf(Locale.ROOT, "events ratio per doubling, 1 to 8 min = %.3f (the work itself: a model starts empty, e.g. "
                + "in cycle mode no cycle is sent before the first switch nor applied before the second)%n",
                eventsPerDoubling);
        out.printf(Locale.ROOT, "ns per event, 8 min / 1 min = %.3f (the simulator's own cost per unit of work)%n",
                nsPerEventRatio);
        if (runs.size() > issueRuns) {
            List<Figures> later = runs.subList(1, runs.size());
            out.printf(Locale.ROOT, "time ratio per doubling from %s to %s = %.3f, events %.3f (past the first minute's "
                    + "transient)%n", later.get(0).name(), later.get(later.size() - 1).name(),
                    perDoubling(later, Figures::wallS), perDoubling(later, f -> (double) f.events()));
            out.printf(Locale.ROOT, "heap, %s / 1 min: peak live %.3f%n", durations.get(durations.size() - 1),
                    (double) heap.get(heap.size() - 1).peakHeapBytes() / heap.get(0).peakHeapBytes());
        }
        double peakRatio = (double) heap.get(issueRuns - 1).peakHeapBytes() / heap.get(0).peakHeapBytes();
        double endRatio = (double) heap.get(issueRuns - 1).liveHeapBytes() / heap.get(0).liveHeapBytes();
        out.printf(Locale.ROOT, "heap, 8 min / 1 min: peak live %.3f, live at the end %.3f%n", peakRatio, endRatio);
        out.printf(Locale.ROOT, "time-ratio-per-doubling=%.3f heap-ratio=%.3f%n", perDoubling, peakRatio);
    }

    /** The run in the middle by {@code key} (for an even count the upper of the two middle ones). */
    private static Figures medianRun(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> key) {
        List<Figures> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(key));
        return sorted.get(sorted.size() / 2);
    }

    private static double nsPerEvent(Figures f) {
        return f.wallS() * 1e9 / f.events();
    }

    /** The JVM and its garbage collectors: figures depend on both. */
    static String jvm() {
        List<String> collectors = new ArrayList<>();
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        return "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", cores: "
                + Runtime.getRuntime().availableProcessors() + ", max heap: "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, collectors: " + String.join(", ", collectors);
    }

    /** Geometric mean of the ratios of consecutive runs' {@code value}. */
    private static double perDoubling(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> value) {
        double product = 1;
        for (int i = 1; i < runs.size(); i++) {
            product *= value.applyAsDouble(runs.get(i)) / value.applyAsDouble(runs.get(i - 1));
        }
        return Math.pow(product, 1.0 / (runs.size() - 1));
    }

    /** {@code bench parallel}: 8 replications of the cycle reference with one thread and with all cores. */
    public static void parallel(PrintStream out, String duration, int repeat) throws IOException {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        Scenario sc = resolve(reference("cycle"), duration);
        int cores = Runtime.getRuntime().availableProcessors();
        ExperimentPlan plan = new ExperimentPlan(sc.name(), "bench", "{}", sc.run().seed(), 8, 0, sc.run().durationNs(),
                sc.report().sampleEveryNs(), List.of(new PlanPoint("p000", new LinkedHashMap<>(), sc)), List.of());
        out.println(jvm());
        time(sc, 0, null); // warm-up: one replication of the measured length, so every phase is compiled
        // pairs of runs back to back, so a pair sees the same machine: the ratio of each pair,
        // median over the pairs
        double[] speedups = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            Map<Integer, Double> wall = new LinkedHashMap<>();
            for (int threads : new int[] {1, cores}) {
                Path dir = Files.createTempDirectory("repsim-bench-parallel");
                long t0 = System.nanoTime();
                Experiment.run(plan, new ScenarioModel(null), RunOptions.into(dir).withThreads(threads).withQuiet(true));
                wall.put(threads, (System.nanoTime() - t0) / 1e9);
                deleteTree(dir);
                out.printf(Locale.ROOT, "8 replications, %d thread(s): %.2f s%n", threads, wall.get(threads));
            }
            speedups[r] = wall.get(1) / wall.get(cores);
        }
        double[] sorted = speedups.clone();
        Arrays.sort(sorted);
        if (repeat > 1) {
            out.printf(Locale.ROOT, "speedup of each pair: %s; median of %d%n",
                    String.join(" ", Arrays.stream(speedups).mapToObj(x -> String.format(Locale.ROOT, "%.3f", x)).toList()),
                    repeat);
        }
        out.printf(Locale.ROOT, "speedup=%.3f cores=%d%n", median(sorted), cores);
    }

    /** The middle of sorted values (mean of the two middle ones for an even count). */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
