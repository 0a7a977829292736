package org.repsim.model.cycle;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongPredicate;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.model.Box;
import org.repsim.model.RemotePath;
import org.repsim.model.WanLink;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.CycleSwitcher;

/**
 * Transmitter of one cycle session (docs/model.md §5): takes slots of the oldest transmit cycle
 * and shares them over the links that are up — each outbound direction keeps up to
 * {@code ahead = bandwidth × (2 × delay + 1 ms) + 4 slots} bytes of this session's transfers
 * outstanding, every arrival pulls the next one, so faster links carry more [design]; reads a
 * spilled slot back from the spill pool first; sends each cycle's commit over the next link up
 * once its slots arrived and carries the secondary's acknowledgement back; sends the track copies
 * of a resynchronisation ahead of any slot. Honours the shuttle's transfer permission (transmit gate).
 * Every slot, commit and copy goes through the primary's and the secondary's remote adapters in
 * order ({@link RemotePath}; the commit's job at the secondary also costs its acknowledgement's
 * overhead); an arrival below is its delivery past the secondary's adapters (docs/model.md §5, §7a).
 */
final class Transmitter {

    private static final long SPILL_READ_ALLOWANCE_NS = 1_000_000;

    private final CycleSession session;
    private final Scheduler scheduler;
    private final CycleConfig config;
    private final CycleSwitcher switcher;
    private final SpillPool spillPool;
    private final WanLink.Direction[] out;
    private final WanLink.Direction[] back;
    /** Per link: slots, commits and copies through both boxes' remote adapters (docs/model.md §7a). */
    private final RemotePath[] paths;
    /** Per outbound direction: the slots sent on it and not yet arrived, and the action of their arrival. */
    private final SlotsOnLink[] slotsOnLink;
    private final Runnable[] slotArrived;
    private final long[] outstandingBytes;
    private final long[] aheadBytes;

    /** Closed cycles with slots not yet taken, oldest first (what the transmit gate is asked about). */
    private final ArrayDeque<UntakenCycle> untaken = new ArrayDeque<>();
    private boolean pumping;
    private int commitNext;
    private LongPredicate transmitGate;
    private SlotArrivalListener[] arrivalListeners = new SlotArrivalListener[0];
    private TransferFault transferFault;

    /** A closed cycle's slot count and how many of them were taken so far. */
    private static final class UntakenCycle {
        final long number;
        final int slots;
        int taken;

        UntakenCycle(long number, int slots) {
            this.number = number;
            this.slots = slots;
        }
    }

    Transmitter(CycleSession session, Scheduler scheduler, CycleConfig config, Box primary, Box secondary,
                List<WanLink> links, CycleSwitcher switcher, SpillPool spillPool) {
        this.session = session;
        this.scheduler = scheduler;
        this.config = config;
        this.switcher = switcher;
        this.spillPool = spillPool;
        long trackSize = primary.cache().trackSizeBytes();
        int n = links.size();
        out = new WanLink.Direction[n];
        back = new WanLink.Direction[n];
        paths = new RemotePath[n];
        slotsOnLink = new SlotsOnLink[n];
        slotArrived = new Runnable[n];
        outstandingBytes = new long[n];
        aheadBytes = new long[n];
        for (int i = 0; i < n; i++) {
            WanLink l = links.get(i);
            out[i] = l.from(primary.site());
            back[i] = l.from(secondary.site());
            slotsOnLink[i] = new SlotsOnLink();
            int link = i;
            slotArrived[i] = () -> onSlotArrived(link);
            if (!out[i].toSite().equals(secondary.site())) {
                throw new IllegalArgumentException("link " + l.name() + " does not join " + primary.site().name()
                        + " to " + secondary.site().name());
            }
            paths[i] = RemotePath.between(primary, secondary, out[i]);
            double bytesPerNs = out[i].bandwidthBps() / 1e9;
            aheadBytes[i] = (long) (bytesPerNs * (2 * out[i].delayNs() + SPILL_READ_ALLOWANCE_NS))
                    + 4 * (trackSize + config.slotHeaderBytes());
            l.addStateListener(session::onLinkStateChanged);
        }
    }

    /** Whether at least one outbound direction is up. */
    boolean anyUp() {
        boolean anyUp = false;
        for (WanLink.Direction d : out) {
            anyUp |= d.isUp();
        }
        return anyUp;
    }

    /** The switcher closed {@code r}'s cycle: its slots join the transmit order. */
    void onCycleClosed(CycleRecord r) {
        untaken.addLast(new UntakenCycle(r.number(), r.slots()));
    }

    /** A drop discarded every closed cycle. */
    void onDropped() {
        untaken.clear();
    }

    void setTransmitGate(LongPredicate gate) {
        this.transmitGate = gate;
        pump();
    }

