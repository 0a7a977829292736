package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link CycleSwitcher} and a {@link CycleReceiver} the way a timed engine would, from a
 * list of random operations, keeping an independent model of what docs/model.md §5 says must happen and
 * checking it (and the invariants of §8.2 and §8.4) after every operation.
 */
final class CycleDriver {

    /** A slot transfer on the wire. */
    record Transfer(long handle, long cycle, int slot, long track, long version, long bytes) { }

    /** Model of one closed cycle awaiting transmit and commit acknowledgement. */
    static final class ModelCycle {
        final long number;
        final int slots;
        final List<Long> tracks = new ArrayList<>();
        int taken;
        int spilled;
        int sent;
        long unsentBytes;

        ModelCycle(long number, int slots) {
            this.number = number;
            this.slots = slots;
        }

        int spillable() {
            int queued = slots - taken;
            return queued - Math.min(spilled, queued);
        }
    }

    final CycleSwitcher sw;
    final CycleReceiver rx = new CycleReceiver();
    final SwitchRules rules;
    final CachePressure pressure;
    final int trackCount;
    /** Fixed write size for pressure runs (0 = sizes vary and the limit never binds). */
    final long uniformSize;

    long now;
    long version;
    // primary truth: track → newest accepted version
    final Map<Long, Long> truth = new HashMap<>();
    // primary truth at the close of each cycle
    final Map<Long, Map<Long, Long>> truthAtClose = new HashMap<>();
    // model of the capture cycle: track → slot bytes
    final LinkedHashMap<Long, Long> capture = new LinkedHashMap<>();
    long captureWrites;
    final LinkedHashMap<Long, ModelCycle> transmit = new LinkedHashMap<>();
    final Map<Long, Integer> unsentOlder = new HashMap<>();
    final Map<Long, Long> writesPerCycle = new HashMap<>();
    long lastSwitchNs;
    boolean firstSwitchPending = true;
    final List<Transfer> inFlight = new ArrayList<>();
    final ArrayDeque<Long> commitsOnWire = new ArrayDeque<>();
    final ArrayDeque<Long> acksOnWire = new ArrayDeque<>();
    final List<Long> appliedOrder = new ArrayList<>();
    final List<WriteOutcome> outcomes = new ArrayList<>();
    final List<SwitchOutcome> switchOutcomes = new ArrayList<>();
    /** An apply-finish operation completes the apply only one time in this many. */
    int applySlowness = 3;
    long acceptedWrites;
    long resyncs;

    CycleDriver(SwitchRules rules, CachePressure pressure, int trackCount, long uniformSize) {
        this.rules = rules;
        this.pressure = pressure;
        this.trackCount = trackCount;
        this.uniformSize = uniformSize;
        this.sw = new CycleSwitcher(rules, pressure, 1, 0);
    }

    /** One random operation; {@code op} picks the action, the rest its parameter. */
    void step(int op) {
        int action = Math.floorMod(op, 10);
        int p = Math.floorDiv(Math.abs(op), 10);
        now += p % 500;
        if (sw.state() != SessionState.ACTIVE && action >= 3) {
            resyncStep();
        } else {
            switch (action) {
                case 0, 1, 2 -> write(p % trackCount, uniformSize > 0 ? uniformSize : 1 + (p / trackCount) % 200);
                case 3 -> doSwitch(p);
                case 4 -> take();
                case 5 -> deliver(p);
                case 6 -> sendCommit();
                case 7 -> commitArrives();
                case 8 -> ackArrives();
                default -> {
                    // applies are slow: only one chance in applySlowness finishes one
                    if (p % applySlowness == 0) {
                        applyFinishes();
                    }
                }
            }
        }
        checkInvariants();
    }

    // ------------------------------------------------------------------ actions

