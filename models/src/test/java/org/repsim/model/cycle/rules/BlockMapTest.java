package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dirty-block maps of slots and what folding keeps (docs/model.md §5). */
class BlockMapTest {
    private static final long KIB = 1024;
    private static final long TRACK = 128 * KIB;

    private static CycleSwitcher switcher() {
        return new CycleSwitcher(SwitchRules.legacy(1_000_000_000L),
                new CachePressure(1L << 40, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE), 1, 0,
                BlockMap.of(TRACK, 4 * KIB));
    }

    @Test
    void thirtyTwoSequentialFourKibWritesFillOneSlotOfOneTrack() {
        CycleSwitcher s = switcher();
        for (int i = 0; i < 32; i++) {
            s.write(7, i * 4 * KIB, 4 * KIB, i, 0);
        }
        s.close(1);
        CycleRecord r = s.records().get(0);
        assertThat(r.slots()).isEqualTo(1);
        assertThat(r.writes()).isEqualTo(32);
        assertThat(r.bytes()).isEqualTo(TRACK);
        assertThat(r.foldingRatio()).isEqualTo(32.0);
        assertThat(r.writtenBytes()).isEqualTo(TRACK);
        assertThat(r.byteFoldingRatio()).as("no byte written twice").isEqualTo(1.0);
    }

    @Test
    void aRewriteOfTheSameBlockAddsNoBytes() {
        CycleSwitcher s = switcher();
        for (int i = 0; i < 32; i++) {
            s.write(7, 8 * KIB, 4 * KIB, i, 0);
        }
        s.close(1);
        CycleRecord r = s.records().get(0);
        assertThat(r.bytes()).isEqualTo(4 * KIB);
        assertThat(r.byteFoldingRatio()).isEqualTo(32.0);
        assertThat(s.cacheBytes()).isEqualTo(4 * KIB);
    }

    @Test
    void differentBlocksOfATrackUnionTheirExtents() {
        CycleSwitcher s = switcher();
        s.write(7, 0, 4 * KIB, 1, 0);
        s.write(7, 64 * KIB, 8 * KIB, 2, 0);  // two other blocks
        s.write(7, 2 * KIB, 4 * KIB, 3, 0);   // overlaps blocks 0 and 1: adds block 1
        s.close(1);
        assertThat(s.records().get(0).bytes()).isEqualTo(4 * 4 * KIB);
        assertThat(s.bytesAfterFolding()).isEqualTo(16 * KIB);
    }

    @Test
    void aWriteDirtiesEveryBlockItsBytesTouch() {
        BlockMap m = BlockMap.of(TRACK, 4 * KIB);
        assertThat(m.bits()).isEqualTo(32);
        assertThat(m.dirtyBytes(m.mask(0, 1))).isEqualTo(4 * KIB);
        assertThat(m.dirtyBytes(m.mask(4 * KIB - 1, 2))).isEqualTo(8 * KIB);
        assertThat(m.dirtyBytes(m.mask(0, TRACK))).isEqualTo(TRACK);
        assertThat(m.mask(TRACK - 1, 1)).isEqualTo(1L << 31);
        assertThatThrownBy(() -> m.mask(TRACK - 4 * KIB, 8 * KIB)).hasMessageContaining("outside a track");
    }

    @Test
    void moreThanSixtyFourBlocksPerTrackCoarsenTheMapToWholeGroupsOfBlocks() {
        // 1 MiB track, 4 KiB blocks: 256 blocks, a bit stands for 4 blocks (16 KiB)
        BlockMap m = BlockMap.of(1024 * KIB, 4 * KIB);
        assertThat(m.bits()).isEqualTo(64);
        assertThat(m.bitBytes()).isEqualTo(16 * KIB);
        assertThat(m.dirtyBytes(m.mask(0, 4 * KIB))).isEqualTo(16 * KIB);
        assertThat(m.dirtyBytes(m.mask(0, 1024 * KIB))).isEqualTo(1024 * KIB);
        // 130 KiB track, 2 KiB blocks: 65 blocks, 2 per bit (4 KiB), the last bit 2 KiB
        BlockMap odd = BlockMap.of(130 * KIB, 2 * KIB);
        assertThat(odd.bits()).isEqualTo(33);
        assertThat(odd.dirtyBytes(odd.mask(130 * KIB - 1, 1))).isEqualTo(2 * KIB);
        assertThat(odd.dirtyBytes(odd.mask(0, 130 * KIB))).isEqualTo(130 * KIB);
    }

    @Test
    void aBlockLargerThanTheTrackMakesTheTrackOneBlock() {
        BlockMap m = BlockMap.of(64 * KIB, 1024 * KIB);
        assertThat(m.bits()).isEqualTo(1);
        assertThat(m.dirtyBytes(m.mask(100, 1))).isEqualTo(64 * KIB);
    }
}
