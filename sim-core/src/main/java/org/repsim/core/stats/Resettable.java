package org.repsim.core.stats;

/** A statistic that forgets what it saw, at the end of the warm-up period. */
public interface Resettable {
    /** Forgets every observation; a time-weighted level restarts its clock at {@code nowNs}. */
    void reset(long nowNs);
}
