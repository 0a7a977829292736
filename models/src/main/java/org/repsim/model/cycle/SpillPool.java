package org.repsim.model.cycle;

import org.repsim.model.DiskGroup;

/**
 * The session's spill pool on a disk group of the primary (docs/model.md §5, policy
 * {@code spill}): slots moved there cost a disk write, and a disk read before they are sent.
 * Writes and reads address consecutive tracks of the group, one sequence for both.
 */
final class SpillPool {
    private final DiskGroup group;
    private long nextTrack;
    private long writes;
    private long reads;

    SpillPool(DiskGroup group) {
        this.group = group;
    }

    /** Writes {@code bytes} of spilled slots; {@code done} runs when the disk finished. */
    void write(long bytes, Runnable done) {
        writes++;
        group.write(nextTrack++, bytes, done);
    }

    /** Reads a spilled slot of {@code bytes} back before it is sent. */
    void read(long bytes, Runnable done) {
        reads++;
        group.read(nextTrack++, bytes, done);
    }

    long writes() {
        return writes;
    }

    long reads() {
        return reads;
    }
}
