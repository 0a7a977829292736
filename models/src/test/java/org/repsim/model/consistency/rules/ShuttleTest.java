package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShuttleTest {

    @Test
    void firstNumberClosesOnlyWhenItReturnsToAnEntityThatUsedIt() {
        Shuttle shuttle = new Shuttle(3, ShuttleRules.DEFAULT);
        assertThat(shuttle.onHostWrite(0, 100)).isEqualTo(0);

        ShuttleVisit first = shuttle.onArrival(0, 0);
        assertThat(first.advanced()).isFalse();
        assertThat(first.writesToAcknowledge()).isEqualTo(1);
        assertThat(first.acknowledgedTag()).isEqualTo(0);
        assertThat(shuttle.onArrival(1, 10).advanced()).isFalse();
        assertThat(shuttle.onArrival(2, 20).advanced()).isFalse();
        assertThat(shuttle.onHostWrite(0, 50)).isEqualTo(0);

        ShuttleVisit back = shuttle.onArrival(0, 30);
        assertThat(back.roundCompleted()).isTrue();
        assertThat(back.roundTimeNs()).isEqualTo(30);
        assertThat(back.numbersClosedInRound()).isZero();
        assertThat(back.closedSeq()).isEqualTo(0);
        assertThat(back.seq()).isEqualTo(1);
        assertThat(back.transferable()).isEqualTo(new NumberTotal(0, 150, 2));
        assertThat(back.finalTotal()).isNull();
        assertThat(shuttle.curSeq(0)).isEqualTo(1);
        assertThat(shuttle.curSeq(1)).isEqualTo(0);
    }

    @Test
    void closedNumberCollectsLateDataAndBecomesFinalAfterOneMoreRound() {
        Shuttle shuttle = new Shuttle(3, ShuttleRules.DEFAULT);
        shuttle.onHostWrite(0, 100);
        shuttle.onArrival(0, 0);
        shuttle.onArrival(1, 10);
        shuttle.onArrival(2, 20);
        shuttle.onHostWrite(0, 50);
        assertThat(shuttle.onArrival(0, 30).closedSeq()).isEqualTo(0);

        // Entity 1 has not seen number 1 yet, so its new write is still tagged 0.
        assertThat(shuttle.onHostWrite(1, 10)).isEqualTo(0);
        ShuttleVisit at1 = shuttle.onArrival(1, 40);
        assertThat(at1.transferable()).isEqualTo(new NumberTotal(0, 10, 1));
        assertThat(at1.advanced()).isFalse();
        assertThat(at1.finalTotal()).isNull();
        ShuttleVisit at2 = shuttle.onArrival(2, 50);
        assertThat(at2.transferable()).isNull();
        assertThat(at2.finalTotal()).isNull();

        ShuttleVisit at0 = shuttle.onArrival(0, 60);
        assertThat(at0.finalTotal()).isEqualTo(new NumberTotal(0, 160, 3));
        assertThat(at0.skippedEmpty()).isTrue();
        assertThat(at0.advanced()).isFalse();
        assertThat(at0.numbersClosedInRound()).isEqualTo(1);
        assertThat(shuttle.skippedEmpty()).isEqualTo(1);
        assertThat(shuttle.numbersClosed()).isEqualTo(1);
        assertThat(shuttle.roundsCompleted()).isEqualTo(2);
    }

    @Test
    void anEntityWithoutDataNeverAdvancesButTheNextEntityWithDataDoes() {
        Shuttle shuttle = new Shuttle(2, ShuttleRules.DEFAULT);
        shuttle.onArrival(0, 0);
        shuttle.onArrival(1, 1);
        shuttle.onHostWrite(1, 8);
        ShuttleVisit at0 = shuttle.onArrival(0, 2);
        assertThat(at0.skippedEmpty()).isTrue();
        assertThat(at0.advanced()).isFalse();
        ShuttleVisit at1 = shuttle.onArrival(1, 3);
        assertThat(at1.closedSeq()).isEqualTo(0);
        assertThat(at1.transferable()).isEqualTo(new NumberTotal(0, 8, 1));
        // Final one full round after the close, i.e. back at entity 1.
        assertThat(shuttle.onArrival(0, 4).finalTotal()).isNull();
        assertThat(shuttle.onArrival(1, 5).finalTotal()).isEqualTo(new NumberTotal(0, 8, 1));
    }

    @Test
    void minNumberTimeDefersAnAdvance() {
        Shuttle shuttle = new Shuttle(1, new ShuttleRules(100, AckRule.AFTER_ROUND));
        shuttle.onHostWrite(0, 1);
        assertThat(shuttle.onArrival(0, 0).advanced()).isFalse();
        ShuttleVisit early = shuttle.onArrival(0, 50);
        assertThat(early.deferredByMinNumberTime()).isTrue();
        assertThat(early.advanced()).isFalse();
        assertThat(shuttle.onArrival(0, 100).closedSeq()).isEqualTo(0);
        shuttle.onHostWrite(0, 1);
        ShuttleVisit deferred = shuttle.onArrival(0, 150);
        assertThat(deferred.deferredByMinNumberTime()).isTrue();
        // One entity: one round after the close is the very next visit.
        assertThat(deferred.finalTotal()).isEqualTo(new NumberTotal(0, 1, 1));
        ShuttleVisit later = shuttle.onArrival(0, 200);
        assertThat(later.closedSeq()).isEqualTo(1);
        assertThat(shuttle.deferredByMinNumberTime()).isEqualTo(2);
    }

    @Test
    void immediateAckAcknowledgesNothingAtVisits() {
        Shuttle shuttle = new Shuttle(2, new ShuttleRules(0, AckRule.IMMEDIATE));
        shuttle.onHostWrite(0, 4);
        ShuttleVisit v = shuttle.onArrival(0, 0);
        assertThat(v.writesToAcknowledge()).isZero();
        assertThat(v.acknowledgedTag()).isEqualTo(Shuttle.NONE);
    }

    /**
     * docs/model.md §6b: under {@code ack: immediate} a dependent write issued on an entity the shuttle
     * has not reached yet gets a smaller tag than the write it depends on, and the checker sees
     * the committed image holding the dependent write without its predecessor.
     */
    @Test
    void immediateAckLetsADependentWriteGetASmallerTag() {
        Shuttle shuttle = new Shuttle(2, new ShuttleRules(0, AckRule.IMMEDIATE));
        ShuttleCommitTracker commits = new ShuttleCommitTracker(2, 0);
        TaggedImage checker = new TaggedImage(2);
        long[] received = new long[2];
        long[] writes = new long[2];

        shuttle.onHostWrite(0, 10); // unrelated write so number 0 has data at entity 0
        checker.onWriteTagged(TaggedImage.INDEPENDENT, 0, 0, 0, 10, 0);
        shuttle.onArrival(0, 0);
        shuttle.onArrival(1, 1);
        ShuttleVisit close = shuttle.onArrival(0, 2);
        assertThat(close.closedSeq()).isEqualTo(0);
        received[0] += close.transferable().bytes();
        writes[0] += close.transferable().writes();
        commits.onReceivedCount(0, new NumberTotal(0, received[0], writes[0]));

        long tagW0 = shuttle.onHostWrite(0, 20); // acknowledged at once
        long h0 = checker.onWriteTagged(7, 0, 0, tagW0, 20, 3);
        checker.onAcknowledged(h0, 3);
        long tagW1 = shuttle.onHostWrite(1, 30); // issued after w0's acknowledgement
        long h1 = checker.onWriteTagged(7, 1, 1, tagW1, 30, 4);
        checker.onAcknowledged(h1, 4);
        assertThat(tagW0).isEqualTo(1);
        assertThat(tagW1).isEqualTo(0).isLessThan(tagW0);

        ShuttleVisit at1 = shuttle.onArrival(1, 5);
        received[1] += at1.transferable().bytes();
        writes[1] += at1.transferable().writes();
        commits.onReceivedCount(1, new NumberTotal(0, received[1], writes[1]));
        ShuttleVisit at0 = shuttle.onArrival(0, 6);
        assertThat(at0.finalTotal()).isEqualTo(new NumberTotal(0, 40, 2));
        assertThat(commits.onFinalTotal(at0.finalTotal())).isEqualTo(1);
        assertThat(checker.onGroupApplied(commits.committedThrough())).isEqualTo(1);
        assertThat(checker.violations()).isEqualTo(1);
        assertThat(checker.consistentNow()).isFalse();
    }

    /** The same pattern under {@code after-round}: w0 is acknowledged only once every entity tags ≥ its tag. */
    @Test
    void afterRoundAckGivesTheDependentWriteATagAtLeastItsPredecessors() {
        Shuttle shuttle = new Shuttle(2, ShuttleRules.DEFAULT);
        shuttle.onHostWrite(0, 10);
        shuttle.onArrival(0, 0);
        shuttle.onArrival(1, 1);
        shuttle.onArrival(0, 2);
        long tagW0 = shuttle.onHostWrite(0, 20);
        assertThat(tagW0).isEqualTo(1);
        assertThat(shuttle.onArrival(1, 3).writesToAcknowledge()).isZero();
        ShuttleVisit ack = shuttle.onArrival(0, 4);
        assertThat(ack.writesToAcknowledge()).isEqualTo(1);
        assertThat(ack.acknowledgedTag()).isEqualTo(1);
        assertThat(shuttle.onHostWrite(1, 30)).isGreaterThanOrEqualTo(tagW0);
    }

    /**
     * docs/model.md §8.3: the same dependent-write workload (5 chains hopping over 4 entities, transfers
     * delivered out of order, a fixed pseudo-random action sequence) shows violations under {@code ack: immediate} and none under
     * {@code after-round}.
     */
    @Test
    void sameWorkloadViolatesOnlyUnderImmediateAck() {
        long[] violations = new long[2];
        AckRule[] rules = {AckRule.IMMEDIATE, AckRule.AFTER_ROUND};
        for (int r = 0; r < rules.length; r++) {
            ShuttleProperties.Pipeline p = new ShuttleProperties.Pipeline(4, rules[r]);
            long lcg = 12345;
            for (int i = 0; i < 50_000; i++) {
                lcg = lcg * 6364136223846793005L + 1442695040888963407L;
                p.act((int) ((lcg >>> 33) % 100));
            }
            p.drain();
            assertThat(p.checker.storedRecords()).isZero();
            assertThat(p.checker.writesApplied()).isGreaterThan(10_000);
            violations[r] = p.checker.violations();
        }
        assertThat(violations[0]).as("immediate").isPositive();
        assertThat(violations[1]).as("after-round").isZero();
    }

    @Test
    void rejectsArrivalOutOfRingOrderAndBadInput() {
        Shuttle shuttle = new Shuttle(3, ShuttleRules.DEFAULT);
        assertThatThrownBy(() -> shuttle.onArrival(1, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("entity 0");
        assertThatThrownBy(() -> shuttle.onHostWrite(3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..2");
        assertThatThrownBy(() -> shuttle.onHostWrite(0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> new Shuttle(0, ShuttleRules.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 entity");
        assertThatThrownBy(() -> new ShuttleRules(-1, AckRule.AFTER_ROUND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minNumberTime");
        assertThatThrownBy(() -> AckRule.ofLabel("later"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'later'");
        assertThat(AckRule.ofLabel("after-round")).isEqualTo(AckRule.AFTER_ROUND);
        assertThat(AckRule.ofLabel("immediate")).isEqualTo(AckRule.IMMEDIATE);
    }
}
