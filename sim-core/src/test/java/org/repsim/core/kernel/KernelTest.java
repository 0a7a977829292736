package org.repsim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.dsol.DsolKernel;

/** The kernel's contract, asserted on a log of (time, event) as in SimPy's tests. */
class KernelTest {
    private final SimulationKernel k = DsolKernel.create();
    private final List<String> log = new ArrayList<>();

    private Runnable note(String what) {
        return () -> log.add(k.now() + ":" + what);
    }

    @Test
    void eventsFireInTimeOrder() {
        k.at(30, note("c"));
        k.at(10, note("a"));
        k.after(20, note("b"));
        k.runUntil(100);
        assertThat(log).containsExactly("10:a", "20:b", "30:c");
        assertThat(k.now()).isEqualTo(100);
        assertThat(k.eventsFired()).isEqualTo(3);
    }

    @Test
    void simultaneousEventsFireByTieClassThenSchedulingOrder() {
        k.at(5, Tie.OBSERVE, note("observe"));
        k.at(5, Tie.ARRIVAL, note("arrival1"));
        k.at(5, Tie.NORMAL, note("normal"));
        k.at(5, Tie.ARRIVAL, note("arrival2"));
        k.at(5, Tie.DEPARTURE, note("departure"));
        k.at(5, Tie.CONTROL, note("control"));
        k.runUntil(5);
        assertThat(log).containsExactly("5:control", "5:departure", "5:normal", "5:arrival1", "5:arrival2", "5:observe");
    }

    @Test
    void eventsScheduledAtTheCurrentInstantFireInTheSameInstantAfterEarlierOnes() {
        k.at(1, () -> {
            log.add(k.now() + ":first");
            k.after(0, note("scheduled-from-first"));
        });
        k.at(1, note("second"));
        k.runUntil(10);
        assertThat(log).containsExactly("1:first", "1:second", "1:scheduled-from-first");
    }

    @Test
    void cancelledEventsNeverFireAndCancelIsIdempotent() {
        EventHandle a = k.at(10, note("a"));
        EventHandle b = k.at(20, note("b"));
        k.at(30, note("c"));
        assertThat(k.cancel(b)).isTrue();
        assertThat(b.isPending()).isFalse();
        assertThat(k.cancel(b)).isFalse();
        k.runUntil(100);
        assertThat(log).containsExactly("10:a", "30:c");
        assertThat(k.cancel(a)).as("cancel after firing").isFalse();
    }

    @Test
    void anEventCanCancelAnotherOfTheSameInstant() {
        EventHandle[] victim = new EventHandle[1];
        k.at(7, () -> k.cancel(victim[0]));
        victim[0] = k.at(7, note("victim"));
        k.runUntil(10);
        assertThat(log).isEmpty();
    }

    @Test
    void runUntilIncludesEventsAtTheEndAndKeepsLaterOnes() {
        k.at(10, note("at-end"));
        k.at(11, note("later"));
        k.runUntil(10);
        assertThat(log).containsExactly("10:at-end");
        assertThat(k.pendingEvents()).isEqualTo(1);
        k.runUntil(20);
        assertThat(log).containsExactly("10:at-end", "11:later");
    }

    @Test
    void stopReturnsAfterTheCurrentEvent() {
        k.at(1, () -> {
            log.add("1:stopper");
            k.stop();
        });
        k.at(2, note("after"));
        k.runUntil(100);
        assertThat(log).containsExactly("1:stopper");
        assertThat(k.now()).isEqualTo(1);
        k.runUntil(100);
        assertThat(log).containsExactly("1:stopper", "2:after");
    }

    @Test
    void schedulingInThePastOrWithNegativeDelayIsRejected() {
        k.at(10, () -> { });
        k.runUntil(10);
        assertThatThrownBy(() -> k.at(5, () -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past");
        assertThatThrownBy(() -> k.after(-1, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExceptionInAnEventFailsTheRunNamingComponentAndTime() {
        FailingComponent component = new FailingComponent(k);
        k.at(1_500_000_000L, component::onTick);
        k.at(2_000_000_000L, note("never"));
        assertThatThrownBy(() -> k.runUntil(10_000_000_000L))
                .isInstanceOfSatisfying(SimulationFailure.class, f -> {
                    assertThat(f.component()).isEqualTo("FailingComponent.onTick");
                    assertThat(f.timeNs()).isEqualTo(1_500_000_000L);
                    assertThat(f.getMessage()).contains("FailingComponent.onTick").contains("t=1.500000000 s")
                            .contains("disk on fire");
                });
        assertThat(log).isEmpty();
        assertThatThrownBy(() -> k.runUntil(10_000_000_000L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already failed");
    }

    @Test
    void failureInsideALambdaNamesTheEnclosingClass() {
        k.at(3, () -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> k.runUntil(5)).isInstanceOfSatisfying(SimulationFailure.class,
                f -> assertThat(f.component()).startsWith("KernelTest."));
    }

    /** A component that throws, to check where the failure message points. */
    static final class FailingComponent {
        private final Scheduler s;

        FailingComponent(Scheduler s) {
            this.s = s;
        }

        void onTick() {
            throw new IllegalStateException("disk on fire at " + s.now());
        }
    }
}
