package org.repsim.model;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.measure.SignalKeys;

/**
 * A processor pool (docs/model.md §1): {@code c} identical servers, one FIFO queue, service times
 * from a {@link Sampler} (ns) or given per job by the caller.
 *
 * <p>Signals ({@code <prefix>.…}): {@code queue} (level, jobs waiting), {@code busy} (level,
 * busy servers), {@code inSystem} (level, waiting + in service), {@code wait} (observation,
 * ns from arrival to start of service), {@code response} (observation, ns from arrival to
 * departure). By Little's law, time-average {@code inSystem} = departure rate × mean
 * {@code response} on any path that starts and ends empty.
 */
public final class Processor {
    private final String name;
    private final Sampler serviceNs;
    private final FifoStation station;

    /**
     * @param prefix    signal prefix, e.g. {@code box.r1.hostAdapters}
     * @param servers   number of identical servers, ≥ 1
     * @param serviceNs service-time law in ns, used by {@link #submit(Runnable)}; may be null when
     *                  every caller gives explicit service times
     */
    public Processor(Scheduler scheduler, Signals signals, String prefix, int servers, Sampler serviceNs) {
        if (servers < 1) {
            throw new IllegalArgumentException("processor " + prefix + ": count must be ≥ 1, got " + servers);
        }
        this.name = prefix;
        this.serviceNs = serviceNs;
        Signal queue = signals.declare(prefix, SignalKeys.Processor.QUEUE);
        Signal busy = signals.declare(prefix, SignalKeys.Processor.BUSY);
        Signal inSystem = signals.declare(prefix, SignalKeys.Processor.IN_SYSTEM);
        Signal wait = signals.declare(prefix, SignalKeys.Processor.WAIT);
        Signal response = signals.declare(prefix, SignalKeys.Processor.RESPONSE);
        Emitter emitter = new Emitter(queue, busy, inSystem, wait, response);
        signals.onSeal(emitter::seal);
        this.station = new FifoStation(scheduler, servers, emitter);
    }

    /**
     * Emits the pool's signals from targets held in its own fields: before {@link Signals#seal}
     * each target is the signal itself; once sealed an unrecorded signal's target is null and a
     * level recorded by one statistic is that statistic, so an emit loads no object that does
     * not record it. Recording never changes what the pool does, only what reaches the
     * statistics, and the same values reach them either way. A
     * processor is touched once per I/O of its box, and with 64 boxes every object it touches
     * is usually out of the processor caches by then.
     */
    private static final class Emitter implements StationObserver {
        private final Signal queue;
        private final Signal busy;
        private final Signal inSystem;
        private final Signal wait;
        private final Signal response;
        private Signal queueOut;
        private Signal busyOut;
        private TimeWeighted busyLevel;
        private Signal inSystemOut;
        private TimeWeighted inSystemLevel;
        private Signal waitOut;
        private Signal responseOut;

        Emitter(Signal queue, Signal busy, Signal inSystem, Signal wait, Signal response) {
            this.queue = queue;
            this.busy = busy;
            this.inSystem = inSystem;
            this.wait = wait;
            this.response = response;
            this.queueOut = queue;
            this.busyOut = busy;
            this.inSystemOut = inSystem;
            this.waitOut = wait;
            this.responseOut = response;
        }

        void seal() {
            queueOut = queue.ifRecorded();
            busyLevel = busy.soleLevel();
            busyOut = busy.ifRecordedBeyondSoleLevel();
            inSystemLevel = inSystem.soleLevel();
            inSystemOut = inSystem.ifRecordedBeyondSoleLevel();
            waitOut = wait.ifRecorded();
            responseOut = response.ifRecorded();
        }

        @Override
        public void onArrival(long nowNs, boolean queued, int waiting, int busyServers) {
            Signal.emit(queueOut, nowNs, waiting);
            // a job that does not queue starts service at once: count it already
            Signal.emit(inSystemLevel, inSystemOut, nowNs, waiting + busyServers + (queued ? 0 : 1));
        }

        @Override
        public void onStart(long nowNs, long waitNs, boolean fromQueue, int waiting, int busyServers) {
            Signal.emit(waitOut, nowNs, waitNs);
            Signal.emit(queueOut, nowNs, waiting);
            Signal.emit(busyLevel, busyOut, nowNs, busyServers);
        }

        @Override
        public void onDeparture(long nowNs, long responseNs, int waiting, int busyServers) {
            Signal.emit(responseOut, nowNs, responseNs);
            Signal.emit(busyLevel, busyOut, nowNs, busyServers);
            Signal.emit(inSystemLevel, inSystemOut, nowNs, waiting + busyServers);
        }
    }

    /** Queues a job whose service time is drawn from the processor's law; {@code onDone} runs at its departure. */
    public void submit(Runnable onDone) {
        if (serviceNs == null) {
            throw new IllegalStateException("processor " + name + " has no service-time law: give the service time");
        }
        station.submit(serviceNs.sampleLong(), onDone);
    }

    /** Queues a job of explicit service time (ns, before slowdown); {@code onDone} runs at its departure. */
    public void submit(long serviceNs, Runnable onDone) {
        station.submit(serviceNs, onDone);
    }

    /** Processor slowdown fault (docs/model.md §7): services starting from now take {@code factor} × their time. */
    public void setSlowdown(double factor) {
        station.setSlowdown(factor);
    }

    public double slowdown() {
        return station.slowdown();
    }

    public String name() {
        return name;
    }

    public int servers() {
        return station.servers();
    }

    /** Jobs waiting (not in service). */
    public int waiting() {
        return station.waiting();
    }

    /** Servers busy. */
    public int busy() {
        return station.busy();
    }

    public int inSystem() {
        return station.waiting() + station.busy();
    }

    /** The service-time law, or null. */
    public Sampler serviceLaw() {
        return serviceNs;
    }
}
