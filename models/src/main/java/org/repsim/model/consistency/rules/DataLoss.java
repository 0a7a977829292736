package org.repsim.model.consistency.rules;

import java.util.List;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Metric;

/**
 * Data lost at a disaster (docs/model.md §7): host writes acknowledged at or before the disaster that are
 * absent from the secondaries' image (the measured recovery point).
 *
 * @param disasterNs           the disaster time (ns)
 * @param lostWrites           acknowledged writes absent from the image
 * @param lostBytes            their bytes
 * @param oldestLostAckNs      acknowledgement time of the oldest lost write (ns), or -1 if none lost
 * @param newestLostAckNs      acknowledgement time of the newest lost write (ns), or -1 if none lost
 * @param writesBeyondHole     dependent writes present in the image although an earlier write of
 *                             their chain is absent, plus multi-track writes present on some of
 *                             their tracks only (torn); non-zero only when the image is
 *                             inconsistent: a consistent recovery would have to discard them as well
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

    /** Nothing lost at {@code disasterNs}. */
    public static DataLoss none(long disasterNs) {
        return new DataLoss(disasterNs, 0, 0, -1, -1, 0);
    }

    /**
     * The disaster metrics every mode reports (docs/model.md §7): {@code disaster.lost.writes} (count),
     * {@code disaster.lost.bytes} (bytes), {@code disaster.lost.span} (s, acknowledgement times of the
     * oldest to the newest lost write), {@code disaster.recoveryPoint} (s, disaster time − oldest lost
     * acknowledgement) and {@code disaster.beyondHole} (chain writes behind a missing one, plus torn writes).
     */
    public List<Metric> metrics() {
        return List.of(
                Measures.DISASTER_LOST_WRITES.of(lostWrites),
                Measures.DISASTER_LOST_BYTES.of(lostBytes),
                Measures.DISASTER_LOST_SPAN.of(spanNs() / 1e9),
                Measures.DISASTER_RECOVERY_POINT.of(recoveryPointNs() / 1e9),
                Measures.DISASTER_BEYOND_HOLE.of(writesBeyondHole));
    }
}
