package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;

/**
 * {@link Cache#writeCopied} and {@link Cache#releaseCopy} (docs/model.md §1, §4): the copies
 * ordered mode's owed subtasks keep count in write pending, a write is admitted only with room for
 * them, and the last copy of a track hands its dirty slot back to the box's own count in one step.
 * Tracks of 1 000 B, 8 slots, limit 1.0 (8 000 B); destages take a second, so nothing is destaged
 * while the steps run at time 0.
 */
class CacheCopiesTest {
    private static final long T = 1_000;

    private static Cache cache(CachePolicy.SlotAllocation allocation) {
        return cache(allocation, CachePolicy.ReadStaging.TRACK);
    }

    private static Cache cache(CachePolicy.SlotAllocation allocation, CachePolicy.ReadStaging staging) {
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        DiskGroup disks = new DiskGroup(kernel, signals, "dg", 1, DiskModel.ssd(1_000_000_000, 1e12), 1);
        return new Cache(kernel, signals, "c", 8 * T, T, 1.0, 4, new BackEnd(List.of(disks)), 100,
                new CachePolicy(allocation, CachePolicy.DestageExtent.TRACK, 0, 0.8, staging));
    }

    @Test
    void aCopiedRewriteWithBlockReadStagingButWholeTrackSlotsCountsAsWithTrackStagingAndMakesItsBlocksValid() {
        Cache c = cache(CachePolicy.SlotAllocation.TRACK, CachePolicy.ReadStaging.BLOCKS);
        Cache plain = cache(CachePolicy.SlotAllocation.TRACK);
        for (Cache x : List.of(c, plain)) {
            x.write(0, 1, 0, 100, false, () -> { });       // the box's own dirty slot
            x.writeCopied(0, 1, 500, 100, () -> { });        // a rewrite of it, copied
            x.writeCopied(1, 1, 0, 100, () -> { });
            x.writeCopied(1, 1, 200, 100, () -> { });        // a copied rewrite of a covered slot
        }
        // the read-staging rule changes nothing the write side counts
        assertThat(c.writePendingBytes()).isEqualTo(plain.writePendingBytes()).isEqualTo(4 * T);
        assertThat(c.heldBytes()).isEqualTo(plain.heldBytes()).isEqualTo(3 * T);
        // every block written, through either path, reads as a hit; one never written does not
        assertThat(c.readMissBytes(0, 0, 100)).isZero();
        assertThat(c.readMissBytes(0, 500, 100)).isZero();
        assertThat(c.readMissBytes(1, 200, 100)).isZero();
        assertThat(c.readMissBytes(1, 800, 100)).isPositive();
    }

    @Test
    void wholeTrackCopiesCountOncePerCopyAndWaitAtTheLimit() {
        Cache c = cache(CachePolicy.SlotAllocation.TRACK);
        boolean[] done = new boolean[3];
        c.writeCopied(0, 1, 0, 100, () -> done[0] = true);
        // the copy is the track; the new dirty slot is counted in it, not a second time
        assertThat(c.writePendingBytes()).isEqualTo(T);
        assertThat(c.heldBytes()).isEqualTo(T);
        assertThat(c.isCoveredDirty(0)).isTrue();
        c.writeCopied(0, 1, 200, 100, () -> { });          // a second copy of the track
        assertThat(c.writePendingBytes()).isEqualTo(2 * T);
        c.write(1, 1, 0, 100, false, () -> { });          // a plain write: the box's own
        c.writeCopied(1, 1, 0, 100, () -> { });            // its copy; the slot stays the box's own
        assertThat(c.writePendingBytes()).isEqualTo(4 * T);
        assertThat(c.isCoveredDirty(1)).isFalse();
        // five tracks, room for four: the write waits with its first four admitted
        c.writeCopied(2, 5, 0, 5 * T, () -> done[1] = true);
        assertThat(done[1]).isFalse();
        assertThat(c.writePendingBytes()).isEqualTo(8 * T);
        assertThat(c.blockedWrites()).isEqualTo(1);
        // releasing one copy (not the last of track 0) lets its last track in
        c.releaseCopy(T, 0, false);
        assertThat(done[1]).isTrue();
        assertThat(c.writePendingBytes()).isEqualTo(8 * T);
        // the last copy of track 0: its dirty slot counts as the box's own, in the same step
        c.releaseCopy(T, 0, true);
        assertThat(c.isCoveredDirty(0)).isFalse();
        assertThat(c.writePendingBytes()).isEqualTo(8 * T);
        assertThat(c.heldBytes()).isEqualTo(6 * T);
        assertThat(c.fitsCopiedAndPlain(7, 1, 0, 100)).isFalse();
    }

    @Test
    void blockCopiesTakeTheWrittenBlocksAndFitsCopiedAndPlainKeepsRoomForTheData() {
        Cache c = cache(CachePolicy.SlotAllocation.BLOCKS);
        assertThat(c.copyBytes(150, 100)).isEqualTo(200);  // blocks of 100 B: [100, 300)
        assertThat(c.copyBytes(0, T)).isEqualTo(T);
        // copy 200 + its data counted as new 200 = 400 ≤ 8 000
        assertThat(c.fitsCopiedAndPlain(0, 1, 150, 100)).isTrue();
        c.writeCopied(0, 1, 150, 100, () -> { });
        assertThat(c.writePendingBytes()).isEqualTo(200);
        c.writeCopied(1, 7, 0, 7 * T, () -> { });         // 7 000 more: 7 200
        assertThat(c.writePendingBytes()).isEqualTo(7_200);
        // 400 copy + 400 data would take 8 000: fits exactly; 500 + 500 does not
        assertThat(c.fitsCopiedAndPlain(0, 1, 500, 400)).isTrue();
        assertThat(c.fitsCopiedAndPlain(0, 1, 500, 500)).isFalse();
    }
}
