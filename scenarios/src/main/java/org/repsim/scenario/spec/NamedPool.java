package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A named processor pool of a box (docs/model.md §1 "processors"). */
public record NamedPool(
        @Doc("Pool id, unique within the box.") String id,
        @Positive @Default("1") @Doc("Number of processors (at most 100000).") int count,
        @Quantity(TIME) @Default("\"10 us\"") @Doc("Service time per operation.") Distribution serviceTime) {
}
