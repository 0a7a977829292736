package org.repsim.model.consistency.rules;

/**
 * Coordinated apply on the secondary side of a cycle-mode consistency group (docs/model.md §6a):
 * secondaries apply cycle k only when every secondary of the group has received k (all its data
 * and its commit message); cycles are applied whole and in order.
 *
 * <p>Call sequence: when secondary s has received cycle k completely (an empty cycle counts as
 * received when its commit arrives), call {@link #onCycleReceived(int, long)}; it returns how many
 * cycles became appliable, and every secondary then applies cycles
 * {@code appliableThrough() - returned + 1 .. appliableThrough()} in order (the engine lands them
 * in the recoverable image, docs/model.md §7).
 */
public final class GroupApplyGate {

    private final long[] receivedThrough;
    private long appliableThrough;

    /**
     * @param secondaryCount secondaries in the group (≥ 1)
     * @param firstCycle     the first cycle number the group uses
     */
    public GroupApplyGate(int secondaryCount, long firstCycle) {
        if (secondaryCount < 1) {
            throw new IllegalArgumentException("group apply needs at least 1 secondary, got " + secondaryCount);
        }
        if (firstCycle < 0) {
            throw new IllegalArgumentException("first cycle number must be >= 0, got " + firstCycle);
        }
        this.receivedThrough = new long[secondaryCount];
        java.util.Arrays.fill(receivedThrough, firstCycle - 1);
        this.appliableThrough = firstCycle - 1;
    }

    /**
     * Secondary {@code secondary} has fully received {@code cycle}; cycles arrive in order.
     *
     * @return how many further cycles every secondary may now apply (0 if none)
     */
    public int onCycleReceived(int secondary, long cycle) {
        if (secondary < 0 || secondary >= receivedThrough.length) {
            throw new IllegalArgumentException(
                    "secondary index must be in 0.." + (receivedThrough.length - 1) + ", got " + secondary);
        }
        if (cycle != receivedThrough[secondary] + 1) {
            throw new IllegalStateException("secondary " + secondary + " received cycle " + cycle
                    + " but expected cycle " + (receivedThrough[secondary] + 1) + " (cycles arrive in order)");
        }
        receivedThrough[secondary] = cycle;
        long min = Long.MAX_VALUE;
        for (long r : receivedThrough) {
            min = Math.min(min, r);
        }
        int newly = (int) (min - appliableThrough);
        appliableThrough = min;
        return newly;
    }

    /** The highest cycle every secondary has received, hence may apply. */
    public long appliableThrough() {
        return appliableThrough;
    }

    /** The highest cycle secondary {@code secondary} has received. */
    public long receivedThrough(int secondary) {
        return receivedThrough[secondary];
    }
}
