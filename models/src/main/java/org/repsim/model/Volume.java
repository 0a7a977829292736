package org.repsim.model;

/**
 * A range of tracks on a box (DOMAIN §1): tracks [{@code firstTrack}, {@code firstTrack + trackCount})
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

    @Override
    public String toString() {
        return box.name() + "/" + name;
    }
}
