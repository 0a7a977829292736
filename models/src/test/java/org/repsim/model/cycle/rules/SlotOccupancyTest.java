package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a session's slots occupy of the box's cache (docs/model.md §5, §7a): a whole track each
 * (whole-track allocation) or their dirty blocks; what they send is their dirty blocks either way.
 */
class SlotOccupancyTest {
    private static final long KIB = 1024;
    private static final long TRACK = 128 * KIB;
    private static final long S = 1_000_000_000L;

    private static CycleSwitcher switcher(long wholeSlotBytes, long limitBytes, PressurePolicy policy) {
        return new CycleSwitcher(SwitchRules.legacy(S), new CachePressure(limitBytes, 0, List.of(policy), Long.MAX_VALUE),
                0, 0, BlockMap.of(TRACK, 4 * KIB), wholeSlotBytes);
    }

    /** N slots of 4 KiB written at two offsets each: N × trackSize against N × 8 KiB. */
    @Test
    void wholeTrackSlotsOccupyNTracksBlockSlotsTheirDirtyBytes() {
        int n = 37;
        CycleSwitcher track = switcher(TRACK, 1L << 40, PressurePolicy.PACE);
        CycleSwitcher blocks = switcher(0, 1L << 40, PressurePolicy.PACE);
        for (CycleSwitcher s : List.of(track, blocks)) {
            for (int t = 0; t < n; t++) {
                s.write(t, 0, 4 * KIB, t, 0);
                s.write(t, 64 * KIB, 4 * KIB, t, 0); // folds: a new block of the same slot
            }
        }
        assertThat(track.cacheBytes()).isEqualTo(n * TRACK);
        assertThat(blocks.cacheBytes()).isEqualTo(n * 8 * KIB);
        // what is pending for the link is the dirty bytes under both allocations
        assertThat(track.pendingBytes()).isEqualTo(n * 8 * KIB);
        assertThat(blocks.pendingBytes()).isEqualTo(n * 8 * KIB);
        // sending a slot releases its occupancy
        track.close(S);
        CycleSwitcher.TakenSlot slot = track.takeSlot(S);
        assertThat(slot.bytes()).isEqualTo(8 * KIB);
        track.onSlotSent(slot.handle(), S);
        assertThat(track.cacheBytes()).isEqualTo((n - 1) * TRACK);
        assertThat(track.pendingBytes()).isEqualTo((n - 1) * 8 * KIB);
    }

    /** The session's limit counts occupancy: with whole tracks, limit ÷ trackSize slots fit, whatever their bytes. */
    @Test
    void theLimitCountsWholeTracks() {
        CycleSwitcher s = switcher(TRACK, 10 * TRACK, PressurePolicy.PACE);
        for (int t = 0; t < 10; t++) {
            assertThat(s.write(t, 0, 4 * KIB, t, 0)).isEqualTo(WriteOutcome.NEW_SLOT);
        }
        assertThat(s.write(10, 0, 4 * KIB, 10, 0)).isEqualTo(WriteOutcome.PACED);
        assertThat(s.write(3, 8 * KIB, 4 * KIB, 11, 0)).as("a fold takes no new track").isEqualTo(WriteOutcome.FOLDED);
    }

    /** The session holds a track while it has an unsent slot of it (capture or closed cycle). */
    @Test
    void holdsTrackUntilItsLastSlotIsSent() {
        CycleSwitcher s = switcher(TRACK, 1L << 40, PressurePolicy.PACE);
        s.write(5, 0, 4 * KIB, 1, 0);
        assertThat(s.holdsTrack(5)).isTrue();
        assertThat(s.holdsTrack(6)).isFalse();
        s.close(S);
        s.write(5, 0, 4 * KIB, 2, S); // duplicate slot in the new capture cycle
        CycleSwitcher.TakenSlot old = s.takeSlot(S);
        s.onSlotSent(old.handle(), S);
        assertThat(s.holdsTrack(5)).as("the duplicate in capture").isTrue();
        s.close(2 * S);
        CycleSwitcher.TakenSlot dup = s.takeSlot(2 * S);
        s.onSlotSent(dup.handle(), 2 * S);
        assertThat(s.holdsTrack(5)).isFalse();
    }
}
