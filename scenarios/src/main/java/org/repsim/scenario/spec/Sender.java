package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** The second processor of the ordered mode (docs/model.md §4). */
public record Sender(
        @Quantity(TIME) @Default("\"20 us\"") @Doc("Service time per write command.") Distribution serviceTime,
        @Positive @Default("32") @Doc("Maximum unacknowledged commands per port.") int maxInFlight) {
}
