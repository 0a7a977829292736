package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.result.Metric;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;

/**
 * Devices that know when they finish ({@link BusyUntilDevices}, a disk group that
 * {@link DiskGroup#recordThrough records through} a recording) against the reference of one kernel
 * event per device operation, on seeded random streams of reads and writes of every RAID level:
 * the same completion times, the same signal values with the same timestamps, and the same
 * statistics at every read of the recording (samples, a warm-up reset, the end-of-run metrics),
 * with fewer events.
 *
 * <p>Two kinds of streams. <b>Continuous</b>: service and arrival times at random nanoseconds
 * (a range wide enough that no two things share an instant by accident); all RAID levels,
 * follow-up work posted by completions, now or later, at any tie class: everything is identical,
 * in the same order. <b>Grid</b>: times on a coarse grid, so that operations end, arrive, are
 * sampled and the warm-up resets at the same instants (bursts, zero service times); RAID none and
 * raid1 and reads, submitted at tie classes after {@link Tie#DEPARTURE}: every signal value and
 * every statistic is identical, in the same order; the completions of one instant are the same
 * set (their order among themselves is that of their events' posting, now at submission rather
 * than at the last operation's start: docs/model.md §1).
 *
 * <p>What is not claimed: when work is submitted inside a completion at an instant where other
 * operations of the group also end (a raid5 write phase on a grid, a follow-up), the event
 * version could run it before some of those departures and this version runs it after; momentary
 * values inside the instant and the order of same-instant completions may then differ.
 */
class BusyUntilDevicesTest {
    private static final Tie[] LATE_TIES = {Tie.NORMAL, Tie.ARRIVAL, Tie.OBSERVE};
    private static final Tie[] TIES = {Tie.CONTROL, Tie.DEPARTURE, Tie.NORMAL, Tie.ARRIVAL, Tie.OBSERVE};

    private enum Kind { CONTINUOUS, GRID_SINGLE_PHASE }

    /** What one run logged. */
    private record Run(List<String> signalLog, Map<Long, List<String>> doneByInstant, List<String> doneOrder,
            List<Metric> metrics, TimeSeries series, List<String> levelReads, long events) {
    }

    @Test
    void continuousStreamsGiveIdenticalResultsInIdenticalOrder() {
        long[] events = new long[2];
        SeededCases.forSeeds(300, seed -> {
            Run reference = run(seed, Kind.CONTINUOUS, false);
            Run lazy = run(seed, Kind.CONTINUOUS, true);
            assertThat(lazy.signalLog()).containsExactlyElementsOf(reference.signalLog());
            assertThat(lazy.doneOrder()).containsExactlyElementsOf(reference.doneOrder());
            assertSameReads(reference, lazy);
            events[0] += reference.events();
            events[1] += lazy.events();
        });
        assertThat(events[1]).isLessThan(events[0]);
    }

    @Test
    void singlePhaseGridStreamsGiveIdenticalSignalsAndStatistics() {
        SeededCases.forSeeds(300, seed -> {
            Run reference = run(seed, Kind.GRID_SINGLE_PHASE, false);
            Run lazy = run(seed, Kind.GRID_SINGLE_PHASE, true);
            assertThat(lazy.signalLog()).containsExactlyElementsOf(reference.signalLog());
            assertThat(lazy.doneByInstant()).isEqualTo(reference.doneByInstant());
            assertSameReads(reference, lazy);
        });
    }

    @Test
    void aMirrorWriteOnBusyDevicesTakesOneEvent() {
        for (boolean lazy : new boolean[] {false, true}) {
            SimulationKernel kernel = DsolKernel.create();
            EventLog log = new EventLog(kernel);
            DiskGroup g = group(kernel, new Signals(), 4, DiskModel.ssd(100_000, 1e9), RaidLevel.RAID1, lazy, null);
            // the second write queues behind the first on both devices
            kernel.at(0, () -> g.write(1, 0, log.on("write a")));
            kernel.at(0, () -> g.write(1, 0, log.on("write b")));
            kernel.runUntil(10_000_000);
            assertThat(log.lines()).containsExactly("100000 write a", "200000 write b");
            // two arrivals; then one completion per operation (four), or one per phase (two)
            assertThat(kernel.eventsFired()).isEqualTo(lazy ? 4 : 6);
        }
    }

