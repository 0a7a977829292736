package org.repsim.core.kernel;

/**
 * A scheduler that can also be run: the side of the kernel that the experiment runner sees.
 *
 * <p>Runs are synchronous: {@link #runUntil(long)} returns when the run reached its end, was
 * stopped, or failed. A failure inside an event surfaces as a {@link SimulationFailure} naming
 * the component and the simulated time; the kernel is then unusable.
 */
public interface SimulationKernel extends Scheduler {

    /**
     * Fires, in order, every pending event with time ≤ {@code endNs}, then sets the clock to
     * {@code endNs}. Returns early (clock at the last event) when {@link #stop()} was called.
     *
     * @throws SimulationFailure when an event throws
     */
    void runUntil(long endNs);

    /** Fires the next event, if any (stepping, for tests). Returns false when no event is pending. */
    boolean fireNext();

    /** Asks the running loop to return after the current event. */
    void stop();

    /** Number of events fired so far. */
    long eventsFired();

    /** Number of events waiting. */
    int pendingEvents();
}
