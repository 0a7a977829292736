package org.repsim.model.cycle;

/**
 * Sees every slot transfer the secondary receives, with the host writes its slot carries
 * (docs/model.md §6b: a shuttle group's secondaries count what actually arrived per number).
 * Host counts are 0 unless the session counts host writes ({@link CycleSession#countHostWrites()}).
 */
@FunctionalInterface
public interface SlotArrivalListener {
    /**
     * @param number     the slot's cycle (shuttle: sequence number)
     * @param hostBytes  host bytes credited to the slot (writes whose last track it holds)
     * @param hostWrites host writes credited to the slot
     */
    void onSlotArrived(long number, long hostBytes, long hostWrites, long nowNs);
}
