package org.repsim.model;

import org.repsim.core.collect.ColumnRing;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;

/**
 * {@code c} identical servers fed by one FIFO queue; each job brings its own service time.
 *
 * <p>Invariants: a job starts service only when a server is free and every job that arrived
 * before it has started (FIFO); {@code busy ≤ c}; the queue is non-empty only while all
 * servers are busy. Service times are multiplied by the slowdown factor in force when the job
 * starts service (docs/model.md §7 processor slowdown); jobs already in service keep their time.
 *
 * <p>Memory: ring buffers sized by the largest queue seen; completions use one preallocated
 * action per server, so a job costs no allocation besides its kernel event.
 *
 * <p>Completions go through a {@link SameInstantCompletions} when the station has one: a job
 * started inside its window shares its completion event with the others of the same instant
 * (same results, fewer events).
 */
final class FifoStation {
    private final Scheduler scheduler;
    private final StationObserver observer;
    /** Where completions are posted, or null: straight to the scheduler. */
    private final SameInstantCompletions completions;
    private final int servers;
    private double slowdown = 1.0;

    // waiting jobs: arrival time (long0), service time (long1), completion action
    private final ColumnRing queue = new ColumnRing(2, 0, true, 16);

    // per server: the job in service
    private final long[] sArrivalNs;
    private final Runnable[] sDone;
    private final Runnable[] sComplete;
    private final int[] freeServers;
    private int freeCount;
    private int busy;

    FifoStation(Scheduler scheduler, int servers, StationObserver observer) {
        this(scheduler, servers, observer, null);
    }

    /** A station whose completions are posted through {@code completions} (null: to the scheduler). */
    FifoStation(Scheduler scheduler, int servers, StationObserver observer, SameInstantCompletions completions) {
        if (servers < 1) {
            throw new IllegalArgumentException("server count must be ≥ 1: " + servers);
        }
        this.scheduler = scheduler;
        this.servers = servers;
        this.observer = observer;
        this.completions = completions;
        this.sArrivalNs = new long[servers];
        this.sDone = new Runnable[servers];
        this.sComplete = new Runnable[servers];
        this.freeServers = new int[servers];
        for (int i = 0; i < servers; i++) {
            final int server = i;
            sComplete[i] = () -> complete(server);
            freeServers[i] = servers - 1 - i;
        }
        this.freeCount = servers;
    }

    void submit(long serviceNs, Runnable onDone) {
        if (serviceNs < 0) {
            throw new IllegalArgumentException("negative service time: " + serviceNs + " ns");
        }
        long now = scheduler.now();
        if (freeCount > 0) {
            observer.onArrival(now, false, queue.size(), busy);
            start(now, now, serviceNs, onDone, false);
        } else {
            queue.add(now, serviceNs, onDone);
            observer.onArrival(now, true, queue.size(), busy);
        }
    }

    private void start(long now, long arrivalNs, long serviceNs, Runnable onDone, boolean fromQueue) {
        int server = freeServers[--freeCount];
        busy++;
        sArrivalNs[server] = arrivalNs;
        sDone[server] = onDone;
        observer.onStart(now, now - arrivalNs, fromQueue, queue.size(), busy);
        long doneNs = now + Durations.scale(serviceNs, slowdown);
        if (completions != null) {
            completions.post(doneNs, sComplete[server]);
        } else {
            scheduler.post(doneNs, Tie.DEPARTURE, sComplete[server]);
        }
    }

    private void complete(int server) {
        long now = scheduler.now();
        Runnable done = sDone[server];
        long arrival = sArrivalNs[server];
        sDone[server] = null;
        busy--;
        freeServers[freeCount++] = server;
        if (!queue.isEmpty()) {
            int h = queue.first();
            long qa = queue.long0(h);
            long qs = queue.long1(h);
            Runnable qd = queue.action(h);
            queue.removeFirst();
            start(now, qa, qs, qd, true);
        }
        observer.onDeparture(now, now - arrival, queue.size(), busy);
        done.run();
    }

    void setSlowdown(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("slowdown factor must be positive and finite: " + factor);
        }
        this.slowdown = factor;
    }

    double slowdown() {
        return slowdown;
    }

    int servers() {
        return servers;
    }

    int waiting() {
        return queue.size();
    }

    int busy() {
        return busy;
    }

    /** Capacity of the waiting-room buffer (grows only with the longest queue seen). */
    int bufferCapacity() {
        return queue.capacity();
    }
}
