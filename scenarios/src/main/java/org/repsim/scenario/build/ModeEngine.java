package org.repsim.scenario.build;

import java.util.List;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.signal.Recording;

/**
 * The replication mode of a built model, as the run sees it: what it records beyond the
 * standard figures, its record tables, and what a disaster costs (docs/model.md §7).
 */
interface ModeEngine {

    /** Registers the mode's metrics, time-series columns and warm-up resets. */
    void record(Recording rec);

    /** Record tables (cycles) as of the end of the run. */
    default List<org.repsim.core.result.Table> tables() {
        return List.<Table>of();
    }

    /** Chart intervals of the mode (session drops) up to {@code endNs}. */
    default List<org.repsim.core.result.Interval> intervals(long endNs) {
        return List.of();
    }

    /**
     * Data lost if the primary site is lost at {@code nowNs}: acknowledged host writes absent from
     * the secondaries' recoverable image (docs/model.md §7), as {@code disaster.lost.writes/.bytes/.span}.
     */
    List<Metric> lossAt(long nowNs);

    /** Loss metrics of a disaster that lost nothing. */
    static List<Metric> noLoss() {
        return org.repsim.model.consistency.rules.DataLoss.none(0).metrics();
    }
}
