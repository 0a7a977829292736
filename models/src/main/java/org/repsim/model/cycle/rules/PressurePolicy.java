package org.repsim.model.cycle.rules;

/**
 * What a session does when a write would take its slots over the cache limit (docs/model.md §5,
 * cache pressure [product]). Policies are tried in the configured order.
 */
public enum PressurePolicy {
    /**
     * Move slots of the oldest transmit cycle(s) to the spill pool (auxiliary storage area), then,
     * with {@link SpillFrom#ANY}, of the capture cycle; if the pool cannot take enough of them,
     * fall through to the next policy.
     */
    SPILL,
    /** Hold the write (delay the host acknowledgement) until space frees; terminal. */
    PACE,
    /** Drop the session: cycles stop, written tracks become owed; terminal. */
    DROP
}
