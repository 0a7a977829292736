package org.repsim.model.consistency.rules;

/**
 * When a host write tagged by the {@link Shuttle} is acknowledged to the host (docs/model.md §6b,
 * option {@code ack}, [design]).
 */
public enum AckRule {
    /**
     * A write tagged S at entity E is acknowledged at E's next shuttle visit. Between two visits
     * to E the shuttle visits every other entity once carrying a number ≥ S, so at the
     * acknowledgement every entity tags new writes with ≥ S and a dependent write can never get
     * a smaller tag. Costs up to one ring round of host latency. The default.
     */
    AFTER_ROUND("after-round"),
    /**
     * Acknowledge at once. Cheaper, but a dependent write issued on an entity the shuttle has
     * not reached yet can get a smaller tag than the write it depends on.
     */
    IMMEDIATE("immediate");

    private final String label;

    AckRule(String label) {
        this.label = label;
    }

    /** The scenario spelling: {@code after-round} or {@code immediate}. */
    public String label() {
        return label;
    }

    /** Parses the scenario spelling; throws {@link IllegalArgumentException} naming the bad value. */
    public static AckRule ofLabel(String label) {
        for (AckRule rule : values()) {
            if (rule.label.equals(label)) {
                return rule;
            }
        }
        throw new IllegalArgumentException(
                "shuttle ack rule must be 'after-round' or 'immediate', got '" + label + "'");
    }
}
