package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** How long and how often to simulate. */
public record Run(
        @Positive @Quantity(TIME) @Doc("Simulated time of one replication, including warm-up.") long durationNs,
        @Quantity(TIME) @Default("\"0 s\"") @Doc("Statistics are reset at the end of the warm-up; must be shorter than duration.") long warmupNs,
        @Positive @Default("1") @Doc("Independent replications per sweep point.") int replications,
        @Default("1") @Doc("Master seed; each replication and component draws from its own named stream.") long seed) {
}
