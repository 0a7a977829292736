package org.repsim.core.kernel;

/**
 * What a model component sees of the simulation kernel: the clock and the event list.
 *
 * <p>Time is simulated nanoseconds in a {@code long} (about 292 years of range). Events at the
 * same instant fire by {@link Tie} class, then in the order they were scheduled, so a run is
 * fully deterministic.
 */
public interface Scheduler {

    /** Current simulated time in nanoseconds. */
    long now();

    /** Schedules {@code action} at absolute time {@code timeNs} (not before {@link #now()}). */
    EventHandle at(long timeNs, Tie tie, Runnable action);

    /**
     * Schedules {@code action} as {@link #at(long, Tie, Runnable)} does, same time and same order,
     * but gives no handle, so the event cannot be cancelled. For the many events nobody cancels
     * (service completions, arrivals, transfers): the kernel then keeps only the event's key and
     * action, and allocates nothing per event.
     */
    default void post(long timeNs, Tie tie, Runnable action) {
        at(timeNs, tie, action);
    }

    /** Schedules {@code action} at absolute time {@code timeNs} with tie class {@link Tie#NORMAL}. */
    default EventHandle at(long timeNs, Runnable action) {
        return at(timeNs, Tie.NORMAL, action);
    }

    /** Schedules {@code action} {@code delayNs} (≥ 0) from now. */
    default EventHandle after(long delayNs, Tie tie, Runnable action) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNs + " ns");
        }
        return at(now() + delayNs, tie, action);
    }

    /** Schedules {@code action} {@code delayNs} (≥ 0) from now with tie class {@link Tie#NORMAL}. */
    default EventHandle after(long delayNs, Runnable action) {
        return after(delayNs, Tie.NORMAL, action);
    }

    /**
     * Cancels a pending event. Returns false (and does nothing) when the event already fired or
     * was cancelled before.
     */
    boolean cancel(EventHandle event);
}
