package org.repsim.model.ordered.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;

/**
 * docs/model.md §4: the per-track gate in front of the reorder queue, over 1000 seeded runs of a
 * small event loop: 1..60 overlapping tasks of 1..6 consecutive tracks on 1..10 tracks, created at
 * random instants, each subtask prepared for a random time (several orders of magnitude apart) once
 * the gate admits it; it reads its track's data version when its preparation ends. Properties:
 * everything added is dispatched (no deadlock), per track the dispatch order is the creation order,
 * and per track the versions dispatched never decrease (no regression). Without the gate the same
 * runs do show regressions, so the last property can fail.
 */
class TrackGateProperties {
    private static final int CASES = 1000;

    private static final class Sub {
        final int task;
        final int seq;
        final long track;
        final int age;
        long version = -1;

        Sub(int task, int seq, long track, int age) {
            this.task = task;
            this.seq = seq;
            this.track = track;
            this.age = age;
        }
    }

    private record Event(long at, long order, Runnable action) { }

    private static final class Loop {
        final SplittableRandom r;
        final boolean gated;
        final OrderedDispatcher<Sub> dispatcher;
        final TrackGate<Sub> gate = new TrackGate<>();
        final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at
                ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
        final long[] version;
        final List<List<Sub>> dispatchedPerTrack = new ArrayList<>();
        long[] handles;
        long now;
        long order;
        int created;
        int dispatched;
        int regressions;

        Loop(SplittableRandom r, boolean gated, int tracks) {
            this.r = r;
            this.gated = gated;
            this.version = new long[tracks];
            for (int t = 0; t < tracks; t++) {
                dispatchedPerTrack.add(new ArrayList<>());
            }
            dispatcher = new OrderedDispatcher<>(SeededCases.oneOf(r, Scan.values()), Ordering.ON, this::onDispatch);
        }

        void at(long t, Runnable action) {
            events.add(new Event(t, order++, action));
        }

        void prepare(Sub s) {
            // 1 ns .. ~1 ms, log-uniform: completions far out of order
            long prep = (long) Math.exp(r.nextDouble() * Math.log(1e6));
            at(now + prep, () -> {
                s.version = version[(int) s.track];
                dispatcher.offer(handles[s.task], s.seq, s);
            });
        }

        void onDispatch(long taskId, int seq, Sub s, boolean complete) {
            dispatched++;
            List<Sub> ofTrack = dispatchedPerTrack.get((int) s.track);
            if (!ofTrack.isEmpty() && ofTrack.get(ofTrack.size() - 1).version > s.version) {
                regressions++;
            }
            ofTrack.add(s);
            if (gated) {
                Sub next = gate.dispatched(s.track);
                if (next != null) {
                    prepare(next);
                }
            }
        }

        void run(int tasks, int tracks) {
            handles = new long[tasks];
            long t = 0;
            for (int id = 0; id < tasks; id++) {
                int n = SeededCases.intIn(r, 1, Math.min(6, tracks));
                int first = r.nextInt(tracks - n + 1);
                t += r.nextInt(3) == 0 ? 0 : (long) r.nextInt(200_000);
                int task = id;
                at(t, () -> createTask(task, first, n));
            }
            while (!events.isEmpty()) {
                Event e = events.poll();
                now = e.at;
                e.action.run();
            }
        }

        /** A host write over tracks [first, first + n): the data changes now, then its task is created. */
        private void createTask(int id, int first, int n) {
            handles[id] = dispatcher.registerTask(id, n);
            for (int seq = 0; seq < n; seq++) {
                version[first + seq]++;
            }
            for (int seq = 0; seq < n; seq++) {
                Sub s = new Sub(id, seq, first + seq, created++);
                if (!gated || gate.add(s.track, s)) {
                    prepare(s);
                }
            }
        }
    }

    private static Loop run(int seed, boolean gated) {
        SplittableRandom r = new SplittableRandom(seed);
        int tracks = seed == 0 ? 1 : SeededCases.intIn(r, 1, 10);
        int tasks = seed == 0 ? 1 : SeededCases.intIn(r, 1, 60);
        Loop loop = new Loop(r, gated, tracks);
        loop.run(tasks, tracks);
        return loop;
    }

    @Test
    void everySubtaskAddedIsDispatchedAndTheGateEmpties() {
        SeededCases.forSeeds(CASES, seed -> {
            Loop loop = run(seed, true);
            assertThat(loop.dispatched).isEqualTo(loop.created);
            assertThat(loop.gate.added()).isEqualTo(loop.created);
            assertThat(loop.gate.admitted()).isEqualTo(loop.created);
            assertThat(loop.gate.dispatchedCount()).isEqualTo(loop.created);
            assertThat(loop.gate.held()).isZero();
            assertThat(loop.gate.tracks()).isZero();
            assertThat(loop.dispatcher.depth()).isZero();
            assertThat(loop.dispatcher.activeTasks()).isZero();
        });
    }

    @Test
    void perTrackDispatchOrderIsCreationOrderAndDataNeverGetsOlder() {
        SeededCases.forSeeds(CASES, seed -> {
            Loop loop = run(seed, true);
            for (List<Sub> ofTrack : loop.dispatchedPerTrack) {
                for (int i = 1; i < ofTrack.size(); i++) {
                    assertThat(ofTrack.get(i).age).isGreaterThan(ofTrack.get(i - 1).age);
                    assertThat(ofTrack.get(i).version).isGreaterThanOrEqualTo(ofTrack.get(i - 1).version);
                }
            }
            assertThat(loop.regressions).isZero();
        });
    }

    @Test
    void withoutTheGateTheSameRunsDispatchOlderDataAfterNewer() {
        long regressions = 0;
        int casesWithRegression = 0;
        for (int seed = 0; seed < CASES; seed++) {
            Loop loop = run(seed, false);
            assertThat(loop.dispatched).isEqualTo(loop.created);
            regressions += loop.regressions;
            casesWithRegression += loop.regressions > 0 ? 1 : 0;
        }
        assertThat(casesWithRegression).isGreaterThan(CASES / 10);
        assertThat(regressions).isPositive();
    }
}
