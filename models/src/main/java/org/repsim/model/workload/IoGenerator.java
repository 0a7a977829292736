package org.repsim.model.workload;

import java.util.List;
import org.repsim.core.random.RandomStream;
import org.repsim.core.random.Sampler;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;

/**
 * The shape of a workload's I/Os (DOMAIN §2): which volume, read or write, size, address.
 * An I/O of {@code s} bytes starts at a track boundary and covers {@code ceil(s / trackSize)}
 * tracks (at most the volume).
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
    private int roundRobin;

    /**
     * @param readFraction share of reads in [0, 1], drawn from {@code streams.mix()}
     * @param sizeBytes    I/O size law in bytes (draws below 1 byte become 1 byte)
     */
    public IoGenerator(Host host, List<Volume> volumes, VolumeChoice choice, double readFraction, Sampler sizeBytes,
                       AddressPattern pattern, WorkloadStreams streams) {
        if (volumes.isEmpty()) {
            throw new IllegalArgumentException("workload " + streams.workloadId() + " has no volumes");
        }
        if (!(readFraction >= 0 && readFraction <= 1)) {
            throw new IllegalArgumentException("workload " + streams.workloadId() + ": read fraction must be in [0, 1], got " + readFraction);
        }
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
        long trackSize = v.trackSizeBytes();
        long size = Math.max(1, sizeBytes.sampleLong());
        long tracks = Math.min((size + trackSize - 1) / trackSize, v.trackCount());
        size = Math.min(size, tracks * trackSize);
        int count = (int) tracks;
        long first = pattern.firstTrack(vi, v.trackCount(), count);
        return host.newIo(v, first, count, size, write, streamId, write ? chainIndex : -1);
    }

    public double readFraction() {
        return readFraction;
    }

    public Host host() {
        return host;
    }
}
