package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

/** Background copy passes of the ordered mode (docs/model.md §4), used when {@code ordered.source} involves them. */
public record CopyPass(
        @Quantity(TIME) @Default("\"0 s\"") @Doc("Wait after a fully acknowledged pass before the next one starts.") long intervalNs,
        @Default("0") @Doc("Most tracks taken into one pass (the lowest-numbered first); 0: all out-of-sync tracks.") int maxTracks) {
}
