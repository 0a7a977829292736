package org.repsim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lag's integral, maximum and time above target against hand-computed sawtooth values. */
class LagMeterTest {

    @Test
    void sawtoothOfCyclesIntegratesExactly() {
        // cycles closing every 10 s, each applied 5 s after closing: ref jumps to the close time
        LagMeter m = new LagMeter(0, 12);
        m.set(0, 0);          // lag t for [0, 15)
        m.set(15, 10);        // lag t − 10 for [15, 25): from 5 to 15
        m.set(25, 20);        // lag t − 20 for [25, 30): from 5 to 10
        // area: 0..15 → 112.5; 15..25 → (5 + 15)/2 × 10 = 100; 25..30 → (5 + 10)/2 × 5 = 37.5
        assertThat(m.averageNs(30)).isEqualTo((112.5 + 100 + 37.5) / 30);
        assertThat(m.maxNs(30)).isEqualTo(15);
        // above 12: [12, 15) = 3 and [22, 25) = 3
        assertThat(m.timeAboveTargetNs(30)).isEqualTo(6);
        assertThat(m.fractionAboveTarget(30)).isEqualTo(6 / 30.0);
    }

    @Test
    void clearedMeansZeroLag() {
        LagMeter m = new LagMeter(0, 0);
        m.set(10, 4);    // lag 6 at 10, 16 at 20
        m.clear(20);     // nothing pending from 20 to 40
        assertThat(m.currentNs(40)).isZero();
        assertThat(m.averageNs(40)).isEqualTo((6 + 16) / 2.0 * 10 / 40);
        assertThat(m.maxNs(40)).isEqualTo(16);
    }

    @Test
    void resetKeepsTheCurrentReferenceButForgetsHistory() {
        LagMeter m = new LagMeter(0, 0);
        m.set(0, 0);
        m.reset(100);                 // lag 100 at reset, grows on
        assertThat(m.maxNs(110)).isEqualTo(110);
        assertThat(m.averageNs(110)).isEqualTo(105);
    }
}
