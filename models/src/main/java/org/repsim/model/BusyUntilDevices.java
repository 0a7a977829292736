package org.repsim.model;

import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.stats.TimeWeighted;

/**
 * The devices of a disk group as single FIFO servers that know, when an operation is submitted,
 * when it will end (docs/model.md §1 back end, "devices that know when they finish"): the Lindley
 * recursion {@code start = max(now, freeAt)}, {@code end = start + service}, {@code freeAt = end}.
 * The caller posts whatever kernel event it needs at the returned end; this class posts none.
 *
 * <p>Measured values are those of one kernel event per operation, emitted late: every submitted
 * operation is kept (its arrival and end; its start is its predecessor's end) and the signals
 * {@code queue}, {@code busy}, {@code inSystem} and {@code response} receive, with their own
 * timestamps and in the same order, exactly the values a {@link FifoStation} per device would have
 * emitted, once someone {@link #settle settles} up to a later instant. Departures of one instant
 * are ordered as the kernel would have fired them: by the order their events would have been
 * posted (at the operation's start), which is the order in which this class starts them.
 *
 * <p>What is settled when: a request at {@code now} first settles every departure at or before
 * {@code now} (departures fire at tie {@link Tie#DEPARTURE}, before the ordinary work that
 * submits); a read at tie {@link Tie#CONTROL} (the warm-up reset) settles only those before
 * {@code now}, since the departures of that instant would come after it.
 *
 * <p>The order of departures (docs/model.md §1 back end): the
 * devices in service are kept in a sorted run of slots, by (end, start order). An operation that
 * starts has the latest start order of all, so it goes after every one that ends no later than it;
 * a group's operations have similar service times and start in time order, so this is nearly
 * always the back of the run (one comparison), and a departure is always its front. An
 * operation that ends before others already in service is placed by binary search, the later ones
 * moved up one slot.
 *
 * <p>Invariants: per device, operations start in submission order and never overlap; an
 * operation is in service in this bookkeeping exactly while {@code start ≤ settled time < end};
 * {@code busy ≤ devices}; a device has waiting operations only while it has one in service; the
 * slots {@code head .. tail-1} hold exactly the devices with an operation in service, each once,
 * sorted by (end, start order), and {@code tail - head ≤ devices}. Memory: per device a ring as
 * long as the longest queue any device of the group had (bounded in a scenario by the caches'
 * outstanding destages and the hosts' outstanding reads), and two slots.
 */
final class BusyUntilDevices {
    private final Signal queue;
    private final Signal busy;
    private final Signal inSystem;
    private final Signal response;
    // Where each emit goes, held in this object's own fields (docs/performance.md, sealed
    // signals): the signal itself until the registry is sealed; then null for a signal nothing
    // records, the statistic itself for a level recorded by one TimeWeighted.
    private Signal queueOut;
    private Signal busyOut;
    private TimeWeighted busyLevel;
    private Signal inSystemOut;
    private TimeWeighted inSystemLevel;
    private Signal responseOut;
    /** Per device: end of its last submitted operation (the device is free from then on). */
    private final long[] freeAt;
    /**
     * Operations not started yet in this bookkeeping, as (arrival, end): per device a ring of
     * {@link #waitCapacity} entries, device {@code d}'s in entries {@code d × capacity ..}, its
     * oldest at {@link #waitHead}{@code [d]} within them; {@link #waitCount}{@code [d]} of them.
     * One array for the whole group (what a departure reads is the device's two counters and one
     * entry); every ring doubles when one is full, so the capacity is the longest queue seen.
     */
    private long[] waitOps;
    private int waitCapacity;
    private final int[] waitHead;
    private final int[] waitCount;
    /** Per device: arrival of the operation in service, if {@link #inService}. */
    private final long[] serviceArrival;
    private final boolean[] inService;
    /**
     * Devices in service and their ends, in slots {@link #head} .. {@link #tail}{@code - 1}, sorted
     * by (end, start order); the start order is the order of insertion among equal ends, so it
     * is not stored. Twice as many slots as devices: the run is moved back to slot 0 when it
     * reaches the last slot, at most once per {@code devices} starts.
     */
    private final int[] slotDevice;
    private final long[] slotEnd;
    private int head;
    private int tail;
    private int waitingTotal;
    private int busyTotal;

