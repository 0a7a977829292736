package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.repsim.model.consistency.GroupFixture.MS;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repsim.model.cycle.AppliedCycleLag;
import org.repsim.model.cycle.CycleSession;

/**
 * docs/model.md §9, the cycle lag law, on the lag every scenario reports (the recoverable image's,
 * docs/model.md §7): one legacy session ({@code none}, applying at the switch), cycles of
 * T = 1 s, ample bandwidth, Poisson writes at λ = 2 000/s.
 *
 * <p><b>Derivation.</b> The image is the applied cycles, its primary time the acknowledgement of
 * the oldest acknowledged write not in it: just before cycle k applies, the first write
 * acknowledged in cycle k. So the lag rises until k applies and peaks at
 * {@code applied(k) − firstAck(k)}. Cycle k opened at the close of k−1 and applies at the switch
 * that closes k+1, one apply time {@code a} later: {@code applied(k) = close(k−1) + 2T + a}, and
 * {@code firstAck(k) = close(k−1) + g}, g the wait for the first write after the switch
 * (exponential, mean 1/λ = 0.5 ms, plus the cache write). Peak = 2T + a − g: at most 2T + a,
 * and below the close-referenced figure (2T + a) by exactly g. The test checks the reported
 * maximum against the maximum of {@code applied(k) − firstAck(k)} replayed from the session's
 * events (and the lag of the last unapplied cycle at the end; {@link AppliedCycleLag}), then the law's bound.
 */
class ImageLagLawTest {

    @Test
    void thePeakLagIsTwoCyclesPlusTheApplyMinusTheFirstWritesGap() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.NONE;
        k.boxes = 1;
        k.minCycleTimeNs = 1_000 * MS;
        GroupFixture f = new GroupFixture(k);
        CycleSession s = f.sessions.get(0);
        AppliedCycleLag replay = new AppliedCycleLag(s);
        Set<Long> applied = new HashSet<>();
        s.addAppliedListener((cycle, now) -> applied.add(cycle));
        long end = 20_000 * MS;
        f.openLoopWrites(2_000, 0, end);
        f.runUntil(end);

        long expected = replay.maxNs(end);
        double lagMax = f.metric("rpo.lag.max");
        assertThat(lagMax).as("the reported peak is the replayed one").isCloseTo(expected / 1e9, within(1e-9));
        assertThat(applied).hasSizeGreaterThanOrEqualTo(17);
        assertThat(lagMax).as("2T + a − g, a and g of a few ms").isBetween(1.99, 2.01);
        assertThat(s.switcher().drops()).isZero();
    }
}
