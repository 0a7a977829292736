package org.repsim.model.cycle.rules;

/** What a host write did to the session (docs/model.md §5). */
public enum WriteOutcome {
    /** The track was already in the capture cycle: its slot was overwritten in place. */
    FOLDED,
    /** A new slot in the capture cycle. */
    NEW_SLOT,
    /** A new slot in the capture cycle while an older closed cycle still holds an unsent slot of the track. */
    DUPLICATE_SLOT,
    /**
     * Not accepted: the cache limit is reached and the policy is {@link PressurePolicy#PACE}. The
     * engine holds the host acknowledgement and retries the same write when space frees (after
     * {@link CycleSwitcher#onSlotSent}).
     */
    PACED,
    /**
     * This write found the cache full under {@link PressurePolicy#DROP}: the session dropped and
     * the track is owed. The host is acknowledged (local write only).
     */
    DROPPED,
    /** The session was already dropped or resynchronising: the track is marked owed. */
    OWED;

    /** True if the write is in a cycle (the host may be acknowledged and the write is replicated by cycles). */
    public boolean inCycle() {
        return this == FOLDED || this == NEW_SLOT || this == DUPLICATE_SLOT;
    }
}
