package org.repsim.model.algo.consistency;

/**
 * Settings of a {@link Shuttle} (DOMAIN §6b).
 *
 * @param entityCount     number of primary entities in the ring (≥ 1), indexed 0..n-1 in ring order
 * @param minNumberTimeNs an advance also waits until this long has passed since the previous
 *                        advance (ns, ≥ 0; 0 = no wait) [design]
 * @param ackRule         when host writes are acknowledged
 * @param firstSeq        the number every entity tags with before the shuttle's first visit (≥ 0)
 */
public record ShuttleConfig(int entityCount, long minNumberTimeNs, AckRule ackRule, long firstSeq) {
    public ShuttleConfig {
        if (entityCount < 1) {
            throw new IllegalArgumentException("shuttle ring needs at least 1 entity, got " + entityCount);
        }
        if (minNumberTimeNs < 0) {
            throw new IllegalArgumentException("shuttle minNumberTime must be >= 0 ns, got " + minNumberTimeNs);
        }
        if (ackRule == null) {
            throw new IllegalArgumentException("shuttle ack rule must be given");
        }
        if (firstSeq < 0) {
            throw new IllegalArgumentException("shuttle first sequence number must be >= 0, got " + firstSeq);
        }
    }

    /** Defaults of DOMAIN §6b: {@code minNumberTime} 0, {@code ack: after-round}, first number 0. */
    public static ShuttleConfig of(int entityCount) {
        return new ShuttleConfig(entityCount, 0L, AckRule.AFTER_ROUND, 0L);
    }
}
