package org.repsim.model;

/**
 * One host I/O (docs/model.md §2), the entity that travels host → box → (link → remote box) → host.
 *
 * @param id          unique per run, in issue order
 * @param volume      target volume
 * @param firstTrack  box-wide number of the first track touched ({@code volume.firstTrack() + offsetBytes / trackSize})
 * @param trackCount  tracks touched, ≥ 1
 * @param offsetBytes byte offset inside the volume
 * @param sizeBytes   bytes transferred, ≥ 1
 * @param write       true for a write, false for a read
 * @param issueNs     time the host issued it
 * @param streamId    issuing stream (unique over the run's workloads)
 * @param chainIndex  position in the stream's chain of dependent writes (0, 1, 2, … per stream),
 *                    or −1 when the I/O is not part of a chain (reads, independent writes)
 */
public record HostIo(long id, Volume volume, long firstTrack, int trackCount, long offsetBytes, long sizeBytes,
                     boolean write, long issueNs, int streamId, long chainIndex) {

    public HostIo {
        if (trackCount < 1) {
            throw new IllegalArgumentException("a host I/O touches at least one track: " + trackCount);
        }
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("a host I/O moves at least one byte: " + sizeBytes);
        }
    }

    public boolean isDependent() {
        return chainIndex >= 0;
    }
}
