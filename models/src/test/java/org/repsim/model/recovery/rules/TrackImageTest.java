package org.repsim.model.recovery.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.consistency.rules.DataLoss;

/**
 * {@link TrackImage} (docs/model.md §7) against a brute-force replay of its event log: a transfer
 * carries the writes its track had received when it was read; a track holds the writes of the last
 * transfer written there; a write is in the image when all its tracks hold it.
 */
class TrackImageTest {

    @Test
    void aWriteIsInTheImageOnceItsTransferLanded() {
        TrackImage img = new TrackImage();
        TrackImage.Write w = img.write(0, 5, 1, 4096);
        long v = img.read(0, 5);
        img.landed(0, 5, v);
        img.acknowledged(w, 10);
        assertTrue(w.inImage());
        assertEquals(0, img.lossAt(10).lostWrites());
        assertEquals(Long.MIN_VALUE, img.imageTimeNs());
        assertEquals(0, img.trackedTracks(), "a settled track is forgotten");
    }

    @Test
    void anOlderTransferLandingLastRollsTheTrackBack() {
        TrackImage img = new TrackImage();
        TrackImage.Write a = img.write(0, 1, 1, 100);
        long va = img.read(0, 1);
        img.acknowledged(a, 1);
        TrackImage.Write b = img.write(0, 1, 1, 200);
        long vb = img.read(0, 1);
        img.acknowledged(b, 2);
        assertFalse(img.landed(0, 1, vb));
        assertEquals(0, img.lossAt(3).lostWrites(), "b's transfer holds a's data too");
        assertTrue(img.landed(0, 1, va), "older over newer: a regression");
        DataLoss d = img.lossAt(3);
        assertEquals(1, d.lostWrites());
        assertEquals(200, d.lostBytes());
        assertEquals(2, d.oldestLostAckNs());
        assertEquals(2, img.imageTimeNs());
        assertEquals(1, img.regressions());
    }

    @Test
    void keepingNewestIgnoresAnOlderTransfer() {
        TrackImage img = new TrackImage();
        TrackImage.Write a = img.write(0, 1, 1, 100);
        long va = img.read(0, 1);
        TrackImage.Write b = img.write(0, 1, 1, 200);
        long vb = img.read(0, 1);
        img.landedKeepingNewest(0, 1, vb);
        img.landedKeepingNewest(0, 1, va);
        img.acknowledged(a, 1);
        img.acknowledged(b, 2);
        assertEquals(0, img.lossAt(2).lostWrites());
        assertEquals(0, img.regressions());
        assertEquals(0, img.trackedTracks());
    }

    @Test
    void aWriteOverTwoTracksIsTornUntilBothLanded() {
        TrackImage img = new TrackImage();
        TrackImage.Write w = img.write(0, 7, 2, 8192);
        long v8 = img.read(0, 8);
        long v7 = img.read(0, 7);
        img.acknowledged(w, 1);
        img.landed(0, 8, v8);
        assertEquals(1, img.tornWrites());
        assertEquals(1, img.lossAt(1).writesBeyondHole());
        assertEquals(1, img.lossAt(1).lostWrites());
        img.landed(0, 7, v7);
        assertEquals(0, img.tornWrites());
        assertEquals(0, img.lossAt(1).lostWrites());
    }

    @Test
    void refusesALandingThatWasNeverRead() {
        TrackImage img = new TrackImage();
        img.write(0, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> img.landed(0, 1, 1));
    }

    /** Brute force: writes per track in order; a transfer = how many of them it carries. */
    private static final class Replay {
        final Map<Long, List<Integer>> writesOfTrack = new HashMap<>();
        final Map<Long, Integer> imagePrefix = new HashMap<>();
        final List<long[]> writes = new ArrayList<>(); // {firstTrack, count, bytes, ackNs or -1}
        long regressions;

        int write(long first, int count, long bytes) {
            int id = writes.size();
            writes.add(new long[] {first, count, bytes, -1});
            for (int i = 0; i < count; i++) {
                writesOfTrack.computeIfAbsent(first + i, k -> new ArrayList<>()).add(id);
            }
            return id;
        }

        int read(long track) {
            return writesOfTrack.getOrDefault(track, List.of()).size();
        }

        void landed(long track, int prefix) {
            if (prefix < imagePrefix.getOrDefault(track, 0)) {
                regressions++;
            }
            imagePrefix.put(track, prefix);
        }

        boolean inImageOn(int id, long track) {
            return writesOfTrack.get(track).indexOf(id) < imagePrefix.getOrDefault(track, 0);
        }

        /** {lost, bytes, oldest ack, newest ack, torn}. */
        long[] loss() {
            long lost = 0, bytes = 0, oldest = -1, newest = -1, torn = 0;
            for (int id = 0; id < writes.size(); id++) {
                long[] w = writes.get(id);
                int in = 0;
                for (int i = 0; i < w[1]; i++) {
                    if (inImageOn(id, w[0] + i)) {
                        in++;
                    }
                }
                if (in > 0 && in < w[1]) {
                    torn++;
                }
                if (w[3] >= 0 && in < w[1]) {
                    lost++;
                    bytes += w[2];
                    oldest = oldest < 0 ? w[3] : Math.min(oldest, w[3]);
                    newest = Math.max(newest, w[3]);
                }
            }
            return new long[] {lost, bytes, oldest, newest, torn};
        }
    }

