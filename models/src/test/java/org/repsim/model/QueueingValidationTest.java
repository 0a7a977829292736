package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.ConfidenceInterval;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;

/**
 * docs/model.md §9: a processor or disk fed by Poisson arrivals matches the M/M/1, M/M/c (Erlang C),
 * M/D/1 and M/G/1 (Pollaczek–Khinchine) mean waiting time and mean queue length: the formula
 * lies inside the 95 % confidence interval of the mean over 20 independent replications
 * (fixed master seed; the warm-up is discarded).
 */
class QueueingValidationTest {
    private static final int REPLICATIONS = 20;
    private static final double MEAN_SERVICE_NS = 1_000_000; // 1 ms

    /** A station under test: built on the kernel; the returned action submits one job. */
    private record Station(String waitSignal, String queueSignal, Runnable submitJob) {
    }

    /** Mean wait (ns) and time-average queue length per replication. */
    private record Estimates(ConfidenceInterval waitNs, ConfidenceInterval queueLength) {
    }

    private static Estimates simulate(double lambdaPerNs, long warmupNs, long runNs,
                                      Function<Context, Station> build) {
        double[] waits = new double[REPLICATIONS];
        double[] queues = new double[REPLICATIONS];
        for (int rep = 0; rep < REPLICATIONS; rep++) {
            SimulationKernel kernel = DsolKernel.create();
            Signals signals = new Signals();
            RandomStreams streams = new RandomStreams(20_261_123L, rep);
            Station station = build.apply(new Context(kernel, signals, streams));
            Tally wait = new Tally();
            TimeWeighted queue = new TimeWeighted(0, 0);
            signals.find(station.waitSignal).subscribe((t, v) -> wait.add(v));
            signals.find(station.queueSignal).subscribe(queue::update);
            Sampler gap = Distributions.exponential(streams.stream("arrivals"), 1 / lambdaPerNs);
            Runnable[] arrive = new Runnable[1];
            arrive[0] = () -> {
                station.submitJob.run();
                kernel.after(gap.sampleLong(), Tie.ARRIVAL, arrive[0]);
            };
            kernel.at(gap.sampleLong(), Tie.ARRIVAL, arrive[0]);
            kernel.at(warmupNs, Tie.CONTROL, () -> {
                wait.reset(warmupNs);
                queue.reset(warmupNs);
            });
            kernel.runUntil(warmupNs + runNs);
            waits[rep] = wait.mean();
            queues[rep] = queue.average(warmupNs + runNs);
        }
        return new Estimates(ConfidenceInterval.of95(waits), ConfidenceInterval.of95(queues));
    }

    private record Context(SimulationKernel kernel, Signals signals, RandomStreams streams) {
    }

    private static void assertMatches(Estimates e, double expectedWaitNs, double lambdaPerNs) {
        assertThat(e.waitNs().contains(expectedWaitNs))
                .as("mean wait %.0f ns in %s", expectedWaitNs, e.waitNs()).isTrue();
        double expectedQueue = lambdaPerNs * expectedWaitNs; // Lq = λ Wq
        assertThat(e.queueLength().contains(expectedQueue))
                .as("mean queue %.4f in %s", expectedQueue, e.queueLength()).isTrue();
        // the interval must be narrow enough to mean something: within 10 % of the value
        assertThat(e.waitNs().halfWidth()).isLessThan(0.1 * expectedWaitNs);
    }

