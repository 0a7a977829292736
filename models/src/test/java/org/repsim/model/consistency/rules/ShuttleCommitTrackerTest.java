package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShuttleCommitTrackerTest {

    @Test
    void commitsWhenTheSecondariesTogetherReceivedTheFinalTotal() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(3, 0);
        assertThat(tracker.onReceivedCount(0, 0, 100)).isZero();
        assertThat(tracker.onFinalTotal(new NumberTotal(0, 250, 4))).isZero();
        assertThat(tracker.onReceivedCount(2, 0, 100)).isZero();
        assertThat(tracker.receivedBytes(0)).isEqualTo(200);
        assertThat(tracker.onReceivedCount(2, 0, 150)).isEqualTo(1);
        assertThat(tracker.committedThrough()).isZero();
        assertThat(tracker.pendingNumbers()).isZero();
    }

    @Test
    void numbersCommitInOrderEvenWhenALaterOneIsCompleteFirst() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(2, 5);
        assertThat(tracker.committedThrough()).isEqualTo(4);
        assertThat(tracker.onFinalTotal(new NumberTotal(6, 10, 1))).isZero();
        assertThat(tracker.onReceivedCount(1, 6, 10)).isZero();
        assertThat(tracker.committedThrough()).isEqualTo(4);
        assertThat(tracker.onReceivedCount(0, 5, 30)).isZero();
        assertThat(tracker.onFinalTotal(new NumberTotal(5, 30, 2))).isEqualTo(2);
        assertThat(tracker.committedThrough()).isEqualTo(6);
    }

    @Test
    void cumulativeReportsTakeTheLargestAndAStaleOneIsIgnored() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(1, 0);
        tracker.onFinalTotal(new NumberTotal(0, 40, 2));
        tracker.onReceivedCount(0, 0, 30);
        assertThat(tracker.onReceivedCount(0, 0, 20)).isZero();
        assertThat(tracker.receivedBytes(0)).isEqualTo(30);
        assertThat(tracker.onReceivedCount(0, 0, 40)).isEqualTo(1);
    }

    @Test
    void rejectsMoreBytesThanTheTotalAndLateOrDuplicateReports() {
        ShuttleCommitTracker tracker = new ShuttleCommitTracker(2, 0);
        tracker.onFinalTotal(new NumberTotal(0, 10, 1));
        assertThatThrownBy(() -> tracker.onReceivedCount(0, 0, 11))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("final total is 10");
        assertThatThrownBy(() -> tracker.onFinalTotal(new NumberTotal(0, 10, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        tracker.onReceivedCount(1, 0, 10);
        assertThatThrownBy(() -> tracker.onReceivedCount(1, 0, 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already committed");
        assertThatThrownBy(() -> tracker.onReceivedCount(2, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> new ShuttleCommitTracker(0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 secondary");
    }
}
