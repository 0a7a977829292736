package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** One state of a Markov-modulated Poisson process. */
public record MmppState(
        @Min(0) @Doc("Rate multiplier in this state.") double factor,
        @Positive @Quantity(TIME) @Doc("Mean (exponential) holding time in this state.") long holdNs) {
}
