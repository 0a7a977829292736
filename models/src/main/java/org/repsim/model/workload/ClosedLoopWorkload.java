package org.repsim.model.workload;

import java.util.function.Consumer;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.random.Sampler;
import org.repsim.model.HostIo;

/**
 * Closed-loop streams (docs/model.md §2): each of {@code streams} streams issues its next I/O a think
 * time after the previous one completed. With {@code dependent}, each stream's writes form a
 * chain of dependent writes: write k carries (streamId, k) and is issued only after write
 * k − 1 was acknowledged, possibly by another box (docs/model.md §2, §6).
 */
public final class ClosedLoopWorkload implements Workload {
    private final String id;
    private final Scheduler scheduler;
    private final Host host;
    private final IoGenerator generator;
    private final Sampler thinkNs;
    private final boolean dependent;
    private final Stream[] streams;
    private long untilNs;

    /** One stream: its id, its chain position, and its preallocated actions. */
    private final class Stream {
        final int streamId;
        long chainIndex;
        final Runnable issue = this::issue;
        final Consumer<HostIo> completed = this::onCompleted;

        Stream(int streamId) {
            this.streamId = streamId;
        }

        void issue() {
            HostIo io = generator.next(streamId, dependent ? chainIndex : -1);
            if (io.write() && dependent) {
                chainIndex++;
            }
            host.issue(io, completed);
        }

        void onCompleted(HostIo io) {
            long think = thinkNs == null ? 0 : thinkNs.sampleLong();
            long at = scheduler.now() + think;
            if (at < untilNs) {
                scheduler.post(at, Tie.ARRIVAL, issue);
            }
        }
    }

    /**
     * @param streams  number of streams, ≥ 1
     * @param thinkNs  think time law in ns between a completion and the next issue (null = none)
     */
    public ClosedLoopWorkload(String id, Scheduler scheduler, IoGenerator generator, int streams, Sampler thinkNs,
                              boolean dependent) {
        if (streams < 1) {
            throw new IllegalArgumentException("workload " + id + ": streams must be ≥ 1, got " + streams);
        }
        this.id = id;
        this.scheduler = scheduler;
        this.host = generator.host();
        this.generator = generator;
        this.thinkNs = thinkNs;
        this.dependent = dependent;
        this.streams = new Stream[streams];
        for (int i = 0; i < streams; i++) {
            this.streams[i] = new Stream(host.newStream());
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start(long fromNs, long untilNs) {
        this.untilNs = untilNs;
        if (fromNs < untilNs) {
            for (Stream s : streams) {
                scheduler.post(fromNs, Tie.ARRIVAL, s.issue);
            }
        }
    }

    /** Stream id of stream {@code i} of this workload. */
    public int streamId(int i) {
        return streams[i].streamId;
    }

    public int streams() {
        return streams.length;
    }
}
