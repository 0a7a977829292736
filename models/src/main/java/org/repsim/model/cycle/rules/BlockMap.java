package org.repsim.model.cycle.rules;

/**
 * Which blocks of a track a slot holds dirty (docs/model.md §5): a bitmap of at most 64 bits, one
 * long per slot. A bit stands for {@code bitBytes} bytes of the track — the block size, or, when a
 * track has more than 64 blocks, {@code ceil(blocks ÷ 64)} consecutive blocks (the documented
 * coarsening) — and the last bit for what remains of the track. A write dirties every bit its
 * bytes touch; a rewrite unions the bits; the slot's bytes are the dirty bits' bytes.
 * Pure: no state beyond the geometry.
 */
public final class BlockMap {
    private final long trackSizeBytes;
    private final long bitBytes;
    private final int bits;
    private final long lastBitBytes;
    /** log2(bitBytes) when it is a power of two (the usual 4 KiB): a shift instead of a division; else −1. */
    private final int bitShift;

    private BlockMap(long trackSizeBytes, long bitBytes) {
        this.trackSizeBytes = trackSizeBytes;
        this.bitBytes = bitBytes;
        this.bits = (int) ((trackSizeBytes + bitBytes - 1) / bitBytes);
        this.lastBitBytes = trackSizeBytes - (bits - 1) * bitBytes;
        this.bitShift = Long.bitCount(bitBytes) == 1 ? Long.numberOfTrailingZeros(bitBytes) : -1;
    }

    /**
     * The map of a track of {@code trackSizeBytes} at block size {@code blockSizeBytes} (both ≥ 1;
     * a block larger than the track makes the whole track one block).
     */
    public static BlockMap of(long trackSizeBytes, long blockSizeBytes) {
        if (trackSizeBytes < 1 || blockSizeBytes < 1) {
            throw new IllegalArgumentException("track and block sizes must be ≥ 1 byte: " + trackSizeBytes + ", "
                    + blockSizeBytes);
        }
        long block = Math.min(blockSizeBytes, trackSizeBytes);
        long blocks = (trackSizeBytes + block - 1) / block;
        long perBit = (blocks + 63) / 64;
        return new BlockMap(trackSizeBytes, block * perBit);
    }

    /** The bits of bytes [{@code offsetInTrack}, {@code offsetInTrack + length}) of the track. */
    public long mask(long offsetInTrack, long length) {
        if (offsetInTrack < 0 || length < 1 || offsetInTrack + length > trackSizeBytes) {
            throw new IllegalArgumentException("extent " + offsetInTrack + "+" + length + " outside a track of "
                    + trackSizeBytes + " bytes");
        }
        long end = offsetInTrack + length - 1;
        int first = (int) (bitShift >= 0 ? offsetInTrack >>> bitShift : offsetInTrack / bitBytes);
        int last = (int) (bitShift >= 0 ? end >>> bitShift : end / bitBytes);
        return (-1L >>> (63 - last)) & (-1L << first);
    }

    /** Bytes of the track the set bits of {@code mask} stand for. */
    public long dirtyBytes(long mask) {
        long b = Long.bitCount(mask) * bitBytes;
        if ((mask & (1L << (bits - 1))) != 0) {
            b -= bitBytes - lastBitBytes;
        }
        return b;
    }

    /** Bytes one bit stands for. */
    public long bitBytes() {
        return bitBytes;
    }

    public int bits() {
        return bits;
    }

    public long trackSizeBytes() {
        return trackSizeBytes;
    }
}
