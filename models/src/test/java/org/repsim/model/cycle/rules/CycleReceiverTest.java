package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CycleReceiverTest {

    @Test
    void appliesOnlyWholeCommittedCyclesInOrder() {
        CycleReceiver r = new CycleReceiver();
        r.onSlotReceived(1, 10, 100, 512);
        r.onSlotReceived(2, 10, 200, 512);
        r.onSlotReceived(1, 11, 101, 256);
        assertThat(r.canStartApply()).isFalse();
        assertThatThrownBy(() -> r.startApply(0)).hasMessageContaining("not committed");
        assertThatThrownBy(() -> r.onCommit(2, 0)).hasMessageContaining("before commit of cycle 1");
        r.onCommit(1, 1);
        assertThatThrownBy(() -> r.onSlotReceived(1, 12, 1, 1)).hasMessageContaining("after commit");
        assertThat(r.startApply(2)).isEqualTo(1);
        assertThat(r.applyingSlots()).isEqualTo(2);
        assertThat(r.applyingBytes()).isEqualTo(768);
        assertThat(r.imageVersion(10)).as("nothing visible before the apply finishes")
                .isEqualTo(CycleReceiver.NEVER_WRITTEN);
        r.onCommit(2, 3);
        assertThatThrownBy(() -> r.startApply(3)).hasMessageContaining("still being applied");
        assertThat(r.finishApply(4)).isEqualTo(1);
        assertThat(r.imageVersion(10)).isEqualTo(100);
        assertThat(r.imageVersion(11)).isEqualTo(101);
        assertThat(r.startApply(5)).isEqualTo(2);
        r.finishApply(6);
        assertThat(r.imageVersion(10)).isEqualTo(200);
        assertThat(r.lastApplied()).isEqualTo(2);
        assertThat(r.appliedBytes()).isEqualTo(1280);
        assertThat(r.unappliedBytes()).isZero();
        assertThat(r.appliedCycles()).isEqualTo(2);
        assertThatThrownBy(() -> r.onCommit(2, 7)).hasMessageContaining("after commit of cycle 2");
    }

    @Test
    void rejectsATrackTwiceInOneCycleAndDiscardsUncommittedOnDrop() {
        CycleReceiver r = new CycleReceiver();
        r.onSlotReceived(3, 1, 1, 100);
        assertThatThrownBy(() -> r.onSlotReceived(3, 1, 2, 100)).hasMessageContaining("twice");
        r.onCommit(3, 0);
        r.onSlotReceived(4, 2, 3, 50);
        r.onSlotReceived(5, 2, 4, 70);
        assertThat(r.discardUncommitted()).isEqualTo(120);
        assertThat(r.pendingCycles()).isEqualTo(1);
        assertThat(r.unappliedBytes()).isEqualTo(100);
        r.startApply(1);
        r.finishApply(2);
        r.onTrackCopied(2, 9, 128);
        assertThat(r.imageVersion(2)).isEqualTo(9);
        assertThat(r.copiedBytes()).isEqualTo(128);
        assertThat(r.imageTracks()).isEqualTo(2);
    }

    @Test
    void anEmptyNumberMayBeCommittedAndAppliedInItsTurn() {
        CycleReceiver r = new CycleReceiver();
        r.onCommit(7, 0);
        r.onSlotReceived(9, 1, 1, 10);
        r.onCommit(9, 1);
        assertThat(r.startApply(2)).isEqualTo(7);
        assertThat(r.applyingSlots()).isZero();
        r.finishApply(2);
        assertThat(r.startApply(3)).isEqualTo(9);
        assertThat(r.finishApply(4)).isEqualTo(9);
        assertThatThrownBy(() -> r.finishApply(5)).hasMessageContaining("no apply");
    }

    @Test
    void aCycleReceivedAfterAnApplyStartsEmptyInTheStorageItTakesOver() {
        CycleReceiver r = new CycleReceiver();
        for (long n = 1; n <= 200; n++) {
            // each cycle brings 100 tracks, half of them also in the cycle before; cycle n is
            // received after n - 1 was applied, so it takes over that cycle's arrays and map
            for (long t = 0; t < 100; t++) {
                r.onSlotReceived(n, t + 50 * n, n * 1000 + t, 10);
            }
            long number = n;
            assertThatThrownBy(() -> r.onSlotReceived(number, 50 * number, 1, 10)).hasMessageContaining("twice");
            r.onCommit(n, n);
            r.startApply(n);
            assertThat(r.applyingSlots()).isEqualTo(100);
            assertThat(r.applyingTrack(0)).isEqualTo(50 * n);
            assertThat(r.applyingTrack(99)).isEqualTo(50 * n + 99);
            r.finishApply(n);
            assertThat(r.imageVersion(50 * n)).isEqualTo(n * 1000);
            assertThat(r.imageVersion(50 * n + 99)).isEqualTo(n * 1000 + 99);
        }
        assertThat(r.imageVersion(50)).as("written by cycle 1 only").isEqualTo(1000);
        assertThat(r.imageVersion(100)).as("written by cycles 1 and 2, applied last by 2").isEqualTo(2000);
        assertThat(r.imageTracks()).isEqualTo(50 * 200 + 50);
        assertThat(r.appliedSlots()).isEqualTo(20_000);
    }
}
