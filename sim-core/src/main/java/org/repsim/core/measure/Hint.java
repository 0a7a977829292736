package org.repsim.core.measure;

/** How a report should present a metric or a time-series column. */
public enum Hint {
    /**
     * Zero is the only good value (violations, data loss, drops): a report marks a non-zero value
     * bad and zero good.
     */
    ZERO_IS_GOOD,
    /**
     * A sawtooth: the value climbs and drops at instants that differ from replication to
     * replication (cycle switches), so a mean with a confidence band across replications draws
     * spindles; a report shows the replications' range (min–max envelope) instead.
     */
    SAWTOOTH
}
