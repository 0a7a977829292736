package org.repsim.model.consistency;

import org.repsim.core.random.Sampler;
import org.repsim.model.algo.consistency.AckRule;

/**
 * Settings of the shuttle engine (DOMAIN §6b).
 *
 * @param minNumberTimeNs     an advance also waits until this long has passed since the previous one (ns, ≥ 0)
 * @param ack                 when host writes are acknowledged ({@code after-round} or {@code immediate})
 * @param hopLatencyNs        time for the shuttle to travel from one entity to the next in the ring, per hop (ns)
 * @param visitProcessingNs   processing of one visit at an entity, per visit (ns); the visit's decisions take
 *                            effect at its end [design]
 * @param messageLatencyNs    one-way latency of the secondary side's gathering messages: a final total
 *                            reaching the gatherer, a secondary's received count reaching it, per message (ns)
 */
public record ShuttleSettings(long minNumberTimeNs, AckRule ack, Sampler hopLatencyNs, Sampler visitProcessingNs,
                              Sampler messageLatencyNs) {
    public ShuttleSettings {
        if (minNumberTimeNs < 0) {
            throw new IllegalArgumentException("shuttle.minNumberTime must be >= 0 ns, got " + minNumberTimeNs);
        }
        if (ack == null) {
            throw new IllegalArgumentException("shuttle.ack must be given ('after-round' or 'immediate')");
        }
        if (hopLatencyNs == null || visitProcessingNs == null || messageLatencyNs == null) {
            throw new IllegalArgumentException("shuttle hop latency, visit processing and message latency must be given");
        }
    }
}
