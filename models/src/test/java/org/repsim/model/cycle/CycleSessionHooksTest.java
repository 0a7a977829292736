package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.repsim.model.cycle.CycleFixture.MS;
import static org.repsim.model.cycle.CycleFixture.S;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SwitchOutcome;
import org.repsim.model.cycle.rules.SwitchRules;

/** The external-control hooks used by consistency groups (docs/model.md §6) and the engine's own rules. */
class CycleSessionHooksTest {

    private static CycleFixture external() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.external();
        return new CycleFixture(k);
    }

    private static void at(CycleFixture f, long ns, Runnable r) {
        f.kernel.at(ns, Tie.CONTROL, r);
    }

    @Test
    void externalModeSwitchesOnlyOnCloseAndReportsReadiness() {
        CycleFixture f = external();
        List<Long> committedSeen = new ArrayList<>();
        List<Long> appliedSeen = new ArrayList<>();
        f.session.addCommittedListener((n, t) -> committedSeen.add(n));
        f.session.addAppliedListener((n, t) -> appliedSeen.add(n));
        boolean[] ready = new boolean[4];
        f.writes(0, 2 * S);
        at(f, 500 * MS, () -> {
            ready[0] = f.session.readyToSwitch();
            assertThat(f.session.close(f.kernel.now())).isEqualTo(SwitchOutcome.SWITCHED);
            ready[1] = f.session.readyToSwitch();
        });
        at(f, 900 * MS, () -> {
            ready[2] = f.session.readyToSwitch();
            assertThat(f.session.close(f.kernel.now(), 10)).isEqualTo(SwitchOutcome.SWITCHED);
        });
        at(f, 1_500 * MS, () -> f.session.close(f.kernel.now()));
        f.runUntil(3 * S);
        assertThat(ready).containsExactly(true, false, true, false);
        assertThat(f.records(f.session)).extracting(CycleRecord::number).containsExactly(0L, 1L, 10L);
        assertThat(f.session.switcher().captureNumber()).isEqualTo(11);
        assertThat(committedSeen).containsExactly(0L, 1L, 10L);
        assertThat(appliedSeen).containsExactly(0L, 1L, 10L);
        assertThat(f.session.readyToSwitch()).isTrue();
        assertThat(f.session.conservation().holds()).isTrue();
    }

    @Test
    void heldWritesWaitAndEnterTheCycleOpenAtRelease() {
        CycleFixture f = external();
        List<long[]> tags = new ArrayList<>(); // issueNs, tag, tagNs
        f.session.addWriteTagListener((io, n, t) -> tags.add(new long[] {io.issueNs(), n, t}));
        f.writes(0, 600 * MS);
        at(f, 300 * MS, f.session::holdWrites);
        at(f, 320 * MS, () -> {
            assertThat(f.session.isHoldingWrites()).isTrue();
            assertThat(f.session.waitingWrites()).isPositive();
            f.session.close(f.kernel.now());
        });
        at(f, 350 * MS, f.session::releaseWrites);
        f.runUntil(1 * S);
        assertThat(tags).hasSize((int) f.host.issued());
        int held = 0;
        for (long[] t : tags) {
            if (t[0] < 300 * MS - MS) {
                assertThat(t[1]).isEqualTo(0);
            } else if (t[0] >= 300 * MS && t[0] < 350 * MS) {
                held++;
                assertThat(t[1]).as("write issued at %d", t[0]).isEqualTo(1);
                assertThat(t[2]).isEqualTo(350 * MS);
            }
        }
        assertThat(held).isEqualTo(100);
        assertThat(f.session.heldWrites()).isEqualTo(held);
    }

    @Test
    void applyGateHoldsCommittedCyclesUntilAllowed() {
        CycleFixture f = external();
        long[] allowed = {-1};
        f.session.setApplyGate(n -> n <= allowed[0]);
        f.writes(0, 400 * MS);
        at(f, 100 * MS, () -> f.session.close(f.kernel.now()));
        at(f, 200 * MS, () -> f.session.close(f.kernel.now()));
        long[] observed = new long[3];
        at(f, 500 * MS, () -> {
            observed[0] = f.session.receiver().lastCommitted();
            observed[1] = f.session.receiver().lastApplied();
            allowed[0] = 0;
            f.session.retryApply();
        });
        at(f, 700 * MS, () -> observed[2] = f.session.receiver().lastApplied());
        f.runUntil(1 * S);
        assertThat(observed).containsExactly(1, -1, 0);
        assertThat(f.session.receiver().lastApplied()).isEqualTo(0);
        // cycle 1 is committed and waits at the gate: the previous apply has not finished (condition 3)
        assertThat(f.session.readyToSwitch()).isFalse();
        allowed[0] = 1;
        f.session.retryApply();
        f.runUntil(2 * S);
        assertThat(f.session.receiver().lastApplied()).isEqualTo(1);
        assertThat(f.session.readyToSwitch()).isTrue();
        assertThat(f.session.conservation().holds()).isTrue();
    }

    @Test
    void transmitGateHoldsClosedCyclesOnThePrimary() {
        CycleFixture f = external();
        boolean[] open = {false};
        f.session.setTransmitGate(n -> open[0]);
        f.writes(0, 200 * MS);
        at(f, 100 * MS, () -> f.session.close(f.kernel.now()));
        long[] received = new long[2];
        at(f, 500 * MS, () -> {
            received[0] = f.session.receiver().receivedBytes();
            assertThat(f.session.transmitQueue()).isEqualTo(1);
            open[0] = true;
            f.session.retryTransmit();
        });
        f.runUntil(1 * S);
        assertThat(received[0]).isZero();
        assertThat(f.session.receiver().lastApplied()).isEqualTo(0);
        assertThat(f.session.transmitQueue()).isZero();
        assertThat(f.session.conservation().holds()).isTrue();
    }

    @Test
    void pacingKeepsTheSessionUnderItsLimitAndDelaysAcknowledgements() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.multiCycle(100 * MS, 8);
        k.linkBps = 8e6;
        k.limitBytes = 2_000_000;
        k.policies = List.of(PressurePolicy.PACE);
        CycleFixture f = new CycleFixture(k);
        long[] maxLatency = {0};
        f.signals.find("host.write.latency").subscribe((t, v) -> maxLatency[0] = Math.max(maxLatency[0], (long) v));
        long[] tagged = {0};
        f.session.addWriteTagListener((io, n, t) -> tagged[0]++);
        f.writes(0, 3 * S);
        f.runUntil(3 * S);
        assertThat(f.session.pacedWrites()).isPositive();
        assertThat(f.session.switcher().maxCacheBytes()).isLessThanOrEqualTo(k.limitBytes);
        assertThat(f.session.switcher().drops()).isZero();
        assertThat(maxLatency[0]).isGreaterThan(10 * MS);
        assertThat(tagged[0] + f.session.waitingWrites()).isEqualTo(f.host.issued());
        assertThat(f.session.conservation().holds()).isTrue();
    }

    @Test
    void severalLinksShareTheTransmitLoad() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(200 * MS);
        k.linkBps = 6e6;
        k.links = 2;
        CycleFixture f = new CycleFixture(k);
        double[] sent = new double[2];
        for (int i = 0; i < 2; i++) {
            int j = i;
            f.signals.find("link.wan" + i + ".p-s.sentBytes").subscribe((t, v) -> sent[j] += v);
        }
        f.writes(0, 4 * S);
        f.runUntil(4 * S);
        double total = sent[0] + sent[1];
        assertThat(total).isGreaterThan(0.8 * 2 * 6e6 * 3.5);
        assertThat(sent[0] / total).isBetween(0.45, 0.55);
        assertThat(f.session.conservation().holds()).isTrue();
    }

    @Test
    void multiCycleSwitchesOnTimeUntilTheTransmitQueueIsFull() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.multiCycle(100 * MS, 3);
        k.linkBps = 10e6;
        CycleFixture f = new CycleFixture(k);
        int[] maxQueue = {0};
        f.signals.find("cycle.r1.transmitQueue").subscribe((t, v) -> maxQueue[0] = Math.max(maxQueue[0], (int) v));
        f.writes(0, 4 * S);
        f.runUntil(4 * S);
        List<CycleRecord> rs = f.records(f.session);
        assertThat(rs.get(0).durationNs()).isEqualTo(100 * MS);
        assertThat(rs.get(1).durationNs()).isEqualTo(100 * MS);
        assertThat(rs.get(rs.size() - 1).durationNs()).isGreaterThan(100 * MS);
        assertThat(maxQueue[0]).isEqualTo(3);
        for (CycleRecord r : rs) {
            assertThat(r.durationNs()).isGreaterThanOrEqualTo(100 * MS);
        }
        assertThat(f.session.conservation().holds()).isTrue();
    }

    @Test
    void badConfigurationIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> CycleConfig.of("x", SwitchRules.legacy(S),
                new org.repsim.model.cycle.rules.CachePressure(1 << 20, 1 << 20,
                        List.of(PressurePolicy.SPILL, PressurePolicy.PACE), 0), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spill disk group");
        CycleFixture f = external();
        assertThatThrownBy(() -> f.session.addPair(f.primaryVolume, f.secondaryVolume))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already paired");
    }
}
