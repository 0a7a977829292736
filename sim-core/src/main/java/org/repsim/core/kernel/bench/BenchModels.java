package org.repsim.core.kernel.bench;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;

/**
 * The two benchmark workloads, written once against {@link Scheduler} so that the bare loop and
 * the repsim kernel run the very same model code (the stock DSOL variant mirrors them in
 * {@code org.repsim.core.kernel.dsol.StockDsolBenchmark}).
 */
final class BenchModels {
    private BenchModels() {
    }

    /** M/M/1 with λ = 0.9 and μ = 1 per microsecond; stops after {@code maxEvents}. */
    static final class MM1 {
        private final Scheduler s;
        private final Runnable stop;
        private final long maxEvents;
        private final ExponentialDistribution interarrival;
        private final ExponentialDistribution service;
        private final Runnable onArrival = this::onArrival;
        private final Runnable onDeparture = this::onDeparture;
        private long events;
        private int queue;
        private boolean busy;

        MM1(Scheduler s, Runnable stop, long maxEvents, long seed) {
            this.s = s;
            this.stop = stop;
            this.maxEvents = maxEvents;
            MersenneTwister rng = new MersenneTwister(seed);
            this.interarrival = new ExponentialDistribution(rng, 1000.0 / 0.9);
            this.service = new ExponentialDistribution(rng, 1000.0);
            s.after((long) interarrival.sample(), Tie.ARRIVAL, onArrival);
        }

        private void count() {
            if (++events >= maxEvents) {
                stop.run();
            }
        }

        private void onArrival() {
            count();
            s.after((long) interarrival.sample(), Tie.ARRIVAL, onArrival);
            if (busy) {
                queue++;
            } else {
                busy = true;
                s.after((long) service.sample(), Tie.DEPARTURE, onDeparture);
            }
        }

        private void onDeparture() {
            count();
            if (queue > 0) {
                queue--;
                s.after((long) service.sample(), Tie.DEPARTURE, onDeparture);
            } else {
                busy = false;
            }
        }
    }

    /** The classic hold model: {@code pending} events, each firing reschedules itself. */
    static final class Hold {
        private final Scheduler s;
        private final Runnable stop;
        private final long maxEvents;
        private final ExponentialDistribution hold;
        private final Runnable onHold = this::onHold;
        private long events;

        Hold(Scheduler s, Runnable stop, long maxEvents, int pending, long seed) {
            this.s = s;
            this.stop = stop;
            this.maxEvents = maxEvents;
            this.hold = new ExponentialDistribution(new MersenneTwister(seed), 1_000_000.0);
            for (int i = 0; i < pending; i++) {
                s.after((long) hold.sample(), onHold);
            }
        }

        private void onHold() {
            if (++events >= maxEvents) {
                stop.run();
            }
            s.after((long) hold.sample(), onHold);
        }
    }
}