    void write(long track, long size) {
        long v = ++version;
        long beforeCache = sw.cacheBytes();
        long beforePool = sw.poolBytes();
        long captureNumber = sw.captureNumber();
        WriteOutcome expected = expectedWrite(track, size);
        int expectedSpill = expectedSpillSlots;
        sw.anticipate(track); // a performance hint: must change nothing the checks below see
        WriteOutcome o = sw.write(track, size, v, now);
        outcomes.add(o);
        assertThat(o).as("write track %d size %d", track, size).isEqualTo(expected);
        if (o.inCycle()) {
            acceptedWrites++;
            truth.put(track, v);
            writesPerCycle.merge(captureNumber, 1L, Long::sum);
            captureWrites++;
            if (expectedSpill > 0) {
                assertThat(sw.lastSpilledSlots()).isEqualTo(expectedSpill);
                assertThat(sw.lastSpilledBytes()).isEqualTo(expectedSpill * uniformSize);
                assertThat(sw.poolBytes()).isEqualTo(beforePool + expectedSpill * uniformSize);
                distributeSpill(expectedSpill);
            } else {
                assertThat(sw.lastSpilledSlots()).isZero();
                assertThat(sw.poolBytes()).isEqualTo(beforePool);
            }
            Long old = capture.get(track);
            capture.put(track, old == null ? size : Math.max(old, size));
            assertThat(sw.captureVersion(track)).isEqualTo(v);
        } else if (o == WriteOutcome.PACED) {
            assertThat(sw.cacheBytes()).isEqualTo(beforeCache);
            assertThat(sw.poolBytes()).isEqualTo(beforePool);
        } else {
            // DROPPED or OWED: the track must be owed to the secondary
            truth.put(track, v);
            if (o == WriteOutcome.DROPPED) {
                onDropped();
            }
        }
    }

    private int expectedSpillSlots;

    private WriteOutcome expectedWrite(long track, long size) {
        expectedSpillSlots = 0;
        if (sw.state() != SessionState.ACTIVE) {
            return WriteOutcome.OWED;
        }
        Long old = capture.get(track);
        long delta = old == null ? size : Math.max(0, size - old);
        long pending = modelPendingBytes();
        long cache = sw.cacheBytes();
        assertThat(cache + sw.poolBytes()).isEqualTo(pending);
        if (delta > 0 && cache + delta > pressure.limitBytes()) {
            long excess = cache + delta - pressure.limitBytes();
            boolean relieved = false;
            for (PressurePolicy policy : pressure.policies()) {
                if (policy == PressurePolicy.SPILL) {
                    if (uniformSize == 0) {
                        throw new AssertionError("spill expectations need uniform write sizes");
                    }
                    int need = (int) ((excess + uniformSize - 1) / uniformSize);
                    int spillable = transmit.values().stream().mapToInt(ModelCycle::spillable).sum();
                    long room = pressure.spillPoolBytes() - sw.poolBytes();
                    if (need <= spillable && need * uniformSize <= room) {
                        expectedSpillSlots = need;
                        relieved = true;
                        break;
                    }
                } else if (policy == PressurePolicy.PACE) {
                    return WriteOutcome.PACED;
                } else {
                    return WriteOutcome.DROPPED;
                }
            }
            assertThat(relieved).isTrue();
        }
        if (old != null) {
            return WriteOutcome.FOLDED;
        }
        return unsentOlder.getOrDefault(track, 0) > 0 ? WriteOutcome.DUPLICATE_SLOT : WriteOutcome.NEW_SLOT;
    }

    private void distributeSpill(int n) {
        for (ModelCycle c : transmit.values()) {
            int k = Math.min(n, c.spillable());
            c.spilled += k;
            n -= k;
        }
        assertThat(n).isZero();
    }

