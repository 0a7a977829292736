package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Background copy passes of the ordered mode (DOMAIN §4). */
public record CopyPass(
        @Default("true") @Doc("Run copy passes over the relationship's out-of-sync tracks.") boolean enabled,
        @Quantity(TIME) @Default("\"100 ms\"") @Doc("Wait after a fully acknowledged pass before looking for out-of-sync tracks again.") long intervalNs,
        @Default("0") @Doc("Most tracks taken into one pass; 0: all out-of-sync tracks.") int maxTracks) {
}
