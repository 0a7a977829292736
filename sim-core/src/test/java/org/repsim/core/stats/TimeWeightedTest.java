package org.repsim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeWeightedTest {

    @Test
    void theLifetimeIntegralRunsOnThroughAReset() {
        TimeWeighted w = new TimeWeighted(0, 0);
        w.update(10, 2);   // level 2 from 10 ns
        w.reset(30);       // warm-up ends: 2 × 20 ns must stay in the lifetime integral
        w.update(50, 0);   // 2 × 20 ns more
        assertThat(w.lifetimeIntegral(60)).isEqualTo(80.0);
        // the average restarts at the reset: 2 over 20 ns, 0 over 10 ns
        assertThat(w.average(60)).isEqualTo(40.0 / 30);
        assertThat(w.integral(60)).isEqualTo(40.0);
    }

    @Test
    void anIntervalAverageAcrossTheResetIsTheLevelsTrueAverage() {
        TimeWeighted w = new TimeWeighted(0, 1);
        double before = w.lifetimeIntegral(0);
        w.reset(500);
        double after = w.lifetimeIntegral(1_000);
        assertThat((after - before) / 1_000).isEqualTo(1.0);
    }
}
