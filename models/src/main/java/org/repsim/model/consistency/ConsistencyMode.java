package org.repsim.model.consistency;

/** How a consistency group keeps its secondaries' images consistent (docs/model.md §6; scenario {@code consistency.mode}). */
public enum ConsistencyMode {
    /** No coordination: every session switches by its own legacy / multi-cycle rules; the image still follows every chain. */
    NONE("none"),
    /** Host-coordinated switch with consistency windows and group-wide apply (docs/model.md §6a). */
    HOST("host"),
    /** The shuttle of US 7,158,976 hands out sequence numbers; secondaries commit numbers by totals (docs/model.md §6b). */
    SHUTTLE("shuttle");

    private final String label;

    ConsistencyMode(String label) {
        this.label = label;
    }

    /** The scenario spelling. */
    public String label() {
        return label;
    }

    /** Parses the scenario spelling; throws {@link IllegalArgumentException} naming the bad value. */
    public static ConsistencyMode ofLabel(String label) {
        for (ConsistencyMode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("consistency.mode must be 'none', 'host' or 'shuttle', got '" + label + "'");
    }
}
