package org.repsim.model.recovery.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Dependent chains of track-image writes — sync and ordered (docs/model.md §7, §8.3): a chained write
 * enters the chain check when it is wholly in the image, leaves it when a regression takes one of its
 * tracks back; each landing ends with {@link TrackImage#settleChains}. Every expected figure is a hand
 * count of the scripted landings.
 */
class TrackChainsTest {

    /** One track per write: write k of stream 0 on space k % 3 (three boxes), track k. */
    private static TrackImage.Write[] chainOverThreeSpaces(TrackImage img, int n) {
        TrackImage.Write[] w = new TrackImage.Write[n];
        for (int k = 0; k < n; k++) {
            w[k] = img.write(k % 3, k, 1, 4096, 0, k);
            img.acknowledged(w[k], k);
        }
        return w;
    }

    private static int land(TrackImage img, int k) {
        long v = img.read(k % 3, k);
        img.landed(k % 3, k, v);
        return img.settleChains();
    }

    @Test
    void aStuckBoxLeavesLaterChainWritesOfTheOthersBehindAHole() {
        TrackImage img = new TrackImage();
        chainOverThreeSpaces(img, 9);
        // space 0 is stuck after write 0: writes 3 and 6 do not land; the others land in chain order
        int found = 0;
        for (int k : new int[] {0, 1, 2, 4, 5, 7, 8}) {
            found += land(img, k);
        }
        // by hand: 4, 5 entered while 3 was absent; 7, 8 while 3 and 6 were
        assertEquals(4, found);
        assertEquals(4, img.chains().violations());
        assertEquals(4, img.chains().beyondHole());
        assertEquals(4, img.lossAt(9).writesBeyondHole());
        assertEquals(2, img.lossAt(9).lostWrites(), "writes 3 and 6");
        assertEquals(3, img.lossAt(9).oldestLostAckNs());
        // write 3 lands: 4 and 5 are now in the prefix; 7 and 8 still behind 6; no new violation
        assertEquals(0, land(img, 3));
        assertEquals(2, img.chains().beyondHole());
        assertEquals(0, land(img, 6));
        assertEquals(0, img.chains().beyondHole());
        assertEquals(4, img.chains().violations());
        assertEquals(9, img.chains().registered());
    }

    @Test
    void inChainOrderNothingIsFound() {
        TrackImage img = new TrackImage();
        chainOverThreeSpaces(img, 30);
        for (int k = 0; k < 30; k++) {
            assertEquals(0, land(img, k));
        }
        assertEquals(0, img.chains().violations());
        assertEquals(0, img.chains().beyondHole());
        assertEquals(30, img.chains().registered());
    }

    @Test
    void aMultiTrackWriteEntersTheChainOnlyWithItsLastTrack() {
        TrackImage img = new TrackImage();
        TrackImage.Write a = img.write(0, 10, 2, 8192, 0, 0); // tracks 10, 11
        img.acknowledged(a, 1);
        TrackImage.Write b = img.write(1, 0, 1, 4096, 0, 1);
        img.acknowledged(b, 2);
        long a10 = img.read(0, 10);
        long a11 = img.read(0, 11);
        long b0 = img.read(1, 0);
        img.landed(0, 10, a10);
        assertEquals(0, img.settleChains());
        assertEquals(1, img.lossAt(3).writesBeyondHole(), "a is torn");
        img.landed(1, 0, b0);
        assertEquals(1, img.settleChains(), "b entered while a was not wholly in");
        assertEquals(2, img.lossAt(3).writesBeyondHole(), "a torn, b behind a");
        img.landed(0, 11, a11);
        assertEquals(0, img.settleChains());
        assertEquals(0, img.lossAt(3).writesBeyondHole());
        assertEquals(1, img.chains().violations());
    }

    @Test
    void aRegressionTakesAWriteOutOfItsChain() {
        TrackImage img = new TrackImage();
        // chain: w0 on track 1, w1 on track 1 again (newer data), w2 on track 2
        TrackImage.Write w0 = img.write(0, 1, 1, 100, 0, 0);
        long v0 = img.read(0, 1);
        img.acknowledged(w0, 1);
        TrackImage.Write w1 = img.write(0, 1, 1, 100, 0, 1);
        long v1 = img.read(0, 1);
        img.acknowledged(w1, 2);
        TrackImage.Write w2 = img.write(0, 2, 1, 100, 0, 2);
        long v2 = img.read(0, 2);
        img.acknowledged(w2, 3);
        img.landed(0, 1, v1); // w0 and w1 enter together
        assertEquals(0, img.settleChains());
        img.landed(0, 2, v2);
        assertEquals(0, img.settleChains());
        assertEquals(0, img.chains().beyondHole());
        img.landed(0, 1, v0); // older over newer: w1 leaves, w2 is now behind it
        assertEquals(0, img.settleChains(), "leaving is a regression, not a chain violation");
        assertEquals(1, img.regressions());
        assertEquals(1, img.chains().beyondHole());
        assertEquals(1, img.lossAt(4).lostWrites());
        assertEquals(2, img.lossAt(4).oldestLostAckNs());
    }

    @Test
    void aChainSkippingAnUnreplicatedWriteIsFollowedOverItsReplicatedOnes() {
        TrackImage img = new TrackImage();
        // host indices 0, 2, 3: write 1 went to a volume no engine replicates
        int[] index = {0, 2, 3};
        for (int i = 0; i < 3; i++) {
            TrackImage.Write w = img.write(0, i, 1, 100, 0, index[i]);
            img.acknowledged(w, i);
            img.landed(0, i, img.read(0, i));
            assertEquals(0, img.settleChains());
        }
        assertEquals(0, img.chains().beyondHole());
        assertThrows(IllegalArgumentException.class, () -> img.write(0, 9, 1, 100, 0, 3), "an index already registered");
    }
}