    /** Sends while the links have room: resynchronisation copies first, then slots, then ready commits. */
    void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            long now = scheduler.now();
            Resynchroniser resync = session.resync;
            for (int d = 0; d < out.length; d++) {
                WanLink.Direction dir = out[d];
                while (dir.isUp() && outstandingBytes[d] < aheadBytes[d]) {
                    if (resync.hasCopyToSend()) {
                        sendCopy(d, resync.takeCopy());
                        continue;
                    }
                    if (!mayTakeSlot()) {
                        break;
                    }
                    CycleSwitcher.TakenSlot slot = switcher.takeSlot(now);
                    if (slot == null) {
                        break;
                    }
                    noteTaken();
                    sendSlot(d, slot);
                }
            }
            sendCommits();
        } finally {
            pumping = false;
        }
    }

    private boolean mayTakeSlot() {
        if (transmitGate == null) {
            return true;
        }
        UntakenCycle head = untaken.peekFirst();
        return head != null && transmitGate.test(head.number);
    }

    /** takeSlot serves the oldest cycle with untaken slots. */
    private void noteTaken() {
        UntakenCycle head = untaken.peekFirst();
        if (head != null && ++head.taken == head.slots) {
            untaken.pollFirst();
        }
    }

    private void sendSlot(int d, CycleSwitcher.TakenSlot slot) {
        long h = slot.handle();
        long number = slot.number();
        long track = slot.track();
        long version = slot.version();
        long bytes = slot.bytes();
        outstandingBytes[d] += bytes + config.slotHeaderBytes();
        if (slot.spilled()) {
            spillPool.read(bytes, () -> sendOnLink(d, h, number, track, version, bytes));
        } else {
            sendOnLink(d, h, number, track, version, bytes);
        }
    }

    private void sendOnLink(int d, long h, long number, long track, long version, long bytes) {
        slotsOnLink[d].add(h, number, track, version, bytes);
        paths[d].send(bytes + config.slotHeaderBytes(), slotArrived[d]);
    }

    /** The oldest slot sent on direction {@code d} arrived (a direction delivers in send order). */
    private void onSlotArrived(int d) {
        long now = scheduler.now();
        SlotsOnLink slots = slotsOnLink[d];
        long handle = slots.oldestHandle();
        long bytes = slots.oldestBytes();
        long number = slots.oldestNumber();
        long track = slots.oldestTrack();
        long version = slots.oldestVersion();
        slots.removeOldest();
        if (Prefetch.ENABLED && !slots.isEmpty()) {
            session.intake.anticipateSlotSent(slots.oldestTrack());
        }
        outstandingBytes[d] -= bytes + config.slotHeaderBytes();
        long delay = transferFault == null ? 0 : transferFault.delayNs(number, (int) handle);
        if (delay > 0) {
            scheduler.after(delay, Tie.NORMAL, () -> {
                deliver(handle, number, track, version, bytes, false);
                session.emitLevels(scheduler.now());
                session.intake.drainWaiting();
                pump();
            });
        } else {
            deliver(handle, number, track, version, bytes, delay == TransferFault.LOST);
        }
        session.emitLevels(now);
        session.intake.drainWaiting();
        pump();
    }

    /** The slot reached the secondary (a lost one: only as far as the primary can tell). */
    private void deliver(long handle, long number, long track, long version, long bytes, boolean lost) {
        long now = scheduler.now();
        long hostBytes = 0;
        long hostWrites = 0;
        if (arrivalListeners.length > 0) {
            hostBytes = switcher.slotHostBytes(handle);
            hostWrites = switcher.slotHostWrites(handle);
        }
        if (switcher.onSlotSent(handle, now)) {
            session.intake.slotSent(track);
            if (!lost) {
                session.apply.onSlotReceived(number, track, version, bytes);
                for (SlotArrivalListener l : arrivalListeners) {
                    l.onSlotArrived(number, hostBytes, hostWrites, now);
                }
            }
        }
    }

    void addArrivalListener(SlotArrivalListener l) {
        arrivalListeners = java.util.Arrays.copyOf(arrivalListeners, arrivalListeners.length + 1);
        arrivalListeners[arrivalListeners.length - 1] = l;
    }

    void setTransferFault(TransferFault fault) {
        this.transferFault = fault;
    }

    private void sendCommits() {
        while (anyUp()) {
            long n = switcher.takeCommit(scheduler.now());
            if (n == CycleSwitcher.NONE) {
                return;
            }
            int d = nextUpLink();
            paths[d].sendAcknowledged(config.commitBytes(), () -> onCommitArrived(n, d));
        }
    }

    private int nextUpLink() {
        for (int i = 0; i < out.length; i++) {
            int d = (commitNext + i) % out.length;
            if (out[d].isUp()) {
                commitNext = (d + 1) % out.length;
                return d;
            }
        }
        throw new IllegalStateException("no link is up");
    }

    private void onCommitArrived(long n, int d) {
        if (switcher.isDiscarded(n)) {
            return; // a drop discarded the cycle while its commit travelled: the secondary never commits it
        }
        session.apply.onCommitArrived(n, scheduler.now());
        back[d].send(config.ackBytes(), () -> onAckArrived(n));
    }

    private void onAckArrived(long n) {
        if (switcher.onCommitAcknowledged(n, scheduler.now())) {
            session.emitLevels(scheduler.now());
            session.conditionChanged();
            pump();
        }
    }

    /** One owed track's copy ({@code trackSize} bytes plus the slot header) over direction {@code d}. */
    private void sendCopy(int d, long track) {
        long wire = config.slotHeaderBytes() + session.trackSize();
        outstandingBytes[d] += wire;
        session.resync.onCopySent();
        paths[d].send(wire, () -> {
            outstandingBytes[d] -= wire;
            session.resync.onCopyArrived(track);
            pump();
        });
    }
}
