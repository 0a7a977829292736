package org.repsim.core.kernel.dsol;

import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.Tie;

/**
 * One entry of the {@link EventHeap}: a DSOL event whose time is a primitive {@code long}.
 *
 * <p>{@code order} packs the tie class (high 8 bits) and the scheduling sequence number (low 56
 * bits), so the full tie-break is one comparison of a {@code long}.
 */
final class KernelEvent implements SimEventInterface<Long>, EventHandle {
    static final int SEQ_BITS = 56;
    static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    final long timeNs;
    final long order;
    final Runnable action;
    /** Slot in the heap's pool while pending, or -1 once fired or cancelled. */
    int slot = -1;

    KernelEvent(long timeNs, long order, Runnable action) {
        this.timeNs = timeNs;
        this.order = order;
        this.action = action;
    }

    static long order(Tie tie, long seq) {
        return ((long) tie.ordinal() << SEQ_BITS) | (seq & SEQ_MASK);
    }

    @Override
    public long timeNs() {
        return timeNs;
    }

    @Override
    public Tie tie() {
        return Tie.ofOrdinal((int) (order >>> SEQ_BITS));
    }

    @Override
    public boolean isPending() {
        return slot >= 0;
    }

    @Override
    public void execute() {
        action.run();
    }

    @Override
    public Long getAbsoluteExecutionTime() {
        return timeNs;
    }

    /** DSOL priorities run high first; tie classes run low ordinal first. */
    @Override
    public short getPriority() {
        return (short) (SimEventInterface.MAX_PRIORITY - (order >>> SEQ_BITS));
    }

    @Override
    public long getId() {
        return order & SEQ_MASK;
    }

    @Override
    public String toString() {
        return "KernelEvent[t=" + timeNs + " ns, " + tie() + ", #" + getId() + "]";
    }
}
