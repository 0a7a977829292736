package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaggedImageTest {

    private static final int IND = TaggedImage.INDEPENDENT;

    @Test
    void consistentChainAcrossBoxesUnderGroupApplies() {
        TaggedImage c = new TaggedImage(2);
        c.onWriteTagged(0, 0, 0, 1, 10, 0);
        c.onWriteTagged(0, 1, 1, 1, 10, 1);
        c.onWriteTagged(0, 2, 0, 2, 10, 2);
        assertThat(c.onGroupApplied(1)).isZero();
        assertThat(c.storedRecords()).isEqualTo(1);
        assertThat(c.pendingWrites()).isEqualTo(1);
        assertThat(c.onGroupApplied(2)).isZero();
        assertThat(c.storedRecords()).isZero();
        assertThat(c.violations()).isZero();
        assertThat(c.inconsistentApplies()).isZero();
        assertThat(c.writesApplied()).isEqualTo(3);
        assertThat(c.appliedThrough(1)).isEqualTo(2);
    }

    /** Mode {@code none}: each box applies on its own cycle numbers and the image breaks. */
    @Test
    void independentBoxAppliesExposeAViolationUntilTheHoleFills() {
        TaggedImage c = new TaggedImage(2);
        c.onWriteTagged(4, 0, 0, 5, 10, 0);
        c.onWriteTagged(4, 1, 1, 3, 10, 1);
        assertThat(c.onApplied(1, 3)).isEqualTo(1);
        assertThat(c.consistentNow()).isFalse();
        assertThat(c.inconsistentApplies()).isEqualTo(1);
        assertThat(c.storedRecords()).isEqualTo(2);
        assertThat(c.pendingWrites()).isEqualTo(1);
        assertThat(c.onApplied(0, 5)).isZero();
        assertThat(c.consistentNow()).isTrue();
        assertThat(c.storedRecords()).isZero();
        assertThat(c.violations()).isEqualTo(1);
        assertThat(c.inconsistentApplies()).isEqualTo(1);
    }

    @Test
    void everyWriteEnteringBehindAHoleCounts() {
        TaggedImage c = new TaggedImage(2);
        c.onWriteTagged(0, 0, 0, 3, 1, 0);
        c.onWriteTagged(0, 1, 1, 1, 1, 0);
        c.onWriteTagged(0, 2, 1, 2, 1, 0);
        c.onWriteTagged(1, 0, 1, 1, 1, 0); // another stream, fine on its own
        assertThat(c.onApplied(1, 2)).isEqualTo(2);
        assertThat(c.violations()).isEqualTo(2);
    }

    /** Writes entering in one group apply never count against each other, whatever the box order. */
    @Test
    void groupApplyMovesAllBoxesBeforeChecking() {
        TaggedImage group = new TaggedImage(2);
        group.onWriteTagged(0, 0, 1, 2, 1, 0);
        group.onWriteTagged(0, 1, 0, 2, 1, 0);
        assertThat(group.onGroupApplied(2)).isZero();

        // The same tags applied box by box show the transient hole a group commit avoids.
        TaggedImage perBox = new TaggedImage(2);
        perBox.onWriteTagged(0, 0, 1, 2, 1, 0);
        perBox.onWriteTagged(0, 1, 0, 2, 1, 0);
        assertThat(perBox.onApplied(0, 2)).isEqualTo(1);
        assertThat(perBox.onApplied(1, 2)).isZero();
        assertThat(perBox.consistentNow()).isTrue();
    }

    @Test
    void dataLossCountsAcknowledgedWritesAbsentFromTheImage() {
        TaggedImage c = new TaggedImage(2);
        long a = c.onWriteTagged(0, 0, 0, 1, 100, 10);
        c.onAcknowledged(a, 12);
        long b = c.onWriteTagged(0, 1, 1, 2, 200, 20);
        c.onAcknowledged(b, 25);
        long d = c.onWriteTagged(IND, 0, 1, 2, 50, 30);
        c.onAcknowledged(d, 40);
        c.onWriteTagged(1, 0, 0, 2, 999, 45); // not acknowledged: not lost
        long e = c.onWriteTagged(IND, 0, 0, 3, 7, 50); // acknowledged after the disaster below

        assertThat(c.lossAt(50)).isEqualTo(new DataLoss(50, 3, 350, 12, 40, 0));
        assertThat(c.lossAt(50).spanNs()).isEqualTo(28);
        assertThat(c.lossAt(50).recoveryPointNs()).isEqualTo(38);

        c.onGroupApplied(1);
        DataLoss afterApply = c.lossAt(50);
        assertThat(afterApply.lostWrites()).isEqualTo(2);
        assertThat(afterApply.lostBytes()).isEqualTo(250);
        assertThat(afterApply.oldestLostAckNs()).isEqualTo(25);

        c.onAcknowledged(e, 60);
        assertThat(c.lossAt(60)).isEqualTo(new DataLoss(60, 3, 257, 25, 60, 0));

        c.onGroupApplied(3);
        DataLoss none = c.lossAt(100);
        assertThat(none).isEqualTo(new DataLoss(100, 0, 0, -1, -1, 0));
        assertThat(none.spanNs()).isZero();
        assertThat(none.recoveryPointNs()).isZero();
        // An acknowledgement arriving after the write was applied is ignored.
        c.onAcknowledged(a, 200);
        assertThat(c.storedRecords()).isZero();
    }

    @Test
    void dataLossIsMeasuredWhenItHappens() {
        TaggedImage c = new TaggedImage(1);
        c.onAcknowledged(c.onWriteTagged(IND, 0, 0, 1, 10, 5), 60);
        assertThatThrownBy(() -> c.lossAt(50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data loss asked at 50 ns, before an acknowledgement at 60 ns");
        assertThat(c.lossAt(60)).isEqualTo(new DataLoss(60, 1, 10, 60, 60, 0));
    }

    @Test
    void independentWritesAreCountedPerTagWithTheirBytesAndAcknowledgementTimes() {
        TaggedImage c = new TaggedImage(2);
        // box 0: tags 1, 1, 2 and an out-of-order 0 (an owed write); box 1: tag 1
        c.onAcknowledged(c.onWriteTagged(IND, 0, 0, 1, 10, 0), 3);
        c.onAcknowledged(c.onWriteTagged(IND, 0, 0, 1, 20, 1), 4);
        long late = c.onWriteTagged(IND, 0, 0, 2, 40, 2);
        c.onAcknowledged(c.onWriteTagged(IND, 0, 0, 0, 80, 5), 6);
        c.onAcknowledged(c.onWriteTagged(IND, 0, 1, 1, 160, 7), 8);
        assertThat(c.pendingWrites()).isEqualTo(5);
        assertThat(c.lossAt(8)).isEqualTo(new DataLoss(8, 4, 270, 3, 8, 0));

        assertThat(c.onApplied(0, 1)).isZero(); // tags 0 and 1 of box 0
        assertThat(c.pendingWrites()).isEqualTo(2);
        assertThat(c.writesApplied()).isEqualTo(3);
        assertThat(c.lossAt(8)).isEqualTo(new DataLoss(8, 1, 160, 8, 8, 0));

        c.onAcknowledged(late, 9);
        assertThat(c.lossAt(9)).isEqualTo(new DataLoss(9, 2, 200, 8, 9, 0));
        c.onGroupApplied(2);
        assertThat(c.lossAt(9)).isEqualTo(new DataLoss(9, 0, 0, -1, -1, 0));
        assertThat(c.storedRecords()).isZero();
    }

    @Test
    void dataLossReportsWritesBeyondAHole() {
        TaggedImage c = new TaggedImage(2);
        long w0 = c.onWriteTagged(0, 0, 0, 4, 10, 0);
        c.onAcknowledged(w0, 1);
        long w1 = c.onWriteTagged(0, 1, 1, 1, 10, 2);
        c.onAcknowledged(w1, 3);
        c.onApplied(1, 1);
        assertThat(c.lossAt(5)).isEqualTo(new DataLoss(5, 1, 10, 1, 1, 1));
    }


    @Test
    void anIndependentWriteAppliedBeforeItsAcknowledgementIsNotLost() {
        TaggedImage c = new TaggedImage(1);
        long early = c.onWriteTagged(IND, 0, 0, 0, 1, 0);
        c.onGroupApplied(0);
        long next = c.onWriteTagged(IND, 0, 0, 1, 1, 1);
        c.onAcknowledged(early, 2); // its tag is in the image already: ignored
        assertThat(c.lossAt(10).lostWrites()).isZero();
        c.onAcknowledged(next, 3);
        assertThat(c.lossAt(10)).isEqualTo(new DataLoss(10, 1, 1, 3, 3, 0));
        c.onGroupApplied(1);
        assertThat(c.storedRecords()).isZero();
    }


    /**
     * ≥ 10^6 dependent writes, cycle mode: 64 streams over 8 boxes, a group cycle switch every
     * 4096 writes, the group applies cycle k-2 at the switch to k. Pending stays bounded by about
     * two cycles of writes, and the image stays consistent.
     */
    @Test
    void aMillionDependentWritesKeepMemoryBoundedAndShowNoViolation() {
        int boxes = 8;
        int streams = 64;
        int writesPerCycle = 4096;
        TaggedImage c = new TaggedImage(boxes);
        long[] next = new long[streams];
        long cycle = 0;
        long maxPending = 0;
        long state = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 1_200_000; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L; // LCG: deterministic box choice
            int stream = i % streams;
            int box = (int) ((state >>> 33) % boxes);
            long h = c.onWriteTagged(stream, next[stream]++, box, cycle, 4096, i);
            c.onAcknowledged(h, i);
            if ((i + 1) % writesPerCycle == 0) {
                cycle++;
                if (cycle >= 2) {
                    assertThat(c.onGroupApplied(cycle - 2)).isZero();
                }
            }
            maxPending = Math.max(maxPending, c.pendingWrites());
        }
        assertThat(c.writesTagged()).isEqualTo(1_200_000);
        assertThat(maxPending).isLessThanOrEqualTo(2L * writesPerCycle);
        assertThat(c.lossAt(Long.MAX_VALUE).lostWrites()).isEqualTo(c.pendingWrites());
        c.onGroupApplied(cycle);
        assertThat(c.violations()).isZero();
        assertThat(c.inconsistentApplies()).isZero();
        assertThat(c.storedRecords()).isZero();
        assertThat(c.writesApplied()).isEqualTo(1_200_000);
    }
}
