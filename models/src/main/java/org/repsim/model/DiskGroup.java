package org.repsim.model;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.measure.SignalKeys;

/**
 * A disk group (docs/model.md §1 back end): {@code n} devices, each a single FIFO server with the
 * group's {@link DiskModel}.
 *
 * <p>Placement [design]: track {@code t} lives on device {@code floorMod(t, n)} (striping by
 * track), so the device of an address never changes.
 *
 * <p>RAID write penalty [design]: a write costs {@code writePenalty} device operations, run
 * back to back on the track's device as one job — the device is busy for the sum of
 * {@code writePenalty} service times (each drawn separately) and the write completes after the
 * last one. A read is one operation.
 *
 * <p>Signals ({@code <prefix>.…}): {@code queue} (level, operations waiting over all devices),
 * {@code busy} (level, busy devices), {@code inSystem} (level), {@code response} (observation,
 * ns from request to completion), {@code reads}/{@code writes} (counts).
 */
public final class DiskGroup {
    private final String name;
    private final Scheduler scheduler;
    private final DiskModel model;
    private final int writePenalty;
    private final FifoStation[] devices;
    private final Signal queue;
    private final Signal busy;
    private final Signal inSystem;
    private final Signal response;
    private final Signal reads;
    private final Signal writes;
    private int waitingTotal;
    private int busyTotal;

    public DiskGroup(Scheduler scheduler, Signals signals, String prefix, int devices, DiskModel model, int writePenalty) {
        if (devices < 1) {
            throw new IllegalArgumentException("disk group " + prefix + ": devices must be ≥ 1, got " + devices);
        }
        if (writePenalty < 1) {
            throw new IllegalArgumentException("disk group " + prefix + ": RAID write penalty must be ≥ 1, got " + writePenalty);
        }
        this.name = prefix;
        this.scheduler = scheduler;
        this.model = model;
        this.writePenalty = writePenalty;
        this.queue = signals.declare(prefix, SignalKeys.DiskGroup.QUEUE);
        this.busy = signals.declare(prefix, SignalKeys.DiskGroup.BUSY);
        this.inSystem = signals.declare(prefix, SignalKeys.DiskGroup.IN_SYSTEM);
        this.response = signals.declare(prefix, SignalKeys.DiskGroup.RESPONSE);
        this.reads = signals.declare(prefix, SignalKeys.DiskGroup.READS);
        this.writes = signals.declare(prefix, SignalKeys.DiskGroup.WRITES);
        this.devices = new FifoStation[devices];
        StationObserver observer = new StationObserver() {
            @Override
            public void onArrival(long nowNs, boolean queued, int waiting, int busyServers) {
                if (queued) {
                    waitingTotal++;
                    queue.emit(nowNs, waitingTotal);
                }
                // a job that does not queue starts service at once: count it already
                inSystem.emit(nowNs, waitingTotal + busyTotal + (queued ? 0 : 1));
            }

            @Override
            public void onStart(long nowNs, long waitNs, boolean fromQueue, int waiting, int busyServers) {
                if (fromQueue) {
                    waitingTotal--;
                    queue.emit(nowNs, waitingTotal);
                }
                busyTotal++;
                busy.emit(nowNs, busyTotal);
            }

            @Override
            public void onDeparture(long nowNs, long responseNs, int waiting, int busyServers) {
                busyTotal--;
                busy.emit(nowNs, busyTotal);
                inSystem.emit(nowNs, waitingTotal + busyTotal);
                response.emit(nowNs, responseNs);
            }
        };
        for (int i = 0; i < devices; i++) {
            this.devices[i] = new FifoStation(scheduler, 1, observer);
        }
    }

    /** Reads {@code bytes} of {@code track}; {@code done} runs when the device finished. */
    public void read(long track, long bytes, Runnable done) {
        reads.emit(scheduler.now(), 1);
        device(track).submit(model.serviceNs(bytes), done);
    }

    /** Writes {@code bytes} of {@code track} with the RAID write penalty; {@code done} runs after the last device operation. */
    public void write(long track, long bytes, Runnable done) {
        writes.emit(scheduler.now(), 1);
        long service = 0;
        for (int i = 0; i < writePenalty; i++) {
            service += model.serviceNs(bytes);
        }
        device(track).submit(service, done);
    }

    /** Index of the device holding {@code track}. */
    public int deviceOf(long track) {
        return (int) Math.floorMod(track, (long) devices.length);
    }

    private FifoStation device(long track) {
        return devices[deviceOf(track)];
    }

    public String name() {
        return name;
    }

    public int devices() {
        return devices.length;
    }

    public int writePenalty() {
        return writePenalty;
    }

    /** Operations waiting over all devices. */
    public int waiting() {
        return waitingTotal;
    }

    /** Devices busy. */
    public int busy() {
        return busyTotal;
    }
}
