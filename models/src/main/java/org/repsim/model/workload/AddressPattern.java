package org.repsim.model.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.IntSampler;
import org.repsim.core.random.RandomStream;

/**
 * Where I/Os land in a volume (docs/model.md §2): returns the first block (volume-relative, in
 * units of the workload's block size) of an I/O of {@code ioBlocks} blocks, in
 * {@code [0, volumeBlocks − ioBlocks]}; the I/O's byte offset is that block × the block size. The
 * pattern governs how often a track (and a block) is rewritten, hence write folding.
 */
public interface AddressPattern {

    /**
     * @param volumeIndex    index of the volume in the workload's list (patterns may keep per-volume state)
     * @param volumeBlocks   whole blocks in the volume (≥ ioBlocks)
     * @param blocksPerTrack blocks of one track (≥ 1; the zipf hot set keeps a rank's blocks in one track)
     * @param ioBlocks       blocks the I/O covers, ≥ 1
     */
    long firstBlock(int volumeIndex, long volumeBlocks, long blocksPerTrack, long ioBlocks);

    /** Uniform over the volume's blocks. */
    static AddressPattern uniform(RandomStream stream) {
        return (volumeIndex, volumeBlocks, blocksPerTrack, ioBlocks) -> stream.nextLong(volumeBlocks - ioBlocks + 1);
    }

    /**
     * Zipf hot set: rank {@code r} (1 the hottest) drawn from {@code Distributions.zipf(n, exponent)}
     * over the volume's {@code n} blocks. Consecutive ranks fill one track's blocks in order
     * ({@code r − 1 = t × blocksPerTrack + k}: block k of hot track t), and hot track t is mapped to
     * a track by a fixed bijective scramble {@code t × a + b mod tracks} (a coprime to the track
     * count), so hot tracks are spread over the volume. Volumes above 2^31 − 1 blocks use their
     * first 2^31 − 1 blocks.
     */
    static AddressPattern zipf(RandomStream stream, double exponent) {
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("zipf exponent must be positive: " + exponent);
        }
        // one law per distinct volume size, built on first use (a handful per workload); the law
        // of the last size used is kept at hand, so a one-volume workload does no map look-up
        Map<java.util.List<Long>, ZipfVolume> bySize = new LinkedHashMap<>();
        ZipfVolume[] last = new ZipfVolume[1];
        return (volumeIndex, volumeBlocks, blocksPerTrack, ioBlocks) -> {
            int n = (int) Math.min(volumeBlocks, Integer.MAX_VALUE);
            ZipfVolume z = last[0];
            if (z == null || z.size() != n || z.blocksPerTrack() != blocksPerTrack) {
                z = bySize.computeIfAbsent(java.util.List.of((long) n, blocksPerTrack),
                        k -> new ZipfVolume(Distributions.zipf(stream, n, exponent),
                                Scramble.of((n + blocksPerTrack - 1) / blocksPerTrack), n, blocksPerTrack));
                last[0] = z;
            }
            long r = z.ranks().sample() - 1;
            long block = z.scramble().apply(r / blocksPerTrack) * blocksPerTrack + r % blocksPerTrack;
            return Math.min(block, volumeBlocks - ioBlocks);
        };
    }

    /**
     * Sequential runs: each I/O starts at the block where the previous one on the same volume
     * ended (it advances by the I/O's size, in whole blocks); a run ends with probability
     * 1/{@code meanRunIos} after each I/O (geometric run lengths) or at the volume's end, and the
     * next run starts at a uniform block.
     */
    static AddressPattern sequential(RandomStream stream, double meanRunIos) {
        if (!(meanRunIos >= 1) || Double.isInfinite(meanRunIos)) {
            throw new IllegalArgumentException("mean sequential run length must be ≥ 1 I/O: " + meanRunIos);
        }
        return new Sequential(stream, 1.0 / meanRunIos);
    }

    /** A bijection of [0, n) for n ≤ 2^31 − 1: {@code i × a + b mod n} with a coprime to n. */
    record Scramble(long n, long a, long b) {
        static Scramble of(long n) {
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("scramble size must be in [1, 2^31 - 1]: " + n);
            }
            // multiplier near n / golden ratio, the first one coprime to n
            long a = Math.max(1, (long) (n * 0.6180339887498949));
            while (gcd(a, n) != 1) {
                a++;
            }
            return new Scramble(n, a % n == 0 ? 1 : a % n, n / 3);
        }

        private static long gcd(long x, long y) {
            while (y != 0) {
                long t = x % y;
                x = y;
                y = t;
            }
            return x;
        }

        /** The image of {@code i} in [0, n); i × a < 2^62 cannot overflow. */
        long apply(long i) {
            return (i * a + b) % n;
        }
    }

    /** Zipf ranks over {@code size} blocks and the scramble of their tracks, for one volume size. */
    record ZipfVolume(IntSampler ranks, Scramble scramble, long size, long blocksPerTrack) {
    }

    /** Per-volume cursors of {@link #sequential}. */
    final class Sequential implements AddressPattern {
        private final RandomStream stream;
        private final double endProbability;
        private long[] next = new long[0];

        Sequential(RandomStream stream, double endProbability) {
            this.stream = stream;
            this.endProbability = endProbability;
        }

        @Override
        public long firstBlock(int volumeIndex, long volumeBlocks, long blocksPerTrack, long ioBlocks) {
            if (volumeIndex >= next.length) {
                long[] grown = java.util.Arrays.copyOf(next, volumeIndex + 1);
                java.util.Arrays.fill(grown, next.length, grown.length, -1L);
                next = grown;
            }
            long start = next[volumeIndex];
            if (start < 0 || start + ioBlocks > volumeBlocks) {
                start = stream.nextLong(volumeBlocks - ioBlocks + 1);
            }
            next[volumeIndex] = stream.nextDouble() < endProbability ? -1L : start + ioBlocks;
            return start;
        }
    }
}