    @Test
    void matchesABruteForceReplayOverRandomArrivalOrders() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            TrackImage img = new TrackImage();
            Replay replay = new Replay();
            List<TrackImage.Write> writes = new ArrayList<>();
            List<Integer> unacked = new ArrayList<>();
            List<long[]> inFlight = new ArrayList<>(); // {track, version, prefix}
            long now = 0;
            for (int step = 0; step < 400; step++) {
                now += r.nextInt(3);
                int op = r.nextInt(4);
                if (op == 0) {
                    long first = r.nextInt(6);
                    int count = 1 + r.nextInt(3);
                    long bytes = 1 + r.nextInt(10_000);
                    writes.add(img.write(1, first, count, bytes));
                    unacked.add(replay.write(first, count, bytes));
                } else if (op == 1) {
                    long track = r.nextInt(8);
                    inFlight.add(new long[] {track, img.read(1, track), replay.read(track)});
                } else if (op == 2 && !inFlight.isEmpty()) {
                    long[] t = inFlight.remove(r.nextInt(inFlight.size()));
                    if (r.nextBoolean()) {
                        img.landed(1, t[0], t[1]);
                        replay.landed(t[0], (int) t[2]);
                    } else {
                        img.landedKeepingNewest(1, t[0], t[1]);
                        replay.imagePrefix.merge(t[0], (int) t[2], Math::max);
                    }
                } else if (op == 3 && !unacked.isEmpty()) {
                    int id = unacked.remove(r.nextInt(unacked.size()));
                    img.acknowledged(writes.get(id), now);
                    replay.writes.get(id)[3] = now;
                }
                DataLoss d = img.lossAt(now);
                long[] want = replay.loss();
                String at = "seed " + seed + " step " + step;
                assertEquals(want[0], d.lostWrites(), at);
                assertEquals(want[1], d.lostBytes(), at);
                assertEquals(want[2], d.oldestLostAckNs(), at);
                assertEquals(want[3], d.newestLostAckNs(), at);
                assertEquals(want[4], d.writesBeyondHole(), at);
                assertEquals(want[0] == 0 ? Long.MIN_VALUE : want[2], img.imageTimeNs(), at);
                assertEquals(replay.regressions, img.regressions(), at);
            }
        }
    }

    @Test
    void forgetsSettledTracks() {
        TrackImage img = new TrackImage();
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            TrackImage.Write w = img.write(0, i % 500, 1, 512);
            long v = img.read(0, i % 500);
            img.landed(0, i % 500, v);
            img.acknowledged(w, now++);
        }
        assertEquals(0, img.trackedTracks());
    }

    /** Cycle spaces (docs/model.md §7): a number's writes enter together when it lands, in number order. */
    @Test
    void aCycleSpacesWritesEnterWhenTheirNumberLands() {
        TrackImage img = new TrackImage();
        img.cycleSpace(0);
        img.cycleSpace(1);
        TrackImage.Run a = img.tagged(0, 3, -1, 0, 100);
        img.acknowledged(a, 100, 10);
        TrackImage.Run b = img.tagged(0, 4, -1, 0, 200);
        img.acknowledged(b, 200, 20);
        TrackImage.Run c = img.tagged(1, 4, -1, 0, 400);
        img.acknowledged(c, 400, 30);
        TrackImage.Run owed = img.tagged(0, Long.MAX_VALUE / 4, -1, 0, 800);
        img.acknowledged(owed, 800, 40);
        assertEquals(new DataLoss(40, 4, 1500, 10, 40, 0), img.lossAt(40));
        img.landThrough(0, 3);
        assertEquals(20, img.imageTimeNs());
        img.landThrough(1, 4);
        img.landThrough(0, 4);
        assertEquals(new DataLoss(50, 1, 800, 40, 40, 0), img.lossAt(50));
        img.landAll(0);
        assertEquals(Long.MIN_VALUE, img.imageTimeNs());
        assertEquals(0, img.pendingTaggedWrites());
        assertEquals(4, img.taggedWrites());
        TrackImage.Run late = img.tagged(0, 9, -1, 0, 5);
        img.landThrough(0, 9);
        img.acknowledged(late, 5, 60); // acknowledged once in the image: nothing lost
        assertEquals(0, img.lossAt(60).lostWrites());
    }

    /** Chains: a write landing while an earlier one of its chain is absent is a violation, until the hole fills. */
    @Test
    void chainedWritesLandingBehindAHoleAreViolations() {
        TrackImage img = new TrackImage();
        img.cycleSpace(0);
        img.cycleSpace(1);
        img.tagged(0, 5, 7, 0, 1);
        img.tagged(1, 2, 7, 1, 1);
        img.landThrough(1, 2);
        assertEquals(1, img.settleChains());
        assertEquals(1, img.chains().beyondHole());
        assertEquals(1, img.lossAt(0).writesBeyondHole());
        img.landThrough(0, 5);
        assertEquals(0, img.settleChains());
        assertEquals(0, img.chains().beyondHole());
        assertEquals(1, img.chains().violations());
    }

    /** The lost queue drops entries that entered the image even while an older one stays lost. */
    @Test
    void theLostQueueStaysSmallBehindAnOldLostWrite() {
        TrackImage img = new TrackImage();
        TrackImage.Write stuck = img.write(0, 0, 1, 1);
        img.acknowledged(stuck, 0);
        for (int i = 1; i <= 100_000; i++) {
            TrackImage.Write w = img.write(0, i, 1, 1);
            img.acknowledged(w, i);
            img.landed(0, i, img.read(0, i));
        }
        assertEquals(1, img.lostWrites());
        assertEquals(0, img.imageTimeNs());
        assertEquals(new DataLoss(100_000, 1, 1, 0, 0, 0), img.lossAt(100_000));
        assertTrue(img.trackedTracks() <= 1);
        assertTrue(img.queuedEntries() <= 1025, "queue compacted: " + img.queuedEntries());
    }
}
