package org.repsim.model.cycle.rules;

/** How {@link CycleSwitcher#trySwitch} decides a cycle switch (docs/model.md §5). */
public enum SwitchMode {
    /**
     * [product] Switch when at least {@code minCycleTime} has passed since the last switch, the
     * transmit cycle is fully sent and its commit acknowledged, and the secondary's previous apply
     * has finished; the first switch needs only the time condition.
     */
    LEGACY,
    /**
     * [product] Switch every {@code minCycleTime}; closed cycles queue for transmit up to
     * {@code maxTransmitCycles} (a switch waits while the queue is full).
     */
    MULTI_CYCLE,
    /**
     * Never switch by time: the owner closes cycles with {@link CycleSwitcher#close(long)} or
     * {@link CycleSwitcher#close(long, long)} (e.g. the shuttle, docs/model.md §6b, or a host coordinator,
     * §6a). {@code trySwitch} always answers {@link SwitchOutcome#EXTERNAL_ONLY}.
     */
    EXTERNAL
}
