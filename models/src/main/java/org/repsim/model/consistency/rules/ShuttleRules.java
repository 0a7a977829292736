package org.repsim.model.consistency.rules;

/**
 * The user's shuttle rules (docs/model.md §6b), checked once here and read by both the pure
 * {@link Shuttle} and the timed ring.
 *
 * @param minNumberTimeNs an advance also waits until this long has passed since the previous
 *                        advance (ns, ≥ 0; 0 = no wait) [design]
 * @param ack             when host writes are acknowledged ({@code after-round} or {@code immediate})
 */
public record ShuttleRules(long minNumberTimeNs, AckRule ack) {

    /** Defaults of docs/model.md §6b: {@code minNumberTime} 0, {@code ack: after-round}. */
    public static final ShuttleRules DEFAULT = new ShuttleRules(0L, AckRule.AFTER_ROUND);

    public ShuttleRules {
        if (minNumberTimeNs < 0) {
            throw new IllegalArgumentException("shuttle.minNumberTime must be >= 0 ns, got " + minNumberTimeNs);
        }
        if (ack == null) {
            throw new IllegalArgumentException("shuttle.ack must be given ('after-round' or 'immediate')");
        }
    }
}
