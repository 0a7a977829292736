package org.repsim.core.kernel;

/** A scheduled event, as the scheduler gives it back: it can be asked about and cancelled. */
public interface EventHandle {
    /** Simulated time at which the event fires, in nanoseconds. */
    long timeNs();

    /** Its tie class. */
    Tie tie();

    /** True while the event is still waiting to fire (not fired, not cancelled). */
    boolean isPending();
}
