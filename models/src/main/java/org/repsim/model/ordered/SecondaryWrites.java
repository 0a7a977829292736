package org.repsim.model.ordered;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.signal.Signal;

/**
 * The secondary's side of each write command (docs/model.md §4) [product]: once through its remote
 * adapter (the port's path), the cache write, the task's record {@code lastSeq} (an arrival with {@code seq ≠ lastSeq + 1} is
 * out of order), then the acknowledgement back over the link, which frees the port's slot.
 */
final class SecondaryWrites {
    private final OrderedReplication engine;
    private final Scheduler scheduler;
    private final OrderedConfig config;
    private final long trackSizeBytes;
    private final Signal outOfOrderSignal;
    private final Signal writtenSignal;
    private long outOfOrder;
    private long written;

    SecondaryWrites(OrderedReplication engine, Scheduler scheduler, OrderedConfig config, long trackSizeBytes,
                    Signal outOfOrderSignal, Signal writtenSignal) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.config = config;
        this.trackSizeBytes = trackSizeBytes;
        this.outOfOrderSignal = outOfOrderSignal;
        this.writtenSignal = writtenSignal;
    }

    void onArrival(Subtask s) {
        Relationship rel = s.task.rel;
        rel.secondaryVolume.box().cache().write(s.track + rel.trackShift, 1, () -> onWritten(s));
    }

    private void onWritten(Subtask s) {
        long now = scheduler.now();
        engine.image.landed(engine.space, s.track, s.version);
        Task task = s.task;
        if (task.written(s.seq)) {
            engine.image.chainViolation();
        }
        // the secondary's record per task [product]: anything but lastSeq + 1 is out of order
        if (s.seq != task.lastSeqWritten + 1) {
            outOfOrder++;
            outOfOrderSignal.emit(now, 1);
        }
        task.lastSeqWritten = Math.max(task.lastSeqWritten, s.seq);
        task.writtenCount++;
        written++;
        writtenSignal.emit(now, 1);
        SecuredBacklog backlog = engine.backlog;
        if (task.pass) {
            task.rel.outOfSync.secure(s.node);
            backlog.add(now, -1, -trackSizeBytes);
        } else {
            backlog.add(now, -1, -s.bytes);
            if (task.writtenCount == task.count) {
                backlog.onHostTaskSecured(task);
            }
        }
        backlog.updateSecuredUpTo(now);
        Port port = s.port;
        port.back.send(config.ackBytes(), () -> onAcknowledged(s));
        if (s.cacheBytes > 0) {
            // the secondary has it: its copy leaves the primary's cache (docs/model.md §4); last, since
            // the room it frees may admit waiting host writes at once
            engine.releaseCopy(s);
        }
    }

    private void onAcknowledged(Subtask s) {
        s.port.release();
        Task task = s.task;
        task.ackedCount++;
        if (task.pass && task.ackedCount == task.count) {
            engine.passes.onAcknowledged(task);
        }
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long written() {
        return written;
    }
}
