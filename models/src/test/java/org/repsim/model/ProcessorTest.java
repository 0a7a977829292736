package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;

class ProcessorTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);

    @Test
    void twoServersServeFifoAndQueueTheThirdJob() {
        Processor p = new Processor(kernel, signals, "p", 2, Distributions.deterministic(100));
        kernel.at(0, () -> {
            p.submit(log.on("a done"));
            p.submit(log.on("b done"));
            p.submit(log.on("c done"));
            log.add("waiting=" + p.waiting() + " busy=" + p.busy());
        });
        kernel.at(50, () -> p.submit(30, log.on("d done")));
        kernel.runUntil(1_000);
        assertThat(log.lines()).containsExactly(
                "0 waiting=1 busy=2",
                "100 a done",
                "100 b done",
                "130 d done",
                "200 c done");
    }

    @Test
    void explicitServiceTimesAndWaitSignal() {
        Processor p = new Processor(kernel, signals, "p", 1, null);
        Tally wait = new Tally();
        signals.find("p.wait").subscribe((t, v) -> wait.add(v));
        kernel.at(0, () -> {
            p.submit(40, log.on("x"));
            p.submit(10, log.on("y"));
        });
        kernel.runUntil(1_000);
        assertThat(log.lines()).containsExactly("40 x", "50 y");
        assertThat(wait.count()).isEqualTo(2);
        assertThat(wait.mean()).isEqualTo(20.0);
        assertThatThrownBy(() -> p.submit(log.on("z"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no service-time law");
    }

    @Test
    void slowdownStretchesServicesThatStartAfterIt() {
        Processor p = new Processor(kernel, signals, "p", 1, Distributions.deterministic(100));
        kernel.at(0, () -> {
            p.submit(log.on("first"));
            p.submit(log.on("second"));
        });
        kernel.at(10, () -> p.setSlowdown(3.0));
        kernel.at(400, () -> {
            p.setSlowdown(1.0);
            p.submit(log.on("third"));
        });
        kernel.runUntil(1_000);
        assertThat(log.lines()).containsExactly("100 first", "400 second", "500 third");
    }

    @Test
    void levelsIntegrateToTheTimeJobsSpend() {
        Processor p = new Processor(kernel, signals, "p", 1, Distributions.deterministic(100));
        TimeWeighted inSystem = new TimeWeighted();
        TimeWeighted busy = new TimeWeighted();
        TimeWeighted queue = new TimeWeighted();
        signals.find("p.inSystem").subscribe(inSystem::update);
        signals.find("p.busy").subscribe(busy::update);
        signals.find("p.queue").subscribe(queue::update);
        kernel.at(0, () -> {
            p.submit(() -> { });
            p.submit(() -> { });
        });
        kernel.runUntil(1_000);
        // responses 100 and 200 ns; busy 200 ns; the second job waited 100 ns
        assertThat(inSystem.integral(1_000)).isEqualTo(300.0);
        assertThat(busy.integral(1_000)).isEqualTo(200.0);
        assertThat(queue.integral(1_000)).isEqualTo(100.0);
        assertThat(p.inSystem()).isZero();
    }

    /** Sealed, the pool updates lone levels directly and skips unrecorded signals: same figures. */
    @Test
    void sealedLevelsIntegrateAsUnsealedOnesAndLaterSubscribersHear() {
        Processor p = new Processor(kernel, signals, "p", 1, Distributions.deterministic(100));
        TimeWeighted inSystem = new TimeWeighted();
        TimeWeighted busy = new TimeWeighted();
        signals.find("p.inSystem").subscribe(inSystem);
        signals.find("p.busy").subscribe(busy);
        signals.seal();
        kernel.at(0, () -> {
            p.submit(() -> { });
            p.submit(() -> { });
        });
        Tally response = new Tally();
        kernel.at(150, () -> signals.find("p.response").subscribe((t, v) -> response.add(v)));
        kernel.runUntil(1_000);
        assertThat(inSystem.integral(1_000)).isEqualTo(300.0);
        assertThat(busy.integral(1_000)).isEqualTo(200.0);
        assertThat(busy.max()).isEqualTo(1.0);
        // subscribed after the seal, between the two departures: hears the second only
        assertThat(response.count()).isEqualTo(1);
        assertThat(response.mean()).isEqualTo(200.0);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new Processor(kernel, signals, "bad", 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
        Processor p = new Processor(kernel, signals, "p", 1, null);
        assertThatThrownBy(() -> p.setSlowdown(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.submit(-1, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
