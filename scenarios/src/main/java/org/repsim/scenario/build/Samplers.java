package org.repsim.scenario.build;

import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStream;
import org.repsim.core.random.Sampler;
import org.repsim.scenario.spec.Distribution;

/** A scenario distribution (values already in base units: ns or bytes) as a sampler on a named stream. */
final class Samplers {
    private Samplers() {
    }

    static Sampler of(Distribution d, RandomStream stream) {
        if (d instanceof Distribution.Deterministic x) {
            return Distributions.deterministic(x.value());
        }
        if (d instanceof Distribution.Exponential x) {
            return Distributions.exponential(stream, x.mean());
        }
        if (d instanceof Distribution.Uniform x) {
            return x.max() > x.min() ? Distributions.uniform(stream, x.min(), x.max()) : Distributions.deterministic(x.min());
        }
        if (d instanceof Distribution.Normal x) {
            return x.stddev() > 0 ? Distributions.normal(stream, x.mean(), x.stddev()) : Distributions.deterministic(x.mean());
        }
        if (d instanceof Distribution.Lognormal x) {
            // a spread too small for a double (shape ln(1 + cv²) rounds to 0) is a constant
            return Math.log(1 + x.cv() * x.cv()) > 0 ? Distributions.lognormal(stream, x.mean(), x.cv())
                    : Distributions.deterministic(x.mean());
        }
        if (d instanceof Distribution.Erlang x) {
            return Distributions.erlang(stream, x.k(), x.mean());
        }
        if (d instanceof Distribution.Choice x) {
            double[] values = x.values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] weights = x.weights().stream().mapToDouble(Double::doubleValue).toArray();
            return Distributions.choice(stream, values, weights);
        }
        throw new IllegalArgumentException("unknown distribution " + d);
    }
}
