package org.repsim.model.cycle.rules;

/**
 * When a session's capture cycle switches (docs/model.md §5).
 *
 * @param mode              legacy, multi-cycle or external (explicit closes only)
 * @param minCycleTimeNs    minimum time between switches, ns (product default 30 s); ignored in
 *                          {@link SwitchMode#EXTERNAL}
 * @param maxTransmitCycles multi-cycle bound on closed cycles awaiting transmit and commit
 *                          acknowledgement (≥ 1); legacy mode behaves as 1
 */
public record SwitchRules(SwitchMode mode, long minCycleTimeNs, int maxTransmitCycles) {

    /** Product default minimum cycle time: 30 s. */
    public static final long DEFAULT_MIN_CYCLE_TIME_NS = 30_000_000_000L;

    public SwitchRules {
        if (mode == null) {
            throw new IllegalArgumentException("switch mode must not be null");
        }
        if (minCycleTimeNs < 0) {
            throw new IllegalArgumentException("minCycleTimeNs must be >= 0, was " + minCycleTimeNs);
        }
        if (maxTransmitCycles < 1) {
            throw new IllegalArgumentException("maxTransmitCycles must be >= 1, was " + maxTransmitCycles);
        }
    }

    public static SwitchRules legacy(long minCycleTimeNs) {
        return new SwitchRules(SwitchMode.LEGACY, minCycleTimeNs, 1);
    }

    public static SwitchRules multiCycle(long minCycleTimeNs, int maxTransmitCycles) {
        return new SwitchRules(SwitchMode.MULTI_CYCLE, minCycleTimeNs, maxTransmitCycles);
    }

    /** Cycles (or shuttle sequence numbers) closed only by explicit calls. */
    public static SwitchRules external() {
        return new SwitchRules(SwitchMode.EXTERNAL, 0, Integer.MAX_VALUE);
    }
}
