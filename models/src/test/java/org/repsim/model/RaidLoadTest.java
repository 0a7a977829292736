package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStream;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.ConfidenceInterval;
import org.repsim.core.stats.TimeWeighted;

/**
 * docs/model.md §1 back end under load: Poisson writes to uniformly chosen tracks of a RAID group
 * keep its devices busy {@code λ × operationsPerWrite × S ÷ devices} of the time (the formula lies
 * in the 95 % confidence interval over replications), and once drained the devices were busy
 * exactly {@code writes × operationsPerWrite × S} (a count, no statistics).
 */
class RaidLoadTest {
    private static final int REPLICATIONS = 12;
    private static final int DEVICES = 6;
    /** 900 µs + 100 000 B at 1e9 B/s = 1 ms per device operation. */
    private static final long SERVICE_NS = 1_000_000;
    private static final double RHO = 0.6;

    private record Outcome(double utilisation, double busyDeviceNs, long writes) {
    }

    private static Outcome run(RaidLevel raid, int rep, double lambdaPerNs, long warmupNs, long arrivalsEndNs) {
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        RandomStreams streams = new RandomStreams(20_261_206L, rep);
        DiskGroup g = new DiskGroup(kernel, signals, "dg", DEVICES, DiskModel.ssd(900_000, 1e9), raid);
        TimeWeighted busy = new TimeWeighted(0, 0);
        signals.find("dg.busy").subscribe(busy::update);
        Sampler gap = Distributions.exponential(streams.stream("arrivals"), 1 / lambdaPerNs);
        RandomStream tracks = streams.stream("tracks");
        long[] writes = new long[1];
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            g.write(tracks.nextLong(1_000_000), 100_000, () -> writes[0]++);
            long next = kernel.now() + gap.sampleLong();
            if (next < arrivalsEndNs) {
                kernel.at(next, Tie.ARRIVAL, arrive[0]);
            }
        };
        kernel.at(gap.sampleLong(), Tie.ARRIVAL, arrive[0]);
        double[] atWarmup = new double[1];
        double[] utilisation = new double[1];
        kernel.at(warmupNs, Tie.CONTROL, () -> atWarmup[0] = busy.lifetimeIntegral(warmupNs));
        kernel.at(arrivalsEndNs, Tie.CONTROL, () -> utilisation[0] =
                (busy.lifetimeIntegral(arrivalsEndNs) - atWarmup[0]) / (arrivalsEndNs - warmupNs) / DEVICES);
        long drainedNs = 2 * arrivalsEndNs;
        kernel.runUntil(drainedNs);
        assertThat(g.busy() + g.waiting()).as("drained").isZero();
        return new Outcome(utilisation[0], busy.lifetimeIntegral(drainedNs), writes[0]);
    }

    @ParameterizedTest
    @EnumSource(RaidLevel.class)
    void deviceUtilisationIsArrivalsTimesOperationsTimesServiceOverDevices(RaidLevel raid) {
        int ops = raid.operationsPerWrite();
        double lambda = RHO * DEVICES / (ops * (double) SERVICE_NS);
        long warmup = (long) (2_000 / lambda);
        long end = warmup + (long) (20_000 / lambda);
        double[] u = new double[REPLICATIONS];
        for (int rep = 0; rep < REPLICATIONS; rep++) {
            Outcome o = run(raid, rep, lambda, warmup, end);
            u[rep] = o.utilisation();
            // every write kept ops devices busy S each: exact device time once drained
            assertThat(o.busyDeviceNs()).isEqualTo((double) o.writes() * ops * SERVICE_NS);
        }
        ConfidenceInterval ci = ConfidenceInterval.of95(u);
        double expected = lambda * ops * SERVICE_NS / DEVICES;
        assertThat(ci.contains(expected)).as("utilisation %.4f in %s", expected, ci).isTrue();
        assertThat(ci.halfWidth()).isLessThan(0.02);
    }
}
