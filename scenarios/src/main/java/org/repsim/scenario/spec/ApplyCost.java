package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Secondary-side cost of applying a cycle (DOMAIN §5). */
public record ApplyCost(
        @Quantity(TIME) @Default("\"2 us\"") @Doc("Processor time per slot applied.") long perSlotNs,
        @Quantity(TIME) @Default("\"1 ms\"") @Doc("Fixed processor time per cycle applied.") long perCycleNs) {
}
