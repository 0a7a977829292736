package org.repsim.model.cycle;

/**
 * What the {@code cycles} table records (docs/scenario-format.md, {@code report.cycles}): the
 * figures computed from the cycles are the same whichever is chosen; only the rows kept differ.
 */
public enum CycleRows {
    /** One row per closed cycle per session (column {@code box}: the session's index). */
    PER_BOX,
    /**
     * One row per cycle number, the sessions' rows of that number summed (column {@code boxes}):
     * for consistency groups, whose numbers are group-wide.
     */
    PER_CYCLE,
    /** No table. */
    NONE;

    /** The value of {@code report.cycles}: {@code per-box}, {@code per-cycle} or {@code none}. */
    public static CycleRows ofLabel(String label) {
        return switch (label) {
            case "per-box" -> PER_BOX;
            case "per-cycle" -> PER_CYCLE;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("cycle rows: per-box, per-cycle or none, found '" + label + "'");
        };
    }
}
