package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.DataLoss;
import org.repsim.model.cycle.CycleSession;

/**
 * docs/model.md §7: in cycle mode the data a disaster loses and the recovery-point reference, as
 * the group's recoverable image (the class sync and ordered modes feed) reports them, equal a
 * brute-force replay of the event log — every write's box, tag (cycle or number) and host
 * acknowledgement time, and the mark per box the image holds (mode none: the newest cycle each
 * secondary applied, from the sessions' apply events; host and shuttle: the newest number the group
 * committed, from its commit events) — at 20 instants, for every consistency mode: lost writes,
 * bytes, oldest and newest lost acknowledgement, and the image's primary time = the oldest lost
 * acknowledgement.
 */
class CycleLossReplayTest {
    private static final int INSTANTS = 20;

    private static void replay(ConsistencyMode mode, AckRule ack) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = mode;
        k.ack = ack;
        k.boxes = 3;
        k.streams = 16;
        GroupFixture f = new GroupFixture(k);
        Map<Long, long[]> writes = new HashMap<>(); // io id → {box, tag, bytes, ack ns or −1}
        long[] applied = new long[k.boxes];
        java.util.Arrays.fill(applied, -1);
        long[] committed = {-1};
        f.group.addCommitListener((through, now) -> committed[0] = Math.max(committed[0], through));
        for (int b = 0; b < k.boxes; b++) {
            int box = b;
            CycleSession s = f.sessions.get(b);
            s.addWriteTagListener((io, cycle, now) -> writes.put(io.id(), new long[] {box, cycle, io.sizeBytes(), -1}));
            s.addAppliedListener((cycle, now) -> applied[box] = Math.max(applied[box], cycle));
        }
        f.host.addWriteAckListener(io -> {
            long[] w = writes.get(io.id());
            if (w != null) {
                w[3] = f.kernel.now();
            }
        });
        f.dependentWrites(0, INSTANTS * 7 * MS + MS);
        f.openLoopWrites(2_000, 0, INSTANTS * 7 * MS + MS);
        long[] lostSeen = {0};
        for (int i = 1; i <= INSTANTS; i++) {
            f.kernel.at(i * 7 * MS, Tie.CONTROL, () -> {
                long now = f.kernel.now();
                long lost = 0;
                long bytes = 0;
                long oldest = -1;
                long newest = -1;
                for (long[] w : writes.values()) {
                    long mark = mode == ConsistencyMode.NONE ? applied[(int) w[0]] : committed[0];
                    boolean inImage = w[1] != CycleSession.UNTAGGED && w[1] <= mark;
                    if (w[3] >= 0 && !inImage) {
                        lost++;
                        bytes += w[2];
                        oldest = oldest < 0 ? w[3] : Math.min(oldest, w[3]);
                        newest = Math.max(newest, w[3]);
                    }
                }
                DataLoss d = f.group.dataLossAt(now);
                String at = mode + " " + ack + " at " + now;
                assertThat(d.lostWrites()).as(at).isEqualTo(lost);
                assertThat(d.lostBytes()).as(at).isEqualTo(bytes);
                assertThat(d.oldestLostAckNs()).as(at).isEqualTo(oldest);
                assertThat(d.newestLostAckNs()).as(at).isEqualTo(newest);
                assertThat(f.group.recoveryPointNs()).as(at).isEqualTo(lost == 0 ? Long.MIN_VALUE : oldest);
                lostSeen[0] = Math.max(lostSeen[0], lost);
            });
        }
        f.runUntil(INSTANTS * 7 * MS + 1);
        assertThat(lostSeen[0]).as("the instants see writes lost").isPositive();
    }

    /**
     * Mode none through a drop: box 1's link is down from 100 to 200 ms, its session drops after
     * {@code transmitIdle} (20 ms) and resynchronises once the link is back. The replay's image also
     * holds every write the box made before its resynchronisation ended (every owed track copied):
     * the writes of the discarded cycles and those made while dropped. After the drain nothing is lost.
     */
    @Test
    void noneMatchesTheReplayThroughADropAndResync() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.NONE;
        k.boxes = 3;
        k.streams = 8;
        k.sharedLink = false;
        k.thinkNs = 2 * MS;
        k.transmitIdleNs = 20 * MS;
        GroupFixture f = new GroupFixture(k);
        f.links.get(1).scheduleOutage(f.kernel, 100 * MS, 200 * MS);
        Map<Long, long[]> writes = new HashMap<>(); // io id → {box, tag, bytes, ack ns or −1, tag order}
        long[] applied = new long[k.boxes];
        java.util.Arrays.fill(applied, -1);
        long[] resyncedBefore = new long[k.boxes]; // writes tagged before the box's last resynchronisation ended
        long[] order = {0};
        long[] untagged = {0};
        for (int b = 0; b < k.boxes; b++) {
            int box = b;
            CycleSession s = f.sessions.get(b);
            s.addWriteTagListener((io, cycle, now) -> {
                writes.put(io.id(), new long[] {box, cycle, io.sizeBytes(), -1, order[0]++});
                untagged[0] += cycle == CycleSession.UNTAGGED ? 1 : 0;
            });
            s.addAppliedListener((cycle, now) -> applied[box] = Math.max(applied[box], cycle));
            s.addResynchronisedListener((x, now) -> resyncedBefore[box] = order[0]);
        }
        f.host.addWriteAckListener(io -> {
            long[] w = writes.get(io.id());
            if (w != null) {
                w[3] = f.kernel.now();
            }
        });
        f.dependentWrites(0, 600 * MS);
        long[] lostSeen = {0};
        for (int i = 1; i <= 40; i++) {
            f.kernel.at(i * 20 * MS, Tie.CONTROL, () -> {
                long now = f.kernel.now();
                long lost = 0;
                long oldest = -1;
                for (long[] w : writes.values()) {
                    int box = (int) w[0];
                    boolean inImage = w[1] != CycleSession.UNTAGGED && w[1] <= applied[box] || w[4] < resyncedBefore[box];
                    if (w[3] >= 0 && !inImage) {
                        lost++;
                        oldest = oldest < 0 ? w[3] : Math.min(oldest, w[3]);
                    }
                }
                DataLoss d = f.group.dataLossAt(now);
                assertThat(d.lostWrites()).as("at " + now).isEqualTo(lost);
                assertThat(d.oldestLostAckNs()).as("at " + now).isEqualTo(oldest);
                lostSeen[0] = Math.max(lostSeen[0], lost);
            });
        }
        f.runUntil(800 * MS + 1);
        assertThat(untagged[0]).as("writes made while box 1 was dropped").isPositive();
        assertThat(resyncedBefore[1]).as("box 1 resynchronised").isPositive();
        assertThat(lostSeen[0]).isPositive();
        assertThat(f.group.dataLossAt(f.kernel.now()).lostWrites()).as("after the drain").isZero();
        assertThat(f.group.image().rules().pendingTaggedWrites()).isZero();
    }

    @Test
    void noneMatchesTheReplay() {
        replay(ConsistencyMode.NONE, AckRule.AFTER_ROUND);
    }

    @Test
    void hostMatchesTheReplay() {
        replay(ConsistencyMode.HOST, AckRule.AFTER_ROUND);
    }

    @Test
    void shuttleMatchesTheReplay() {
        replay(ConsistencyMode.SHUTTLE, AckRule.AFTER_ROUND);
        replay(ConsistencyMode.SHUTTLE, AckRule.IMMEDIATE);
    }
}
