package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** From {@code atNs} on, the open-loop rate is multiplied by {@code factor}. Written ["4 min", 2.5]. */
@Tuple
public record ProfileStep(
        @Quantity(TIME) @Doc("Start of the step.") long atNs,
        @Min(0) @Doc("Rate multiplier.") double factor) {
}
