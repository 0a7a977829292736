package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.core.random.RandomStream;
import org.repsim.core.result.Metric;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.DataLoss;

/**
 * docs/model.md §7: the data lost at a disaster (acknowledged writes missing from the last consistent
 * secondary image) over 30 random disaster instants stays within what the cycle figures predict:
 * every lost write was acknowledged within the last {@code 2 × cycle + margin}, where cycle is the
 * longest measured group cycle and the margin covers what is not capture time — the switch
 * protocol (its longest measured duration) and the trip of the last cycle to the group commit
 * (slot transfer + commit over the link: 2 link delays, plus 2 gathering/confirmation messages
 * whose latency is exponential, mean 200 µs: 2 ms covers them with probability ≥ 1 − e^-10 each).
 */
class DisasterLossTest {
    private static final int DISASTERS = 30;

    /** Loss at each of 30 random instants of one run, with the acknowledgement times seen by the host. */
    private record Observed(GroupFixture fixture, List<DataLoss> losses, long[] ackNs, int acks) {
        /** Writes acknowledged in (fromNs, toNs]. */
        long acknowledgedIn(long fromNs, long toNs) {
            return acknowledgedBy(toNs) - acknowledgedBy(fromNs);
        }

        /** Writes acknowledged at or before {@code t} (acknowledgement times are non-decreasing). */
        private int acknowledgedBy(long t) {
            int lo = 0;
            int hi = acks;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ackNs[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static Observed observe(GroupFixture.Knobs k) {
        GroupFixture f = new GroupFixture(k);
        long[][] acks = {new long[1 << 16]};
        int[] count = {0};
        f.host.addWriteAckListener(io -> {
            if (count[0] == acks[0].length) {
                acks[0] = Arrays.copyOf(acks[0], count[0] * 2);
            }
            acks[0][count[0]++] = f.kernel.now();
        });
        List<DataLoss> losses = new ArrayList<>();
        RandomStream pick = f.random.stream("test.disaster");
        for (int i = 0; i < DISASTERS; i++) {
            long t = 300 * MS + (long) (pick.nextDouble() * 1_200 * MS);
            f.kernel.at(t, Tie.OBSERVE, () -> losses.add(f.group.dataLossAt(f.kernel.now())));
        }
        f.dependentWrites(0, 1_600 * MS);
        f.runUntil(1_600 * MS);
        return new Observed(f, losses, acks[0], count[0]);
    }

    private static void assertWithinTwoCycles(Observed o, long marginNs, String label) {
        GroupFixture f = o.fixture();
        double cycleS = f.metric("group.cycle.duration.max");
        long windowNs = (long) (2 * cycleS * 1e9) + marginNs;
        assertThat(o.losses()).hasSize(DISASTERS);
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        double spanMax = 0;
        double rpMax = 0;
        for (DataLoss d : o.losses()) {
            assertThat(d.writesBeyondHole()).as("image consistent at the disaster").isZero();
            assertThat(d.lostWrites()).as("something is in flight at %d ns", d.disasterNs()).isPositive();
            assertThat(d.recoveryPointNs()).as("oldest lost write within 2 cycles + margin").isLessThanOrEqualTo(windowNs);
            assertThat(d.lostWrites()).isLessThanOrEqualTo(o.acknowledgedIn(d.disasterNs() - windowNs, d.disasterNs()));
            assertThat(d.spanNs()).isLessThanOrEqualTo(d.recoveryPointNs());
            min = Math.min(min, d.lostWrites());
            max = Math.max(max, d.lostWrites());
            sum += d.lostWrites();
            spanMax = Math.max(spanMax, d.spanNs() / 1e9);
            rpMax = Math.max(rpMax, d.recoveryPointNs() / 1e9);
        }
        System.out.printf("%s: lost writes over %d disasters min %d mean %.0f max %d; span max %.4f s; "
                        + "oldest lost ack max %.4f s before the disaster; cycle max %.4f s; bound 2 x cycle + margin = %.4f s%n",
                label, DISASTERS, min, sum / DISASTERS, max, spanMax, rpMax, cycleS, windowNs / 1e9);
    }

    @Test
    void hostModeLossStaysWithinTwoCycles() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.HOST;
        k.minCycleTimeNs = 20 * MS;
        k.thinkNs = 200 * US;
        Observed o = observe(k);
        long margin = (long) (o.fixture().metric("consistency.switch.duration.max") * 1e9) + 2 * k.delayNs + 2 * MS;
        assertWithinTwoCycles(o, margin, "host");
    }

    @Test
    void shuttleModeLossStaysWithinTwoNumbers() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.SHUTTLE;
        k.ack = AckRule.AFTER_ROUND;
        k.minNumberTimeNs = 20 * MS;
        k.streams = 256;
        k.thinkNs = 200 * US;
        Observed o = observe(k);
        // the shuttle's "switch protocol" is the extra round that makes a total final
        long margin = (long) (o.fixture().metric("shuttle.round.max") * 1e9) + 2 * k.delayNs + 2 * MS;
        assertWithinTwoCycles(o, margin, "shuttle");
    }

    @Test
    void lossAtReportsTheDisasterMetricsInBaseUnits() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.HOST;
        k.thinkNs = 200 * US;
        GroupFixture f = new GroupFixture(k);
        f.dependentWrites(0, 200 * MS);
        f.runUntil(150 * MS);
        DataLoss d = f.group.dataLossAt(f.kernel.now());
        List<Metric> m = f.group.lossAt(f.kernel.now());
        assertThat(m).extracting(Metric::name).containsExactly("disaster.lost.writes", "disaster.lost.bytes",
                "disaster.lost.span", "disaster.recoveryPoint", "disaster.beyondHole");
        assertThat(m.get(0).value()).isEqualTo(d.lostWrites()).isPositive();
        assertThat(m.get(1).value()).isEqualTo(d.lostWrites() * k.writeBytes);
        assertThat(m.get(1).unit()).isEqualTo("bytes");
        assertThat(m.get(2).value()).isEqualTo(d.spanNs() / 1e9);
        assertThat(m.get(2).unit()).isEqualTo("s");
    }
}