    BusyUntilDevices(int devices, Signal queue, Signal busy, Signal inSystem, Signal response) {
        this.queue = queue;
        this.busy = busy;
        this.inSystem = inSystem;
        this.response = response;
        this.queueOut = queue;
        this.busyOut = busy;
        this.inSystemOut = inSystem;
        this.responseOut = response;
        this.freeAt = new long[devices];
        this.waitCapacity = 4;
        this.waitOps = new long[2 * devices * waitCapacity];
        this.waitHead = new int[devices];
        this.waitCount = new int[devices];
        this.serviceArrival = new long[devices];
        this.inService = new boolean[devices];
        this.slotDevice = new int[2 * devices];
        this.slotEnd = new long[2 * devices];
    }

    /** The recording is wired (a {@link org.repsim.core.signal.Signals#onSeal} hook): resolves the emit targets. */
    void seal() {
        queueOut = queue.ifRecorded();
        busyLevel = busy.soleLevel();
        busyOut = busy.ifRecordedBeyondSoleLevel();
        inSystemLevel = inSystem.soleLevel();
        inSystemOut = inSystem.ifRecordedBeyondSoleLevel();
        responseOut = response.ifRecorded();
    }

    /**
     * Submits an operation of {@code serviceNs} to {@code device} at {@code nowNs} and returns when
     * it ends. The caller {@link #settleThrough settled} through {@code nowNs} first, once per
     * request: the operations of one phase arrive together, as on the event path, where an
     * operation of no duration does not leave before its sibling arrives.
     */
    long submit(int device, long nowNs, long serviceNs) {
        if (serviceNs < 0) {
            throw new IllegalArgumentException("negative service time: " + serviceNs + " ns");
        }
        if (!inService[device]) {
            // the event version: onArrival (not queued), then onStart at once
            Signal.emit(inSystemLevel, inSystemOut, nowNs, waitingTotal + busyTotal + 1);
            long end = later(nowNs, serviceNs);
            start(device, nowNs, nowNs, end);
            freeAt[device] = end;
            return end;
        }
        long end = later(freeAt[device], serviceNs);
        int count = waitCount[device];
        if (count == waitCapacity) {
            growWaiting();
        }
        int cap = waitCapacity;
        int e = 2 * (device * cap + ((waitHead[device] + count) & (cap - 1)));
        waitOps[e] = nowNs;
        waitOps[e + 1] = end;
        waitCount[device] = count + 1;
        waitingTotal++;
        Signal.emit(queueOut, nowNs, waitingTotal);
        Signal.emit(inSystemLevel, inSystemOut, nowNs, waitingTotal + busyTotal);
        freeAt[device] = end;
        return end;
    }

    /**
     * Emits everything that happened before an event of tie class {@code tie} at {@code nowNs}:
     * the departures (and the starts they cause) at earlier instants, and those at {@code nowNs}
     * unless {@code tie} is {@link Tie#CONTROL}.
     */
    void settle(long nowNs, Tie tie) {
        if (tie == Tie.CONTROL) {
            if (nowNs > Long.MIN_VALUE) {
                settleThrough(nowNs - 1);
            }
        } else {
            settleThrough(nowNs);
        }
    }

