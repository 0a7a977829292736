package org.repsim.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.consistency.rules.DataLoss;
import org.repsim.model.recovery.ImageReplay;

/**
 * docs/model.md §3, §7: a sync pair under a link outage, 2 s to 5 s, one 4 KiB write every 10 ms
 * (tracks cycling over 150). {@code stall}: writes wait, nothing acknowledged is lost. {@code suspend}
 * after 1 s: the pair suspends when the first blocked write (issued at 2 s, reaching the
 * replication 50 µs later, after the host adapter) has waited 1 s; from then on writes are
 * acknowledged locally and are not in the image until the owed tracks are copied after the link
 * returns.
 */
class SyncSuspendTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000 * MS;
    private static final long WRITE_BYTES = 4_096;

    /** Issues the writes; returns each one's acknowledgement time (−1 = not acknowledged). */
    private static long[] run(SyncFixture f, long endNs, long[] lossAtNs, DataLoss[] loss) {
        int n = (int) (endNs / (10 * MS));
        long[] ack = new long[n];
        java.util.Arrays.fill(ack, -1);
        f.link.scheduleOutage(f.kernel, 2 * S, 5 * S);
        ImageReplay replay = new ImageReplay();
        f.sync.image().addLog(replay);
        for (int i = 0; i < n; i++) {
            int k = i;
            f.kernel.at(k * 10 * MS, Tie.ARRIVAL, () -> f.host.issue(
                    f.host.newIo(f.primaryVolume, k % 150, 1, WRITE_BYTES, true, 0, -1), io -> ack[k] = f.kernel.now()));
        }
        for (int i = 0; i < lossAtNs.length; i++) {
            int k = i;
            f.kernel.at(lossAtNs[k], Tie.CONTROL, () -> {
                loss[k] = f.sync.image().lossAt(f.kernel.now());
                // the brute-force replay of the event log agrees
                long[] want = replay.lossAt(f.kernel.now());
                assertThat(new long[] {loss[k].lostWrites(), loss[k].lostBytes(), loss[k].oldestLostAckNs(),
                        loss[k].newestLostAckNs()}).isEqualTo(want);
            });
        }
        f.kernel.runUntil(endNs);
        return ack;
    }

    @Test
    void stallMakesWritesWaitAndLosesNothing() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.STALL);
        DataLoss[] loss = new DataLoss[1];
        long[] ack = run(f, 8 * S, new long[] {4 * S}, loss);
        assertThat(loss[0].lostWrites()).isZero();
        // the write issued at 2 s waits for the link: acknowledged after it returns at 5 s
        assertThat(ack[200]).isGreaterThan(5 * S);
        assertThat(f.sync.suspensions()).isZero();
    }

    @Test
    void suspendAcknowledgesLocallyAndTheLossIsEveryWriteSinceTheOutage() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.suspendAfter(1 * S));
        DataLoss[] loss = new DataLoss[1];
        long[] ack = run(f, 8 * S, new long[] {4 * S}, loss);
        long suspendNs = 2 * S + SyncFixture.HOST_ADAPTER_NS + 1 * S;
        assertThat(f.sync.suspensions()).isEqualTo(1);
        // writes issued before the outage completed in sync
        for (int i = 0; i < 200; i++) {
            assertThat(ack[i]).isLessThan(2 * S);
        }
        // the blocked writes are acknowledged at the suspension, later ones locally at once
        assertThat(ack[200]).isEqualTo(suspendNs);
        assertThat(ack[350]).isEqualTo(350 * 10 * MS + SyncFixture.HOST_ADAPTER_NS);
        // lost at 4 s: the writes issued at 2.00 … 3.99 s (the one issued at 4 s is not acknowledged yet)
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < ack.length; i++) {
            if (i >= 200 && ack[i] >= 0 && ack[i] <= 4 * S) {
                lost.add(i);
            }
        }
        assertThat(lost).hasSize(200);
        assertThat(loss[0].lostWrites()).isEqualTo(200);
        assertThat(loss[0].lostBytes()).isEqualTo(200 * WRITE_BYTES);
        assertThat(loss[0].oldestLostAckNs()).isEqualTo(suspendNs);
        assertThat(loss[0].newestLostAckNs()).isEqualTo(399 * 10 * MS + SyncFixture.HOST_ADAPTER_NS);
        assertThat(loss[0].recoveryPointNs()).isEqualTo(4 * S - suspendNs);
    }

    @Test
    void theLossMatchesAReplayOfTheEventLogThroughSuspensionAndResync() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.suspendAfter(1 * S));
        long[] at = new long[40];
        for (int i = 0; i < at.length; i++) {
            at[i] = 1 * S + i * 150 * MS + 3 * MS;
        }
        run(f, 8 * S, at, new DataLoss[at.length]);
    }

    @Test
    void afterTheLinkReturnsTheOwedTracksAreCopiedAndSyncResumes() {
        SyncFixture f = new SyncFixture(100, 1, SyncPolicy.suspendAfter(1 * S));
        DataLoss[] loss = new DataLoss[2];
        long[] ack = run(f, 8 * S, new long[] {5 * S, 7 * S}, loss);
        // at 5 s (link back, nothing copied yet): everything acknowledged since the suspension
        assertThat(loss[0].lostWrites()).isEqualTo(300);
        // by 7 s the 150 owed tracks are copied (16 at once, 1 ms round trips): nothing lost, in sync
        assertThat(loss[1].lostWrites()).isZero();
        assertThat(f.sync.inSync()).isTrue();
        assertThat(f.sync.owedTracks()).isZero();
        assertThat(f.sync.suspendedSpans()).hasSize(1);
        long[] span = f.sync.suspendedSpans().get(0);
        assertThat(span[0]).isEqualTo(3 * S + SyncFixture.HOST_ADAPTER_NS);
        assertThat(span[1]).isGreaterThan(5 * S).isLessThan(6 * S);
        // writes after the resynchronisation wait for the secondary again: at least one round trip
        assertThat(ack[700] - 700 * 10 * MS).isGreaterThan(2 * org.repsim.model.Durations.fibreDelayNs(100));
    }
}
