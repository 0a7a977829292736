package org.repsim.model.consistency.rules;

/**
 * What the coordinator of a host-coordinated switch (docs/model.md §6a) does next, as returned by the
 * coordinator-side handlers of {@link CoordinatedSwitch}.
 */
public enum SwitchCommand {
    /** Nothing to send: still waiting for replies/confirmations, or not all boxes ready. */
    NONE,
    /** Phase 1: send "open window" to every box. */
    OPEN_WINDOWS,
    /** Phase 2: send "switch cycle" to every box (all windows are open). */
    SWITCH_CYCLES,
    /** Phase 3: send "close window" to every box (all boxes have switched). */
    CLOSE_WINDOWS,
    /** All windows are closed: the switch is complete, see {@link CoordinatedSwitch#lastSwitch()}. */
    SWITCH_DONE
}
