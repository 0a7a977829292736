package org.repsim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Tally;

/** Same seed, same event log; the warm-up reset forgets exactly what came before it. */
class DeterminismTest {

    /** A small M/M/1 queue logging every event as "time:kind". */
    private static List<String> runQueue(long seed, int replication, long untilNs) {
        SimulationKernel k = DsolKernel.create();
        RandomStreams streams = new RandomStreams(seed, replication);
        Sampler arrivals = Distributions.exponential(streams.stream("arrivals"), 1000);
        Sampler service = Distributions.exponential(streams.stream("service"), 800);
        List<String> log = new ArrayList<>();
        int[] queue = {0};
        Runnable[] depart = new Runnable[1];
        depart[0] = () -> {
            log.add(k.now() + ":dep");
            if (--queue[0] > 0) {
                k.after(service.sampleLong(), Tie.DEPARTURE, depart[0]);
            }
        };
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            log.add(k.now() + ":arr");
            if (queue[0]++ == 0) {
                k.after(service.sampleLong(), Tie.DEPARTURE, depart[0]);
            }
            k.after(arrivals.sampleLong(), Tie.ARRIVAL, arrive[0]);
        };
        k.after(arrivals.sampleLong(), Tie.ARRIVAL, arrive[0]);
        k.runUntil(untilNs);
        return log;
    }

    @Test
    void sameSeedGivesAnIdenticalEventLog() {
        List<String> a = runQueue(42, 0, 5_000_000);
        List<String> b = runQueue(42, 0, 5_000_000);
        assertThat(a).hasSizeGreaterThan(5000).isEqualTo(b);
    }

    @Test
    void otherSeedOrReplicationGivesAnotherLog() {
        List<String> a = runQueue(42, 0, 1_000_000);
        assertThat(runQueue(43, 0, 1_000_000)).isNotEqualTo(a);
        assertThat(runQueue(42, 1, 1_000_000)).isNotEqualTo(a);
    }

    @Test
    void warmupResetForgetsObservationsBeforeIt() {
        SimulationKernel k = DsolKernel.create();
        Signals signals = new Signals();
        Signal latency = signals.observation("x.latency", "ns");
        Recording recording = new Recording();
        Tally tally = recording.tally(latency, "x.latency", true);
        for (int i = 1; i <= 10; i++) {
            long t = i * 100L;
            k.at(t, () -> latency.emit(k.now(), k.now()));
        }
        // reset at 500 runs before the observation made at the same instant (CONTROL tie class)
        k.at(500, Tie.CONTROL, () -> recording.reset(k.now()));
        k.runUntil(1000);
        assertThat(tally.count()).isEqualTo(6);
        assertThat(tally.mean()).isEqualTo((500 + 600 + 700 + 800 + 900 + 1000) / 6.0);
        assertThat(tally.min()).isEqualTo(500);
    }
}
