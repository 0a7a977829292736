package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;
import org.repsim.model.SeededCases.Coverage;

/**
 * docs/model.md §8.2 and §8.4 over random write sequences (a small track range so folding and duplicate
 * slots happen), random switch times and random send / commit / apply interleavings. The
 * {@link CycleDriver} checks its model after every operation; these properties add end-state and
 * coverage assertions. Each property runs 300 seeded cases; operations are ints in 0..1,000,000.
 */
class CycleSwitcherProperties {

    private static final int CASES = 300;
    private static final long MIN_CYCLE_NS = 2_000;
    private static final long AMPLE = Long.MAX_VALUE / 4;

    /** 1..400 operations. */
    private static List<Integer> operations(SplittableRandom r) {
        return SeededCases.ints(r, 1, 400, 0, 1_000_000);
    }

    /** 200..1000 operations. */
    private static List<Integer> longOperations(SplittableRandom r) {
        return SeededCases.ints(r, 200, 1000, 0, 1_000_000);
    }

    private static CachePressure ample() {
        return new CachePressure(AMPLE, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE);
    }

    @Test
    void legacyCyclesCarryEveryWriteAndTheSecondaryMatchesThePrimaryAtEachClose() {
        Coverage coverage = new Coverage();
        SeededCases.forSeeds(CASES, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = longOperations(r);
            int tracks = SeededCases.intIn(r, 1, 12);
            CycleDriver d = new CycleDriver(SwitchRules.legacy(MIN_CYCLE_NS), ample(), tracks, 0);
            d.applySlowness = 8;
            ops.forEach(d::step);
            d.drain();
            assertThat(d.sw.records()).allSatisfy(rec -> {
                assertThat(rec.slots()).isPositive();
                assertThat(rec.writes()).isEqualTo(rec.slots() + rec.folded());
                assertThat(rec.appliedNs()).isGreaterThanOrEqualTo(rec.commitAckNs());
                assertThat(rec.commitAckNs()).isGreaterThanOrEqualTo(rec.sentNs());
                assertThat(rec.sentNs()).isGreaterThanOrEqualTo(rec.closeNs());
            });
            assertThat(d.appliedOrder).hasSize(d.sw.records().size());
            coverage.count("folded", d.sw.folded() > 0);
            coverage.count("duplicates", d.sw.duplicates() > 0);
            coverage.count("held back by transmit", d.switchOutcomes.contains(SwitchOutcome.TRANSMIT_PENDING));
            coverage.count("held back by apply", d.switchOutcomes.contains(SwitchOutcome.APPLY_BUSY));
            coverage.count("skipped empty", d.sw.skippedSwitches() > 0);
            coverage.endCase();
        });
        coverage.assertPercentAbove("folded", 30);
        coverage.assertPercentAbove("duplicates", 10);
        coverage.assertPercentAbove("held back by transmit", 10);
        coverage.assertPercentAbove("held back by apply", 2);
        coverage.assertPercentAbove("skipped empty", 10);
    }

    @Test
    void multiCycleQueuesAtMostMaxTransmitCyclesAndAppliesInOrder() {
        Coverage coverage = new Coverage();
        SeededCases.forSeeds(CASES, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = operations(r);
            int tracks = SeededCases.intIn(r, 1, 12);
            int maxTransmit = SeededCases.intIn(r, 1, 4);
            CycleDriver d = new CycleDriver(SwitchRules.multiCycle(MIN_CYCLE_NS, maxTransmit), ample(), tracks, 0);
            ops.forEach(d::step);
            d.drain();
            assertThat(d.appliedOrder).hasSize(d.sw.records().size());
            coverage.count("queue full", d.switchOutcomes.contains(SwitchOutcome.TRANSMIT_QUEUE_FULL));
            coverage.count("duplicates", d.sw.duplicates() > 0);
            coverage.endCase();
        });
        coverage.assertPercentAbove("queue full", 4);
        coverage.assertPercentAbove("duplicates", 10);
    }

    @Test
    void externallyClosedNumbersBehaveLikeCycles() {
        SeededCases.forSeeds(CASES, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = operations(r);
            int tracks = SeededCases.intIn(r, 1, 12);
            CycleDriver d = new CycleDriver(SwitchRules.external(), ample(), tracks, 0);
            ops.forEach(d::step);
            assertThat(d.sw.trySwitch(d.now + 1_000_000, true)).isEqualTo(SwitchOutcome.EXTERNAL_ONLY);
            d.drain();
            assertThat(d.appliedOrder).hasSize(d.sw.records().size());
        });
    }

    private static List<PressurePolicy> policies(SplittableRandom r) {
        return SeededCases.oneOf(r,
                List.of(PressurePolicy.PACE),
                List.of(PressurePolicy.DROP),
                List.of(PressurePolicy.SPILL, PressurePolicy.PACE),
                List.of(PressurePolicy.SPILL, PressurePolicy.DROP));
    }

    private static SwitchRules timedRules(SplittableRandom r) {
        return SeededCases.oneOf(r, SwitchRules.legacy(MIN_CYCLE_NS), SwitchRules.multiCycle(MIN_CYCLE_NS, 3),
                SwitchRules.external());
    }

    /**
     * Under cache pressure each policy decides in the listed order (spill when the pool can make
     * room, else fall through; pace; drop → owed tracks → resync → fresh first cycle), the session
     * never holds more than its limit, and all §8.2/§8.4 invariants still hold. 50..400 operations,
     * 1..12 tracks, a limit of 2..8 slots, a spill pool of 0..6 slots.
     */
    @Test
    void pressurePoliciesDecideInOrderAndKeepInvariants() {
        Coverage coverage = new Coverage();
        SeededCases.forSeeds(CASES, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> ops = SeededCases.ints(r, 50, 400, 0, 1_000_000);
            int tracks = SeededCases.intIn(r, 1, 12);
            int limitSlots = SeededCases.intIn(r, 2, 8);
            int poolSlots = SeededCases.intIn(r, 0, 6);
            List<PressurePolicy> policies = policies(r);
            SwitchRules rules = timedRules(r);
            long size = 100;
            // the driver's model spills transmit slots only (SpillCaptureProperties covers SpillFrom.ANY)
            CachePressure pressure = new CachePressure(limitSlots * size, poolSlots * size, policies, Long.MAX_VALUE,
                    SpillFrom.TRANSMIT);
            CycleDriver d = new CycleDriver(rules, pressure, tracks, size);
            ops.forEach(d::step);
            d.drain();
            if (!policies.contains(PressurePolicy.SPILL)) {
                assertThat(d.sw.spilledSlots()).isZero();
            }
            if (!policies.contains(PressurePolicy.PACE)) {
                assertThat(d.outcomes).doesNotContain(WriteOutcome.PACED);
            }
            if (!policies.contains(PressurePolicy.DROP)) {
                assertThat(d.outcomes).doesNotContain(WriteOutcome.DROPPED, WriteOutcome.OWED);
                assertThat(d.sw.drops()).isZero();
            } else {
                assertThat(d.resyncs).isEqualTo(d.sw.drops());
            }
            assertThat(d.sw.maxCacheBytes()).isLessThanOrEqualTo(pressure.limitBytes());
            assertThat(d.sw.maxPoolBytes()).isLessThanOrEqualTo(pressure.spillPoolBytes());
            boolean spillListed = policies.contains(PressurePolicy.SPILL);
            boolean fellThrough = spillListed
                    && (d.outcomes.contains(WriteOutcome.PACED) || d.outcomes.contains(WriteOutcome.DROPPED));
            coverage.count("spilled", d.sw.spilledSlots() > 0);
            coverage.count("spill fell through", fellThrough);
            coverage.count("spilled then fell through", fellThrough && d.sw.spilledSlots() > 0);
            coverage.count("paced", d.outcomes.contains(WriteOutcome.PACED));
            coverage.count("dropped and resynchronised", d.resyncs > 0);
            coverage.count("owed during drop", d.outcomes.contains(WriteOutcome.OWED));
            coverage.endCase();
        });
        coverage.assertPercentAbove("spilled", 5);
        coverage.assertPercentAbove("spill fell through", 5);
        coverage.assertSeen("spilled then fell through");
        coverage.assertPercentAbove("paced", 10);
        coverage.assertPercentAbove("dropped and resynchronised", 10);
        coverage.assertPercentAbove("owed during drop", 5);
    }
}