    void doSwitch(int p) {
        now += p % 3000;
        SwitchOutcome o;
        if (rules.mode() == SwitchMode.EXTERNAL) {
            long next = sw.captureNumber() + 1 + (p % 3);
            boolean explicitNumber = p % 2 == 0;
            SwitchOutcome expected = capture.isEmpty() ? SwitchOutcome.SKIPPED_EMPTY : SwitchOutcome.SWITCHED;
            long number = sw.captureNumber();
            o = explicitNumber ? sw.close(now, next) : sw.close(now);
            assertThat(o).isEqualTo(expected);
            if (o.switched()) {
                onClosed(number);
            }
            assertThat(sw.captureNumber()).isEqualTo(explicitNumber ? next : (o.switched() ? number + 1 : number));
        } else {
            SwitchOutcome expected = expectedSwitch();
            long number = sw.captureNumber();
            o = sw.trySwitch(now, rx.isApplyIdle());
            assertThat(o).isEqualTo(expected);
            if (o == SwitchOutcome.SKIPPED_EMPTY) {
                lastSwitchNs = now;
            }
            if (o.switched()) {
                onClosed(number);
            }
            if ((o.switched() || o == SwitchOutcome.SKIPPED_EMPTY) && rules.mode() == SwitchMode.LEGACY
                    && rx.canStartApply()) {
                // legacy: on switch (or a switch skipped only for an empty capture), receive → apply
                rx.startApply(now);
            }
        }
        switchOutcomes.add(o);
    }

    private SwitchOutcome expectedSwitch() {
        if (now - lastSwitchNs < rules.minCycleTimeNs()) {
            return SwitchOutcome.TOO_EARLY;
        }
        if (rules.mode() == SwitchMode.LEGACY && !firstSwitchPending) {
            if (!transmit.isEmpty()) {
                return SwitchOutcome.TRANSMIT_PENDING;
            }
            if (!rx.isApplyIdle()) {
                return SwitchOutcome.APPLY_BUSY;
            }
        }
        if (rules.mode() == SwitchMode.MULTI_CYCLE && transmit.size() >= rules.maxTransmitCycles()) {
            return SwitchOutcome.TRANSMIT_QUEUE_FULL;
        }
        return capture.isEmpty() ? SwitchOutcome.SKIPPED_EMPTY : SwitchOutcome.SWITCHED;
    }

    private void onClosed(long number) {
        CycleRecord r = sw.record(number);
        assertThat(r).isNotNull();
        assertThat(r.closeNs()).isEqualTo(now);
        assertThat(r.slots()).as("no empty cycles").isPositive().isEqualTo(capture.size());
        assertThat(r.writes()).isEqualTo(captureWrites).isEqualTo(r.slots() + r.folded());
        assertThat(r.writes()).isEqualTo(writesPerCycle.getOrDefault(number, 0L));
        assertThat(r.bytes()).isEqualTo(capture.values().stream().mapToLong(Long::longValue).sum());
        ModelCycle m = new ModelCycle(number, capture.size());
        for (Map.Entry<Long, Long> e : capture.entrySet()) {
            m.tracks.add(e.getKey());
            m.unsentBytes += e.getValue();
            unsentOlder.merge(e.getKey(), 1, Integer::sum);
        }
        transmit.put(number, m);
        truthAtClose.put(number, new HashMap<>(truth));
        capture.clear();
        captureWrites = 0;
        lastSwitchNs = now;
        firstSwitchPending = false;
    }

    void take() {
        CycleSwitcher.TakenSlot h = sw.takeSlot(now);
        ModelCycle next = transmit.values().stream().filter(c -> c.taken < c.slots).findFirst().orElse(null);
        if (next == null) {
            assertThat(h).isNull();
            return;
        }
        assertThat(h).isNotNull();
        assertThat(h.number()).as("oldest cycle first").isEqualTo(next.number);
        int slot = h.index();
        assertThat(slot).as("slot order").isEqualTo(next.taken);
        assertThat(h.spilled()).isEqualTo(slot >= next.slots - next.spilled);
        long track = h.track();
        assertThat(track).isEqualTo(next.tracks.get(slot));
        assertThat(h.version()).isEqualTo(truthAtClose.get(next.number).get(track));
        next.taken++;
        inFlight.add(new Transfer(h.handle(), next.number, slot, track, h.version(), h.bytes()));
    }

