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
 * docs/model.md §7: in cycle mode the data a disaster loses, as the group reports it, equals a
 * brute-force replay of the event log — every write's box, tag (cycle or number) and host
 * acknowledgement time, and the image's mark per box (mode none: the newest cycle each secondary
 * applied, from the sessions' apply events; host and shuttle: the group's committed mark) — at 20
 * instants, for every consistency mode.
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
                    long mark = mode == ConsistencyMode.NONE ? applied[(int) w[0]] : f.group.checker().appliedThrough((int) w[0]);
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
                lostSeen[0] = Math.max(lostSeen[0], lost);
            });
        }
        f.runUntil(INSTANTS * 7 * MS + 1);
        assertThat(lostSeen[0]).as("the instants see writes lost").isPositive();
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
