package org.repsim.core.kernel.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.kernel.dsol.StockDsolBenchmark;

/**
 * The kernel benchmark ({@code repsim bench kernel}): events per second of (a) a bare
 * {@link java.util.PriorityQueue} loop, (b) DSOL's stock {@code DevsSimulator}, (c) the repsim
 * kernel, on an M/M/1 queue (one or two pending events) and on a hold model with 8 000 (the
 * event list of a 64-box consistency group) and 10^5 pending events. All three run the
 * same model logic and the same random numbers; each figure is the median of several timed
 * repetitions after JIT warm-up, all in one JVM.
 */
public final class KernelBenchmark {
    /** Events per measured run. */
    static final long EVENTS = 2_000_000;
    static final int HOLD_PENDING = 100_000;
    /** About the pending events of the 64-box consistency group references. */
    static final int GROUP_HOLD_PENDING = 8_000;
    private static final int WARMUPS = 2;
    private static final int REPETITIONS = 5;
    private static final long SEED = 20261123L;

    private KernelBenchmark() {
    }

    /** Figures of one workload: events per second of each variant (medians). */
    record Figures(String workload, double bare, double dsol, double repsim) {
        double vsBare() {
            return repsim / bare;
        }

        double vsDsol() {
            return repsim / dsol;
        }
    }

    /** Runs the benchmark and prints a table; the last line is machine-readable. */
    public static void run(PrintStream out) {
        out.println("repsim kernel benchmark: " + EVENTS + " events per run, median of " + REPETITIONS
                + " runs after " + WARMUPS + " warm-up runs, single thread");
        out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", cores: " + Runtime.getRuntime().availableProcessors());
        Figures mm1 = measure("M/M/1 (rho=0.9)", Variant.MM1, 0);
        Figures groupHold = measure("hold (" + GROUP_HOLD_PENDING + " pending)", Variant.HOLD, GROUP_HOLD_PENDING);
        Figures hold = measure("hold (" + HOLD_PENDING + " pending)", Variant.HOLD, HOLD_PENDING);
        out.println();
        out.printf(Locale.ROOT, "%-24s %16s %16s %16s %8s %8s%n", "workload", "(a) bare PQ ev/s", "(b) DSOL ev/s",
                "(c) repsim ev/s", "c/a", "c/b");
        for (Figures f : new Figures[] {mm1, groupHold, hold}) {
            out.printf(Locale.ROOT, "%-24s %16.0f %16.0f %16.0f %8.2f %8.2f%n", f.workload(), f.bare(), f.dsol(),
                    f.repsim(), f.vsBare(), f.vsDsol());
        }
        out.printf(Locale.ROOT, "kernel-ratio-vs-bare=%.3f kernel-ratio-vs-dsol=%.3f%n", mm1.vsBare(), mm1.vsDsol());
    }

    private enum Variant { MM1, HOLD }

    private static Figures measure(String name, Variant v, int pending) {
        // interleave the variants so that machine noise hits all three alike
        double[] bare = new double[REPETITIONS];
        double[] dsol = new double[REPETITIONS];
        double[] repsim = new double[REPETITIONS];
        for (int i = -WARMUPS; i < REPETITIONS; i++) {
            double b = EVENTS * 1e9 / runBare(v, pending);
            double d = EVENTS * 1e9 / runStockDsol(v, pending);
            double r = EVENTS * 1e9 / runRepsim(v, pending);
            if (i >= 0) {
                bare[i] = b;
                dsol[i] = d;
                repsim[i] = r;
            }
        }
        return new Figures(name, median(bare), median(dsol), median(repsim));
    }

    static long runBare(Variant v, int pending) {
        BareScheduler s = new BareScheduler();
        build(v, pending, s, s::stop);
        long t0 = System.nanoTime();
        s.run();
        return System.nanoTime() - t0;
    }

    static long runRepsim(Variant v, int pending) {
        SimulationKernel k = DsolKernel.create();
        build(v, pending, k, k::stop);
        long t0 = System.nanoTime();
        k.runUntil(Long.MAX_VALUE / 2);
        return System.nanoTime() - t0;
    }

    static long runStockDsol(Variant v, int pending) {
        return v == Variant.MM1 ? StockDsolBenchmark.mm1(EVENTS, SEED) : StockDsolBenchmark.hold(EVENTS, pending, SEED);
    }

    private static void build(Variant v, int pending, org.repsim.core.kernel.Scheduler s, Runnable stop) {
        if (v == Variant.MM1) {
            new BenchModels.MM1(s, stop, EVENTS, SEED);
        } else {
            new BenchModels.Hold(s, stop, EVENTS, pending, SEED);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Entry point for running without the CLI: {@code java -cp ... KernelBenchmark}. */
    public static void main(String[] args) {
        run(System.out);
    }
}
