package org.repsim.model;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
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
    private final Signal queue;
    private final Signal busy;
    private final Signal inSystem;
    private final Signal wait;
    private final Signal response;

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
        this.queue = signals.declare(prefix, SignalKeys.Processor.QUEUE);
        this.busy = signals.declare(prefix, SignalKeys.Processor.BUSY);
        this.inSystem = signals.declare(prefix, SignalKeys.Processor.IN_SYSTEM);
        this.wait = signals.declare(prefix, SignalKeys.Processor.WAIT);
        this.response = signals.declare(prefix, SignalKeys.Processor.RESPONSE);
        this.station = new FifoStation(scheduler, servers, new StationObserver() {
            @Override
            public void onArrival(long nowNs, boolean queued, int waiting, int busyServers) {
                queue.emit(nowNs, waiting);
                // a job that does not queue starts service at once: count it already
                inSystem.emit(nowNs, waiting + busyServers + (queued ? 0 : 1));
            }

            @Override
            public void onStart(long nowNs, long waitNs, boolean fromQueue, int waiting, int busyServers) {
                wait.emit(nowNs, waitNs);
                queue.emit(nowNs, waiting);
                busy.emit(nowNs, busyServers);
            }

            @Override
            public void onDeparture(long nowNs, long responseNs, int waiting, int busyServers) {
                response.emit(nowNs, responseNs);
                busy.emit(nowNs, busyServers);
                inSystem.emit(nowNs, waiting + busyServers);
            }
        });
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