    @Test
    void absurdServiceTimesQueuedBehindEachOtherNeverEndInsteadOfOverflowing() {
        SimulationKernel kernel = DsolKernel.create();
        DiskGroup g = group(kernel, new Signals(), 2, bytes -> 1L << 62, RaidLevel.RAID1, true, null);
        List<String> done = new ArrayList<>();
        kernel.at(0, () -> {
            for (int i = 0; i < 4; i++) {
                g.write(0, 0, () -> done.add("done"));
            }
        });
        kernel.runUntil(1L << 61);
        assertThat(done).isEmpty();
        assertThat(g.busy()).isEqualTo(2);
        assertThat(g.waiting()).isEqualTo(6);
    }

    @Test
    void gettersAndReadsSettleTheLevels() {
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        Recording rec = new Recording();
        DiskGroup g = group(kernel, signals, 2, DiskModel.ssd(1_000, 1e9), RaidLevel.RAID1, true, rec);
        TimeWeighted busy = rec.level(signals.find("dg.busy"), "busy", 0);
        kernel.at(0, () -> {
            g.write(0, 0, () -> { });
            g.write(0, 0, () -> { });
        });
        List<String> seen = new ArrayList<>();
        kernel.at(1_000, Tie.NORMAL, () -> seen.add(g.busy() + " busy " + g.waiting() + " waiting"));
        kernel.at(2_000, Tie.CONTROL, () -> {
            // the departures of this instant come after a control event: not settled yet
            rec.reset(2_000);
            seen.add("at reset " + busy.current());
        });
        kernel.runUntil(5_000);
        assertThat(seen).containsExactly("2 busy 0 waiting", "at reset 2.0");
        rec.metrics(kernel.now());
        assertThat(busy.current()).isZero();
        assertThat(busy.max()).isEqualTo(2.0);
    }

    @Test
    void recordThroughComesFirstAndOnce() {
        SimulationKernel kernel = DsolKernel.create();
        DiskGroup g = new DiskGroup(kernel, new Signals(), "dg", 2, DiskModel.ssd(1, 1e9), RaidLevel.RAID1);
        g.recordThrough(new Recording());
        assertThatThrownBy(() -> g.recordThrough(new Recording())).isInstanceOf(IllegalStateException.class);
        DiskGroup used = new DiskGroup(kernel, new Signals(), "dg2", 2, DiskModel.ssd(1, 1e9), RaidLevel.RAID1);
        used.read(0, 0, () -> { });
        assertThatThrownBy(() -> used.recordThrough(new Recording())).isInstanceOf(IllegalStateException.class);
    }

    private static void assertSameReads(Run reference, Run lazy) {
        assertThat(lazy.doneByInstant()).isEqualTo(reference.doneByInstant());
        assertThat(lazy.metrics()).containsExactlyElementsOf(reference.metrics());
        assertThat(lazy.levelReads()).containsExactlyElementsOf(reference.levelReads());
        assertThat(lazy.series().rows()).isEqualTo(reference.series().rows());
        for (String c : reference.series().columns()) {
            assertThat(lazy.series().column(c)).as(c).containsExactly(reference.series().column(c));
        }
    }

    private static DiskGroup group(SimulationKernel kernel, Signals signals, int devices, DiskModel model, RaidLevel raid,
            boolean lazy, Recording rec) {
        DiskGroup g = new DiskGroup(kernel, signals, "dg", devices, model, raid, lazy);
        if (lazy) {
            g.recordThrough(rec != null ? rec : new Recording());
        }
        return g;
    }

