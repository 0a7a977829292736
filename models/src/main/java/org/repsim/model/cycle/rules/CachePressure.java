package org.repsim.model.cycle.rules;

import java.util.List;

/**
 * A session's cache limit and what happens when a write would exceed it (docs/model.md §5).
 *
 * @param limitBytes     most bytes the session may hold in slots (capture + transmit +
 *                       duplicates), see {@link #sessionLimitBytes}
 * @param spillPoolBytes size of the spill pool (0 when there is none)
 * @param policies       tried in this order; {@link PressurePolicy#SPILL} falls through when the
 *                       pool cannot make room; the list must end with {@code PACE} or
 *                       {@code DROP}, which are terminal
 * @param transmitIdleNs how long the session stays active while all links are down [product];
 *                       0 drops at once, {@link Long#MAX_VALUE} never drops for link loss (only
 *                       the pressure policies then act as cache fills) [design]
 * @param spillFrom      which slots {@link PressurePolicy#SPILL} may move to the pool [design]
 */
public record CachePressure(long limitBytes, long spillPoolBytes, List<PressurePolicy> policies,
                            long transmitIdleNs, SpillFrom spillFrom) {

    /** Spilling from {@link SpillFrom#ANY} cycle, the default (docs/model.md §5). */
    public CachePressure(long limitBytes, long spillPoolBytes, List<PressurePolicy> policies, long transmitIdleNs) {
        this(limitBytes, spillPoolBytes, policies, transmitIdleNs, SpillFrom.ANY);
    }

    public CachePressure {
        if (spillFrom == null) {
            throw new IllegalArgumentException("spillFrom must not be null");
        }
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("session cache limit must be > 0 bytes, was " + limitBytes);
        }
        if (spillPoolBytes < 0) {
            throw new IllegalArgumentException("spillPoolBytes must be >= 0, was " + spillPoolBytes);
        }
        if (transmitIdleNs < 0) {
            throw new IllegalArgumentException("transmitIdleNs must be >= 0, was " + transmitIdleNs);
        }
        if (policies == null || policies.isEmpty()) {
            throw new IllegalArgumentException("cache pressure policies must not be empty");
        }
        policies = List.copyOf(policies);
        for (int i = 0; i < policies.size(); i++) {
            PressurePolicy p = policies.get(i);
            boolean last = i == policies.size() - 1;
            if (p != PressurePolicy.SPILL && !last) {
                throw new IllegalArgumentException("cache pressure policy " + p
                        + " is terminal and must be the last of " + policies);
            }
            if (p == PressurePolicy.SPILL && last) {
                throw new IllegalArgumentException("cache pressure policies " + policies
                        + " must end with PACE or DROP (spill falls through when the pool is full)");
            }
        }
    }

    /**
     * {@code cache × writePendingLimit × maxSessionShare}, in bytes (docs/model.md §1, §5).
     */
    public static long sessionLimitBytes(long cacheBytes, double writePendingLimit, double maxSessionShare) {
        if (cacheBytes <= 0) {
            throw new IllegalArgumentException("cache size must be > 0 bytes, was " + cacheBytes);
        }
        if (!(writePendingLimit > 0 && writePendingLimit <= 1)) {
            throw new IllegalArgumentException("writePendingLimit must be in (0, 1], was " + writePendingLimit);
        }
        if (!(maxSessionShare > 0 && maxSessionShare <= 1)) {
            throw new IllegalArgumentException("maxSessionShare must be in (0, 1], was " + maxSessionShare);
        }
        return (long) Math.floor(cacheBytes * writePendingLimit * maxSessionShare);
    }
}
