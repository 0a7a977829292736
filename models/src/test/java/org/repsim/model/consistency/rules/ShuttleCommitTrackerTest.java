package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * docs/model.md §6b: a number commits when the counts the secondaries received for it — bytes and
 * writes, as the transfers carried them — add up to its final totals; not before, and never while
 * one transfer is missing.
 */
class ShuttleCommitTrackerTest {

    private static NumberTotal n(long seq, long bytes, long writes) {
        return new NumberTotal(seq, bytes, writes);
    }

    @Test
    void commitsWhenTheSecondariesTogetherReceivedTheFinalTotal() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(3, 0);
        assertThat(tracker.onReceivedCount(0, n(0, 100, 1))).isZero();
        assertThat(tracker.onFinalTotal(n(0, 250, 4))).isZero();
        assertThat(tracker.onReceivedCount(2, n(0, 100, 2))).isZero();
        assertThat(tracker.receivedBytes(0)).isEqualTo(200);
        assertThat(tracker.receivedWrites(0)).isEqualTo(3);
        assertThat(tracker.onReceivedCount(2, n(0, 150, 3))).isEqualTo(1);
        assertThat(tracker.committedThrough()).isZero();
        assertThat(tracker.pendingNumbers()).isZero();
    }

    @Test
    void matchingBytesAreNotEnoughWhileAWriteIsMissing() {
        // two writes of 50 bytes at secondary 1 and one of 100 at secondary 0; a transfer carrying
        // 0 bytes cannot exist, so a count equal in bytes but short in writes is a missing transfer
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(2, 0);
        tracker.onFinalTotal(n(0, 200, 3));
        assertThat(tracker.onReceivedCount(0, n(0, 100, 1))).isZero();
        assertThat(tracker.onReceivedCount(1, n(0, 100, 1))).isZero(); // bytes add up, writes do not
        assertThat(tracker.committedThrough()).isEqualTo(-1);
        assertThat(tracker.onReceivedCount(1, n(0, 100, 2))).isEqualTo(1);
    }

    @Test
    void aMissingTransferHoldsItsNumberAndEveryLaterOne() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(2, 0);
        tracker.onFinalTotal(n(0, 30, 3));
        tracker.onReceivedCount(0, n(0, 20, 2)); // secondary 0 lacks one 10-byte write of number 0
        tracker.onReceivedCount(1, n(0, 0, 0));
        for (long k = 1; k <= 5; k++) {
            tracker.onFinalTotal(n(k, 10, 1));
            assertThat(tracker.onReceivedCount(1, n(k, 10, 1))).isZero();
        }
        assertThat(tracker.committedThrough()).isEqualTo(-1);
        assertThat(tracker.pendingNumbers()).isEqualTo(6);
        // the late transfer arrives: number 0 and the five complete ones behind it commit together
        assertThat(tracker.onReceivedCount(0, n(0, 30, 3))).isEqualTo(6);
        assertThat(tracker.committedThrough()).isEqualTo(5);
    }

    @Test
    void numbersCommitInOrderEvenWhenALaterOneIsCompleteFirst() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(2, 5);
        assertThat(tracker.committedThrough()).isEqualTo(4);
        assertThat(tracker.onFinalTotal(n(6, 10, 1))).isZero();
        assertThat(tracker.onReceivedCount(1, n(6, 10, 1))).isZero();
        assertThat(tracker.committedThrough()).isEqualTo(4);
        assertThat(tracker.onReceivedCount(0, n(5, 30, 2))).isZero();
        assertThat(tracker.onFinalTotal(n(5, 30, 2))).isEqualTo(2);
        assertThat(tracker.committedThrough()).isEqualTo(6);
    }

    @Test
    void cumulativeReportsTakeTheLargestAndAStaleOneIsIgnored() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(1, 0);
        tracker.onFinalTotal(n(0, 40, 2));
        tracker.onReceivedCount(0, n(0, 30, 1));
        assertThat(tracker.onReceivedCount(0, n(0, 20, 1))).isZero();
        assertThat(tracker.receivedBytes(0)).isEqualTo(30);
        assertThat(tracker.onReceivedCount(0, n(0, 40, 2))).isEqualTo(1);
    }

    @Test
    void rejectsMoreThanTheTotalAndLateOrDuplicateReports() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(2, 0);
        tracker.onFinalTotal(n(0, 10, 1));
        assertThatThrownBy(() -> tracker.onReceivedCount(0, n(0, 11, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("final total is 10 bytes");
        assertThatThrownBy(() -> tracker.onReceivedCount(0, n(0, 10, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("and 1 writes");
        assertThatThrownBy(() -> tracker.onFinalTotal(n(0, 10, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        tracker.onReceivedCount(1, n(0, 10, 1));
        assertThatThrownBy(() -> tracker.onReceivedCount(1, n(0, 10, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already committed");
        assertThatThrownBy(() -> tracker.onReceivedCount(2, n(1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> new ShuttleCommitTracker(0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 secondary");
    }
}