    private static Run run(int seed, Kind kind, boolean lazy) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean grid = kind != Kind.CONTINUOUS;
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        Recording rec = new Recording();
        RaidLevel raid = grid ? SeededCases.oneOf(r, RaidLevel.NONE, RaidLevel.RAID1)
                : RaidLevel.values()[r.nextInt(RaidLevel.values().length)];
        int devices = raid.minDevices() + r.nextInt(4);
        int gridSteps = 1 + r.nextInt(3);
        SplittableRandom service = new SplittableRandom(r.nextLong());
        DiskModel model = grid
                ? bytes -> service.nextInt(16) == 0 ? 0 : 1_000L * (1 + service.nextInt(gridSteps))
                : bytes -> 1 + service.nextLong(1_000_000);
        DiskGroup g = new DiskGroup(kernel, signals, "dg", devices, model, raid, !lazy);
        if (lazy) {
            g.recordThrough(rec);
        }
        List<String> signalLog = new ArrayList<>();
        for (Signal s : signals.matching("dg.*")) {
            s.subscribe((t, v) -> signalLog.add(t + " " + s.name() + "=" + v));
        }
        List<TimeWeighted> levels = new ArrayList<>();
        for (String name : List.of("queue", "busy", "inSystem")) {
            TimeWeighted w = rec.level(signals.find("dg." + name), name, 0);
            levels.add(w);
            rec.column(name + ".integral", "ns", () -> w.lifetimeIntegral(kernel.now()));
            rec.column(name + ".now", "1", w::current);
        }
        rec.tally(signals.find("dg.response"), "response", true);
        int jobs = SeededCases.intIn(r, 1, 120);
        long unit = grid ? 1_000 : 250_000;
        long span = unit * (1 + r.nextInt(jobs + 1));
        Tie[] submitTies = grid ? LATE_TIES : TIES;
        Map<Long, List<String>> doneByInstant = new TreeMap<>();
        List<String> doneOrder = new ArrayList<>();
        List<String> levelReads = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            int id = j;
            long at = grid ? 1_000L * r.nextInt((int) (span / 1_000) + 1) + (r.nextInt(8) == 0 ? 500 : 0)
                    : r.nextLong(span + 1);
            Tie tie = submitTies[r.nextInt(submitTies.length)];
            boolean write = r.nextInt(4) != 0;
            long track = r.nextInt(3 * devices);
            // in continuous streams some completions post more work, now or later, at any tie class
            boolean followUp = !grid && r.nextInt(2) == 0;
            long followDelay = r.nextInt(4) == 0 ? 0 : r.nextLong(4_000_000);
            Tie followTie = TIES[r.nextInt(TIES.length)];
            long followTrack = r.nextInt(3 * devices);
            kernel.at(at, tie, () -> {
                Runnable done = () -> {
                    String line = "done " + id;
                    doneByInstant.computeIfAbsent(kernel.now(), t -> new ArrayList<>()).add(line);
                    doneOrder.add(kernel.now() + " " + line);
                    if (followUp) {
                        kernel.at(kernel.now() + followDelay, followTie,
                                () -> g.write(followTrack, 4_096, () -> {
                                    String l = "follow done " + id;
                                    doneByInstant.computeIfAbsent(kernel.now(), t -> new ArrayList<>()).add(l);
                                    doneOrder.add(kernel.now() + " " + l);
                                }));
                    }
                };
                if (write) {
                    g.write(track, 4_096, done);
                } else {
                    g.read(track, 4_096, done);
                }
            });
        }
        // reads of the recording at instants where operations end: samples, the warm-up reset
        long every = grid ? 1_000L * (1 + r.nextInt(3)) : 1 + r.nextLong(2_000_000);
        TimeSeries series = rec.sampleEvery(kernel, every, every, span + 10 * unit);
        long warmup = grid ? 1_000L * r.nextInt((int) (span / 1_000) + 1) : r.nextLong(span + 1);
        kernel.at(warmup, Tie.CONTROL, () -> rec.reset(kernel.now()));
        // the public getters, read at an instant's ordinary work
        for (int k = 0; k < 5; k++) {
            long t = grid ? 1_000L * r.nextInt((int) (span / 1_000) + 2) : r.nextLong(span + 2 * unit);
            kernel.at(t, Tie.NORMAL, () -> levelReads.add(kernel.now() + " " + g.busy() + " " + g.waiting()));
        }
        kernel.runUntil(Long.MAX_VALUE / 4);
        List<Metric> metrics = rec.metrics(kernel.now());
        for (TimeWeighted w : levels) {
            metrics.add(new Metric("integral", w.integral(kernel.now()), "ns"));
            metrics.add(new Metric("min", w.min(), "1"));
            metrics.add(new Metric("now", w.current(), "1"));
        }
        assertThat(g.busy()).isZero();
        assertThat(g.waiting()).isZero();
        for (List<String> l : doneByInstant.values()) {
            l.sort(null);
        }
        return new Run(signalLog, doneByInstant, doneOrder, metrics, series, levelReads, kernel.eventsFired());
    }
}
