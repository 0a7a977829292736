package org.repsim.model;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Recording;
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
 * <p>RAID write phases ({@link RaidLevel}): a write runs its read phase (raid5, raid6) as
 * parallel operations on the track's device and the next ones, then its write phase likewise;
 * each operation is a job of its device's FIFO queue with its own service time, and a phase ends
 * when its last operation does. The write completes at the end of its write phase. A read is one
 * operation on the track's device. The operations of one phase that end at the same instant (the
 * usual case on idle devices of a deterministic model) share one kernel event
 * ({@link SameInstantCompletions}); results are those of one event per operation.
 *
 * <p>Once the group {@link #recordThrough records through} a {@link Recording} (the scenario
 * runner's case), its devices know when they finish ({@link BusyUntilDevices}): a phase, a read
 * or a raid=none write posts ONE kernel event, at the end of its last operation, and the signals
 * below are emitted late, settled before each submission and before the recording reads them.
 * Phase ends, signal values and their timestamps are those of one event per operation; only the
 * place of a phase's event among other events of its instant can differ (it is posted at the
 * submission, not at its last operation's start).
 *
 * <p>Signals ({@code <prefix>.…}): {@code queue} (level, operations waiting over all devices),
 * {@code busy} (level, busy devices), {@code inSystem} (level), {@code response} (observation,
 * ns from an operation's arrival at its device to its completion), {@code reads}/{@code writes}
 * (counts of requests, not of device operations).
 */
public final class DiskGroup {
    private final String name;
    private final Scheduler scheduler;
    private final DiskModel model;
    /** {@link DiskModel#bytesAlone}: the operations of one phase share one service time. */
    private final boolean sameService;
    private final RaidLevel raid;
    private final FifoStation[] devices;
    /** Null when every operation posts its own completion event (for comparison tests). */
    private final SameInstantCompletions phaseCompletions;
    private final Signal queue;
    private final Signal busy;
    private final Signal inSystem;
    private final Signal response;
    private final Signal reads;
    private final Signal writes;
    /** {@link #reads}/{@link #writes} while something records them (or before the seal), else null. */
    private Signal readsOut;
    private Signal writesOut;
    private final Signals signals;
    /** Non-null once the group records through a {@link Recording}: one event per phase, lazy signals. */
    private BusyUntilDevices lazy;
    /** True once any operation was submitted (the event path can no longer be left). */
    private boolean used;
    private int waitingTotal;
    private int busyTotal;
    /** Idle phased writes, reused: a write in flight costs no allocation once the pool is warm. */
    private PhasedWrite[] idleWrites = new PhasedWrite[8];
    private int idleCount;

    /**
     * A group whose writes take {@code writePenalty} device operations: 1, 2, 4 or 6, read as
     * {@link RaidLevel#ofPenalty}.
     */
    public DiskGroup(Scheduler scheduler, Signals signals, String prefix, int devices, DiskModel model, int writePenalty) {
        this(scheduler, signals, prefix, devices, model, raidOf(prefix, writePenalty));
    }

    public DiskGroup(Scheduler scheduler, Signals signals, String prefix, int devices, DiskModel model, RaidLevel raid) {
        this(scheduler, signals, prefix, devices, model, raid, true);
    }

    /**
     * {@code sharedEvents} false: every device operation posts its own completion event (the
     * reference the shared events are tested against).
     */
    DiskGroup(Scheduler scheduler, Signals signals, String prefix, int devices, DiskModel model, RaidLevel raid,
            boolean sharedEvents) {
        if (devices < 1) {
            throw new IllegalArgumentException("disk group " + prefix + ": devices must be ≥ 1, got " + devices);
        }
        if (devices < raid.minDevices()) {
            throw new IllegalArgumentException("disk group " + prefix + ": " + raid.key() + " needs at least "
                    + raid.minDevices() + " devices, got " + devices);
        }
        this.name = prefix;
        this.scheduler = scheduler;
        this.model = model;
        this.sameService = model.bytesAlone();
        this.raid = raid;
        this.queue = signals.declare(prefix, SignalKeys.DiskGroup.QUEUE);
        this.busy = signals.declare(prefix, SignalKeys.DiskGroup.BUSY);
        this.inSystem = signals.declare(prefix, SignalKeys.DiskGroup.IN_SYSTEM);
        this.response = signals.declare(prefix, SignalKeys.DiskGroup.RESPONSE);
        this.reads = signals.declare(prefix, SignalKeys.DiskGroup.READS);
        this.writes = signals.declare(prefix, SignalKeys.DiskGroup.WRITES);
        this.readsOut = reads;
        this.writesOut = writes;
        this.signals = signals;
        signals.onSeal(() -> {
            readsOut = reads.ifRecorded();
            writesOut = writes.ifRecorded();
        });
        this.devices = new FifoStation[devices];
        this.phaseCompletions = sharedEvents ? new SameInstantCompletions(scheduler) : null;
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
            this.devices[i] = new FifoStation(scheduler, 1, observer, phaseCompletions);
        }
    }

    /**
     * From now on the group's signals are read only through {@code recording}: every request
     * posts one kernel event (a phase, a read, a raid=none write), and the device signals
     * ({@code queue}, {@code busy}, {@code inSystem}, {@code response}) are emitted lazily, settled
     * before every read of the recording (samples, warm-up reset, end-of-run metrics). Call before
     * the first request.
     *
     * @throws IllegalStateException when the group already served a request, or records through
     *         a recording already
     */
    public void recordThrough(Recording recording) {
        if (used || lazy != null) {
            throw new IllegalStateException("disk group " + name + ": recordThrough must come first, and once");
        }
        lazy = new BusyUntilDevices(devices.length, queue, busy, inSystem, response);
        recording.beforeRead(lazy::settle);
        signals.onSeal(lazy::seal);
    }

    /**
     * Emits the lazily kept signals up to an event of tie class {@code tie} at {@code nowNs} (a
     * no-op on the event path). For readers of the signals outside the recording.
     */
    public void settle(long nowNs, Tie tie) {
        if (lazy != null) {
            lazy.settle(nowNs, tie);
        }
    }

    /** Reads {@code bytes} of {@code track}; {@code done} runs when the device finished. */
    public void read(long track, long bytes, Runnable done) {
        if (lazy != null) {
            // the departures before this request come before its count, as on the event path
            lazy.settleThrough(scheduler.now());
        }
        Signal.emit(readsOut, scheduler.now(), 1);
        used = true;
        if (lazy != null) {
            scheduler.post(lazy.submit(deviceOf(track), scheduler.now(), model.serviceNs(bytes)), Tie.DEPARTURE, done);
            return;
        }
        device(track).submit(model.serviceNs(bytes), done);
    }

    /** Writes {@code bytes} of {@code track} in the group's RAID phases; {@code done} runs when the write phase ended. */
    public void write(long track, long bytes, Runnable done) {
        if (lazy != null) {
            lazy.settleThrough(scheduler.now());
        }
        Signal.emit(writesOut, scheduler.now(), 1);
        used = true;
        if (raid == RaidLevel.NONE) {
            if (lazy != null) {
                scheduler.post(lazy.submit(deviceOf(track), scheduler.now(), model.serviceNs(bytes)), Tie.DEPARTURE,
                        done);
                return;
            }
            device(track).submit(model.serviceNs(bytes), done);
            return;
        }
        PhasedWrite w = idleCount > 0 ? idleWrites[--idleCount] : new PhasedWrite();
        w.begin(deviceOf(track), bytes, done);
    }

    private static RaidLevel raidOf(String prefix, int writePenalty) {
        try {
            return RaidLevel.ofPenalty(writePenalty);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("disk group " + prefix + ": " + e.getMessage(), e);
        }
    }

    private void release(PhasedWrite w) {
        if (idleCount == idleWrites.length) {
            idleWrites = java.util.Arrays.copyOf(idleWrites, idleCount * 2);
        }
        idleWrites[idleCount++] = w;
    }

    /** One write in flight: its phases' operations report here; the last of a phase moves it on. */
    private final class PhasedWrite implements Runnable {
        private int dataDevice;
        private long bytes;
        private Runnable done;
        private int pending;
        private boolean writing;

        void begin(int device, long size, Runnable onDone) {
            dataDevice = device;
            bytes = size;
            done = onDone;
            writing = raid.readsPerWrite() == 0;
            phase(writing ? raid.writesPerWrite() : raid.readsPerWrite());
        }

        private void phase(int operations) {
            int n = devices.length;
            BusyUntilDevices known = lazy;
            if (known != null) {
                // every operation's end is known now: one event at the last of them (settled
                // through now by write() for the first phase, by run() for the second)
                long now = scheduler.now();
                // the operations of a phase move the same bytes: one service time for all, unless sampled
                long service = sameService ? model.serviceNs(bytes) : 0;
                long end = Long.MIN_VALUE;
                for (int k = 0; k < operations; k++) {
                    end = Math.max(end, known.submit(RaidLevel.device(dataDevice, k, n), now,
                            sameService ? service : model.serviceNs(bytes)));
                }
                pending = 1;
                scheduler.post(end, Tie.DEPARTURE, this);
                return;
            }
            pending = operations;
            // only the devices' own bookkeeping runs in the window: nothing else posts events there
            SameInstantCompletions window = phaseCompletions;
            if (window != null) {
                window.open();
            }
            try {
                for (int k = 0; k < operations; k++) {
                    devices[RaidLevel.device(dataDevice, k, n)].submit(model.serviceNs(bytes), this);
                }
            } finally {
                if (window != null) {
                    window.close();
                }
            }
        }

        @Override
        public void run() {
            if (--pending > 0) {
                return;
            }
            if (!writing) {
                writing = true;
                if (lazy != null) {
                    lazy.settleThrough(scheduler.now());
                }
                phase(raid.writesPerWrite());
                return;
            }
            Runnable d = done;
            done = null;
            release(this);
            d.run();
        }
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

    public RaidLevel raid() {
        return raid;
    }

    /** Operations waiting over all devices (settled up to now on the lazy path). */
    public int waiting() {
        if (lazy != null) {
            lazy.settleThrough(scheduler.now());
            return lazy.waiting();
        }
        return waitingTotal;
    }

    /** Devices busy (settled up to now on the lazy path). */
    public int busy() {
        if (lazy != null) {
            lazy.settleThrough(scheduler.now());
            return lazy.busy();
        }
        return busyTotal;
    }
}
