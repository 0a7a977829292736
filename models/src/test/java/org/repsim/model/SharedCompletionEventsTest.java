package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;

/**
 * The disk group's shared completion events ({@link SameInstantCompletions}) against one event per
 * device operation: on seeded random streams of reads and writes of every RAID level, the two
 * give the same signal values at the same times in the same order, and the same completions at the
 * same times in the same order relative to other events of the same instant.
 *
 * <p>The streams are built to collide: arrival times and service times lie on a coarse grid, so
 * that operations of one phase, of different phases and other events (at every tie class) often
 * share an instant, where any change of order would show.
 */
class SharedCompletionEventsTest {
    private static final Tie[] TIES = {Tie.CONTROL, Tie.DEPARTURE, Tie.NORMAL, Tie.ARRIVAL, Tie.OBSERVE};

    /** What one run logged, and how many events its kernel fired. */
    private record Run(List<String> log, long events) {
    }

    @Test
    void sharedEventsChangeNoSignalNoCompletionAndNoOrder() {
        long[] events = new long[2];
        SeededCases.forSeeds(300, seed -> {
            Run reference = run(seed, false);
            Run shared = run(seed, true);
            assertThat(shared.log()).containsExactlyElementsOf(reference.log());
            assertThat(shared.events()).isLessThanOrEqualTo(reference.events());
            events[0] += reference.events();
            events[1] += shared.events();
        });
        // the comparison is not vacuous: phases did share events
        assertThat(events[1]).isLessThan(events[0]);
    }

    @Test
    void idleMirrorWritePostsOneEventAndFinishesAtTheSameInstant() {
        for (boolean sharedEvents : new boolean[] {false, true}) {
            SimulationKernel kernel = DsolKernel.create();
            EventLog log = new EventLog(kernel);
            DiskGroup g = new DiskGroup(kernel, new Signals(), "dg", 4, DiskModel.ssd(100_000, 1e9), RaidLevel.RAID1,
                    sharedEvents);
            kernel.at(0, () -> g.write(1, 131_072, log.on("write t1")));
            kernel.runUntil(10_000_000);
            assertThat(log.lines()).containsExactly((100_000 + 131_072) + " write t1");
            // the arrival, then one completion event per device operation or one for both
            assertThat(kernel.eventsFired()).isEqualTo(sharedEvents ? 2 : 3);
        }
    }

    private static Run run(int seed, boolean sharedEvents) {
        SplittableRandom r = new SplittableRandom(seed);
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        List<String> log = new ArrayList<>();
        RaidLevel raid = RaidLevel.values()[r.nextInt(RaidLevel.values().length)];
        int devices = raid.minDevices() + r.nextInt(4);
        int grid = 1 + r.nextInt(3); // service times: 1000 × (0 .. grid) ns, now and then none at all
        SplittableRandom service = new SplittableRandom(r.nextLong());
        DiskModel model = bytes -> service.nextInt(16) == 0 ? 0 : 1_000L * (1 + service.nextInt(grid));
        DiskGroup g = new DiskGroup(kernel, signals, "dg", devices, model, raid, sharedEvents);
        for (Signal s : signals.matching("dg.*")) {
            s.subscribe((t, v) -> log.add(t + " " + s.name() + "=" + v + " @" + kernel.now()));
        }
        int jobs = SeededCases.intIn(r, 1, 120);
        long span = 1_000L * (1 + r.nextInt(jobs + 1));
        for (int j = 0; j < jobs; j++) {
            int id = j;
            long at = 1_000L * r.nextInt((int) (span / 1_000) + 1) + (r.nextInt(8) == 0 ? 500 : 0);
            Tie tie = TIES[r.nextInt(TIES.length)];
            boolean write = r.nextInt(4) != 0;
            long track = r.nextInt(3 * devices);
            // some completions post more work, now or at a later instant of the grid, at any tie
            // class: other events of the instants where device operations end
            boolean followUp = r.nextInt(2) == 0;
            long followDelay = 1_000L * r.nextInt(4);
            Tie followTie = TIES[r.nextInt(TIES.length)];
            long followTrack = r.nextInt(3 * devices);
            kernel.at(at, tie, () -> {
                log.add(kernel.now() + " submit " + id);
                Runnable done = () -> {
                    log.add(kernel.now() + " done " + id);
                    if (followUp) {
                        kernel.at(kernel.now() + followDelay, followTie, () -> {
                            log.add(kernel.now() + " follow " + id);
                            g.write(followTrack, 4_096, () -> log.add(kernel.now() + " follow done " + id));
                        });
                    }
                };
                if (write) {
                    g.write(track, 4_096, done);
                } else {
                    g.read(track, 4_096, done);
                }
            });
        }
        kernel.runUntil(Long.MAX_VALUE / 4);
        assertThat(g.busy()).isZero();
        assertThat(g.waiting()).isZero();
        return new Run(log, kernel.eventsFired());
    }
}
