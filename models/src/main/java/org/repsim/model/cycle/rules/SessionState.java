package org.repsim.model.cycle.rules;

/** Life of a replication session (docs/model.md §5, {@code drop} policy and transmit idle). */
public enum SessionState {
    /** Cycles run. */
    ACTIVE,
    /** Cycles stopped; written tracks are owed; the recovery point is frozen. */
    DROPPED,
    /** Owed tracks are being copied; writes keep marking tracks owed. */
    RESYNCHRONISING
}
