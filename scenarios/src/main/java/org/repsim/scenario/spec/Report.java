package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Reporting settings. */
public record Report(
        @Positive @Quantity(TIME) @Default("\"60 s\"") @Doc("Recovery-point objective: rpo.aboveTarget.fraction counts time above it.") long rpoTargetNs,
        @Positive @Quantity(TIME) @Default("\"1 s\"") @Doc("Sampling interval of time series; at most 100000 samples per replication (run.duration / sampleEvery).") long sampleEveryNs,
        @OneOf({"per-box", "per-cycle", "none"}) @Default("\"per-box\"") @Doc("Rows of cycles.csv (cycle mode): per-box, one per closed cycle per box; per-cycle, one per cycle number, the boxes' rows of a group-wide number summed (consistency host or shuttle, or a single pair); none, no cycles.csv. Metrics and time series are the same for each.") String cycles,
        @OptionalKey @Doc("Sweep point the report's paired differences are taken from: a point id (p000, p001, ... in run order) or PATH=VALUE pairs joined by ';' naming one point's swept values, e.g. \"links[wan].bandwidth=1 Gbit/s\"; absent: the first point.") String baseline) {
}
