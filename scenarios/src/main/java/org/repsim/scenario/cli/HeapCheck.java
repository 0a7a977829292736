package org.repsim.scenario.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.repsim.scenario.build.CacheMemory;
import org.repsim.scenario.spec.SweepPoint;

/**
 * Before a run starts: whether the caches of the replications it runs at once would, once full,
 * take most of the JVM's heap. A run long enough to fill them would then stop with an out-of-memory
 * error hours in; a warning before it starts costs nothing. The figure is {@link CacheMemory}'s —
 * exact for what it counts, a lower bound of what such a run needs.
 */
final class HeapCheck {
    /** Warn when the caches alone would take more than this share of the maximum heap. */
    static final double SHARE = 0.8;

    private HeapCheck() {
    }

    /**
     * The warning for a run of {@code replications} replications of each point on {@code threads}
     * threads in a JVM whose maximum heap is {@code maxHeapBytes}, or empty when the caches of the
     * replications that can run at once fit in {@link #SHARE} of it.
     */
    static Optional<String> warning(List<SweepPoint> points, int replications, int threads, long maxHeapBytes) {
        return warning(points, replications, threads, Heap.ofThisJvm(maxHeapBytes));
    }

    /** Whose heap a check is against, and how a user gets more of it. */
    record Heap(long bytes, String whose, String more, String fewer, String prefix) {
        /** The JVM running the command: {@code repsim run}. */
        static Heap ofThisJvm(long maxHeapBytes) {
            return ofThisJvm(maxHeapBytes, "repsim");
        }

        /** The JVM running the command, for a command whose messages start with {@code prefix}. */
        static Heap ofThisJvm(long maxHeapBytes, String prefix) {
            return new Heap(maxHeapBytes, "this JVM's maximum heap", "give Java more heap (java -Xmx<size> -jar repsim.jar …)",
                    "--threads 1", prefix);
        }

        /** A Slurm task's JVM, started with {@code -XX:MaxRAMPercentage=75} under {@code sbatch --mem}: {@code repsim slurm}. */
        static Heap ofSlurmTask(long memBytes, String mem) {
            return new Heap(memBytes / 4 * 3, "a task's heap (75 % of --mem " + mem + ")",
                    "ask for more memory per task (--mem)", "--cpus-per-task 1", "repsim slurm");
        }
    }

    /** {@link #warning(List, int, int, long)} against {@code heap}. */
    static Optional<String> warning(List<SweepPoint> points, int replications, int threads, Heap heap) {
        long maxHeapBytes = heap.bytes();
        record Point(String id, int caches, long slots, long bytes) {
        }
        List<Point> byBytes = new ArrayList<>();
        for (SweepPoint p : points) {
            CacheMemory.Totals t = CacheMemory.totals(p.scenario());
            byBytes.add(new Point(p.id(), t.caches(), t.slots(), t.bytes()));
        }
        byBytes.sort(Comparator.comparingLong(Point::bytes).reversed().thenComparing(Point::id));
        // the replications that may run at once: threads of them, the largest points' first
        long atOnce = Math.min(threads, (long) points.size() * replications);
        long total = 0;
        long left = atOnce;
        for (Point p : byBytes) {
            long n = Math.min(left, replications);
            total += n * p.bytes();
            left -= n;
            if (left == 0) {
                break;
            }
        }
        if (total <= SHARE * maxHeapBytes) {
            return Optional.empty();
        }
        Point top = byBytes.get(0);
        String caches = top.caches() + (top.caches() == 1 ? " cache, " : " caches, ") + top.slots() + " slots";
        String what = atOnce == 1
                ? "this run's caches take up to " + mib(total) + " once full (point " + top.id()
                        + ": " + caches + ")"
                : "the caches of the " + atOnce + " replications that run at once take up to " + mib(total)
                        + " once full (the largest point, " + top.id() + ": " + caches + ", "
                        + mib(top.bytes()) + " a replication)";
        return Optional.of(heap.prefix() + ": warning: " + what + ", and the rest of the model takes more; " + heap.whose()
                + " is " + mib(maxHeapBytes) + ". A run long enough to fill the caches will run out of memory: "
                + heap.more() + (atOnce > 1 ? " or run fewer replications at once (" + heap.fewer() + ")" : "")
                + ". See docs/performance.md \"Memory\".");
    }

    /** E.g. {@code 2816.0 MiB}. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
