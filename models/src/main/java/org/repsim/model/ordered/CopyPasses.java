package org.repsim.model.ordered;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;

/**
 * Copy passes of the relationships (docs/model.md §4) [product/design]: a pass takes the
 * out-of-sync tracks in ascending order as seq {@code 0..n-1} (at most {@code passMaxTracks}) and
 * clears them; the next pass starts only when the previous one is fully acknowledged, and no
 * earlier than {@code passIntervalNs} after that.
 */
final class CopyPasses {
    private final OrderedReplication engine;
    private final Scheduler scheduler;
    private final OrderedConfig config;
    private final long trackSizeBytes;
    private final Signal passDurationSignal;
    private long passes;

    CopyPasses(OrderedReplication engine, Scheduler scheduler, OrderedConfig config, long trackSizeBytes,
               Signal passDurationSignal) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.config = config;
        this.trackSizeBytes = trackSizeBytes;
        this.passDurationSignal = passDurationSignal;
    }

    void startIfDue(Relationship rel, long now) {
        if (rel.currentPass != null || rel.outOfSync.markedCount() == 0) {
            return;
        }
        if (now < rel.nextPassNs) {
            if (!rel.passTimerSet) {
                rel.passTimerSet = true;
                scheduler.at(rel.nextPassNs, Tie.NORMAL, () -> {
                    rel.passTimerSet = false;
                    startIfDue(rel, scheduler.now());
                });
            }
            return;
        }
        OutOfSyncSet.Taken taken = rel.outOfSync.take(config.passMaxTracks());
        int[] tracks = taken.tracks();
        int n = tracks.length;
        Task pass = engine.dispatch.newTask(rel, n, true, now);
        rel.currentPass = pass;
        passes++;
        engine.dispatch.emitActiveTasks(now);
        long base = rel.primaryVolume.firstTrack();
        for (int seq = 0; seq < n; seq++) {
            Subtask sub = new Subtask(pass, seq, base + tracks[seq], trackSizeBytes);
            sub.node = taken.nodes()[seq];
            engine.dispatch.prepare(sub);
        }
    }

    /** Every subtask of {@code pass} is acknowledged: the relationship's next pass may start. */
    void onAcknowledged(Task pass) {
        long now = scheduler.now();
        passDurationSignal.emit(now, now - pass.startNs);
        Relationship rel = pass.rel;
        rel.currentPass = null;
        rel.nextPassNs = now + config.passIntervalNs();
        startIfDue(rel, now);
    }

    long passes() {
        return passes;
    }
}
