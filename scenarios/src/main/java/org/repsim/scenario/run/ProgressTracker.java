package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.repsim.core.result.TimeSeries;

/**
 * Hands each replication a {@link ProgressSink} that turns its cumulative reports into deltas
 * for the shared {@link ProgressDisplay}, and throws {@link ExperimentCancelled} into it once
 * the experiment is cancelled.
 */
final class ProgressTracker {
    /** How often a running replication rewrites its {@link RunFiles#PROGRESS} file (wall time). */
    static final long PROGRESS_FILE_EVERY_NANOS = 60_000_000_000L;

    private final ProgressDisplay display;
    private final long replicationNs;
    private final LongSupplier nanoClock;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    ProgressTracker(ProgressDisplay display, long replicationNs) {
        this(display, replicationNs, System::nanoTime);
    }

    ProgressTracker(ProgressDisplay display, long replicationNs, LongSupplier nanoClock) {
        this.display = display;
        this.replicationNs = replicationNs;
        this.nanoClock = nanoClock;
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    Replication replication() {
        return new Replication(null);
    }

    /**
     * A sink that also keeps {@link RunFiles#PROGRESS} in {@code dir} (the replication's directory)
     * up to date every {@link #PROGRESS_FILE_EVERY_NANOS} of wall time, for {@code repsim status},
     * and appends the time series' rows sampled since to {@link RunFiles#SERIES_PART}, for
     * {@code repsim report --partial}; writing the replication's results removes both.
     */
    Replication replication(Path dir) {
        return new Replication(dir);
    }

    /** One replication's sink; used by one thread only. */
    final class Replication implements ProgressSink {
        private final Path dir;
        private final long startedAt = nanoClock.getAsLong();
        private long nextFileAt = startedAt + PROGRESS_FILE_EVERY_NANOS;
        private long reportedNs;
        private long reportedEvents;
        private TimeSeries series;
        /** Rows of {@link #series} in {@link RunFiles#SERIES_PART} so far; −1: the part is not started. */
        private int seriesRowsWritten = -1;
        /** The replication's spooled tables, whose rows so far go to their parts with each progress file; may be null. */
        private SpooledTables tables;

        private Replication(Path dir) {
            this.dir = dir;
        }

        @Override
        public void onProgress(long simulatedNowNs, long eventsFired) {
            if (cancelled.get() || Thread.currentThread().isInterrupted()) {
                throw new ExperimentCancelled();
            }
            long now = Math.min(Math.max(simulatedNowNs, 0), replicationNs);
            long dt = Math.max(0, now - reportedNs);
            long de = Math.max(0, eventsFired - reportedEvents);
            reportedNs += dt;
            reportedEvents += de;
            if (dt > 0 || de > 0) {
                display.advance(dt, de);
            }
            if (dir != null) {
                long wall = nanoClock.getAsLong();
                if (wall - nextFileAt >= 0) {
                    nextFileAt = wall + PROGRESS_FILE_EVERY_NANOS;
                    writeProgress(wall);
                }
            }
        }

        @Override
        public void onSeries(TimeSeries sampled) {
            this.series = sampled;
        }

        /** With each progress file, writes {@code spooled}'s rows so far to their parts (a partial report reads them). */
        void spooling(SpooledTables spooled) {
            this.tables = spooled;
        }

        /**
         * Best effort: a progress file that cannot be written must not stop the replication. The
         * series' new rows go first, so that the progress file never promises rows the part lacks.
         */
        private void writeProgress(long wall) {
            if (tables != null) {
                // as when a block of rows fills: a table file that cannot be written fails the replication
                tables.flushRows();
            }
            try {
                if (series != null) {
                    seriesRowsWritten = RunFiles.appendSeriesPart(dir, series, seriesRowsWritten);
                }

                new ReplicationProgress(reportedNs / 1e9, replicationNs / 1e9, reportedEvents, (wall - startedAt) / 1e9)
                        .write(dir);
            } catch (IOException e) {
                // the next report tries again (a part whose append failed is started over)
                seriesRowsWritten = -1;
            }
        }

        /** Counts the rest of the replication's simulated time as done (models may report coarsely). */
        void finish() {
            if (reportedNs < replicationNs) {
                display.advance(replicationNs - reportedNs, 0);
                reportedNs = replicationNs;
            }
        }
    }
}