    /** Run length: ~60 000 arrivals after a warm-up of ~6 000 at ρ = 0.5; 4× longer at ρ = 0.9. */
    private static long runNs(double rho, double lambdaPerNs) {
        return (long) ((rho > 0.7 ? 240_000 : 60_000) / lambdaPerNs);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void mm1OnAProcessor(double rho) {
        double lambda = rho / MEAN_SERVICE_NS;
        Estimates e = simulate(lambda, runNs(rho, lambda) / 10, runNs(rho, lambda), c -> {
            Processor p = new Processor(c.kernel(), c.signals(), "p", 1,
                    Distributions.exponential(c.streams().stream("service"), MEAN_SERVICE_NS));
            return new Station("p.wait", "p.queue", () -> p.submit(() -> { }));
        });
        // Wq = ρ / (μ − λ)
        assertMatches(e, rho * MEAN_SERVICE_NS / (1 - rho), lambda);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void mmcOnAProcessorMatchesErlangC(double rho) {
        int c = 3;
        double lambda = rho * c / MEAN_SERVICE_NS;
        Estimates e = simulate(lambda, runNs(rho, lambda) / 10, runNs(rho, lambda), ctx -> {
            Processor p = new Processor(ctx.kernel(), ctx.signals(), "p", c,
                    Distributions.exponential(ctx.streams().stream("service"), MEAN_SERVICE_NS));
            return new Station("p.wait", "p.queue", () -> p.submit(() -> { }));
        });
        // Wq = C(c, a) / (c μ − λ) with a = λ / μ
        double a = lambda * MEAN_SERVICE_NS;
        assertMatches(e, erlangC(c, a) / (c / MEAN_SERVICE_NS - lambda), lambda);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void md1OnAProcessorMatchesPollaczekKhinchine(double rho) {
        double lambda = rho / MEAN_SERVICE_NS;
        Estimates e = simulate(lambda, runNs(rho, lambda) / 10, runNs(rho, lambda), c -> {
            Processor p = new Processor(c.kernel(), c.signals(), "p", 1, Distributions.deterministic(MEAN_SERVICE_NS));
            return new Station("p.wait", "p.queue", () -> p.submit(() -> { }));
        });
        // Wq = ρ S / (2 (1 − ρ))
        assertMatches(e, rho * MEAN_SERVICE_NS / (2 * (1 - rho)), lambda);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void ssdDeviceIsAnMd1Queue(double rho) {
        // 900 µs latency + 100 000 B at 1e9 B/s (100 µs) = 1 ms per read, on the one device of track 0
        double lambda = rho / MEAN_SERVICE_NS;
        Estimates e = simulate(lambda, runNs(rho, lambda) / 10, runNs(rho, lambda), c -> {
            DiskGroup g = new DiskGroup(c.kernel(), c.signals(), "dg", 4, DiskModel.ssd(900_000, 1e9), 1);
            return new Station("dg.response", "dg.queue", () -> g.read(8, 100_000, () -> { }));
        });
        // response = wait + service
        double waitNs = rho * MEAN_SERVICE_NS / (2 * (1 - rho));
        assertThat(e.waitNs().contains(waitNs + MEAN_SERVICE_NS)).as("%s", e.waitNs()).isTrue();
        assertThat(e.queueLength().contains(lambda * waitNs)).as("%s", e.queueLength()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void deviceWithExponentialServiceIsAnMm1Queue(double rho) {
        // a device's service model is any DiskModel: here exponential with mean 1 ms
        double lambda = rho / MEAN_SERVICE_NS;
        Estimates e = simulate(lambda, runNs(rho, lambda) / 10, runNs(rho, lambda), c -> {
            Sampler service = Distributions.exponential(c.streams().stream("service"), MEAN_SERVICE_NS);
            DiskGroup g = new DiskGroup(c.kernel(), c.signals(), "dg", 2, bytes -> service.sampleLong(), 1);
            return new Station("dg.response", "dg.queue", () -> g.read(1, 4_096, () -> { }));
        });
        double waitNs = rho * MEAN_SERVICE_NS / (1 - rho);
        assertThat(e.waitNs().contains(waitNs + MEAN_SERVICE_NS)).as("%s vs %.0f", e.waitNs(), waitNs + MEAN_SERVICE_NS).isTrue();
        assertThat(e.queueLength().contains(lambda * waitNs)).as("%s vs %.4f", e.queueLength(), lambda * waitNs).isTrue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void hddDeviceIsAnMg1Queue(double rho) {
        // exponential seek (mean 500 µs) + half a rotation at 60 000 rpm (500 µs) + 0 bytes: E[S] = 1 ms,
        // E[S²] = Var + E[S]² = 0.5² + 1² ms²
        double lambda = rho / MEAN_SERVICE_NS;
        Estimates e = simulate(lambda, runNs(rho, lambda) / 10, runNs(rho, lambda), c -> {
            DiskGroup g = new DiskGroup(c.kernel(), c.signals(), "dg", 1,
                    DiskModel.hdd(Distributions.exponential(c.streams().stream("seek"), 500_000), 60_000, 1e9), 1);
            return new Station("dg.response", "dg.queue", () -> g.read(3, 0, () -> { }));
        });
        double es2 = 0.25e12 + 1e12;
        double waitNs = lambda * es2 / (2 * (1 - rho));
        assertThat(e.waitNs().contains(waitNs + MEAN_SERVICE_NS)).as("%s vs %.0f", e.waitNs(), waitNs + MEAN_SERVICE_NS).isTrue();
        assertThat(e.queueLength().contains(lambda * waitNs)).as("%s vs %.4f", e.queueLength(), lambda * waitNs).isTrue();
    }

    /** Erlang C: probability that an arrival waits in M/M/c with offered load a (< c). */
    static double erlangC(int c, double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < c; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / c * c / (c - a);
        return last / (sum + last);
    }
}
