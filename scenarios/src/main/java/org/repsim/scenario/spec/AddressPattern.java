package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Which tracks of a volume an I/O addresses (docs/model.md §2); governs write folding. */
@Discriminator("dist")
@Doc("Address pattern: uniform, zipf (hot set) or sequential runs.")
public sealed interface AddressPattern permits AddressPattern.Uniform, AddressPattern.Zipf, AddressPattern.Sequential {

    /** Every track equally likely. */
    @Variant("uniform")
    record Uniform() implements AddressPattern {
    }

    /** Track rank r drawn with probability ∝ 1 / r^exponent. */
    @Variant("zipf")
    record Zipf(@Positive @Default("0.9") @Doc("Zipf exponent.") double exponent) implements AddressPattern {
    }

    /** Runs of consecutive addresses starting at uniformly drawn positions. */
    @Variant("sequential")
    record Sequential(@Positive @Default("64") @Doc("I/Os per sequential run.") int runLength) implements AddressPattern {
    }
}
