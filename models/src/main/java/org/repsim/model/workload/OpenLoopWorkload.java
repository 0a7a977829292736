package org.repsim.model.workload;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.model.HostIo;

/**
 * Open-loop arrivals (docs/model.md §2): I/Os arrive by an {@link ArrivalProcess}, time-changed by a
 * {@link RateProfile}, whatever the response times. All its I/Os belong to one stream and
 * carry no chain index (chains need closed loops). Arrivals fire at tie class ARRIVAL; the
 * arrival instants are kept as doubles and rounded to the ns when scheduled.
 */
public final class OpenLoopWorkload implements Workload {
    private final String id;
    private final Scheduler scheduler;
    private final Host host;
    private final IoGenerator generator;
    private final ArrivalProcess arrivals;
    private final RateProfile profile;
    private final int streamId;
    private final Runnable arrive = this::onArrival;
    private final java.util.function.Consumer<HostIo> ignore = io -> { };
    private double nextNs;
    private long untilNs;

    public OpenLoopWorkload(String id, Scheduler scheduler, IoGenerator generator, ArrivalProcess arrivals,
                            RateProfile profile) {
        this.id = id;
        this.scheduler = scheduler;
        this.host = generator.host();
        this.generator = generator;
        this.arrivals = arrivals;
        this.profile = profile == null ? RateProfile.constant() : profile;
        this.streamId = host.newStream();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start(long fromNs, long untilNs) {
        this.untilNs = untilNs;
        this.nextNs = profile.advance(fromNs, arrivals.nextGapNs());
        schedule();
    }

    private void schedule() {
        long t = Math.round(nextNs);
        if (t < untilNs) {
            scheduler.post(Math.max(t, scheduler.now()), Tie.ARRIVAL, arrive);
        }
    }

    private void onArrival() {
        host.issue(generator.next(streamId, -1), ignore);
        nextNs = profile.advance(nextNs, arrivals.nextGapNs());
        schedule();
    }

    public int streamId() {
        return streamId;
    }
}
