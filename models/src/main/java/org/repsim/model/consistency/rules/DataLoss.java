package org.repsim.model.consistency.rules;

/**
 * Data lost at a disaster (docs/model.md §7): host writes acknowledged at or before the disaster that are
 * absent from the secondaries' image (the measured recovery point).
 *
 * @param disasterNs           the disaster time (ns)
 * @param lostWrites           acknowledged writes absent from the image
 * @param lostBytes            their bytes
 * @param oldestLostAckNs      acknowledgement time of the oldest lost write (ns), or -1 if none lost
 * @param newestLostAckNs      acknowledgement time of the newest lost write (ns), or -1 if none lost
 * @param writesBeyondHole     writes present in the image although an earlier write of their
 *                             chain is absent (non-zero only when the image is inconsistent); a
 *                             consistent recovery would have to discard them as well
 */
public record DataLoss(
        long disasterNs,
        long lostWrites,
        long lostBytes,
        long oldestLostAckNs,
        long newestLostAckNs,
        long writesBeyondHole) {

    /** Time between the oldest and the newest lost acknowledgement (ns); 0 if none lost. */
    public long spanNs() {
        return lostWrites == 0 ? 0 : newestLostAckNs - oldestLostAckNs;
    }

    /** Measured recovery point: disaster time minus the oldest lost acknowledgement (ns); 0 if none lost. */
    public long recoveryPointNs() {
        return lostWrites == 0 ? 0 : disasterNs - oldestLostAckNs;
    }
}
