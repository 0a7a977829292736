package org.repsim.model;

import org.repsim.core.collect.ColumnRing;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.stats.TimeWeighted;

/**
 * The reference for {@link BusyUntilDevicesOrderTest}: the devices of a disk group as
 * {@link BusyUntilDevices} kept them before the departures were ordered in a sorted run of slots
 * — the devices in service in a binary min-heap on (end, start order), with the start order
 * stored, and each device's waiting operations in a {@link ColumnRing} of its own. Same contract,
 * same emitted values; kept in the test sources only, so that the sorted run and the group's one
 * array of waiting rings are checked against independent structures.
 */
final class HeapOrderedDevices implements BusyUntilDevicesOrderTest.Devices {
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
    /** Per device: operations not started yet in this bookkeeping, as (arrival, end). */
    private final ColumnRing[] waitingOps;
    /** Per device: the operation in service, if {@link #inService}. */
    private final long[] serviceArrival;
    private final long[] serviceEnd;
    private final long[] serviceOrder;
    private final boolean[] inService;
    /** Devices in service, a binary min-heap on (serviceEnd, serviceOrder). */
    private final int[] heap;
    private int heapSize;
    /** Order in which operations started (the order their completion events would have been posted). */
    private long startCount;
    private int waitingTotal;
    private int busyTotal;

    HeapOrderedDevices(int devices, Signal queue, Signal busy, Signal inSystem, Signal response) {
        this.queue = queue;
        this.busy = busy;
        this.inSystem = inSystem;
        this.response = response;
        this.queueOut = queue;
        this.busyOut = busy;
        this.inSystemOut = inSystem;
        this.responseOut = response;
        this.freeAt = new long[devices];
        this.waitingOps = new ColumnRing[devices];
        for (int i = 0; i < devices; i++) {
            waitingOps[i] = new ColumnRing(2, 0, false, 4);
        }
        this.serviceArrival = new long[devices];
        this.serviceEnd = new long[devices];
        this.serviceOrder = new long[devices];
        this.inService = new boolean[devices];
        this.heap = new int[devices];
    }

    /** The recording is wired (a {@link org.repsim.core.signal.Signals#onSeal} hook): resolves the emit targets. */
    @Override
    public void seal() {
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
    @Override
    public long submit(int device, long nowNs, long serviceNs) {
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
        waitingOps[device].add(nowNs, end);
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
    @Override
    public void settle(long nowNs, Tie tie) {
        if (tie == Tie.CONTROL) {
            if (nowNs > Long.MIN_VALUE) {
                settleThrough(nowNs - 1);
            }
        } else {
            settleThrough(nowNs);
        }
    }

    /** Emits every departure at or before {@code timeNs}, in the order their events would have fired. */
    @Override
    public void settleThrough(long timeNs) {
        while (heapSize > 0) {
            int d = heap[0];
            long t = serviceEnd[d];
            if (t > timeNs) {
                return;
            }
            popTop();
            inService[d] = false;
            long arrival = serviceArrival[d];
            // the event version's completion: the next waiting operation starts, then this one leaves
            ColumnRing w = waitingOps[d];
            if (!w.isEmpty()) {
                int h = w.first();
                long qa = w.long0(h);
                long qe = w.long1(h);
                w.removeFirst();
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
        serviceEnd[d] = endNs;
        serviceOrder[d] = startCount++;
        inService[d] = true;
        push(d);
    }

    /** Operations waiting over all devices, as settled so far. */
    @Override
    public int waiting() {
        return waitingTotal;
    }

    /** Devices busy, as settled so far. */
    @Override
    public int busy() {
        return busyTotal;
    }

    private boolean before(int a, int b) {
        long ea = serviceEnd[a];
        long eb = serviceEnd[b];
        return ea < eb || (ea == eb && serviceOrder[a] < serviceOrder[b]);
    }

    private void push(int d) {
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!before(d, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = d;
    }

    private void popTop() {
        int last = heap[--heapSize];
        if (heapSize == 0) {
            return;
        }
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < heapSize && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, last)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = last;
    }
}
