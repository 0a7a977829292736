package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CycleSwitcherTest {

    private static final long MIN = 30_000_000_000L;
    private static final long TRACK = 131_072;

    private static CachePressure ample() {
        return new CachePressure(Long.MAX_VALUE / 4, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE);
    }

    /** Sends, commits and acknowledges every slot of the oldest transmit cycle. */
    private static void transmitAll(CycleSwitcher s, CycleReceiver r, long now) {
        CycleSwitcher.TakenSlot h;
        while ((h = s.takeSlot(now)) != null) {
            r.onSlotReceived(h.number(), h.track(), h.version(), h.bytes());
            s.onSlotSent(h.handle(), now);
        }
        long n;
        while ((n = s.takeCommit(now)) != CycleSwitcher.NONE) {
            r.onCommit(n, now);
            s.onCommitAcknowledged(n, now);
        }
    }

    @Test
    void foldingDuplicateAndNewSlots() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), ample(), 1, 0);
        assertThat(s.write(7, 4096, 1, 0)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.write(7, 8192, 2, 1)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.write(7, 4096, 3, 2)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.captureBytes()).as("slot keeps the larger extent").isEqualTo(8192);
        assertThat(s.captureVersion(7)).isEqualTo(3);
        assertThat(s.trySwitch(MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);

        // track 7 is still unsent in cycle 1: a duplicate slot in cycle 2
        assertThat(s.write(7, 4096, 4, MIN + 1)).isEqualTo(WriteOutcome.DUPLICATE_SLOT);
        assertThat(s.write(7, 4096, 5, MIN + 2)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.write(8, 4096, 6, MIN + 3)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.cacheBytes()).isEqualTo(8192 + 4096 + 4096);

        CycleSwitcher.TakenSlot h = s.takeSlot(MIN + 4);
        assertThat(h.track()).isEqualTo(7);
        assertThat(h.version()).as("older cycle keeps its copy").isEqualTo(3);
        assertThat(h.bytes()).isEqualTo(8192);
        s.onSlotSent(h.handle(), MIN + 5);
        assertThat(s.cacheBytes()).isEqualTo(8192);

        CycleRecord c1 = s.record(1);
        assertThat(c1.writes()).isEqualTo(3);
        assertThat(c1.slots()).isEqualTo(1);
        assertThat(c1.folded()).isEqualTo(2);
        assertThat(c1.foldingRatio()).isEqualTo(3.0);
        assertThat(c1.sentNs()).isEqualTo(MIN + 5);
        assertThat(s.duplicates()).isEqualTo(1);

        // cycle 1's copy of track 7 is sent: a write to 7 after the next switch is a plain new slot
        assertThat(s.takeCommit(MIN + 6)).isEqualTo(1);
        s.onCommitAcknowledged(1, MIN + 7);
        assertThat(s.trySwitch(2 * MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.write(7, 4096, 8, 2 * MIN)).as("cycle 2 still holds track 7 unsent")
                .isEqualTo(WriteOutcome.DUPLICATE_SLOT);
        assertThat(s.write(9, 4096, 9, 2 * MIN)).isEqualTo(WriteOutcome.NEW_SLOT);
        transmitAll(s, new CycleReceiver(), 2 * MIN + 1);
        assertThat(s.trySwitch(3 * MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        transmitAll(s, new CycleReceiver(), 3 * MIN + 1);
        assertThat(s.write(7, 4096, 10, 3 * MIN + 2)).as("every older copy of track 7 was sent")
                .isEqualTo(WriteOutcome.NEW_SLOT);
    }

    /**
     * A backlog of closed cycles: the newest ones with unsent slots answer the duplicate check from
     * their own maps, older ones from the count of their unsent slots; the answer is the same
     * either way, whatever order the slots' transfers end in.
     */
    @Test
    void duplicateCheckIsExactAcrossMappedAndCountedCycles() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.external(), ample(), 0, 0);
        // cycles 0..4, each holding track 100 + its number and track 7 (0 and 1 also track 9)
        for (long n = 0; n < 5; n++) {
            s.write(100 + n, 4096, 10 * n, n);
            s.write(7, 4096, 10 * n + 1, n);
            if (n < 2) {
                s.write(9, 4096, 10 * n + 2, n);
            }
            assertThat(s.close(n, n + 1)).isEqualTo(SwitchOutcome.SWITCHED);
        }
        assertThat(s.duplicates()).isEqualTo(5); // track 7 in 1..4, track 9 in 1
        // take every slot, then end the transfers out of order, newest first: every slot but
        // track 9's of cycle 0 (counted, still in flight) and each cycle's own track 100 + n
        long[][] slots = new long[12][];
        int n = 0;
        CycleSwitcher.TakenSlot h;
        while ((h = s.takeSlot(10)) != null) {
            slots[n++] = new long[] {h.handle(), h.number(), h.track()};
        }
        assertThat(n).isEqualTo(12);
        long cycle0Track9 = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (slots[i][1] == 0 && slots[i][2] == 9) {
                cycle0Track9 = slots[i][0];
            } else if (slots[i][2] != 100 + slots[i][1]) {
                s.onSlotSent(slots[i][0], 11);
            }
        }
        // track 9's slot of cycle 1 (mapped or counted) is sent, cycle 0's is still in flight
        assertThat(s.holdsTrack(9)).isTrue();
        assertThat(s.holdsTrack(7)).isFalse();
        assertThat(s.holdsTrack(104)).as("newest cycle, mapped").isTrue();
        assertThat(s.holdsTrack(100)).as("oldest cycle, counted").isTrue();
        assertThat(s.write(9, 4096, 90, 12)).isEqualTo(WriteOutcome.DUPLICATE_SLOT);
        assertThat(s.write(7, 4096, 91, 12)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.write(100, 4096, 92, 12)).isEqualTo(WriteOutcome.DUPLICATE_SLOT);
        assertThat(s.write(104, 4096, 93, 12)).isEqualTo(WriteOutcome.DUPLICATE_SLOT);
        s.onSlotSent(cycle0Track9, 13);
        for (int i = 0; i < n; i++) {
            if (slots[i][2] == 100 + slots[i][1]) {
                s.onSlotSent(slots[i][0], 13);
            }
        }
        assertThat(s.close(14, 6)).isEqualTo(SwitchOutcome.SWITCHED);
        for (long t : new long[] {7, 9, 100, 104}) {
            assertThat(s.holdsTrack(t)).as("track " + t + " only in closed cycle 5").isTrue();
        }
        assertThat(s.holdsTrack(101)).isFalse();
        assertThat(s.write(101, 4096, 94, 15)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.write(9, 4096, 95, 15)).isEqualTo(WriteOutcome.DUPLICATE_SLOT);
    }

    @Test
    void legacyFirstSwitchNeedsOnlyTimeThenAllThreeConditions() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), ample(), 1, 0);
        CycleReceiver r = new CycleReceiver();
        s.write(1, TRACK, 1, 0);
        assertThat(s.trySwitch(MIN - 1, true)).isEqualTo(SwitchOutcome.TOO_EARLY);
        assertThat(s.nextSwitchNotBeforeNs()).isEqualTo(MIN);
        // first switch: apply-busy is not a condition
        assertThat(s.trySwitch(MIN, false)).isEqualTo(SwitchOutcome.SWITCHED);
        s.write(2, TRACK, 2, MIN + 1);
        assertThat(s.trySwitch(2 * MIN, true)).isEqualTo(SwitchOutcome.TRANSMIT_PENDING);

        CycleSwitcher.TakenSlot h = s.takeSlot(2 * MIN);
        r.onSlotReceived(1, h.track(), h.version(), h.bytes());
        s.onSlotSent(h.handle(), 2 * MIN);
        assertThat(s.trySwitch(2 * MIN, true)).as("sent but not committed").isEqualTo(SwitchOutcome.TRANSMIT_PENDING);
        assertThat(s.takeCommit(2 * MIN)).isEqualTo(1);
        assertThat(s.trySwitch(2 * MIN, true)).as("commit not acknowledged").isEqualTo(SwitchOutcome.TRANSMIT_PENDING);
        r.onCommit(1, 2 * MIN);
        s.onCommitAcknowledged(1, 2 * MIN + 1);
        assertThat(s.trySwitch(2 * MIN + 1, false)).isEqualTo(SwitchOutcome.APPLY_BUSY);
        assertThat(s.trySwitch(2 * MIN + 1, true)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(r.startApply(2 * MIN + 1)).isEqualTo(1);
        assertThat(s.record(1).commitAckNs()).isEqualTo(2 * MIN + 1);
        assertThat(s.record(2).openNs()).isEqualTo(MIN);
        assertThat(s.record(2).durationNs()).isEqualTo(MIN + 1);
        r.finishApply(2 * MIN + 5);
        s.onApplied(1, 2 * MIN + 5);
        assertThat(s.record(1).appliedNs()).isEqualTo(2 * MIN + 5);
        assertThatThrownBy(() -> s.onApplied(1, 3 * MIN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyCaptureIsNeverClosedAndRestartsTheClock() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.multiCycle(MIN, 2), ample(), 1, 0);
        assertThat(s.trySwitch(MIN, true)).isEqualTo(SwitchOutcome.SKIPPED_EMPTY);
        assertThat(s.skippedSwitches()).isEqualTo(1);
        s.write(1, TRACK, 1, MIN + 1);
        assertThat(s.trySwitch(MIN + 2, true)).isEqualTo(SwitchOutcome.TOO_EARLY);
        assertThat(s.trySwitch(2 * MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.records()).hasSize(1);
        assertThat(s.close(2 * MIN + 1)).isEqualTo(SwitchOutcome.SKIPPED_EMPTY);
        assertThat(s.records()).hasSize(1);
        assertThat(s.switches()).isEqualTo(1);
    }

    @Test
    void multiCycleSwitchesOnTimeUpToMaxTransmitCycles() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.multiCycle(MIN, 2), ample(), 1, 0);
        for (int k = 1; k <= 2; k++) {
            s.write(k, TRACK, k, k * MIN - 1);
            assertThat(s.trySwitch(k * MIN, false)).as("apply state is not a multi-cycle condition")
                    .isEqualTo(SwitchOutcome.SWITCHED);
        }
        s.write(3, TRACK, 3, 3 * MIN - 1);
        assertThat(s.trySwitch(3 * MIN, true)).isEqualTo(SwitchOutcome.TRANSMIT_QUEUE_FULL);
        assertThat(s.transmitCycles()).isEqualTo(2);
        // the capture cycle keeps growing meanwhile
        s.write(4, TRACK, 4, 3 * MIN + 1);
        assertThat(s.captureSlots()).isEqualTo(2);
        transmitAll(s, new CycleReceiver(), 3 * MIN + 2);
        assertThat(s.transmitCycles()).isZero();
        assertThat(s.trySwitch(3 * MIN + 2, true)).isEqualTo(SwitchOutcome.SWITCHED);
    }

    @Test
    void explicitCloseNumbersLikeAShuttle() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.external(), ample(), 5, 0);
        assertThat(s.trySwitch(MIN, true)).isEqualTo(SwitchOutcome.EXTERNAL_ONLY);
        s.write(1, TRACK, 1, 1);
        assertThat(s.close(2, 8)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.captureNumber()).isEqualTo(8);
        // nothing tagged 8 here: the number is skipped and the capture renumbered
        assertThat(s.close(3, 10)).isEqualTo(SwitchOutcome.SKIPPED_EMPTY);
        assertThat(s.captureNumber()).isEqualTo(10);
        s.write(1, TRACK, 2, 4);
        assertThat(s.write(1, TRACK, 3, 4)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.close(5)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.records()).extracting(CycleRecord::number).containsExactly(5L, 10L);
        assertThat(s.record(10).duplicates()).isEqualTo(1);
        assertThatThrownBy(() -> s.close(6, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be greater");
    }

    @Test
    void spillMovesOldestTransmitSlotsThenFallsThroughToPaceWhenThePoolIsFull() {
        CachePressure p = new CachePressure(3 * TRACK, 2 * TRACK,
                List.of(PressurePolicy.SPILL, PressurePolicy.PACE), Long.MAX_VALUE);
        CycleSwitcher s = new CycleSwitcher(SwitchRules.multiCycle(MIN, 4), p, 1, 0);
        s.write(1, TRACK, 1, 0);
        s.write(2, TRACK, 2, 0);
        s.write(3, TRACK, 3, 0);
        assertThat(s.trySwitch(MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.fits(TRACK)).isFalse();

        assertThat(s.write(4, TRACK, 4, MIN)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.lastSpilledSlots()).isEqualTo(1);
        assertThat(s.lastSpilledBytes()).isEqualTo(TRACK);
        assertThat(s.write(5, TRACK, 5, MIN)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.poolBytes()).isEqualTo(2 * TRACK);
        assertThat(s.cacheBytes()).isEqualTo(3 * TRACK);
        // pool full: spill falls through to pace
        assertThat(s.write(6, TRACK, 6, MIN)).isEqualTo(WriteOutcome.PACED);
        assertThat(s.lastSpilledSlots()).isZero();
        assertThat(s.pacedWrites()).isEqualTo(1);
        assertThat(s.record(1).spilledSlots()).isEqualTo(2);

        // slots go out in order; the spilled ones (the last two) need a pool read
        CycleSwitcher.TakenSlot h1 = s.takeSlot(MIN + 1);
        assertThat(h1.spilled()).isFalse();
        s.onSlotSent(h1.handle(), MIN + 2);
        // space freed in cache: the paced write is retried and now fits
        assertThat(s.write(6, TRACK, 6, MIN + 2)).isEqualTo(WriteOutcome.NEW_SLOT);
        CycleSwitcher.TakenSlot h2 = s.takeSlot(MIN + 3);
        assertThat(h2.spilled()).isTrue();
        s.onSlotSent(h2.handle(), MIN + 4);
        assertThat(s.poolBytes()).isEqualTo(TRACK);
        assertThat(s.maxPoolBytes()).isEqualTo(2 * TRACK);
        assertThat(s.spilledBytes()).isEqualTo(2 * TRACK);
    }

    @Test
    void spillFromTransmitNeedsTransmitSlotsAndFallsThroughToDrop() {
        CachePressure p = new CachePressure(2 * TRACK, 10 * TRACK,
                List.of(PressurePolicy.SPILL, PressurePolicy.DROP), Long.MAX_VALUE, SpillFrom.TRANSMIT);
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), p, 1, 0);
        s.write(1, TRACK, 1, 0);
        s.write(2, TRACK, 2, 0);
        // nothing in transmit: capture slots are never spilled
        assertThat(s.write(3, TRACK, 3, 1)).isEqualTo(WriteOutcome.DROPPED);
        assertThat(s.state()).isEqualTo(SessionState.DROPPED);
        assertThat(s.spilledSlots()).isZero();
    }

    @Test
    void spillFromAnyTakesTheOldestCaptureSlotsOnceNoTransmitSlotIsLeft() {
        CachePressure p = new CachePressure(2 * TRACK, 10 * TRACK,
                List.of(PressurePolicy.SPILL, PressurePolicy.DROP), Long.MAX_VALUE);
        assertThat(p.spillFrom()).isEqualTo(SpillFrom.ANY);
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), p, 1, 0);
        s.write(1, TRACK, 1, 0);
        s.write(2, TRACK, 2, 0);
        // nothing in transmit: the capture cycle's first slot goes to the pool
        assertThat(s.write(3, TRACK, 3, 1)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.lastSpilledSlots()).isEqualTo(1);
        assertThat(s.lastPoolWriteBytes()).isEqualTo(TRACK);
        assertThat(s.write(4, TRACK, 4, 1)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(s.poolBytes()).isEqualTo(2 * TRACK);
        assertThat(s.cacheBytes()).isEqualTo(2 * TRACK);
        // a rewrite of a spilled capture slot folds into it in the pool: one pool write, no cache
        assertThat(s.write(1, TRACK, 5, 2)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.lastSpilledSlots()).isZero();
        assertThat(s.lastPoolWriteBytes()).isEqualTo(TRACK);
        assertThat(s.poolFolds()).isEqualTo(1);
        assertThat(s.poolBytes()).isEqualTo(2 * TRACK);
        assertThat(s.cacheBytes()).isEqualTo(2 * TRACK);
        // a rewrite of a slot in cache spills the capture slots before it, never itself nor later ones
        assertThat(s.write(4, TRACK, 6, 2)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.lastPoolWriteBytes()).isZero();
        assertThat(s.writes()).isEqualTo(s.slotsCreated() + s.folded()).isEqualTo(6);

        assertThat(s.trySwitch(MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.record(1).spilledSlots()).isEqualTo(2);
        // the spilled slots (the first two) are read back from the pool before they are sent
        long[] expectedVersions = {5, 2, 3, 6};
        for (int i = 0; i < 4; i++) {
            CycleSwitcher.TakenSlot t = s.takeSlot(MIN + i);
            assertThat(t.spilled()).isEqualTo(i < 2);
            assertThat(t.version()).isEqualTo(expectedVersions[i]);
            s.onSlotSent(t.handle(), MIN + i);
        }
        assertThat(s.poolBytes()).isZero();
        assertThat(s.cacheBytes()).isZero();
        assertThat(s.sentBytes()).isEqualTo(s.bytesAfterFolding()).isEqualTo(4 * TRACK);
    }

    @Test
    void aFoldIntoASpilledCaptureSlotThatDoesNotFitThePoolGoesToTheTerminalPolicy() {
        BlockMap blocks = BlockMap.of(TRACK, TRACK / 4);
        long quarter = TRACK / 4;
        CachePressure p = new CachePressure(2 * quarter, quarter,
                List.of(PressurePolicy.SPILL, PressurePolicy.PACE), Long.MAX_VALUE);
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), p, 1, 0, blocks);
        s.write(1, 0, quarter, 1, 0);
        s.write(2, 0, quarter, 2, 0);
        assertThat(s.write(3, 0, quarter, 3, 0)).isEqualTo(WriteOutcome.NEW_SLOT); // spills track 1's slot
        assertThat(s.poolBytes()).isEqualTo(quarter);
        // the same block again: nothing new for the pool
        assertThat(s.write(1, 0, quarter, 4, 0)).isEqualTo(WriteOutcome.FOLDED);
        assertThat(s.lastPoolWriteBytes()).isEqualTo(quarter);
        // a new block: the pool is full, spilling cannot help, so the write paces
        assertThat(s.write(1, quarter, quarter, 5, 0)).isEqualTo(WriteOutcome.PACED);
        assertThat(s.poolBytes()).isEqualTo(quarter);
        assertThat(s.captureVersion(1)).isEqualTo(4);
    }

    @Test
    void dropOwesTracksFreezesRecoveryPointAndResyncOpensAFreshFirstCycle() {
        CachePressure p = new CachePressure(2 * TRACK, 0, List.of(PressurePolicy.DROP), Long.MAX_VALUE);
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), p, 1, 0);
        CycleReceiver r = new CycleReceiver();
        s.write(10, TRACK, 1, 0);
        s.trySwitch(MIN, true);
        CycleSwitcher.TakenSlot h = s.takeSlot(MIN);
        r.onSlotReceived(1, h.track(), h.version(), h.bytes());
        s.write(11, TRACK, 2, MIN + 1);
        assertThat(s.write(12, TRACK, 3, MIN + 2)).isEqualTo(WriteOutcome.DROPPED);
        assertThat(s.droppedAtNs()).isEqualTo(MIN + 2);
        assertThat(s.onSlotSent(h.handle(), MIN + 3)).as("in-flight transfer of a discarded cycle").isFalse();
        assertThat(r.discardUncommitted()).isEqualTo(TRACK);
        assertThat(s.record(1).discarded()).isTrue();
        assertThat(s.record(2).discarded()).isTrue();
        assertThat(s.record(2).closeNs()).isEqualTo(MIN + 2);
        assertThat(s.write(13, TRACK, 4, MIN + 4)).isEqualTo(WriteOutcome.OWED);
        assertThat(s.trySwitch(5 * MIN, true)).isEqualTo(SwitchOutcome.NOT_ACTIVE);
        assertThat(s.takeSlot(5 * MIN)).isNull();
        assertThat(s.pendingBytes()).isZero();
        assertThat(s.record(1).appliedNs()).as("a discarded cycle is never applied").isEqualTo(CycleRecord.NOT_YET);

        assertThat(s.takeOwedTracks(5 * MIN)).containsExactly(10, 11, 12, 13);
        assertThat(s.state()).isEqualTo(SessionState.RESYNCHRONISING);
        assertThat(s.write(10, TRACK, 5, 5 * MIN)).as("written during the copy").isEqualTo(WriteOutcome.OWED);
        assertThat(s.takeOwedTracks(5 * MIN)).containsExactly(10);
        assertThat(s.state()).isEqualTo(SessionState.RESYNCHRONISING);
        assertThat(s.takeOwedTracks(6 * MIN)).as("none owed: a fresh first cycle opens").isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.captureNumber()).isEqualTo(3);
        s.write(20, TRACK, 6, 6 * MIN);
        assertThat(s.trySwitch(7 * MIN - 1, true)).isEqualTo(SwitchOutcome.TOO_EARLY);
        assertThat(s.trySwitch(7 * MIN, false)).as("fresh first cycle: time only").isEqualTo(SwitchOutcome.SWITCHED);
        assertThat(s.drops()).isEqualTo(1);
        assertThat(s.owedWrites()).isEqualTo(3);
    }

    @Test
    void recordsAreHandedOutInCloseOrderOnceSettledAndForgotten() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.multiCycle(MIN, 8), ample(), 1, 0);
        CycleReceiver r = new CycleReceiver();
        List<Long> out = new java.util.ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            s.write(c, TRACK, c, c * MIN - 1);
            assertThat(s.trySwitch(c * MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        }
        s.drainSettled(x -> out.add(x.number()));
        assertThat(out).as("nothing acknowledged yet").isEmpty();
        transmitAll(s, r, 3 * MIN + 1); // cycles 1–3 sent and acknowledged
        s.drainSettled(x -> out.add(x.number()));
        assertThat(out).as("acknowledged but not applied").isEmpty();
        s.onApplied(2, 3 * MIN + 3); // a newer apply decides cycle 1 too (applies go in number order)
        s.drainSettled(x -> out.add(x.number()));
        assertThat(out).containsExactly(1L, 2L);
        assertThat(s.records()).extracting(CycleRecord::number).containsExactly(3L);
        assertThat(s.record(1)).as("handed out: forgotten").isNull();
        assertThat(s.isDiscarded(1)).isFalse();
        assertThat(s.lastClosed().number()).isEqualTo(3);
        assertThat(s.cyclesClosed()).isEqualTo(3);
        s.write(4, TRACK, 4, 4 * MIN - 1);
        assertThat(s.trySwitch(4 * MIN, true)).isEqualTo(SwitchOutcome.SWITCHED);
        CycleSwitcher.TakenSlot h = s.takeSlot(4 * MIN);
        s.onSlotSent(h.handle(), 4 * MIN + 1);
        assertThat(s.takeCommit(4 * MIN + 1)).isEqualTo(4);
        s.onApplied(3, 4 * MIN + 2);
        s.onApplied(4, 4 * MIN + 3);
        s.drainSettled(x -> out.add(x.number()));
        assertThat(out).as("cycle 4 applied, its commit not yet acknowledged").containsExactly(1L, 2L, 3L);
        s.onCommitAcknowledged(4, 4 * MIN + 4);
        s.drainSettled(x -> out.add(x.number()));
        assertThat(out).containsExactly(1L, 2L, 3L, 4L);
        assertThat(s.records()).isEmpty();
        s.write(5, TRACK, 5, 5 * MIN - 1);
        s.trySwitch(5 * MIN, true);
        s.drainAll(x -> out.add(x.number()));
        assertThat(out).as("the end of a run hands out the rest").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(s.records()).isEmpty();
    }

    @Test
    void discardedCyclesStayKnownAsDiscardedAfterTheyAreHandedOut() {
        CachePressure p = new CachePressure(2 * TRACK, 0, List.of(PressurePolicy.DROP), Long.MAX_VALUE);
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN), p, 1, 0);
        s.write(10, TRACK, 1, 0);
        s.trySwitch(MIN, true);
        s.write(11, TRACK, 2, MIN + 1);
        assertThat(s.write(12, TRACK, 3, MIN + 2)).isEqualTo(WriteOutcome.DROPPED);
        List<CycleRecord> out = new java.util.ArrayList<>();
        s.drainSettled(out::add);
        assertThat(out).as("discarded but no newer cycle applied: the apply is not decided").isEmpty();
        s.drainAll(out::add);
        assertThat(out).extracting(CycleRecord::number).containsExactly(1L, 2L);
        assertThat(out).allMatch(CycleRecord::discarded);
        assertThat(s.record(1)).isNull();
        assertThat(s.isDiscarded(1)).isTrue();
        assertThat(s.isDiscarded(2)).isTrue();
        assertThat(s.isDiscarded(3)).isFalse();
        assertThat(s.onCommitAcknowledged(1, MIN + 3)).as("late acknowledgement of a discarded cycle").isFalse();
    }

    @Test
    void transmitIdleKeepsTheSessionUpToItsLimit() {
        CachePressure zero = new CachePressure(TRACK * 10, 0, List.of(PressurePolicy.PACE), 0);
        CycleSwitcher a = new CycleSwitcher(SwitchRules.legacy(MIN), zero, 1, 0);
        assertThat(a.onAllLinksDown(5)).isTrue();
        assertThat(a.state()).isEqualTo(SessionState.DROPPED);

        CachePressure idle = new CachePressure(TRACK * 10, 0, List.of(PressurePolicy.PACE), 1_000);
        CycleSwitcher b = new CycleSwitcher(SwitchRules.legacy(MIN), idle, 1, 0);
        assertThat(b.transmitIdleDeadlineNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(b.onAllLinksDown(100)).isFalse();
        assertThat(b.transmitIdleDeadlineNs()).isEqualTo(1_100);
        assertThat(b.onTransmitIdleTimer(1_099)).isFalse();
        b.onLinksUp(1_050);
        assertThat(b.onTransmitIdleTimer(1_100)).as("links came back").isFalse();
        b.onAllLinksDown(2_000);
        assertThat(b.write(1, TRACK, 1, 2_500)).isEqualTo(WriteOutcome.NEW_SLOT);
        assertThat(b.onTransmitIdleTimer(3_000)).isTrue();
        assertThat(b.state()).isEqualTo(SessionState.DROPPED);
        assertThat(b.owedTracks()).isEqualTo(1);

        CachePressure forever = new CachePressure(TRACK * 10, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE);
        CycleSwitcher c = new CycleSwitcher(SwitchRules.legacy(MIN), forever, 1, 0);
        c.onAllLinksDown(0);
        assertThat(c.transmitIdleDeadlineNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.onTransmitIdleTimer(Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void commitsAndAcknowledgementsMustFollowCycleOrder() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.multiCycle(MIN, 3), ample(), 1, 0);
        s.write(1, TRACK, 1, 0);
        s.trySwitch(MIN, true);
        s.write(2, TRACK, 2, MIN);
        s.trySwitch(2 * MIN, true);
        assertThat(s.commitReady()).isEqualTo(CycleSwitcher.NONE);
        assertThat(s.takeCommit(2 * MIN)).as("no commit before its slots are sent").isEqualTo(CycleSwitcher.NONE);
        long h1 = s.takeSlot(2 * MIN).handle();
        CycleSwitcher.TakenSlot t2 = s.takeSlot(2 * MIN);
        long h2 = t2.handle();
        assertThat(t2.number()).isEqualTo(2);
        s.onSlotSent(h2, 2 * MIN);
        assertThat(s.commitReady()).as("cycle 1 commits first").isEqualTo(CycleSwitcher.NONE);
        s.onSlotSent(h1, 2 * MIN);
        assertThatThrownBy(() -> s.onSlotSent(h1, 2 * MIN)).hasMessageContaining("not in flight");
        assertThat(s.commitReady()).isEqualTo(1);
        assertThat(s.takeCommit(2 * MIN)).isEqualTo(1);
        assertThat(s.commitReady()).isEqualTo(2);
        assertThat(s.takeCommit(2 * MIN)).isEqualTo(2);
        assertThatThrownBy(() -> s.onCommitAcknowledged(2, 2 * MIN)).hasMessageContaining("out of order");
        s.onCommitAcknowledged(1, 2 * MIN);
        s.onCommitAcknowledged(2, 2 * MIN);
        assertThat(s.transmitCycles()).isZero();
    }

    @Test
    void validatesInput() {
        assertThatThrownBy(() -> new CachePressure(0, 0, List.of(PressurePolicy.PACE), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new CachePressure(1, 0, List.of(PressurePolicy.SPILL), 0))
                .hasMessageContaining("must end with PACE or DROP");
        assertThatThrownBy(() -> new CachePressure(1, 0, List.of(PressurePolicy.PACE, PressurePolicy.DROP), 0))
                .hasMessageContaining("terminal");
        assertThatThrownBy(() -> new CachePressure(1, 0, List.of(), 0)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new SwitchRules(SwitchMode.MULTI_CYCLE, MIN, 0))
                .hasMessageContaining("maxTransmitCycles");
        assertThatThrownBy(() -> new SwitchRules(SwitchMode.LEGACY, -1, 1)).hasMessageContaining("minCycleTimeNs");
        assertThat(CachePressure.sessionLimitBytes(64L << 30, 0.75, 0.5)).isEqualTo(24L << 30);
        assertThatThrownBy(() -> CachePressure.sessionLimitBytes(1 << 20, 1.5, 0.5))
                .hasMessageContaining("writePendingLimit");
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(MIN),
                new CachePressure(TRACK, 0, List.of(PressurePolicy.PACE), 0), 1, 0);
        assertThatThrownBy(() -> s.write(1, 0, 1, 0)).hasMessageContaining("> 0 bytes");
        assertThatThrownBy(() -> s.write(1, TRACK + 1, 1, 0)).hasMessageContaining("exceeds the session cache limit");
        assertThatThrownBy(() -> new CycleSwitcher(SwitchRules.legacy(MIN), ample(), -1, 0))
                .hasMessageContaining("cycle number");
    }
}
