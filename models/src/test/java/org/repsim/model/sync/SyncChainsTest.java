package org.repsim.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;
import org.repsim.model.consistency.rules.DataLoss;
import org.repsim.model.recovery.ImageReplay;

/**
 * docs/model.md §3, §7, §8.3: dependent chains against a sync pair's image, and the gold copy of a
 * resynchronisation.
 */
class SyncChainsTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000 * MS;

    /**
     * A chain of {@code count} writes alternating over {@code volumes} (write k on volume k mod n,
     * track k mod {@code tracks[k mod n]}), each issued {@code thinkNs} after the previous one was acknowledged.
     */
    private static void chain(SyncFixture f, Volume[] volumes, int[] tracks, int count, long thinkNs) {
        int stream = f.host.newStream();
        int[] k = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            int i = k[0]++;
            int v = i % volumes.length;
            HostIo io = f.host.newIo(volumes[v], i % tracks[v], 1, 4096, true, stream, i);
            f.host.issue(io, done -> {
                if (k[0] < count) {
                    f.kernel.after(thinkNs, Tie.ARRIVAL, next[0]);
                }
            });
        };
        f.kernel.at(0, Tie.ARRIVAL, next[0]);
    }

    @Test
    void inSyncAChainNeverLandsBehindAHoleAndEveryLandingIsChecked() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.STALL);
        Volume second = f.primary.addVolume("w", 1_000, 0);
        f.sync.addPair(second, f.secondary.addVolume("w", 1_000, 0), f.link);
        ImageReplay replay = new ImageReplay();
        f.sync.image().addLog(replay);
        chain(f, new Volume[] {f.primaryVolume, second}, new int[] {1_000, 1_000}, 500, 1 * MS);
        f.kernel.runUntil(5 * S);
        assertThat(f.sync.image().rules().chains().registered()).isEqualTo(500);
        assertThat(replay.settles()).isGreaterThanOrEqualTo(500);
        assertThat(f.sync.image().violations()).isZero();
        assertThat(replay.chainViolations()).isZero();
        assertThat(f.sync.image().lossAt(f.kernel.now()).writesBeyondHole()).isZero();
    }

    /**
     * Two pairs of one box under a link outage (2 s to 5 s), suspending after 1 s: each resynchronises
     * on its own, so the pair with fewer owed tracks is in sync again first and its writes since the
     * suspension enter the image while earlier writes of their chain on the other pair are still
     * owed: violations, and the brute-force replay counts the same.
     */
    @Test
    void pairsResynchronisingApartBreakTheChainsAcrossThem() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.suspendAfter(1 * S));
        Volume second = f.primary.addVolume("w", 10_000, 0);
        f.sync.addPair(second, f.secondary.addVolume("w", 10_000, 0), f.link);
        f.link.scheduleOutage(f.kernel, 2 * S, 5 * S);
        ImageReplay replay = new ImageReplay();
        f.sync.image().addLog(replay);
        // volume v: 4 tracks (few owed), volume w: 5 000 tracks (every write a new owed track)
        chain(f, new Volume[] {f.primaryVolume, second}, new int[] {4, 5_000}, 800, 5 * MS);
        long[] atMid = new long[3];
        f.kernel.at(5 * S + 40 * MS, Tie.CONTROL, () -> {
            atMid[0] = f.sync.image().rules().chains().violations();
            atMid[1] = replay.chainViolations();
            atMid[2] = f.sync.image().lossAt(f.kernel.now()).writesBeyondHole();
            assertThat(replay.beyondHole()).isEqualTo(atMid[2]);
        });
        f.kernel.runUntil(8 * S);
        assertThat(f.sync.suspensions()).isEqualTo(2);
        assertThat(atMid[0]).isPositive().isEqualTo(atMid[1]);
        assertThat(atMid[2]).isPositive();
        assertThat(f.sync.image().violations()).isEqualTo(replay.chainViolations()).isPositive();
        // both pairs are in sync again: every chain write is in the image, no hole left
        assertThat(f.sync.inSync()).isTrue();
        assertThat(f.sync.image().lossAt(f.kernel.now()).lostWrites()).isZero();
        assertThat(f.sync.image().lossAt(f.kernel.now()).writesBeyondHole()).isZero();
    }

    /**
     * The gold copy (docs/model.md §3, §7): one pair, one 4 KiB write every 10 ms over 150 tracks, link
     * down 2 s to 5 s, suspension at 3 s + 50 µs. From the first copy written after the link returned
     * until the pair is in sync again, a disaster loses every write acknowledged after the suspension
     * (hand count: the writes issued from 3 s on), although many of their tracks are copied already; the
     * writes blocked before it (issued 2.00 … 2.99 s, acknowledged at the suspension) landed when the
     * link returned, ahead of the copies. With a dependent chain over the same tracks nothing is found:
     * the copies enter the image together when the secondary equals the primary again.
     */
    @Test
    void duringAResynchronisationTheImageStaysAtTheSuspension() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.suspendAfter(1 * S));
        f.link.scheduleOutage(f.kernel, 2 * S, 5 * S);
        ImageReplay replay = new ImageReplay();
        f.sync.image().addLog(replay);
        int n = 800;
        long[] ack = new long[n];
        Arrays.fill(ack, -1);
        int stream = f.host.newStream();
        for (int i = 0; i < n; i++) {
            int k = i;
            f.kernel.at(k * 10 * MS, Tie.ARRIVAL, () -> f.host.issue(
                    f.host.newIo(f.primaryVolume, k % 150, 1, 4096, true, stream, k), io -> ack[k] = f.kernel.now()));
        }
        long suspendNs = 3 * S + SyncFixture.HOST_ADAPTER_NS;
        List<long[]> checks = new ArrayList<>(); // {t, lost, oldest ack, copies so far}
        for (long t = 5 * S + 5 * MS; t < 5 * S + 200 * MS; t += 10 * MS) {
            f.kernel.at(t, Tie.CONTROL, () -> {
                if (f.sync.inSync()) {
                    return;
                }
                DataLoss d = f.sync.image().lossAt(f.kernel.now());
                long[] want = replay.lossAt(f.kernel.now());
                assertThat(new long[] {d.lostWrites(), d.oldestLostAckNs()}).containsExactly(want[0], want[2]);
                checks.add(new long[] {f.kernel.now(), d.lostWrites(), d.oldestLostAckNs()});
            });
        }
        f.kernel.runUntil(8 * S);
        assertThat(ack[200]).isEqualTo(suspendNs);
        assertThat(checks).hasSizeGreaterThan(2);
        for (long[] c : checks) {
            long handCount = 0;
            long oldest = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (ack[i] >= 0 && ack[i] <= c[0] && i >= 300) {
                    handCount++;
                    oldest = Math.min(oldest, ack[i]);
                }
            }
            assertThat(c[1]).as("lost at %d ns", c[0]).isEqualTo(handCount);
            assertThat(c[2]).isEqualTo(oldest);
        }
        // the copy ended: nothing lost, and the chain was never broken
        assertThat(f.sync.inSync()).isTrue();
        assertThat(f.sync.image().lossAt(f.kernel.now()).lostWrites()).isZero();
        assertThat(f.sync.image().rules().chains().registered()).isEqualTo(n);
        assertThat(f.sync.image().violations()).isZero();
        assertThat(replay.chainViolations()).isZero();
    }
}
