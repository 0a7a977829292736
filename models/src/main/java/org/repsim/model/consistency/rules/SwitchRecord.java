package org.repsim.model.consistency.rules;

/**
 * One completed host-coordinated switch (docs/model.md §6a).
 *
 * @param closedCycle      the cycle the boxes switched away from (now transmitted)
 * @param decidedNs        when the coordinator found every box ready and sent phase 1 (ns)
 * @param completedNs      when the last window-closed confirmation reached the coordinator (ns)
 * @param readinessSkewNs  time between the first and the last box becoming ready since the previous
 *                         switch, as observed from poll replies at the coordinator: a box's ready time
 *                         is the first reply of its current unbroken run of ready replies (ns)
 * @param heldWrites       host writes held by the windows of this switch (all boxes)
 * @param holdLatencySumNs total time those writes were held (ns)
 * @param maxWindowNs      longest time a window was open at one box (ns)
 * @param sumWindowNs      sum over boxes of the time each box's window was open (ns)
 */
public record SwitchRecord(
        long closedCycle,
        long decidedNs,
        long completedNs,
        long readinessSkewNs,
        long heldWrites,
        long holdLatencySumNs,
        long maxWindowNs,
        long sumWindowNs) {

    /** The cycle every box tags new writes with after this switch. */
    public long newCycle() {
        return closedCycle + 1;
    }

    /** Time from the decision to the last window-closed confirmation (ns). */
    public long durationNs() {
        return completedNs - decidedNs;
    }
}
