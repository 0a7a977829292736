package org.repsim.model.consistency;

import org.repsim.core.random.Sampler;

/**
 * Settings of the host-coordinated switch (docs/model.md §6a).
 *
 * @param pollIntervalNs   the coordinator polls every box this often (ns, &gt; 0); a tick that finds a poll
 *                         or switch still in progress is skipped
 * @param minCycleTimeNs   minimum time between two switch decisions (ns, ≥ 0)
 * @param messageLatencyNs one-way latency of every coordinator ↔ box message (poll, reply, phase
 *                         command, confirmation), drawn per message (ns)
 */
public record HostCoordination(long pollIntervalNs, long minCycleTimeNs, Sampler messageLatencyNs) {
    public HostCoordination {
        if (pollIntervalNs <= 0) {
            throw new IllegalArgumentException("consistency.pollInterval must be > 0 ns, got " + pollIntervalNs);
        }
        if (minCycleTimeNs < 0) {
            throw new IllegalArgumentException("consistency.minCycleTime must be >= 0 ns, got " + minCycleTimeNs);
        }
        if (messageLatencyNs == null) {
            throw new IllegalArgumentException("consistency.messageLatency must be given for mode host");
        }
    }
}
