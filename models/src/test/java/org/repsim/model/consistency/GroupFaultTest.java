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
        assertThat(f.group.image().violations()).isZero();
        assertThat(f.group.image().rules().pendingTaggedWrites()).isZero();
        assertThat(f.metric("rpo.lag.max")).isGreaterThan(0.08); // the outage shows in the group's lag
    }

    /**
     * docs/model.md §6: a member that drops (transmit idle during its link's outage) drops the whole
     * group; once its link is back every member copies its owed tracks and the group returns to
     * consistent cycles. Replayed from the event log: the group's time without a consistent image is
     * exactly the first group commit after the resume minus the member's drop; no violation at any
     * time; after the drain every write is in the image and every secondary equals its primary.
     */
    @ParameterizedTest
    @EnumSource(value = ConsistencyMode.class, names = {"HOST", "SHUTTLE"})
    void aDroppedMemberResynchronisesAndTheGroupResumesConsistentCycles(ConsistencyMode mode) {
        GroupFixture.Knobs k = knobs(mode);
        k.transmitIdleNs = 20 * MS; // box 1 drops 20 ms into its outage
        long dropNs = resumesAfterTheDropOfBox1(k);
        assertThat(dropNs).as("box 1 dropped by transmit idle").isEqualTo(120 * MS);
    }

    /** The same when box 1 drops because its session's cache filled during the outage (policy drop). */
    @ParameterizedTest
    @EnumSource(value = ConsistencyMode.class, names = {"HOST", "SHUTTLE"})
    void aMemberDroppedByCachePressureResumesToo(ConsistencyMode mode) {
        GroupFixture.Knobs k = knobs(mode);
        k.sessionCacheBytes = 64 * GroupFixture.TRACK; // 64 slots: each takes a whole track of the box cache (docs/model.md §7a)
        k.policies = java.util.List.of(org.repsim.model.cycle.rules.PressurePolicy.DROP);
        long dropNs = resumesAfterTheDropOfBox1(k);
        assertThat(dropNs).as("box 1 dropped when its cache filled").isBetween(100 * MS, 200 * MS);
    }

    private static GroupFixture.Knobs knobs(ConsistencyMode mode) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = mode;
        k.ack = AckRule.AFTER_ROUND;
        k.sharedLink = false;
        k.streams = 8;
        k.thinkNs = 2 * MS; // light enough for the copy of the owed tracks to catch up with the writes
        return k;
    }

    /** Runs box 1's outage [100 ms, 200 ms) under dependent writes to 600 ms; returns box 1's drop time. */
    private static long resumesAfterTheDropOfBox1(GroupFixture.Knobs k) {
        GroupFixture f = new GroupFixture(k);
        f.links.get(1).scheduleOutage(f.kernel, 100 * MS, 200 * MS);
        java.util.List<long[]> commits = new java.util.ArrayList<>(); // {through, ns}
        f.group.addCommitListener((through, now) -> commits.add(new long[] {through, now}));
        long[] dropNs = {-1};
        f.sessions.get(1).addDropListener((x, now) -> {
            if (dropNs[0] < 0) {
                dropNs[0] = now;
            }
        });
        long[] suspendedWrites = {0};
        f.host.addWriteAckListener(io -> {
            if (f.group.suspended()) {
                suspendedWrites[0]++;
            }
        });
        f.dependentWrites(0, 600 * MS);
        f.runUntil(800 * MS);

        assertThat(dropNs[0]).as("box 1 dropped").isPositive();
        // the group drops as one at each suspension (a member may drop again before it resumed)
        assertThat(f.metric("session.drops")).as("the group dropped as one")
                .isEqualTo(4 * f.metric("consistency.suspensions"));
        assertThat(f.group.suspended()).as("the group resumed").isFalse();
        assertThat(suspendedWrites[0]).as("hosts kept being acknowledged").isGreaterThan(10);
        long resumedCommitNs = -1;
        long lastBefore = -1;
        for (long[] c : commits) {
            if (c[1] <= dropNs[0]) {
                lastBefore = c[0];
            } else if (resumedCommitNs < 0) {
                resumedCommitNs = c[1];
            }
        }
        assertThat(resumedCommitNs).as("a commit after the resume").isGreaterThan(200 * MS);
        // one span: from the first drop to the first commit after the (last) resume
        java.util.List<long[]> spans = f.group.unprotectedSpans();
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0)).containsExactly(dropNs[0], resumedCommitNs);
        assertThat(f.metric("consistency.unprotected")).isEqualTo((resumedCommitNs - dropNs[0]) / 1e9);
        // consistent cycles again: many commits after the resume, the image reaches the end
        long resumed = resumedCommitNs;
        assertThat(commits.stream().filter(c -> c[1] > resumed).count()).isGreaterThan(10);
        assertThat(f.group.image().violations()).isZero();
        assertThat(f.group.image().rules().pendingTaggedWrites()).as("every write, those made while dropped too, in the image")
                .isZero();
        assertThat(f.group.heldAcknowledgements()).isZero();
        for (int b = 0; b < f.sessions.size(); b++) {
            var s = f.sessions.get(b);
            assertThat(s.state()).isEqualTo(org.repsim.model.cycle.rules.SessionState.ACTIVE);
            for (long t = 0; t < k.volumeTracks; t++) {
                assertThat(s.receiver().imageVersion(t)).as("box %d track %d", b, t).isEqualTo(s.primaryVersion(t));
            }
        }
        assertThat(f.groupRecording.intervals(f.kernel.now()))
                .filteredOn(i -> i.subject().equals("g")).hasSize(1);
        return dropNs[0];
    }
}
