package org.repsim.scenario.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands each replication a {@link ProgressSink} that turns its cumulative reports into deltas
 * for the shared {@link ProgressDisplay}, and throws {@link ExperimentCancelled} into it once
 * the experiment is cancelled.
 */
final class ProgressTracker {
    private final ProgressDisplay display;
    private final long replicationNs;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    ProgressTracker(ProgressDisplay display, long replicationNs) {
        this.display = display;
        this.replicationNs = replicationNs;
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    Replication replication() {
        return new Replication();
    }

    /** One replication's sink; used by one thread only. */
    final class Replication implements ProgressSink {
        private long reportedNs;
        private long reportedEvents;

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
