package org.repsim.model;

import java.util.Arrays;
import java.util.List;

/**
 * A box's back end (docs/model.md §1): its disk groups and which tracks live on which group.
 *
 * <p>Each volume's track range is placed on one group; tracks outside every placed range
 * live on group 0. Lookups are a binary search over the range starts (no boxing).
 */
public final class BackEnd {
    private final List<DiskGroup> groups;
    private final DiskGroup[] byIndex;
    /** The range of the last look-up: most I/O goes to the volume of the I/O before. */
    private int lastRange = -1;
    private long[] rangeStart = new long[4];
    private long[] rangeEnd = new long[4];
    private int[] rangeGroup = new int[4];
    private int ranges;

    public BackEnd(List<DiskGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a back end needs at least one disk group");
        }
        this.groups = List.copyOf(groups);
        this.byIndex = this.groups.toArray(new DiskGroup[0]);
    }

    /** Places tracks [{@code firstTrack}, {@code firstTrack + trackCount}) on group {@code group}; ranges must come in increasing order. */
    public void place(long firstTrack, long trackCount, int group) {
        if (group < 0 || group >= groups.size()) {
            throw new IllegalArgumentException("no disk group " + group + " (the back end has " + groups.size() + ")");
        }
        if (ranges > 0 && firstTrack < rangeEnd[ranges - 1]) {
            throw new IllegalArgumentException("track ranges must be placed in increasing order: " + firstTrack);
        }
        if (ranges == rangeStart.length) {
            rangeStart = Arrays.copyOf(rangeStart, ranges * 2);
            rangeEnd = Arrays.copyOf(rangeEnd, ranges * 2);
            rangeGroup = Arrays.copyOf(rangeGroup, ranges * 2);
        }
        rangeStart[ranges] = firstTrack;
        rangeEnd[ranges] = firstTrack + trackCount;
        rangeGroup[ranges] = group;
        ranges++;
    }

    /** The disk group holding {@code track}. */
    public DiskGroup groupOf(long track) {
        int r = lastRange;
        if (r >= 0 && track >= rangeStart[r] && track < rangeEnd[r]) {
            return byIndex[rangeGroup[r]];
        }
        int lo = 0;
        int hi = ranges - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rangeStart[mid] <= track) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        int i = lo - 1;
        if (i >= 0 && track < rangeEnd[i]) {
            lastRange = i;
            return byIndex[rangeGroup[i]];
        }
        return byIndex[0];
    }

    public void read(long track, long bytes, Runnable done) {
        groupOf(track).read(track, bytes, done);
    }

    public void write(long track, long bytes, Runnable done) {
        groupOf(track).write(track, bytes, done);
    }

    public List<DiskGroup> groups() {
        return groups;
    }
}
