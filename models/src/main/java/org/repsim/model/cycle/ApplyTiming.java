package org.repsim.model.cycle;

import org.repsim.model.cycle.rules.SwitchMode;

/**
 * When the secondary applies a cycle it holds whole (committed) — docs/model.md §5 "Apply timing".
 * The choice moves the recoverable image, hence the recovery-point lag: with {@link #AT_SWITCH}
 * a committed cycle waits for the primary's next switch, with {@link #WHEN_COMPLETE} it applies
 * at once (in a group, once every secondary holds it).
 */
public enum ApplyTiming {
    /** [product] Legacy: the primary's switch releases the received cycle for apply (receive → apply). */
    AT_SWITCH,
    /** [product] Multi-cycle and group modes: apply as soon as committed (and the group's gate opens). */
    WHEN_COMPLETE;

    /** What a session switching by {@code mode} did before the key existed: legacy at the switch, others when complete. */
    public static ApplyTiming defaultFor(SwitchMode mode) {
        return mode == SwitchMode.LEGACY ? AT_SWITCH : WHEN_COMPLETE;
    }
}
