package org.repsim.model.workload;

import java.util.List;
import org.repsim.core.random.RandomStream;
import org.repsim.core.random.Sampler;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;

/**
 * The shape of a workload's I/Os (docs/model.md §2): which volume, read or write, size, address.
 * An I/O of {@code s} bytes (at most the volume) covers {@code ceil(s / blockSize)} blocks; the
 * address pattern chooses its first block, so it starts at a multiple of the block size and
 * touches every track its bytes fall in.
 */
public final class IoGenerator {
    private final Host host;
    private final Volume[] volumes;
    private final VolumeChoice choice;
    private final double readFraction;
    private final Sampler sizeBytes;
    private final AddressPattern pattern;
    private final RandomStream mix;
    private final RandomStream volumeStream;
    private final long blockSizeBytes;
    private int roundRobin;

    /** The default block size of synthetic addresses, bytes (docs/model.md §2). */
    public static final long DEFAULT_BLOCK_SIZE = 4_096;

    /** A generator with block size {@link #DEFAULT_BLOCK_SIZE}. */
    public IoGenerator(Host host, List<Volume> volumes, VolumeChoice choice, double readFraction, Sampler sizeBytes,
                       AddressPattern pattern, WorkloadStreams streams) {
        this(host, volumes, choice, readFraction, sizeBytes, pattern, streams, DEFAULT_BLOCK_SIZE);
    }

    /**
     * @param readFraction share of reads in [0, 1], drawn from {@code streams.mix()}
     * @param sizeBytes    I/O size law in bytes (draws below 1 byte become 1 byte)
     * @param blockSizeBytes I/Os start at a multiple of this many bytes (≥ 1)
     */
    public IoGenerator(Host host, List<Volume> volumes, VolumeChoice choice, double readFraction, Sampler sizeBytes,
                       AddressPattern pattern, WorkloadStreams streams, long blockSizeBytes) {
        if (volumes.isEmpty()) {
            throw new IllegalArgumentException("workload " + streams.workloadId() + " has no volumes");
        }
        if (!(readFraction >= 0 && readFraction <= 1)) {
            throw new IllegalArgumentException("workload " + streams.workloadId() + ": read fraction must be in [0, 1], got " + readFraction);
        }
        if (blockSizeBytes < 1) {
            throw new IllegalArgumentException("workload " + streams.workloadId() + ": block size must be ≥ 1 byte, got " + blockSizeBytes);
        }
        this.blockSizeBytes = blockSizeBytes;
        this.host = host;
        this.volumes = volumes.toArray(new Volume[0]);
        this.choice = choice;
        this.readFraction = readFraction;
        this.sizeBytes = sizeBytes;
        this.pattern = pattern;
        this.mix = streams.mix();
        this.volumeStream = streams.volume();
    }

    /** The next I/O, issued now by {@code streamId}; a write gets {@code chainIndex} (−1 for none), a read always −1. */
    public HostIo next(int streamId, long chainIndex) {
        boolean read = readFraction > 0 && (readFraction >= 1 || mix.nextDouble() < readFraction);
        return next(!read, streamId, chainIndex);
    }

    /** The next I/O of the given direction. */
    public HostIo next(boolean write, int streamId, long chainIndex) {
        int vi;
        if (volumes.length == 1) {
            vi = 0;
        } else if (choice == VolumeChoice.ROUND_ROBIN) {
            vi = roundRobin;
            roundRobin = roundRobin + 1 == volumes.length ? 0 : roundRobin + 1;
        } else {
            vi = volumeStream.nextInt(volumes.length);
        }
        Volume v = volumes[vi];
        long volumeBytes = v.sizeBytes();
        long size = Math.min(Math.max(1, sizeBytes.sampleLong()), volumeBytes);
        long ioBlocks = (size + blockSizeBytes - 1) / blockSizeBytes;
        long volumeBlocks = volumeBytes / blockSizeBytes;
        long offset = 0;
        if (ioBlocks <= volumeBlocks) {
            long blocksPerTrack = Math.max(1, v.trackSizeBytes() / blockSizeBytes);
            offset = pattern.firstBlock(vi, volumeBlocks, blocksPerTrack, ioBlocks) * blockSizeBytes;
        }
        return host.newIoAt(v, offset, size, write, streamId, write ? chainIndex : -1);
    }

    public double readFraction() {
        return readFraction;
    }

    public Host host() {
        return host;
    }
}
