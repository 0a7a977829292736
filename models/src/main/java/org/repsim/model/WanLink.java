package org.repsim.model;

import org.repsim.core.collect.ColumnRing;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.measure.SignalKeys;

/**
 * A full-duplex WAN link between two sites (docs/model.md §1): each direction is its own FIFO
 * serialiser with the link's bandwidth, window and propagation delay.
 *
 * <p>Timing contract: a transfer of {@code b} bytes has {@code w = ceil(b / compressionRatio)}
 * bytes on the wire; it occupies its direction for {@code Durations.transferNs(w, R × f)} ns
 * (rounded up to the ns; {@code f} the bandwidth factor when serialisation starts) and arrives
 * {@code delayNs} after its serialisation ends. A lone transfer sent at {@code t} on an idle
 * link therefore arrives at exactly {@code t + ceil(w × 10^9 / R) + delayNs}.
 *
 * <p>Window [design]: a transfer enters the window when its serialisation starts and leaves it
 * one propagation delay after it arrived (the implicit transport acknowledgement travelling
 * back). Serialisation of the next transfer starts only when the window has room for it
 * (bytes and commands); transfers never overtake each other.
 *
 * <p>Faults (docs/model.md §7): while a direction is down no serialisation starts (transfers wait,
 * none is lost; what is already on the wire is delivered); a bandwidth factor applies to
 * serialisations that start while it is in force.
 *
 * <p>Events [design, docs/model.md §1]: a backlogged direction serialises its queued transfers
 * back to back in one run, with one kernel event at the run's end (see {@link Direction}); each
 * transfer still arrives in an event of its own, at the time it would arrive if every
 * serialisation ended in an event.
 */
public final class WanLink {
    private final String name;
    private final Site a;
    private final Site b;
    private final LinkConfig config;
    private final Direction forward;
    private final Direction backward;
    private Runnable[] stateListeners = new Runnable[0];

