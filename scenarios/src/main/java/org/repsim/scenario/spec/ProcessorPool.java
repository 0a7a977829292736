package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A pool of identical processors with one FIFO queue. */
public record ProcessorPool(
        @Positive @Default("1") @Doc("Number of processors (at most 100000).") int count,
        @Quantity(TIME) @Default("\"10 us\"") @Doc("Service time per operation (a time or a distribution).") Distribution serviceTime) {
}
