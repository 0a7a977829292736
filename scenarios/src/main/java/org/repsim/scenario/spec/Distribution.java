package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/**
 * A distribution of times or sizes, or a plain quantity (deterministic). Parameters that are
 * quantities are stored in the base unit of the key holding the distribution (ns or bytes).
 */
@Discriminator("dist")
@Doc("A quantity (deterministic) or {\"dist\": exponential|deterministic|uniform|normal|lognormal|erlang|choice, ...}.")
public sealed interface Distribution permits Distribution.Deterministic, Distribution.Exponential,
        Distribution.Uniform, Distribution.Normal, Distribution.Lognormal, Distribution.Erlang, Distribution.Choice {

    /** Mean in base units. */
    double mean();

    @Variant("deterministic") @Shorthand
    record Deterministic(@ContextUnit @Doc("The constant value.") double value) implements Distribution {
        public double mean() {
            return value;
        }
    }

    @Variant("exponential")
    record Exponential(@Positive @ContextUnit @Doc("Mean.") double mean) implements Distribution {
    }

    @Variant("uniform")
    record Uniform(@ContextUnit @Doc("Lower bound.") double min, @ContextUnit @Doc("Upper bound (>= min).") double max) implements Distribution {
        public double mean() {
            return (min + max) / 2;
        }
    }

    /** Normal, truncated at zero when sampled. */
    @Variant("normal")
    record Normal(@ContextUnit @Doc("Mean.") double mean, @ContextUnit @Doc("Standard deviation.") double stddev) implements Distribution {
    }

    @Variant("lognormal")
    record Lognormal(@Positive @ContextUnit @Doc("Mean.") double mean, @Positive @Doc("Coefficient of variation (stddev / mean).") double cv) implements Distribution {
    }

    @Variant("erlang")
    record Erlang(@Positive @Doc("Number of phases.") int k, @Positive @ContextUnit @Doc("Mean of the sum.") double mean) implements Distribution {
    }

    @Variant("choice")
    record Choice(@NonEmpty @ContextUnit @Doc("Values.") List<Double> values,
                  @NonEmpty @Min(0) @Doc("Relative weights, one per value.") List<Double> weights) implements Distribution {
        public Choice {
            values = List.copyOf(values);
            weights = List.copyOf(weights);
        }

        public double mean() {
            double sum = 0;
            double weighted = 0;
            for (int i = 0; i < values.size(); i++) {
                sum += weights.get(i);
                weighted += weights.get(i) * values.get(i);
            }
            return weighted / sum;
        }
    }
}