    void deliver(int p) {
        if (inFlight.isEmpty()) {
            return;
        }
        Transfer t = inFlight.remove(p % inFlight.size());
        rx.onSlotReceived(t.cycle(), t.track(), t.version(), t.bytes());
        assertThat(sw.onSlotSent(t.handle(), now)).isTrue();
        ModelCycle m = transmit.get(t.cycle());
        m.sent++;
        m.unsentBytes -= t.bytes();
        unsentOlder.merge(t.track(), -1, Integer::sum);
        if (unsentOlder.get(t.track()) == 0) {
            unsentOlder.remove(t.track());
        }
        if (m.sent == m.slots) {
            assertThat(sw.record(t.cycle()).sentNs()).isEqualTo(now);
        }
    }

    void sendCommit() {
        long ready = sw.commitReady();
        ModelCycle first = transmit.values().stream()
                .filter(c -> !commitsOnWire.contains(c.number) && !acksOnWire.contains(c.number)
                        && sw.record(c.number).commitSentNs() == CycleRecord.NOT_YET)
                .findFirst().orElse(null);
        long expected = first != null && first.sent == first.slots ? first.number : CycleSwitcher.NONE;
        assertThat(ready).isEqualTo(expected);
        if (ready != CycleSwitcher.NONE) {
            assertThat(sw.takeCommit(now)).isEqualTo(ready);
            commitsOnWire.add(ready);
        }
    }

    void commitArrives() {
        if (commitsOnWire.isEmpty()) {
            return;
        }
        long n = commitsOnWire.poll();
        rx.onCommit(n, now);
        acksOnWire.add(n);
        if (rules.mode() != SwitchMode.LEGACY && rx.canStartApply()) {
            rx.startApply(now);
        }
    }

    void ackArrives() {
        if (acksOnWire.isEmpty()) {
            return;
        }
        long n = acksOnWire.poll();
        assertThat(sw.onCommitAcknowledged(n, now)).isTrue();
        ModelCycle m = transmit.remove(n);
        assertThat(m).isNotNull();
        assertThat(m.sent).isEqualTo(m.slots);
    }

    void applyFinishes() {
        if (rx.isApplyIdle()) {
            return;
        }
        long slotsBefore = rx.appliedSlots();
        int applyingSlots = rx.applyingSlots();
        long n = rx.finishApply(now);
        CycleRecord r = sw.record(n);
        assertThat(applyingSlots).as("cycle %d applied whole", n).isEqualTo(r.slots());
        assertThat(rx.appliedSlots() - slotsBefore).isEqualTo(r.slots());
        if (!appliedOrder.isEmpty()) {
            assertThat(n).as("apply in cycle order").isGreaterThan(appliedOrder.get(appliedOrder.size() - 1));
        }
        appliedOrder.add(n);
        if (sw.drops() == 0) {
            // without drops every closed cycle is applied, none skipped, in close order
            assertThat(appliedOrder).isEqualTo(sw.records().subList(0, appliedOrder.size()).stream()
                    .map(CycleRecord::number).toList());
        }
        sw.onApplied(n, now);
        assertThat(r.appliedNs()).isEqualTo(now);
        checkImageEquals(truthAtClose.get(n), "after applying cycle " + n);
        if (rules.mode() != SwitchMode.LEGACY && rx.canStartApply()) {
            rx.startApply(now);
        }
    }

    // ------------------------------------------------------------------ drop and resync

    private void onDropped() {
        assertThat(sw.state()).isEqualTo(SessionState.DROPPED);
        assertThat(sw.captureNumber()).isEqualTo(CycleSwitcher.NONE);
        // the engine drops the session's traffic; the secondary discards uncommitted cycles
        for (ModelCycle m : transmit.values()) {
            assertThat(sw.record(m.number).discarded()).isTrue();
        }
        inFlight.clear();
        commitsOnWire.clear();
        acksOnWire.clear();
        rx.discardUncommitted();
        capture.clear();
        captureWrites = 0;
        transmit.clear();
        unsentOlder.clear();
    }

