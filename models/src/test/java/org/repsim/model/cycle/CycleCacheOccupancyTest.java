package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.MS;
import static org.repsim.model.cycle.CycleFixture.S;
import static org.repsim.model.cycle.CycleFixture.TRACK;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * Cycle slots live in the boxes' caches (docs/model.md §5, §7a): the primary's write pending holds
 * the session's slots, counted once with the host writes' dirty data; the secondary's holds the
 * received cycles until applied, then their dirty slots until destaged.
 */
class CycleCacheOccupancyTest {

    /**
     * Writes during [0, 0.5 s), legacy 1 s cycles applied at the switch: cycle 0 closes at 1 s and
     * is received by about 1.1 s; until the switch at 2 s releases it, the secondary's write
     * pending is exactly its slots × trackSize (nothing else is there); once applied and destaged
     * it is 0, the apply having written (and destaged) one track per slot.
     */
    @Test
    void aReceivedCycleOccupiesTheSecondaryCacheUntilAppliedAndDestaged() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(S);
        k.applyTiming = ApplyTiming.AT_SWITCH;
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 500 * MS);
        long[] destages = {0};
        f.signals.find("box.S.dg0.writes").subscribe((t, v) -> destages[0] += (long) v);
        long[] before = new long[3];
        long[] after = new long[2];
        f.kernel.at(1_900 * MS, Tie.OBSERVE, () -> {
            before[0] = f.secondary.cache().writePendingBytes();
            before[1] = f.secondary.cache().heldBytes();
            before[2] = f.session.receiver().lastCommitted();
        });
        f.kernel.at(1_000 * MS - 1, Tie.OBSERVE, () -> after[0] = f.secondary.cache().writePendingBytes());
        f.kernel.at(4 * S, Tie.OBSERVE, () -> after[1] = f.secondary.cache().writePendingBytes());
        f.runUntil(4 * S);
        CycleRecord r = f.records(f.session).get(0);
        assertThat(before[2]).as("cycle 0 committed, not applied").isZero();
        assertThat(r.appliedNs()).isGreaterThanOrEqualTo(2 * S);
        assertThat(after[0]).as("nothing received yet").isZero();
        assertThat(before[0]).isEqualTo(r.slots() * TRACK).isEqualTo(before[1]);
        assertThat(after[1]).isZero();
        assertThat(destages[0]).as("one destage per applied slot").isEqualTo(r.slots());
    }

    /**
     * The session's share bounds it inside the box's limit: session limit = 0.5 × the box's
     * write-pending limit (cache 256 MiB × 0.5 × 0.5 = 64 MiB), whole-track slots, a link slower
     * than the writes, pace. The session's cache peaks at its limit (to the track), never above;
     * the box's write pending, which holds the session's slots, stays within the box's limit.
     */
    @Test
    void theSessionShareBoundsTheSessionInsideTheBoxLimit() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(100 * MS);
        k.linkBps = 8e6;
        k.cacheBytes = 256L << 20;
        k.writePendingLimit = 0.5;
        k.limitBytes = (long) (k.cacheBytes * k.writePendingLimit * 0.5);
        k.policies = List.of(PressurePolicy.PACE);
        CycleFixture f = new CycleFixture(k);
        long[] boxPeak = {0};
        long[] belowSession = {Long.MAX_VALUE};
        f.signals.find("box.P.cache.writePendingBytes").subscribe((t, v) -> boxPeak[0] = Math.max(boxPeak[0], (long) v));
        f.writes(0, 3 * S);
        for (long t = 100 * MS; t < 3 * S; t += 100 * MS) {
            f.kernel.at(t, Tie.OBSERVE, () -> belowSession[0] = Math.min(belowSession[0],
                    f.primary.cache().writePendingBytes() - f.session.cacheBytes()));
        }
        f.runUntil(3 * S);
        long boxLimit = f.primary.cache().writePendingLimitBytes();
        assertThat(f.session.switcher().maxCacheBytes()).isLessThanOrEqualTo(k.limitBytes)
                .isGreaterThan(k.limitBytes - TRACK);
        assertThat(f.session.pacedWrites()).isPositive();
        assertThat(boxPeak[0]).isLessThanOrEqualTo(boxLimit).isGreaterThanOrEqualTo(k.limitBytes - TRACK);
        assertThat(belowSession[0]).as("the box's write pending includes the session's slots").isGreaterThanOrEqualTo(0);
    }
}
