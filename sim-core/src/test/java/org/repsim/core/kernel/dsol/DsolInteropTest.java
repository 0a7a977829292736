package org.repsim.core.kernel.dsol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEvent;
import org.junit.jupiter.api.Test;

/** Events scheduled through DSOL's own API share the repsim heap, its order and its clock. */
class DsolInteropTest {
    private final DsolKernel k = DsolKernel.create("interop");
    private final List<String> log = new ArrayList<>();

    @Test
    void dsolStyleEventsShareTheHeapAndTheOrder() {
        k.at(20, () -> log.add(k.now() + ":repsim"));
        k.scheduleEventAbs(10L, this, "noteDsol", new Object[] {"dsol-10"});
        var cancelled = k.scheduleEventAbs(15L, this, "noteDsol", new Object[] {"dsol-15"});
        k.scheduleEvent(new SimEvent<>(30L, this, "noteDsol", new Object[] {"dsol-30"}));
        assertThat(k.cancelEvent(cancelled)).isTrue();
        k.runUntil(100);
        assertThat(log).containsExactly("10:dsol-10", "20:repsim", "30:dsol-30");
        assertThat(k.getSimulatorTime()).isEqualTo(100L);
        assertThat(k.getEventList().isEmpty()).isTrue();
    }

    @Test
    void kernelsCanBeCreatedOnManyThreadsAtOnce() throws Exception {
        // DSOL's simulator constructor mutates djutils' shared logger maps; replications build
        // their kernels in parallel, so creation must not race
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int made = 0;
                    for (int i = 0; i < 200; i++) {
                        DsolKernel.create("parallel-" + i).runUntil(1);
                        made++;
                    }
                    return made;
                }));
            }
            start.countDown();
            for (var f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Called by DSOL's reflective SimEvent. */
    public void noteDsol(String what) {
        log.add(k.now() + ":" + what);
    }
}
