package org.repsim.core.kernel;

/**
 * Named tie classes: the order of events scheduled for the same instant.
 *
 * <p>Simultaneous events run in this order, then in the order they were scheduled. The classes
 * are chosen so that a model's state at an instant is settled before anyone observes it:
 * control changes (faults, warm-up reset) first, then completions that free resources, then
 * ordinary work, then new arrivals that take the freed resources, and last the observers that
 * sample the settled state.
 */
public enum Tie {
    /** Faults, warm-up reset, end of run: change the rules before anything else happens. */
    CONTROL,
    /** Service completions and message arrivals: free resources first. */
    DEPARTURE,
    /** Everything else. */
    NORMAL,
    /** New external arrivals (host I/O): see the resources freed at this instant. */
    ARRIVAL,
    /** Samplers and monitors: read the settled state of the instant. */
    OBSERVE;

    private static final Tie[] VALUES = values();

    /** Tie class of the given ordinal. */
    public static Tie ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
