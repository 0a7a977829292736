package org.repsim.scenario.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as lines, for a run whose stderr is no terminal (a batch job's log, {@code nohup}, a
 * Slurm task's output file), where a bar cannot redraw: a line once the run has lasted
 * {@link #FIRST}, then one every {@link #EVERY}, each with the share of the simulated time done,
 * the events per second so far and the time left at that pace; and a last line when a run that
 * printed any ends. A run shorter than {@link #FIRST} prints nothing.
 */
final class LogProgress implements ProgressDisplay {
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofMinutes(5);

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long firstNanos;
    private final long everyNanos;
    private long totalNs;
    private int replications;
    private long startedAt;
    private long nextLineAt;
    private long doneNs;
    private long events;
    private boolean printed;

    LogProgress(PrintStream out) {
        this(out, System::nanoTime, FIRST, EVERY);
    }

    LogProgress(PrintStream out, LongSupplier nanoClock, Duration first, Duration every) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.firstNanos = first.toNanos();
        this.everyNanos = every.toNanos();
    }

    @Override
    public synchronized void start(long totalSimulatedNs, int replicationCount) {
        totalNs = totalSimulatedNs;
        replications = replicationCount;
        startedAt = nanoClock.getAsLong();
        nextLineAt = startedAt + firstNanos;
    }

    @Override
    public synchronized void advance(long simulatedNs, long firedEvents) {
        doneNs += simulatedNs;
        events += firedEvents;
        long now = nanoClock.getAsLong();
        if (now - nextLineAt < 0 || doneNs <= 0 || totalNs <= 0) {
            return;
        }
        double elapsedS = (now - startedAt) / 1e9;
        double share = Math.min(1, (double) doneNs / totalNs);
        double leftS = elapsedS * (totalNs - Math.min(doneNs, totalNs)) / doneNs;
        out.println(String.format(Locale.ROOT, "repsim: %.1f %% of the simulated time done (%s of %s s over %d %s) in %s, "
                        + "%.2f M events/s; about %s left at this pace",
                100 * share, seconds(doneNs), seconds(totalNs), replications,
                replications == 1 ? "replication" : "replications", clock(elapsedS), events / elapsedS / 1e6,
                clock(leftS)));
        out.flush();
        printed = true;
        while (now - nextLineAt >= 0) {
            nextLineAt += everyNanos;
        }
    }

    @Override
    public synchronized void close() {
        if (printed) {
            double elapsedS = (nanoClock.getAsLong() - startedAt) / 1e9;
            out.println(String.format(Locale.ROOT, "repsim: %s of %s s simulated in %s, %.2f M events/s",
                    seconds(Math.min(doneNs, totalNs)), seconds(totalNs), clock(elapsedS), events / elapsedS / 1e6));
            out.flush();
            printed = false;
        }
    }

    /** Simulated seconds, to the millisecond, without trailing zeros: {@code 3600}, {@code 0.25}. */
    static String seconds(long ns) {
        return java.math.BigDecimal.valueOf(Math.round(ns / 1e6), 3).stripTrailingZeros().toPlainString();
    }

    /** E.g. {@code 45 s}, {@code 12 min 5 s}, {@code 3 h 07 min}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
