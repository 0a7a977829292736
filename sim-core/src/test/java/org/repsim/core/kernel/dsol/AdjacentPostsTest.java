package org.repsim.core.kernel.dsol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.Tie;

/**
 * Adjacent posts of one key share a list entry with results identical to one entry each: seeded
 * random models run on the kernel and on the reference kernel without joins must give the same
 * log of (time, event), the same counts and the same pending events at every check.
 */
class AdjacentPostsTest {
    private static final long[] DELAYS = {0, 0, 5, 5, 5, 10, 10, 40};

    /** A random model: each event logs itself and schedules a few more, drawing from its own seeded stream. */
    private static final class Model {
        final DsolKernel kernel;
        final Random random;
        final List<String> log = new ArrayList<>();
        final List<EventHandle> handles = new ArrayList<>();
        long ids;
        final boolean stops;

        Model(DsolKernel kernel, long seed, boolean stops) {
            this.kernel = kernel;
            this.random = new Random(seed);
            this.stops = stops;
        }

        void schedule(int fanOut) {
            for (int i = 0; i < fanOut; i++) {
                long id = ids++;
                long when = kernel.now() + DELAYS[random.nextInt(DELAYS.length)];
                Tie tie = Tie.ofOrdinal(random.nextInt(Tie.values().length));
                Runnable action = () -> fire(id);
                int how = random.nextInt(10);
                if (how == 0) {
                    handles.add(kernel.at(when, tie, action));
                } else if (how == 1 && !handles.isEmpty()) {
                    kernel.cancel(handles.remove(random.nextInt(handles.size())));
                    kernel.post(when, tie, action);
                } else {
                    // runs of posts of one key: the case that joins
                    int run = 1 + random.nextInt(3);
                    kernel.post(when, tie, action);
                    for (int r = 1; r < run; r++) {
                        long more = ids++;
                        kernel.post(when, tie, () -> fire(more));
                    }
                }
            }
        }

        void fire(long id) {
            log.add(kernel.now() + ":" + id);
            if (stops && random.nextInt(25) == 0) {
                kernel.stop();
            }
            if (ids < 20_000) {
                schedule(random.nextInt(3));
            }
        }
    }

    private static void assertSameRun(long seed, boolean stepping) {
        Model joined = new Model(DsolKernel.create("joined"), seed, !stepping);
        Model reference = new Model(DsolKernel.createWithoutJoins(), seed, !stepping);
        for (Model m : List.of(joined, reference)) {
            m.schedule(6);
        }
        int checks = 0;
        while (true) {
            boolean more;
            if (stepping) {
                boolean a = joined.kernel.fireNext();
                boolean b = reference.kernel.fireNext();
                assertThat(a).isEqualTo(b);
                more = a;
            } else {
                long until = joined.kernel.now() + 1 + checks % 50;
                joined.kernel.runUntil(until);
                reference.kernel.runUntil(until);
                more = reference.kernel.pendingEvents() > 0;
            }
            checks++;
            assertThat(joined.kernel.now()).as("seed %d check %d", seed, checks).isEqualTo(reference.kernel.now());
            assertThat(joined.kernel.eventsFired()).as("seed %d check %d", seed, checks)
                    .isEqualTo(reference.kernel.eventsFired());
            assertThat(joined.kernel.pendingEvents()).as("seed %d check %d", seed, checks)
                    .isEqualTo(reference.kernel.pendingEvents());
            assertThat(joined.log.size()).isEqualTo(reference.log.size());
            if (!more) {
                break;
            }
        }
        assertThat(joined.log).as("seed %d", seed).isEqualTo(reference.log);
        assertThat(reference.kernel.joinedPosts()).isZero();
    }

    @Test
    void runUntilWithStopsGivesTheReferenceLog() {
        long joins = 0;
        long putBack = 0;
        for (long seed = 1; seed <= 60; seed++) {
            assertSameRun(seed, false);
        }
        // the property is only worth something if the model joins and pauses joined entries
        Model probe = new Model(DsolKernel.create("probe"), 7, true);
        probe.schedule(6);
        while (probe.kernel.pendingEvents() > 0) {
            probe.kernel.runUntil(probe.kernel.now() + 25);
        }
        joins += probe.kernel.joinedPosts();
        putBack += probe.kernel.joinedEntriesPutBack();
        assertThat(joins).isGreaterThan(1_000);
        assertThat(putBack).isGreaterThan(50);
    }

    @Test
    void steppingRunsOneActionPerStep() {
        for (long seed = 100; seed <= 130; seed++) {
            assertSameRun(seed, true);
        }
    }

    @Test
    void joinedActionsRunInPostingOrderAndCountAsEvents() {
        DsolKernel k = DsolKernel.create("order");
        List<String> log = new ArrayList<>();
        k.post(10, Tie.NORMAL, () -> log.add("a"));
        k.post(10, Tie.NORMAL, () -> log.add("b"));
        k.post(10, Tie.NORMAL, () -> {
            log.add("c");
            // an earlier class at this instant fires before the joined actions left
            k.post(10, Tie.DEPARTURE, () -> log.add("early"));
            k.post(10, Tie.NORMAL, () -> log.add("later"));
        });
        k.post(10, Tie.NORMAL, () -> log.add("d"));
        k.post(10, Tie.DEPARTURE, () -> log.add("departure"));
        assertThat(k.joinedPosts()).isEqualTo(3);
        assertThat(k.pendingEvents()).isEqualTo(5);
        k.runUntil(10);
        assertThat(log).containsExactly("departure", "a", "b", "c", "early", "d", "later");
        assertThat(k.eventsFired()).isEqualTo(7);
        assertThat(k.pendingEvents()).isZero();
        assertThat(k.joinedEntriesPutBack()).isEqualTo(1);
    }

    @Test
    void aPostJoinsTheLastPostOfItsKeyUnlessAnEventWithAHandleCameBetween() {
        DsolKernel k = DsolKernel.create("keys");
        List<String> log = new ArrayList<>();
        k.post(10, Tie.NORMAL, () -> log.add("a"));
        k.post(20, Tie.NORMAL, () -> log.add("x"));
        k.post(10, Tie.ARRIVAL, () -> log.add("arrival"));
        k.post(10, Tie.NORMAL, () -> log.add("b")); // joins a: only other keys came between
        assertThat(k.joinedPosts()).isEqualTo(1);
        k.at(10, Tie.NORMAL, () -> log.add("handle"));
        k.post(10, Tie.NORMAL, () -> log.add("c")); // must fire after the handle's event: no join
        assertThat(k.joinedPosts()).isEqualTo(1);
        k.post(10, Tie.NORMAL, () -> log.add("d")); // joins c
        assertThat(k.joinedPosts()).isEqualTo(2);
        k.runUntil(20);
        assertThat(log).containsExactly("a", "b", "handle", "c", "d", "arrival", "x");
    }

    @Test
    void aPostAtTheCurrentInstantNeverJoins() {
        DsolKernel k = DsolKernel.create("now");
        List<String> log = new ArrayList<>();
        k.post(0, Tie.NORMAL, () -> log.add("a"));
        k.post(0, Tie.NORMAL, () -> log.add("b"));
        assertThat(k.joinedPosts()).isZero();
        k.runUntil(0);
        assertThat(log).containsExactly("a", "b");
    }
}
