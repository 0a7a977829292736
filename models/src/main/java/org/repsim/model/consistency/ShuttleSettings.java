package org.repsim.model.consistency;

import org.repsim.core.random.Sampler;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.ShuttleRules;

/**
 * Settings of the shuttle engine (docs/model.md §6b): the pure {@link ShuttleRules} and the
 * latencies of the timed ring.
 *
 * @param rules               minimum number time and acknowledgement rule (checked there)
 * @param hopLatencyNs        time for the shuttle to travel from one entity to the next in the ring, per hop (ns)
 * @param visitProcessingNs   processing of one visit at an entity, per visit (ns); the visit's decisions take
 *                            effect at its end [design]
 * @param messageLatencyNs    one-way latency of the secondary side's gathering messages: a final total
 *                            reaching the gatherer, a secondary's received count reaching it, per message (ns)
 */
public record ShuttleSettings(ShuttleRules rules, Sampler hopLatencyNs, Sampler visitProcessingNs,
                              Sampler messageLatencyNs) {
    public ShuttleSettings {
        if (rules == null) {
            throw new IllegalArgumentException("shuttle rules (minNumberTime, ack) must be given");
        }
        if (hopLatencyNs == null || visitProcessingNs == null || messageLatencyNs == null) {
            throw new IllegalArgumentException("shuttle hop latency, visit processing and message latency must be given");
        }
    }

    public long minNumberTimeNs() {
        return rules.minNumberTimeNs();
    }

    public AckRule ack() {
        return rules.ack();
    }
}
