package org.repsim.model;

/**
 * How a box's cache counts and destages write-pending data (docs/model.md §1, §7a) [design].
 *
 * @param slotAllocation  what a slot occupies of the cache while write pending or held by replication:
 *                        the whole track, or only its dirty blocks
 * @param destage         what a destage writes to the back end: the whole track or its dirty blocks
 * @param destageDelayNs  write-pending delay: a track is destaged this long after it became dirty
 *                        (rewrites meanwhile fold into it and are destaged once), ns ≥ 0
 * @param destagePressure fraction of the write-pending limit from which queued tracks are destaged
 *                        at once, whatever their delay, in (0, 1]
 * @param readStaging     what a host read miss reads from the back end and makes valid in the cache:
 *                        each missing track whole, or only the blocks asked for (docs/model.md §1)
 */
public record CachePolicy(SlotAllocation slotAllocation, DestageExtent destage, long destageDelayNs,
                          double destagePressure, ReadStaging readStaging) {

    /**
     * Whole-track slots, destages and read staging, no delay (destage as soon as a track is dirty),
     * pressure at 80 % of the limit.
     */
    public static final CachePolicy DEFAULT = new CachePolicy(SlotAllocation.TRACK, DestageExtent.TRACK, 0, 0.8,
            ReadStaging.TRACK);

    /** A policy with whole-track read staging ({@link ReadStaging#TRACK}, the default). */
    public CachePolicy(SlotAllocation slotAllocation, DestageExtent destage, long destageDelayNs,
                       double destagePressure) {
        this(slotAllocation, destage, destageDelayNs, destagePressure, ReadStaging.TRACK);
    }

    /** The same policy with read staging {@code r}. */
    public CachePolicy withReadStaging(ReadStaging r) {
        return new CachePolicy(slotAllocation, destage, destageDelayNs, destagePressure, r);
    }

    /** What a cache slot occupies. */
    public enum SlotAllocation {
        /** A slot occupies its whole track ({@code trackSize}). */
        TRACK,
        /** A slot occupies only its dirty blocks ({@code blockSize} granularity). */
        BLOCKS
    }

    /** What a destage writes. */
    public enum DestageExtent {
        /** The whole track. */
        TRACK,
        /** The track's dirty blocks. */
        BLOCKS
    }

    /** What a host read miss stages from the back end (docs/model.md §1). */
    public enum ReadStaging {
        /** Each missing track is read whole, then the whole track is valid in the cache. */
        TRACK,
        /** Only the blocks asked for (and not yet valid) are read, and only they become valid. */
        BLOCKS
    }

    public CachePolicy {
        if (slotAllocation == null || destage == null || readStaging == null) {
            throw new IllegalArgumentException("cache policy: slotAllocation, destage and readStaging must not be null");
        }
        if (destageDelayNs < 0) {
            throw new IllegalArgumentException("cache destage delay must be ≥ 0 ns, got " + destageDelayNs);
        }
        if (!(destagePressure > 0 && destagePressure <= 1)) {
            throw new IllegalArgumentException("cache destage pressure must be in (0, 1], got " + destagePressure);
        }
    }

    /** Whether the cache keeps a dirty-block map per slot. */
    boolean needsBlockMaps() {
        return slotAllocation == SlotAllocation.BLOCKS || destage == DestageExtent.BLOCKS;
    }

    /** Whether the cache keeps a valid-block map per slot (the blocks a read may find). */
    boolean needsValidMaps() {
        return readStaging == ReadStaging.BLOCKS;
    }
}
