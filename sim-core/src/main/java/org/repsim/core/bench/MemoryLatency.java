package org.repsim.core.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code repsim bench memory}: how long one load takes when the next address depends on it, by the
 * size of the memory the loads wander over (docs/performance.md, "What the speed targets would
 * take"). A simulation's look-ups into large per-box tables are loads of this kind: where a table
 * outgrows the processor's caches, each costs about the latency printed for its size.
 *
 * <p>Method: an {@code int} array of the size, one entry per 64-byte line used, holding the index of
 * the next line of one random cycle through all of them (Sattolo's algorithm, fixed seed), walked
 * {@code loads} times after a quarter as many unmeasured loads. No two lines of the walk are
 * adjacent in a pattern the hardware prefetchers could follow.
 */
public final class MemoryLatency {
    /** Ints per 64-byte line: the walk uses the first int of each line. */
    static final int LINE_INTS = 16;
    /** Sizes of {@code bench memory} by default, MiB. */
    public static final List<Integer> DEFAULT_SIZES_MIB = List.of(1, 2, 4, 8, 16, 32, 64, 256, 1024);
    /** Measured loads per size by default. */
    public static final long DEFAULT_LOADS = 10_000_000L;
    /** A size "fits the caches" while its latency is at most this many times the smallest size's. */
    static final double FIT_FACTOR = 2.0;

    /** One size's figure. */
    public record Row(int sizeMib, double nsPerLoad) {
    }

    private MemoryLatency() {
    }

    /**
     * The walk over {@code lines} lines: entry {@code LINE_INTS × i} holds {@code LINE_INTS × next(i)},
     * where {@code next} is one cycle through every line (Sattolo's algorithm with {@code seed}).
     */
    static int[] walk(int lines, long seed) {
        if (lines < 2) {
            throw new IllegalArgumentException("a walk needs at least 2 lines, got " + lines);
        }
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = lines - 1; i > 0; i--) {
            int j = random.nextInt(i); // j < i: a single cycle
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] memory = new int[lines * LINE_INTS];
        for (int i = 0; i < lines; i++) {
            memory[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
        }
        return memory;
    }

    /** Walks {@code loads} steps from entry 0 and returns where it ended (so the loads are kept). */
    static int chase(int[] memory, long loads) {
        int p = 0;
        for (long i = 0; i < loads; i++) {
            p = memory[p];
        }
        return p;
    }

    /** Nanoseconds per dependent load over {@code sizeMib} MiB. */
    public static double nsPerLoad(int sizeMib, long loads) {
        int lines = (int) (sizeMib * 1024L * 1024L / (4L * LINE_INTS));
        int[] memory = walk(lines, 1);
        int sink = chase(memory, Math.max(1, loads / 4));
        long t0 = System.nanoTime();
        sink += chase(memory, loads);
        long ns = System.nanoTime() - t0;
        if (sink == -1) {
            throw new AssertionError(); // never: entries are non-negative; keeps the walk from being dropped
        }
        return (double) ns / loads;
    }

    /**
     * The largest size whose latency is at most {@link #FIT_FACTOR} × the smallest size's, before
     * the first that is above it: what the caches hold for loads of this kind; -1 for no rows.
     */
    static int fitsCachesUpToMib(List<Row> rows) {
        if (rows.isEmpty()) {
            return -1;
        }
        double base = rows.get(0).nsPerLoad();
        int fit = rows.get(0).sizeMib();
        for (Row r : rows) {
            if (r.nsPerLoad() > FIT_FACTOR * base) {
                break;
            }
            fit = r.sizeMib();
        }
        return fit;
    }

    /**
     * Measures every size of {@code sizesMib} (ascending; those over half the maximum heap are
     * skipped, and said so), one row each, and a last line
     * {@code fits-caches-up-to-mib=… memory-ns-per-load=…} (the largest size's latency).
     */
    public static List<Row> run(PrintStream out, List<Integer> sizesMib, long loads) {
        if (sizesMib.isEmpty()) {
            throw new IllegalArgumentException("no sizes to measure");
        }
        if (loads < 1) {
            throw new IllegalArgumentException("loads must be at least 1, got " + loads);
        }
        int previous = 0;
        for (int size : sizesMib) {
            if (size < 1 || size > 8192) {
                throw new IllegalArgumentException("sizes are 1 to 8192 MiB, got " + size);
            }
            if (size <= previous) {
                throw new IllegalArgumentException("sizes must ascend, got " + size + " after " + previous);
            }
            previous = size;
        }
        long room = Runtime.getRuntime().maxMemory() / 2;
        out.println("repsim memory benchmark: nanoseconds per load whose address depends on the one before, "
                + "over a random cycle of 64-byte lines, by memory size; " + loads + " loads per size");
        out.printf(Locale.ROOT, "%10s %14s%n", "MiB", "ns per load");
        List<Row> rows = new ArrayList<>();
        for (int size : sizesMib) {
            if (size * 1024L * 1024L > room) {
                out.printf(Locale.ROOT, "%10d %14s%n", size, "skipped: over half the maximum heap (-Xmx)");
                continue;
            }
            Row r = new Row(size, nsPerLoad(size, loads));
            rows.add(r);
            out.printf(Locale.ROOT, "%10d %14.1f%n", r.sizeMib(), r.nsPerLoad());
        }
        if (rows.isEmpty()) {
            out.println("fits-caches-up-to-mib=- memory-ns-per-load=-");
        } else {
            out.printf(Locale.ROOT, "fits-caches-up-to-mib=%d memory-ns-per-load=%.1f%n", fitsCachesUpToMib(rows),
                    rows.get(rows.size() - 1).nsPerLoad());
        }
        return rows;
    }
}
