package org.repsim.model.cycle.rules;

/** Result of a switch attempt: switched, or the first condition that held it back. */
public enum SwitchOutcome {
    /** The capture cycle closed and joined the transmit queue; a new capture cycle opened. */
    SWITCHED,
    /** Less than {@code minCycleTime} since the last switch (legacy condition 1). */
    TOO_EARLY,
    /** Legacy condition 2: a transmit cycle is not yet fully sent or its commit not acknowledged. */
    TRANSMIT_PENDING,
    /** Legacy condition 3: the secondary's previous apply has not finished. */
    APPLY_BUSY,
    /** Multi-cycle: {@code maxTransmitCycles} closed cycles already await transmit. */
    TRANSMIT_QUEUE_FULL,
    /**
     * All conditions held but the capture cycle was empty: no empty cycle is created
     * [design, docs/model.md §5]; the switch clock restarts as if it had switched.
     */
    SKIPPED_EMPTY,
    /** The session is dropped or resynchronising: no cycles run. */
    NOT_ACTIVE,
    /** The session is in {@link SwitchMode#EXTERNAL} mode: only explicit closes switch. */
    EXTERNAL_ONLY;

    public boolean switched() {
        return this == SWITCHED;
    }

    /**
     * Every switch condition held ({@link #SWITCHED} or {@link #SKIPPED_EMPTY}): in legacy mode the
     * secondary's received cycle moves to apply now (receive → apply, docs/model.md §5), so the
     * last received cycle still gets applied when writes stop.
     */
    public boolean releasesReceivedCycle() {
        return this == SWITCHED || this == SKIPPED_EMPTY;
    }
}
