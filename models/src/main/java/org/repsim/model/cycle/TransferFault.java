package org.repsim.model.cycle;

/**
 * Fault injection on slot transfers (tests of docs/model.md §6b): for each slot arriving over a link,
 * how much later the secondary receives it, or {@link #LOST}. A delayed slot still counts as
 * arrived at the secondary only when delivered (its cycle's commit waits for it); a lost one
 * counts as delivered for the primary, which sends the cycle's commit, but the secondary never
 * receives it.
 */
@FunctionalInterface
public interface TransferFault {
    /** The secondary never receives the slot. */
    long LOST = -1;

    /**
     * @param number the slot's cycle (shuttle: sequence number)
     * @param index  the slot's position in its cycle (slots are sent in this order)
     * @return 0 to deliver now, a delay (ns, &gt; 0), or {@link #LOST}
     */
    long delayNs(long number, int index);
}
