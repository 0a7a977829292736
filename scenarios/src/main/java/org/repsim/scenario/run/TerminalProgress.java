package org.repsim.scenario.run;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (me.tongfei progressbar): simulated seconds done over all
 * replications, the events/s rate and the ETA. Short runs stay silent: the bar appears only once
 * the run has lasted {@link #SHOW_AFTER}.
 */
final class TerminalProgress implements ProgressDisplay {
    static final Duration SHOW_AFTER = Duration.ofSeconds(3);

    private final AtomicLong doneNs = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private long totalNs;
    private long startedAtNanos;
    private ProgressBar bar;

    @Override
    public synchronized void start(long totalSimulatedNs, int replications) {
        totalNs = totalSimulatedNs;
        startedAtNanos = System.nanoTime();
    }

    @Override
    public void advance(long simulatedNs, long firedEvents) {
        long done = doneNs.addAndGet(simulatedNs);
        long fired = events.addAndGet(firedEvents);
        long elapsed = System.nanoTime() - startedAtNanos;
        ProgressBar b = barAfter(elapsed, done);
        if (b != null) {
            b.stepTo(done / 1_000_000);
            b.setExtraMessage(String.format(Locale.ROOT, "%.2fM events/s", fired / (elapsed / 1e9) / 1e6));
        }
    }

    private synchronized ProgressBar barAfter(long elapsedNanos, long done) {
        if (bar == null && elapsedNanos >= SHOW_AFTER.toNanos()) {
            bar = new ProgressBarBuilder()
                    .setTaskName("simulating")
                    .setInitialMax(totalNs / 1_000_000)
                    .setUnit(" s", 1000)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .startsFrom(done / 1_000_000, Duration.ofNanos(elapsedNanos))
                    .build();
        }
        return bar;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
