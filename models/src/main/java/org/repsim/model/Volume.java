package org.repsim.model;

/**
 * A range of tracks on a box (docs/model.md §1): tracks [{@code firstTrack}, {@code firstTrack + trackCount})
 * of {@code box}, numbered box-wide. Made by {@link Box#addVolume}.
 */
public final class Volume {
    private final String name;
    private final Box box;
    private final long firstTrack;
    private final long trackCount;

    Volume(String name, Box box, long firstTrack, long trackCount) {
        this.name = name;
        this.box = box;
        this.firstTrack = firstTrack;
        this.trackCount = trackCount;
    }

    public String name() {
        return name;
    }

    public Box box() {
        return box;
    }

    /** First box-wide track number of the volume. */
    public long firstTrack() {
        return firstTrack;
    }

    public long trackCount() {
        return trackCount;
    }

    public long trackSizeBytes() {
        return box.cache().trackSizeBytes();
    }

    public long sizeBytes() {
        return trackCount * trackSizeBytes();
    }

    /**
     * Checks that this volume (on {@code primary}) can replicate to {@code secondary}: the
     * secondary is on another box, at least as large, with the same track size.
     *
     * @throws IllegalArgumentException naming the volumes and what is wrong
     */
    public void checkReplicatesTo(Box primary, Volume secondary) {
        if (box != primary) {
            throw new IllegalArgumentException("volume " + this + " is not on primary box " + primary.name());
        }
        if (secondary.box == primary) {
            throw new IllegalArgumentException("secondary volume " + secondary + " is on the primary box");
        }
        if (secondary.trackCount < trackCount) {
            throw new IllegalArgumentException("secondary volume " + secondary + " (" + secondary.trackCount
                    + " tracks) is smaller than primary " + this + " (" + trackCount + ")");
        }
        if (secondary.trackSizeBytes() != trackSizeBytes()) {
            throw new IllegalArgumentException("volumes " + this + " and " + secondary + " have different track sizes");
        }
    }

    @Override
    public String toString() {
        return box.name() + "/" + name;
    }
}
