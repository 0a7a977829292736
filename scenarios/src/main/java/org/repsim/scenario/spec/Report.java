package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Reporting settings. */
public record Report(
        @Positive @Quantity(TIME) @Default("\"60 s\"") @Doc("Recovery-point objective: rpo.aboveTarget.fraction counts time above it.") long rpoTargetNs,
        @Positive @Quantity(TIME) @Default("\"1 s\"") @Doc("Sampling interval of time series; at most 100000 samples per replication (run.duration / sampleEvery).") long sampleEveryNs) {
}
