package org.repsim.core.kernel.dsol;

import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.model.AbstractDsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.DevsSimulatorInterface;
import nl.tudelft.simulation.dsol.simulators.ReplicationState;
import nl.tudelft.simulation.dsol.simulators.RunState;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Baseline (b) of the kernel benchmark: the same two workloads on DSOL's stock
 * {@link DevsSimulator} with its default event list (a red-black tree), lambda events, its
 * worker thread and its run loop — what a model written the DSOL way costs.
 */
public final class StockDsolBenchmark {
    private StockDsolBenchmark() {
    }

    /** Runs M/M/1 (λ = 0.9, μ = 1 per µs) for {@code maxEvents} events; returns wall nanoseconds. */
    public static long mm1(long maxEvents, long seed) {
        return run(sim -> new Model(sim) {
            private final MersenneTwister rng = new MersenneTwister(seed);
            private final ExponentialDistribution interarrival = new ExponentialDistribution(rng, 1000.0 / 0.9);
            private final ExponentialDistribution service = new ExponentialDistribution(rng, 1000.0);
            private long events;
            private int queue;
            private boolean busy;

            @Override
            public void constructModel() {
                sim.scheduleEventRel((long) interarrival.sample(), this::onArrival);
            }

            private void count() {
                if (++events >= maxEvents) {
                    sim.stop();
                }
            }

            private void onArrival() {
                count();
                sim.scheduleEventRel((long) interarrival.sample(), this::onArrival);
                if (busy) {
                    queue++;
                } else {
                    busy = true;
                    sim.scheduleEventRel((long) service.sample(), this::onDeparture);
                }
            }

            private void onDeparture() {
                count();
                if (queue > 0) {
                    queue--;
                    sim.scheduleEventRel((long) service.sample(), this::onDeparture);
                } else {
                    busy = false;
                }
            }
        });
    }

    /** Runs the hold model with {@code pending} events for {@code maxEvents}; returns wall nanoseconds. */
    public static long hold(long maxEvents, int pending, long seed) {
        return run(sim -> new Model(sim) {
            private final ExponentialDistribution hold = new ExponentialDistribution(new MersenneTwister(seed), 1_000_000.0);
            private long events;

            @Override
            public void constructModel() {
                for (int i = 0; i < pending; i++) {
                    sim.scheduleEventRel((long) hold.sample(), this::onHold);
                }
            }

            private void onHold() {
                if (++events >= maxEvents) {
                    sim.stop();
                }
                sim.scheduleEventRel((long) hold.sample(), this::onHold);
            }
        });
    }

    private abstract static class Model extends AbstractDsolModel<Long, DevsSimulatorInterface<Long>> {
        private static final long serialVersionUID = 1L;

        Model(DevsSimulatorInterface<Long> sim) {
            super(sim);
        }
    }

    private static long run(java.util.function.Function<DevsSimulator<Long>, Model> factory) {
        DevsSimulator<Long> sim;
        synchronized (DsolKernel.CONSTRUCTION) {
            sim = new DevsSimulator<>("stock-dsol");
        }
        try {
            Model model = factory.apply(sim);
            sim.initialize(model, new SingleReplication<>("bench", 0L, 0L, Long.MAX_VALUE / 4), false);
            long start = System.nanoTime();
            sim.start();
            // the stock loop runs on DSOL's worker thread; wait for it to stop
            while (sim.getRunState() != RunState.STOPPED && sim.getRunState() != RunState.ENDED
                    && sim.getReplicationState() != ReplicationState.ENDED) {
                Thread.onSpinWait();
            }
            return System.nanoTime() - start;
        } finally {
            sim.cleanUp();
        }
    }
}