    /** Emits every departure at or before {@code timeNs}, in the order their events would have fired. */
    void settleThrough(long timeNs) {
        while (head < tail) {
            long t = slotEnd[head];
            if (t > timeNs) {
                return;
            }
            int d = slotDevice[head++];
            inService[d] = false;
            long arrival = serviceArrival[d];
            // the event version's completion: the next waiting operation starts, then this one leaves
            int count = waitCount[d];
            if (count > 0) {
                int cap = waitCapacity;
                int h = waitHead[d];
                int e = 2 * (d * cap + h);
                long qa = waitOps[e];
                long qe = waitOps[e + 1];
                waitHead[d] = (h + 1) & (cap - 1);
                waitCount[d] = count - 1;
                waitingTotal--;
                Signal.emit(queueOut, t, waitingTotal);
                start(d, t, qa, qe);
            }
            busyTotal--;
            Signal.emit(busyLevel, busyOut, t, busyTotal);
            Signal.emit(inSystemLevel, inSystemOut, t, waitingTotal + busyTotal);
            Signal.emit(responseOut, t, t - arrival);
        }
    }

    /**
     * {@code timeNs + serviceNs}, held at {@link Long#MAX_VALUE} (never reached) where absurd
     * service times queued behind each other would overflow: such operations start after any run.
     */
    private static long later(long timeNs, long serviceNs) {
        long end = timeNs + serviceNs;
        return end < timeNs ? Long.MAX_VALUE : end;
    }

    private void start(int d, long nowNs, long arrivalNs, long endNs) {
        busyTotal++;
        Signal.emit(busyLevel, busyOut, nowNs, busyTotal);
        serviceArrival[d] = arrivalNs;
        inService[d] = true;
        // this operation starts last of all: it goes after every one ending no later than it
        int t = tail;
        if (t == slotEnd.length) {
            t = compact();
        }
        if (t == head || slotEnd[t - 1] <= endNs) {
            slotDevice[t] = d;
            slotEnd[t] = endNs;
            tail = t + 1;
            return;
        }
        insertBefore(t - 1, d, endNs);
    }

    /**
     * Places {@code d}, ending at {@code endNs}, after the last slot in {@code head .. last} that
     * ends no later than it ({@code slotEnd[last] > endNs}); the later slots move up by one.
     * Precondition: {@code tail < slotEnd.length}.
     */
    private void insertBefore(int last, int d, long endNs) {
        int lo = head;
        int hi = last;
        // the first slot in lo .. hi that ends after endNs (hi does)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (slotEnd[mid] <= endNs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int t = tail;
        System.arraycopy(slotDevice, lo, slotDevice, lo + 1, t - lo);
        System.arraycopy(slotEnd, lo, slotEnd, lo + 1, t - lo);
        slotDevice[lo] = d;
        slotEnd[lo] = endNs;
        tail = t + 1;
    }

    /** Doubles every device's ring, each one's waiting operations moved to the start of its new ring. */
    private void growWaiting() {
        int cap = waitCapacity;
        int grown = 2 * cap;
        if (2L * waitHead.length * grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("disk group: more than " + cap + " operations waiting on one device");
        }
        long[] ops = new long[2 * waitHead.length * grown];
        for (int d = 0; d < waitHead.length; d++) {
            for (int k = 0; k < waitCount[d]; k++) {
                int from = 2 * (d * cap + ((waitHead[d] + k) & (cap - 1)));
                int to = 2 * (d * grown + k);
                ops[to] = waitOps[from];
                ops[to + 1] = waitOps[from + 1];
            }
            waitHead[d] = 0;
        }
        waitOps = ops;
        waitCapacity = grown;
    }

    /** Moves the run of slots back to slot 0 and returns the new {@link #tail} (at most {@code devices}). */
    private int compact() {
        int n = tail - head;
        System.arraycopy(slotDevice, head, slotDevice, 0, n);
        System.arraycopy(slotEnd, head, slotEnd, 0, n);
        head = 0;
        tail = n;
        return n;
    }

    /** Operations waiting over all devices, as settled so far. */
    int waiting() {
        return waitingTotal;
    }

    /** Devices busy, as settled so far. */
    int busy() {
        return busyTotal;
    }
}
