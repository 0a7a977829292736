package org.repsim.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;
import org.repsim.model.recovery.ImageReplay;

/**
 * docs/model.md §3, §7, §8.3: dependent chains against a sync pair's image.
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
}