    /** One step of resynchronisation: finish committed applies, then copy owed tracks, then restart. */
    void resyncStep() {
        if (!rx.isApplyIdle()) {
            applyFinishes();
            return;
        }
        if (rx.canStartApply()) {
            rx.startApply(now);
            return;
        }
        if (sw.state() != SessionState.ACTIVE && sw.owedTracks() == 0) {
            assertThat(sw.takeOwedTracks(now)).as("none owed: a fresh first cycle opens").isEmpty();
            resyncs++;
            checkImageEquals(truth, "after resynchronisation");
            lastSwitchNs = now;
            firstSwitchPending = true;
            assertThat(sw.captureNumber()).isGreaterThan(sw.records().get(sw.records().size() - 1).number());
            return;
        }
        for (long t : sw.takeOwedTracks(now)) {
            rx.onTrackCopied(t, truth.get(t), 1);
        }
    }

    // ------------------------------------------------------------------ invariants

    long modelPendingBytes() {
        long bytes = capture.values().stream().mapToLong(Long::longValue).sum();
        for (ModelCycle m : transmit.values()) {
            bytes += m.unsentBytes;
        }
        return bytes;
    }

    void checkInvariants() {
        // §8.4 conservation: host bytes after folding = applied + pending (cache, pool, in flight,
        // received not applied) + what drops discarded
        assertThat(sw.bytesAfterFolding()).as("conservation").isEqualTo(
                rx.appliedBytes() + sw.pendingBytes() + rx.unappliedBytes()
                        + sw.discardedBytes() + rx.discardedBytes());
        assertThat(sw.pendingBytes()).isEqualTo(modelPendingBytes());
        assertThat(sw.inFlightBytes()).isEqualTo(inFlight.stream().mapToLong(Transfer::bytes).sum());
        assertThat(sw.cacheBytes()).isLessThanOrEqualTo(pressure.limitBytes());
        assertThat(sw.poolBytes()).isBetween(0L, pressure.spillPoolBytes());
        assertThat(sw.transmitCycles()).isEqualTo(transmit.size());
        if (rules.mode() == SwitchMode.MULTI_CYCLE) {
            assertThat(sw.transmitCycles()).isLessThanOrEqualTo(rules.maxTransmitCycles());
        }
        if (rules.mode() == SwitchMode.LEGACY) {
            assertThat(sw.transmitCycles()).isLessThanOrEqualTo(1);
        }
        assertThat(sw.writes()).isEqualTo(sw.slotsCreated() + sw.folded());
        // every accepted write is in exactly one cycle: the closed cycles' counts plus the capture's
        long inClosed = sw.records().stream().mapToLong(CycleRecord::writes).sum();
        assertThat(inClosed + sw.captureWrites()).isEqualTo(acceptedWrites)
                .isEqualTo(writesPerCycle.values().stream().mapToLong(Long::longValue).sum());
    }

    void checkImageEquals(Map<Long, Long> expected, String when) {
        for (long t = 0; t < trackCount; t++) {
            long want = expected.getOrDefault(t, CycleReceiver.NEVER_WRITTEN);
            assertThat(rx.imageVersion(t)).as("track %d %s", t, when).isEqualTo(want);
        }
    }

    /** Sends, commits and applies everything, switching as the rules allow, then checks the end state. */
    void drain() {
        for (int round = 0; round < 10_000; round++) {
            if (sw.state() != SessionState.ACTIVE) {
                resyncStep();
                continue;
            }
            boolean quiet = capture.isEmpty() && transmit.isEmpty() && rx.isApplyIdle() && !rx.canStartApply()
                    && inFlight.isEmpty() && commitsOnWire.isEmpty() && acksOnWire.isEmpty();
            if (quiet) {
                break;
            }
            while (!inFlight.isEmpty()) {
                deliver(0);
            }
            take();
            while (!inFlight.isEmpty()) {
                deliver(0);
                take();
            }
            sendCommit();
            commitArrives();
            ackArrives();
            applyFinishes();
            now += Math.max(1, rules.minCycleTimeNs());
            doSwitch(0);
            checkInvariants();
        }
        assertThat(sw.pendingBytes()).isZero();
        assertThat(rx.unappliedBytes()).isZero();
        assertThat(sw.bytesAfterFolding()).isEqualTo(rx.appliedBytes() + sw.discardedBytes() + rx.discardedBytes());
        checkImageEquals(truth, "at the end");
    }
}
