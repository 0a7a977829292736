package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repsim.model.WanLink;
import org.repsim.model.consistency.rules.AckRule;

/**
 * docs/model.md §7 faults under a consistency group: a link outage (all links of one box down, the
 * session stays active under transmit idle) and a degraded link stall the group — no cycle or
 * number can commit without the cut-off box — without any consistency violation, and the group
 * resumes and catches up when the link returns.
 */
class GroupFaultTest {

    @ParameterizedTest
    @EnumSource(value = ConsistencyMode.class, names = {"HOST", "SHUTTLE"})
    void outageStallsTheGroupWithoutViolationsAndItCatchesUp(ConsistencyMode mode) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = mode;
        k.ack = AckRule.AFTER_ROUND;
        k.sharedLink = false;
        k.thinkNs = 200 * US;
        GroupFixture f = new GroupFixture(k);
        WanLink cut = f.links.get(1);
        cut.scheduleOutage(f.kernel, 100 * MS, 200 * MS);
        f.links.get(2).scheduleDegradation(f.kernel, 150 * MS, 300 * MS, 0.01);
        f.dependentWrites(0, 400 * MS);
        long[] appliedAt = new long[3];
        f.kernel.at(120 * MS, org.repsim.core.kernel.Tie.OBSERVE, () -> appliedAt[0] = f.group.appliedEverywhere());
        f.kernel.at(195 * MS, org.repsim.core.kernel.Tie.OBSERVE, () -> appliedAt[1] = f.group.appliedEverywhere());
        f.runUntil(600 * MS);
        appliedAt[2] = f.group.appliedEverywhere();
        // stalled during the outage: at most the number(s) already received everywhere committed
        assertThat(appliedAt[1] - appliedAt[0]).isLessThanOrEqualTo(1);
        assertThat(appliedAt[2]).isGreaterThan(appliedAt[1] + 5);
        assertThat(f.group.checker().violations()).isZero();
        assertThat(f.group.checker().pendingWrites()).isZero();
        assertThat(f.metric("rpo.lag.max")).isGreaterThan(0.08); // the outage shows in the group's lag
    }

    @ParameterizedTest
    @EnumSource(value = ConsistencyMode.class, names = {"HOST", "SHUTTLE"})
    void memberDropSuspendsTheGroupWithAFrozenConsistentImage(ConsistencyMode mode) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = mode;
        k.ack = AckRule.AFTER_ROUND;
        k.sharedLink = false;
        k.thinkNs = 200 * US;
        k.transmitIdleNs = 20 * MS; // box 1 drops 20 ms into its outage
        GroupFixture f = new GroupFixture(k);
        f.links.get(1).scheduleOutage(f.kernel, 100 * MS, 200 * MS);
        long[] acks = {0};
        f.host.addWriteAckListener(io -> {
            if (f.group.suspended()) {
                acks[0]++;
            }
        });
        f.dependentWrites(0, 400 * MS);
        long[] frozen = {Long.MIN_VALUE};
        f.kernel.at(300 * MS, org.repsim.core.kernel.Tie.OBSERVE, () -> frozen[0] = f.group.appliedEverywhere());
        f.runUntil(600 * MS);
        assertThat(f.metric("session.drops")).isEqualTo(1);
        assertThat(f.group.suspended()).isTrue();
        assertThat(f.group.suspendedAtNs()).isBetween(120 * MS, 300 * MS);
        assertThat(f.group.appliedEverywhere()).isEqualTo(frozen[0]); // the image froze
        assertThat(acks[0]).as("hosts keep being acknowledged").isGreaterThan(1_000);
        assertThat(f.group.heldAcknowledgements()).isZero();
        assertThat(f.group.checker().violations()).isZero();
        // everything acknowledged since the last group commit is lost at a disaster now
        var loss = f.group.dataLossAt(f.kernel.now());
        assertThat(loss.lostWrites()).isGreaterThan(acks[0]);
        assertThat(loss.recoveryPointNs()).isGreaterThan(f.kernel.now() - f.group.suspendedAtNs());
        assertThat(f.groupRecording.intervals(f.kernel.now())).extracting(i -> i.kind()).contains("session-drop");
    }
}