    /**
     * @param prefix signal prefix, e.g. {@code link.wan}; each direction emits under
     *               {@code <prefix>.<from>-<to>.…}
     */
    public WanLink(Scheduler scheduler, Signals signals, String prefix, Site a, Site b, LinkConfig config) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("link " + prefix + " joins site " + a.name() + " to itself");
        }
        this.name = prefix;
        this.a = a;
        this.b = b;
        this.config = config;
        this.forward = new Direction(scheduler, signals, prefix + "." + a.name() + "-" + b.name(), a, b, config,
                this::notifyStateListeners);
        this.backward = new Direction(scheduler, signals, prefix + "." + b.name() + "-" + a.name(), b, a, config,
                this::notifyStateListeners);
    }

    /**
     * Runs {@code listener} after any direction of this link went down or came up (faults,
     * docs/model.md §7), so that engines can react to link loss (e.g. transmit idle, §5). Listeners run
     * in registration order, after the state change (and after queued transfers restarted).
     */
    public void addStateListener(Runnable listener) {
        Runnable[] n = java.util.Arrays.copyOf(stateListeners, stateListeners.length + 1);
        n[stateListeners.length] = listener;
        stateListeners = n;
    }

    private void notifyStateListeners() {
        for (Runnable r : stateListeners) {
            r.run();
        }
    }

    /** The direction that carries traffic leaving {@code from}. */
    public Direction from(Site from) {
        if (from.equals(a)) {
            return forward;
        }
        if (from.equals(b)) {
            return backward;
        }
        throw new IllegalArgumentException("link " + name + " does not touch site " + from.name());
    }

    public Direction forward() {
        return forward;
    }

    public Direction backward() {
        return backward;
    }

    /** Link failure: both directions stop starting serialisations. */
    public void down() {
        forward.down();
        backward.down();
    }

    public void up() {
        forward.up();
        backward.up();
    }

    /** Degraded bandwidth on both directions ({@code factor} × bandwidth; 1 = nominal). */
    public void setBandwidthFactor(double factor) {
        forward.setBandwidthFactor(factor);
        backward.setBandwidthFactor(factor);
    }

    /** Schedules an outage [{@code fromNs}, {@code toNs}) at tie class CONTROL. */
    public void scheduleOutage(Scheduler scheduler, long fromNs, long toNs) {
        checkInterval(fromNs, toNs);
        scheduler.at(fromNs, Tie.CONTROL, this::down);
        scheduler.at(toNs, Tie.CONTROL, this::up);
    }

    /** Schedules a bandwidth factor over [{@code fromNs}, {@code toNs}), back to 1 after. */
    public void scheduleDegradation(Scheduler scheduler, long fromNs, long toNs, double factor) {
        checkInterval(fromNs, toNs);
        checkFactor(factor);
        scheduler.at(fromNs, Tie.CONTROL, () -> setBandwidthFactor(factor));
        scheduler.at(toNs, Tie.CONTROL, () -> setBandwidthFactor(1.0));
    }

    private void checkInterval(long fromNs, long toNs) {
        if (fromNs < 0 || toNs <= fromNs) {
            throw new IllegalArgumentException("link " + name + ": interval must have 0 ≤ from < to: " + fromNs + ", " + toNs);
        }
    }

    static void checkFactor(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("bandwidth factor must be positive and finite: " + factor);
        }
    }

    public String name() {
        return name;
    }

    public LinkConfig config() {
        return config;
    }

    public Site siteA() {
        return a;
    }

    public Site siteB() {
        return b;
    }

    /**
     * One direction of the link: a FIFO serialiser and a window.
     *
     * <p>Signals ({@code <prefix>.<from>-<to>.…}): {@code busy} (level 0/1, serialising),
     * {@code queuedBytes} (level, bytes waiting to start), {@code inFlightBytes} (level, wire
     * bytes in the window), {@code inSystem} (level, transfers sent and not yet arrived),
     * {@code transferTime} (observation, ns from send to arrival), {@code sentBytes} (count,
     * wire bytes that finished serialisation).
     *
     * <p>Runs [design]: when a serialisation starts and more transfers wait behind it, the
     * direction plans them back to back at once — each starts when the one before it ends, as
     * long as the window certainly has room for it (counting every transfer still in it) — and
     * posts one event, at the end of the run, instead of one per serialisation end. A planned
     * transfer's arrival is posted when it is planned, for the instant it would arrive otherwise.
     * Invariants: start, end and arrival times, arrival order and every recorded level are those
     * of one event per serialisation ({@code busy} stays 1 over the run, where it would drop to 0
     * and rise to 1 again at the same instant); a run is planned only while nobody records
     * {@code queuedBytes}, {@code inFlightBytes} or {@code sentBytes}, whose changes inside the run
     * would need events; a fault (down, bandwidth factor) takes back every planned serialisation
     * that starts at or after it, which then starts under the new conditions; the accessors
     * ({@link #queuedTransfers()} …) count a planned transfer as queued until it starts. Only the
     * order of simultaneous events may differ: a planned arrival was posted earlier than it would
     * be otherwise, so it runs before events of the same instant and tie class posted meanwhile.
     */
    public static final class Direction {
        private final Scheduler scheduler;
        private final String name;
        private final Site from;
        private final Site to;
        private final double bandwidthBps;
        private final long delayNs;
        private final long maxBytes;
        private final int maxCommands;
        private final double compression;

        private boolean up = true;
        private double factor = 1.0;
        private boolean serialising;

        // waiting transfers: wire bytes (long0), send time (long1), arrival action
        private final ColumnRing queue = new ColumnRing(2, 0, true, 16);
        private long queuedBytes;

        // the transfer being serialised
        private long curBytes;
        private long curSentNs;
        private Runnable curAction;
        private final Runnable serialised = this::onSerialised;

        // transfers propagating (serialised, not yet arrived), in arrival order: each arrives one
        // propagation delay after its serialisation ended, so arrivals are in serialisation order
        // send time (long0), arrival time (long1), arrival action
        private final ColumnRing propagating = new ColumnRing(2, 0, true, 16);
        private final Runnable arrived = this::onArrived;

        // the run being serialised (see the class comment): it ends at runEndNs, with the
        // transfer in cur* (none when a fault took it back); the planned transfers that had not
        // started when planned: start time (long0), wire bytes (long1), oldest first
        private long runEndNs;
        private final ColumnRing planned = new ColumnRing(2, 0, false, 16);
        /** Whether backlogged transfers may be planned in runs (tests compare both ways). */
        private boolean runs = true;

        // window: wire bytes of transfers in flight, in window-exit order (exit times are monotone);
        // exit times are kept for lazy expiry (see onSerialised), NOT_YET while serialising
        // wire bytes (long0), exit time (long1)
        private final ColumnRing window = new ColumnRing(2, 0, false, 16);
        private long inFlightBytes;
        private final Runnable windowExit = this::onWindowExit;
        private final Runnable windowWake = this::onWindowWake;
        private boolean wakeScheduled;
        private final Runnable stateChanged;

        private int inSystem;

        private final Signal busySignal;
        private final Signal queuedSignal;
        private final Signal inFlightSignal;
        private final Signal inSystemSignal;
        private final Signal transferTime;
        private final Signal sentBytes;
        // Where the emits go, in the direction's own fields (copied by seal(), as the processors
        // and caches do): before the registry is sealed the signal itself; once sealed null for an
        // unrecorded signal, and for a level recorded by one TimeWeighted alone that statistic
        // (its *Level field) with the *Out field null
        private TimeWeighted busyLevel;
        private Signal busyOut;
        private TimeWeighted queuedLevel;
        private Signal queuedOut;
        private TimeWeighted inFlightLevel;
        private Signal inFlightOut;
        private TimeWeighted inSystemLevel;
        private Signal inSystemOut;
        private Signal transferTimeOut;
        private Signal sentBytesOut;
        /** Whether the copies above reflect the subscriptions (the registry is sealed). */
        private boolean sealed;
        /** Once sealed: whether something records {@code inFlightBytes}. */
        private boolean inFlightRecorded;
        /** Once sealed: whether something records a level or count that a run would have to emit inside it. */
        private boolean runSignalsRecorded;

        Direction(Scheduler scheduler, Signals signals, String prefix, Site from, Site to, LinkConfig config,
                  Runnable stateChanged) {
            this.scheduler = scheduler;
            this.stateChanged = stateChanged;
            this.name = prefix;
            this.from = from;
            this.to = to;
            // the TCP loss bound caps the serialisation rate (docs/model.md §1)
            this.bandwidthBps = config.effectiveRateBps();
            this.delayNs = config.delayNs();
            this.maxBytes = config.maxBytesInFlight();
            this.maxCommands = config.maxCommandsInFlight();
            this.compression = config.compressionRatio();
            this.busySignal = signals.declare(prefix, SignalKeys.Link.BUSY);
            this.queuedSignal = signals.declare(prefix, SignalKeys.Link.QUEUED_BYTES);
            this.inFlightSignal = signals.declare(prefix, SignalKeys.Link.IN_FLIGHT_BYTES);
            this.inSystemSignal = signals.declare(prefix, SignalKeys.Link.IN_SYSTEM);
            this.transferTime = signals.declare(prefix, SignalKeys.Link.TRANSFER_TIME);
            this.sentBytes = signals.declare(prefix, SignalKeys.Link.SENT_BYTES);
            this.busyOut = busySignal;
            this.queuedOut = queuedSignal;
            this.inFlightOut = inFlightSignal;
            this.inSystemOut = inSystemSignal;
            this.transferTimeOut = transferTime;
            this.sentBytesOut = sentBytes;
            signals.onSeal(this::seal);
        }

        /** Copies where each signal's emits go into the direction's own fields ({@link Signals#onSeal}). */
        private void seal() {
            busyLevel = busySignal.soleLevel();
            busyOut = busySignal.ifRecordedBeyondSoleLevel();
            queuedLevel = queuedSignal.soleLevel();
            queuedOut = queuedSignal.ifRecordedBeyondSoleLevel();
            inFlightLevel = inFlightSignal.soleLevel();
            inFlightOut = inFlightSignal.ifRecordedBeyondSoleLevel();
            inSystemLevel = inSystemSignal.soleLevel();
            inSystemOut = inSystemSignal.ifRecordedBeyondSoleLevel();
            transferTimeOut = transferTime.ifRecorded();
            sentBytesOut = sentBytes.ifRecorded();
            inFlightRecorded = inFlightSignal.isRecorded();
            runSignalsRecorded = queuedSignal.isRecorded() || inFlightRecorded || sentBytes.isRecorded();
            sealed = true;
        }

        /** Whether something records the window's level (its exits then need events of their own). */
        private boolean inFlightRecorded() {
            return sealed ? inFlightRecorded : inFlightSignal.isRecorded();
        }

        /** Whether backlogged transfers may be planned in runs now (see the class comment). */
        private boolean mayPlanRuns() {
            if (!runs) {
                return false;
            }
            if (sealed) {
                return !runSignalsRecorded;
            }
            return !queuedSignal.isRecorded() && !inFlightSignal.isRecorded() && !sentBytes.isRecorded();
        }

        /**
         * Sends {@code bytes} (before compression) toward the other site; {@code onArrival} runs
         * (tie class DEPARTURE) when the last byte arrived there.
         */
        public void send(long bytes, Runnable onArrival) {
            if (bytes < 0) {
                throw new IllegalArgumentException("link " + name + ": negative transfer size " + bytes);
            }
            long wire = wireBytes(bytes);
            long now = scheduler.now();
            queue.add(wire, now, onArrival);
            queuedBytes += wire;
            inSystem++;
            Signal.emit(queuedLevel, queuedOut, now, queuedBytes);
            Signal.emit(inSystemLevel, inSystemOut, now, inSystem);
            tryStart();
        }

        /** Bytes on the wire for a transfer of {@code bytes}: ceil(bytes / compressionRatio). */
        public long wireBytes(long bytes) {
            return compression == 1.0 ? bytes : (long) Math.ceil(bytes / compression);
        }

        private void tryStart() {
            if (serialising || !up || queue.isEmpty()) {
                return;
            }
            expireWindow();
            int h = queue.first();
            long wire = queue.long0(h);
            boolean windowEmpty = window.isEmpty();
            // an empty window always admits one transfer, so a transfer larger than the window still goes
            if (!windowEmpty && (maxCommands > 0 && window.size() >= maxCommands
                    || maxBytes > 0 && inFlightBytes + wire > maxBytes)) {
                long oldestExit = window.long1(window.first());
                if (!wakeScheduled && oldestExit != Long.MAX_VALUE) {
                    wakeScheduled = true;
                    scheduler.post(oldestExit, Tie.DEPARTURE, windowWake);
                }
                return;
            }
            long now = scheduler.now();
            boolean plan = mayPlanRuns();
            long start = now;
            serialising = true;
            Signal.emit(busyLevel, busyOut, now, 1);
            while (true) {
                h = queue.first();
                wire = queue.long0(h);
                long sentNs = queue.long1(h);
                Runnable action = queue.action(h);
                queue.removeFirst();
                queuedBytes -= wire;
                window.add(wire, Long.MAX_VALUE);
                inFlightBytes += wire;
                if (start == now) {
                    Signal.emit(queuedLevel, queuedOut, now, queuedBytes);
                    Signal.emit(inFlightLevel, inFlightOut, now, inFlightBytes);
                }
                long end = start + Durations.transferNs(wire, bandwidthBps * factor);
                if (plan && !queue.isEmpty() && surelyAdmits(queue.long0(queue.first()))) {
                    // ends inside the run: it arrives and leaves the window at known times
                    long arrival = end + delayNs;
                    window.setLong1(window.last(), arrival + delayNs);
                    propagating.add(sentNs, arrival, action);
                    scheduler.post(arrival, Tie.DEPARTURE, arrived);
                    planned.add(end, queue.long0(queue.first()));
                    start = end;
                    continue;
                }
                curBytes = wire;
                curSentNs = sentNs;
                curAction = action;
                runEndNs = end;
                scheduler.post(end, Tie.DEPARTURE, serialised);
                return;
            }
        }

        /**
         * Whether the window has room for {@code wire} more bytes whatever leaves it before the
         * next start: with every transfer in it still counted (so the exact test at that start
         * would admit it too).
         */
        private boolean surelyAdmits(long wire) {
            return !(maxCommands > 0 && window.size() >= maxCommands || maxBytes > 0 && inFlightBytes + wire > maxBytes);
        }

        private void onSerialised() {
            long now = scheduler.now();
            if (!serialising || now != runEndNs) {
                return; // the end of a run a fault shortened (takeBackPlanned)
            }
            serialising = false;
            Signal.emit(busyLevel, busyOut, now, 0);
            planned.clear();
            if (curAction != null) {
                Signal.emit(sentBytesOut, now, curBytes);
                long arrival = now + delayNs;
                propagating.add(curSentNs, arrival, curAction);
                curAction = null;
                scheduler.post(arrival, Tie.DEPARTURE, arrived);
                long exit = arrival + delayNs;
                if (inFlightRecorded()) {
                    scheduler.post(exit, Tie.DEPARTURE, windowExit);
                } else {
                    // nobody records the window's level: an exit needs no event of its own. It is
                    // applied when the window is next looked at, and a transfer the window holds
                    // back is woken at the oldest exit (tryStart)
                    window.setLong1(window.last(), exit);
                }
            }
            tryStart();
        }

        /** The oldest propagating transfer arrived. */
        private void onArrived() {
            long now = scheduler.now();
            if (propagating.isEmpty() || propagating.long1(propagating.first()) != now) {
                return; // the arrival of a planned transfer a fault took back (takeBackPlanned)
            }
            int p = propagating.first();
            long sentNs = propagating.long0(p);
            Runnable action = propagating.action(p);
            propagating.removeFirst();
            inSystem--;
            Signal.emit(inSystemLevel, inSystemOut, now, inSystem);
            Signal.emit(transferTimeOut, now, now - sentNs);
            action.run();
        }

        private void onWindowExit() {
            // exits kept lazily (before anyone recorded the level) leave first: they are older
            expireWindow();
            exitOldest(scheduler.now());
            tryStart();
        }

        private void onWindowWake() {
            wakeScheduled = false;
            tryStart();
        }

        private void exitOldest(long atNs) {
            long wire = window.long0(window.first());
            window.removeFirst();
            inFlightBytes -= wire;
            Signal.emit(inFlightLevel, inFlightOut, atNs, inFlightBytes);
        }

        /**
         * Applies the lazily kept window exits due by now, in exit order. They are kept only while
         * nobody records the level, so the level signal hears them now, not at their exit times.
         */
        private void expireWindow() {
            long now = scheduler.now();
            while (!window.isEmpty() && window.long1(window.first()) <= now) {
                exitOldest(now);
            }
        }

        /** Stops starting serialisations (link failure); queued transfers wait. */
        public void down() {
            takeBackPlanned();
            up = false;
            stateChanged.run();
        }

        /** Drops the planned transfers that have started by now (they are on their way). */
        private void trimPlanned() {
            long now = scheduler.now();
            while (!planned.isEmpty() && planned.long0(planned.first()) < now) {
                planned.removeFirst();
            }
        }

        /**
         * A fault at this instant: the planned transfers that start now or later go back to the
         * head of the queue, in order, and the run ends when the last one that started ends.
         * Their posted arrivals find another transfer at the head of {@link #propagating} and do
         * nothing — or, at the very instant a kept transfer arrives, deliver that one (the same
         * arrival at the same time, only perhaps before another event of that instant).
         */
        private void takeBackPlanned() {
            if (!serialising) {
                return;
            }
            trimPlanned();
            int k = planned.size();
            if (k == 0) {
                return;
            }
            long now = scheduler.now();
            long newEnd = planned.long0(planned.first());
            // the taken-back transfers: k - 1 at the tail of propagating, the last in cur*
            int keepPropagating = propagating.size() - (k - 1);
            ColumnRing back = new ColumnRing(2, 0, true, k);
            for (int i = 0; i < propagating.size(); i++) {
                int p = propagating.slotAt(i);
                if (i >= keepPropagating) {
                    back.add(window.long0(window.slotAt(window.size() - k + (i - keepPropagating))),
                            propagating.long0(p), propagating.action(p));
                }
            }
            back.add(curBytes, curSentNs, curAction);
            curAction = null;
            keepFirst(propagating, keepPropagating, true);
            keepFirst(window, window.size() - k, false);
            int waiting = queue.size();
            for (int i = 0; i < k; i++) {
                int b = back.slotAt(i);
                queue.add(back.long0(b), back.long1(b), back.action(b));
                queuedBytes += back.long0(b);
                inFlightBytes -= back.long0(b);
            }
            keepFirstRotating(queue, waiting);
            planned.clear();
            Signal.emit(queuedLevel, queuedOut, now, queuedBytes);
            Signal.emit(inFlightLevel, inFlightOut, now, inFlightBytes);
            runEndNs = newEnd;
            scheduler.post(newEnd, Tie.DEPARTURE, serialised);
        }

        /** Keeps the oldest {@code n} records of {@code ring} (two long columns, with or without actions). */
        private static void keepFirst(ColumnRing ring, int n, boolean actions) {
            int size = ring.size();
            for (int i = 0; i < size; i++) {
                int f = ring.first();
                if (i < n) {
                    if (actions) {
                        ring.add(ring.long0(f), ring.long1(f), ring.action(f));
                    } else {
                        ring.add(ring.long0(f), ring.long1(f));
                    }
                }
                ring.removeFirst();
            }
        }

        /** Moves the oldest {@code n} records of {@code ring} (two longs and an action) behind the others. */
        private static void keepFirstRotating(ColumnRing ring, int n) {
            for (int i = 0; i < n; i++) {
                int f = ring.first();
                ring.add(ring.long0(f), ring.long1(f), ring.action(f));
                ring.removeFirst();
            }
        }

        /** Resumes after {@link #down()}. */
        public void up() {
            up = true;
            tryStart();
            stateChanged.run();
        }

        /** Degraded bandwidth: serialisations starting from now run at {@code factor} × bandwidth. */
        public void setBandwidthFactor(double factor) {
            checkFactor(factor);
            takeBackPlanned();
            this.factor = factor;
        }

        public String name() {
            return name;
        }

        public Site fromSite() {
            return from;
        }

        public Site toSite() {
            return to;
        }

        public long delayNs() {
            return delayNs;
        }

        /** The rate this direction serialises at: the bandwidth, capped by the TCP loss bound, B/s. */
        public double bandwidthBps() {
            return bandwidthBps;
        }

        /** The link's compression ratio: bytes on the wire = ceil(bytes ÷ ratio); 1 = none. */
        public double compressionRatio() {
            return compression;
        }

        public boolean isUp() {
            return up;
        }

        /** Transfers waiting to start serialisation. */
        public int queuedTransfers() {
            trimPlanned();
            return queue.size() + plannedAhead();
        }

        public long queuedBytes() {
            trimPlanned();
            return queuedBytes + plannedAheadBytes();
        }

        /** Wire bytes in the window (serialising, propagating, or awaiting the transport ack). */
        public long inFlightBytes() {
            expireWindow();
            trimPlanned();
            return inFlightBytes - plannedAheadBytes();
        }

        /** Transfers in the window. */
        public int inFlightTransfers() {
            expireWindow();
            trimPlanned();
            return window.size() - plannedAhead();
        }

        /** Planned transfers not started yet (after {@link #trimPlanned()}: those that start after now). */
        private int plannedAhead() {
            int n = 0;
            for (int i = 0; i < planned.size(); i++) {
                if (planned.long0(planned.slotAt(i)) > scheduler.now()) {
                    n++;
                }
            }
            return n;
        }

        private long plannedAheadBytes() {
            long bytes = 0;
            for (int i = 0; i < planned.size(); i++) {
                int p = planned.slotAt(i);
                if (planned.long0(p) > scheduler.now()) {
                    bytes += planned.long1(p);
                }
            }
            return bytes;
        }

        /** Test hook: plan backlogged transfers in runs (the default) or end every serialisation in an event. */
        void planRuns(boolean on) {
            this.runs = on;
        }
    }
}
