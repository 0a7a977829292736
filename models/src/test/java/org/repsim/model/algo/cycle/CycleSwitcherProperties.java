package org.repsim.model.algo.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * DOMAIN §8.2 and §8.4 over random write sequences (a small track range so folding and duplicate
 * slots happen), random switch times and random send / commit / apply interleavings. The
 * {@link CycleDriver} checks its model after every operation; these properties add end-state and
 * coverage assertions.
 */
class CycleSwitcherProperties {

    private static final long MIN_CYCLE_NS = 2_000;
    private static final long AMPLE = Long.MAX_VALUE / 4;

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(400);
    }

    @Provide
    Arbitrary<List<Integer>> longOperations() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(200).ofMaxSize(1000);
    }

    private static CachePressure ample() {
        return new CachePressure(AMPLE, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE);
    }

    @Property(tries = 300, seed = "20261123")
    void legacyCyclesCarryEveryWriteAndTheSecondaryMatchesThePrimaryAtEachClose(
            @ForAll("longOperations") List<Integer> ops, @ForAll @IntRange(min = 1, max = 12) int tracks) {
        CycleDriver d = new CycleDriver(SwitchRules.legacy(MIN_CYCLE_NS), ample(), tracks, 0);
        d.applySlowness = 8;
        ops.forEach(d::step);
        d.drain();
        assertThat(d.sw.records()).allSatisfy(r -> {
            assertThat(r.slots()).isPositive();
            assertThat(r.writes()).isEqualTo(r.slots() + r.folded());
            assertThat(r.appliedNs()).isGreaterThanOrEqualTo(r.commitAckNs());
            assertThat(r.commitAckNs()).isGreaterThanOrEqualTo(r.sentNs());
            assertThat(r.sentNs()).isGreaterThanOrEqualTo(r.closeNs());
        });
        assertThat(d.appliedOrder).hasSize(d.sw.records().size());
        Statistics.label("folded").collect(d.sw.folded() > 0);
        Statistics.label("duplicates").collect(d.sw.duplicates() > 0);
        Statistics.label("held back by transmit").collect(d.switchOutcomes.contains(SwitchOutcome.TRANSMIT_PENDING));
        Statistics.label("held back by apply").collect(d.switchOutcomes.contains(SwitchOutcome.APPLY_BUSY));
        Statistics.label("skipped empty").collect(d.sw.skippedSwitches() > 0);
        Statistics.label("folded").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("duplicates").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("held back by transmit").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("held back by apply").coverage(c -> c.check(true).percentage(p -> p > 2));
        Statistics.label("skipped empty").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    @Property(tries = 300, seed = "20261123")
    void multiCycleQueuesAtMostMaxTransmitCyclesAndAppliesInOrder(
            @ForAll("operations") List<Integer> ops, @ForAll @IntRange(min = 1, max = 12) int tracks,
            @ForAll @IntRange(min = 1, max = 4) int maxTransmit) {
        CycleDriver d = new CycleDriver(SwitchRules.multiCycle(MIN_CYCLE_NS, maxTransmit), ample(), tracks, 0);
        ops.forEach(d::step);
        d.drain();
        assertThat(d.appliedOrder).hasSize(d.sw.records().size());
        Statistics.label("queue full").collect(d.switchOutcomes.contains(SwitchOutcome.TRANSMIT_QUEUE_FULL));
        Statistics.label("duplicates").collect(d.sw.duplicates() > 0);
        Statistics.label("queue full").coverage(c -> c.check(true).percentage(p -> p > 4));
        Statistics.label("duplicates").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    @Property(tries = 300, seed = "20261123")
    void externallyClosedNumbersBehaveLikeCycles(
            @ForAll("operations") List<Integer> ops, @ForAll @IntRange(min = 1, max = 12) int tracks) {
        CycleDriver d = new CycleDriver(SwitchRules.external(), ample(), tracks, 0);
        ops.forEach(d::step);
        assertThat(d.sw.trySwitch(d.now + 1_000_000, true)).isEqualTo(SwitchOutcome.EXTERNAL_ONLY);
        d.drain();
        assertThat(d.appliedOrder).hasSize(d.sw.records().size());
    }

    @Provide
    Arbitrary<List<PressurePolicy>> policies() {
        return Arbitraries.of(
                List.of(PressurePolicy.PACE),
                List.of(PressurePolicy.DROP),
                List.of(PressurePolicy.SPILL, PressurePolicy.PACE),
                List.of(PressurePolicy.SPILL, PressurePolicy.DROP));
    }

    @Provide
    Arbitrary<SwitchRules> timedRules() {
        return Arbitraries.of(SwitchRules.legacy(MIN_CYCLE_NS), SwitchRules.multiCycle(MIN_CYCLE_NS, 3),
                SwitchRules.external());
    }

    /**
     * Under cache pressure each policy decides in the listed order (spill when the pool can make
     * room, else fall through; pace; drop → owed tracks → resync → fresh first cycle), the session
     * never holds more than its limit, and all §8.2/§8.4 invariants still hold.
     */
    @Property(tries = 300, seed = "20261123")
    void pressurePoliciesDecideInOrderAndKeepInvariants(
            @ForAll("operations") @Size(min = 50) List<Integer> ops,
            @ForAll @IntRange(min = 1, max = 12) int tracks,
            @ForAll @IntRange(min = 2, max = 8) int limitSlots,
            @ForAll @IntRange(min = 0, max = 6) int poolSlots,
            @ForAll("policies") List<PressurePolicy> policies,
            @ForAll("timedRules") SwitchRules rules) {
        long size = 100;
        CachePressure pressure = new CachePressure(limitSlots * size, poolSlots * size, policies, Long.MAX_VALUE);
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
        Statistics.label("spilled").collect(d.sw.spilledSlots() > 0);
        Statistics.label("spill fell through").collect(fellThrough);
        Statistics.label("spilled then fell through").collect(fellThrough && d.sw.spilledSlots() > 0);
        Statistics.label("paced").collect(d.outcomes.contains(WriteOutcome.PACED));
        Statistics.label("dropped and resynchronised").collect(d.resyncs > 0);
        Statistics.label("owed during drop").collect(d.outcomes.contains(WriteOutcome.OWED));
        Statistics.label("spilled").coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("spill fell through").coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("spilled then fell through").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("paced").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("dropped and resynchronised").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("owed during drop").coverage(c -> c.check(true).percentage(p -> p > 5));
    }
}
