package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.measure.SignalKeys;

/**
 * A direction that plans backlogged transfers in runs (one event per run) against one that ends
 * every serialisation in an event (docs/model.md §1): on seeded random transfer streams — bursts
 * and lone sends, windows that bind or not, zero delay, outages and bandwidth changes that fall
 * inside runs — every arrival (time and order), every recorded level and observation and every
 * accessor read agree, and the runs never cost more events. A direction of a sealed registry
 * (its busy and inSystem levels updated directly, its transfer time through the signal) shows
 * the same lines again.
 */
class WanLinkRunsTest {
    private static final Site A = new Site("a");
    private static final Site B = new Site("b");

    /** Everything a run of one case shows: one line per arrival and per sample, and the event count. */
    private record Trace(List<String> lines, long events, boolean faults) {
    }

    @Test
    void runsGiveTheSameArrivalsLevelsAndReadingsAsOneEventPerSerialisation() {
        long[] events = new long[2];
        SeededCases.forSeeds(400, seed -> {
            Trace perSerialisation = run(seed, false, false);
            Trace runs = run(seed, true, false);
            assertThat(runs.lines()).containsExactlyElementsOf(perSerialisation.lines());
            Trace sealedRuns = run(seed, true, true);
            assertThat(sealedRuns.lines()).containsExactlyElementsOf(perSerialisation.lines());
            assertThat(sealedRuns.events()).isEqualTo(runs.events());
            if (!runs.faults()) {
                // a fault leaves the posted events of the serialisations it took back (they do nothing)
                assertThat(runs.events()).isLessThanOrEqualTo(perSerialisation.events());
            }
            events[0] += perSerialisation.events();
            events[1] += runs.events();
        });
        // the streams are backlogged often enough that runs save events overall
        assertThat(events[1]).isLessThan(events[0] * 9 / 10);
    }

    @Test
    void aBackloggedDirectionEndsARunInOneEvent() {
        SimulationKernel kernel = DsolKernel.create();
        WanLink l = new WanLink(kernel, new Signals(), "wan", A, B, LinkConfig.of(100e6, 1_000_000));
        List<Long> arrivals = new ArrayList<>();
        kernel.at(0, () -> {
            for (int i = 0; i < 10; i++) {
                l.forward().send(1_000_000, () -> arrivals.add(kernel.now()));
            }
        });
        kernel.at(5_000_000, Tie.OBSERVE, () -> {
            // 10 ms per transfer: the first is serialising, nine wait behind it
            assertThat(l.forward().queuedTransfers()).isEqualTo(9);
            assertThat(l.forward().inFlightTransfers()).isEqualTo(1);
        });
        kernel.at(35_000_000, Tie.OBSERVE, () -> {
            // the nine were planned in one run at 10 ms: the fourth is serialising, six have not
            // started; the third left the window at 30 + 1 + 1 ms
            assertThat(l.forward().queuedTransfers()).isEqualTo(6);
            assertThat(l.forward().queuedBytes()).isEqualTo(6_000_000);
            assertThat(l.forward().inFlightTransfers()).isEqualTo(1);
            assertThat(l.forward().inFlightBytes()).isEqualTo(1_000_000);
        });
        kernel.runUntil(1_000_000_000);
        assertThat(arrivals).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(arrivals.get(i)).isEqualTo(10_000_000L * (i + 1) + 1_000_000);
        }
        // the sends, the two observers, ten arrivals; the first transfer was sent alone and ends
        // in an event of its own, the nine queued behind it end in one run: two ends, not ten
        assertThat(kernel.eventsFired()).isEqualTo(1 + 2 + 10 + 2);
    }

    private static Trace run(int seed, boolean runs, boolean sealed) {
        SplittableRandom r = new SplittableRandom(seed);
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        double bandwidth = 1e6 * SeededCases.intIn(r, 1, 1000);
        long delay = r.nextInt(4) == 0 ? 0 : SeededCases.intIn(r, 1, 2_000_000);
        long maxBytes = r.nextBoolean() ? 0 : SeededCases.intIn(r, 1, 400_000);
        int maxCommands = r.nextBoolean() ? 0 : SeededCases.intIn(r, 1, 8);
        double compression = r.nextInt(3) == 0 ? 1.0 + r.nextInt(30) / 10.0 : 1.0;
        WanLink link = new WanLink(kernel, signals, "wan", A, B,
                new LinkConfig(bandwidth, delay, maxBytes, maxCommands, compression));
        WanLink.Direction d = link.forward();
        d.planRuns(runs);
        link.backward().planRuns(runs);
        TimeWeighted busy = new TimeWeighted();
        signals.get(d.name(), SignalKeys.Link.BUSY).subscribe(busy);
        TimeWeighted inSystem = new TimeWeighted();
        signals.get(d.name(), SignalKeys.Link.IN_SYSTEM).subscribe(inSystem);
        List<String> lines = new ArrayList<>();
        signals.get(d.name(), SignalKeys.Link.TRANSFER_TIME).subscribe((t, v) -> lines.add(t + " took " + (long) v));
        if (sealed) {
            signals.seal();
        }

        long horizon = 200_000_000;
        int sends = SeededCases.sizeIn(r, 1, 300);
        for (int i = 0; i < sends; i++) {
            // bursts at one instant and lone sends
            long at = r.nextInt(3) == 0 && i > 0 ? -1 : r.nextLong(horizon);
            int burst = r.nextInt(4) == 0 ? 1 + r.nextInt(20) : 1;
            long bytes = r.nextInt(20) == 0 ? 0 : SeededCases.intIn(r, 1, 2_000_000);
            int id = i;
            long when = at < 0 ? r.nextLong(horizon) : at;
            Tie tie = Tie.ofOrdinal(1 + r.nextInt(3));
            kernel.at(when, tie, () -> {
                for (int k = 0; k < burst; k++) {
                    String name = id + "." + k;
                    d.send(bytes, () -> lines.add(kernel.now() + " arrived " + name));
                }
            });
        }
        int faults = r.nextInt(4);
        for (int i = 0; i < faults; i++) {
            long from = r.nextLong(horizon);
            long to = from + 1 + r.nextLong(horizon / 10);
            if (r.nextBoolean()) {
                link.scheduleOutage(kernel, from, to);
            } else {
                link.scheduleDegradation(kernel, from, to, 0.1 + r.nextInt(30) / 10.0);
            }
        }
        int samples = SeededCases.sizeIn(r, 1, 60);
        for (int i = 0; i < samples; i++) {
            long at = r.nextLong(2 * horizon);
            kernel.at(at, Tie.OBSERVE, () -> lines.add(kernel.now() + " sample busy=" + busy.lifetimeIntegral(kernel.now())
                    + " busyNow=" + busy.current() + " inSystem=" + inSystem.lifetimeIntegral(kernel.now())
                    + " queued=" + d.queuedTransfers() + "/" + d.queuedBytes()
                    + " inFlight=" + d.inFlightTransfers() + "/" + d.inFlightBytes() + " up=" + d.isUp()));
        }
        long end = 100 * horizon;
        kernel.runUntil(end);
        lines.add("end busy=" + busy.lifetimeIntegral(end) + " max=" + busy.max() + " inSystem="
                + inSystem.lifetimeIntegral(end) + " max=" + inSystem.max() + " queued=" + d.queuedTransfers()
                + " inFlight=" + d.inFlightTransfers());
        return new Trace(lines, kernel.eventsFired(), faults > 0);
    }
}
