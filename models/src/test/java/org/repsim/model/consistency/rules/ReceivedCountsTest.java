package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/model.md §6b: a secondary's counts per number are the sums of what its transfers carried, in any arrival order. */
class ReceivedCountsTest {

    @Test
    void sumsPerNumberWhateverTheArrivalOrderAndForgetsReportedOnes() {
        ReceivedCounts c = new ReceivedCounts();
        c.onTransfer(5, 100, 1);
        c.onTransfer(7, 30, 2);
        c.onTransfer(6, 40, 1); // out of order
        c.onTransfer(5, 60, 3);
        assertThat(c.counts(5)).isEqualTo(new NumberTotal(5, 160, 4));
        assertThat(c.counts(6)).isEqualTo(new NumberTotal(6, 40, 1));
        assertThat(c.counts(7)).isEqualTo(new NumberTotal(7, 30, 2));
        assertThat(c.counts(4)).isEqualTo(new NumberTotal(4, 0, 0));
        c.forgetThrough(6);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.counts(5)).isEqualTo(new NumberTotal(5, 0, 0));
        assertThat(c.counts(7)).isEqualTo(new NumberTotal(7, 30, 2));
    }

    @Test
    void aPreloadedShuttleCountsTheWritesButDoesNotAcknowledgeThemAgain() {
        Shuttle s = new Shuttle(2, new ShuttleRules(0, AckRule.AFTER_ROUND), 9);
        s.preload(1, 300, 3);
        s.onHostWrite(1, 50); // held, tagged 9
        s.onArrival(0, 1);
        ShuttleVisit v = s.onArrival(1, 2);
        assertThat(v.writesToAcknowledge()).isEqualTo(1);
        s.onArrival(0, 3);
        ShuttleVisit close = s.onArrival(1, 4);
        assertThat(close.closedSeq()).isEqualTo(9);
        assertThat(close.transferable()).isEqualTo(new NumberTotal(9, 350, 4));
        s.onArrival(0, 5);
        assertThat(s.onArrival(1, 6).finalTotal()).isEqualTo(new NumberTotal(9, 350, 4));
    }
}
