package org.repsim.model.consistency.rules;

/**
 * What one arrival of the shuttle at an entity decided (docs/model.md §6b). Returned by
 * {@link Shuttle#onArrival(int, long)}; every field is a value the timed engine acts on.
 *
 * @param entity                  the visited entity
 * @param arrivedNs               the arrival time (ns)
 * @param seq                     the shuttle's number after the visit, which is also the entity's
 *                                new {@code curSeq} (tag for its new host writes)
 * @param closedSeq               the number closed at this visit, or {@link Shuttle#NONE}
 * @param skippedEmpty            the entity had used {@code seq} but had no data tagged with it, so
 *                                the advance was refused (claim 4's "data to send" condition)
 * @param deferredByMinNumberTime an advance was due but {@code minNumberTime} had not yet passed
 * @param transferable            the entity's own data of the number that became closed for it at
 *                                this visit (its previous {@code curSeq}): that data may now be
 *                                transferred to the remote side (claim 9); {@code null} if the
 *                                entity's tag did not change or it tagged nothing with the old one
 * @param finalTotal              a number whose group total became final at this visit (one full
 *                                round after it was closed): send it to the secondary side's
 *                                {@link ShuttleCommitTracker}; {@code null} if none
 * @param writesToAcknowledge     under {@link AckRule#AFTER_ROUND}: how many host writes this entity
 *                                tagged since its previous visit, all tagged {@code acknowledgedTag};
 *                                acknowledge them now. Always 0 under {@link AckRule#IMMEDIATE}
 * @param acknowledgedTag         the tag of those writes, or {@link Shuttle#NONE} if there are none
 * @param roundCompleted          this arrival (at entity 0, not the first) completed a ring round
 * @param roundTimeNs             when {@code roundCompleted}: time since the previous arrival at
 *                                entity 0 (ns); otherwise {@link Shuttle#NONE}
 * @param numbersClosedInRound    when {@code roundCompleted}: numbers closed during that round;
 *                                otherwise -1
 */
public record ShuttleVisit(
        int entity,
        long arrivedNs,
        long seq,
        long closedSeq,
        boolean skippedEmpty,
        boolean deferredByMinNumberTime,
        NumberTotal transferable,
        NumberTotal finalTotal,
        long writesToAcknowledge,
        long acknowledgedTag,
        boolean roundCompleted,
        long roundTimeNs,
        int numbersClosedInRound) {

    /** Whether a number was closed (the shuttle advanced) at this visit. */
    public boolean advanced() {
        return closedSeq != Shuttle.NONE;
    }
}
