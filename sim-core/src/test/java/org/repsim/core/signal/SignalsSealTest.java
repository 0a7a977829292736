package org.repsim.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.TimeWeighted;

/**
 * Sealing a registry: the hooks copy each signal's emit targets ({@link Signal#ifRecorded},
 * {@link Signal#soleLevel}) and run again on any later subscription, so a component emitting
 * through its copies records exactly what emitting to the signals would.
 */
class SignalsSealTest {

    /** A component as the models write them: copies of its targets in its own fields. */
    private static final class Component {
        private final Signal level;
        private final Signal count;
        private Signal levelOut;
        private TimeWeighted levelSole;
        private Signal countOut;
        int seals;

        Component(Signals signals) {
            level = signals.level("c.level", "count");
            count = signals.count("c.count", "count");
            levelOut = level;
            countOut = count;
            signals.onSeal(this::seal);
        }

        private void seal() {
            seals++;
            levelSole = level.soleLevel();
            levelOut = level.ifRecordedBeyondSoleLevel();
            countOut = count.ifRecorded();
        }

        void emit(long now, double v) {
            Signal.emit(levelSole, levelOut, now, v);
            Signal.emit(countOut, now, 1);
        }
    }

    @Test
    void hooksRunAtSealNotBefore() {
        Signals signals = new Signals();
        Component c = new Component(signals);
        assertThat(c.seals).isZero();
        assertThat(signals.isSealed()).isFalse();
        signals.seal();
        assertThat(signals.isSealed()).isTrue();
        assertThat(c.seals).isEqualTo(1);
        assertThat(c.levelOut).isNull();
        assertThat(c.levelSole).isNull();
        assertThat(c.countOut).isNull();
    }

    @Test
    void beforeSealTheComponentEmitsThroughItsSignals() {
        Signals signals = new Signals();
        Component c = new Component(signals);
        TimeWeighted w = new TimeWeighted();
        signals.find("c.level").subscribe(w);
        Counter n = new Counter();
        signals.find("c.count").subscribe(n);
        c.emit(10, 3);
        c.emit(20, 5);
        assertThat(w.integral(30)).isEqualTo(3 * 10 + 5 * 10);
        assertThat(n.value()).isEqualTo(2);
    }

    @Test
    void aLoneLevelIsUpdatedDirectlyAndOtherRecordingsGoThroughTheSignal() {
        Signals signals = new Signals();
        Component c = new Component(signals);
        TimeWeighted w = new TimeWeighted();
        signals.find("c.level").subscribe(w);
        Counter n = new Counter();
        signals.find("c.count").subscribe(n);
        signals.seal();
        assertThat(c.levelSole).isSameAs(w);
        assertThat(c.levelOut).isNull();
        assertThat(c.countOut).isSameAs(signals.find("c.count"));
        c.emit(10, 3);
        assertThat(w.current()).isEqualTo(3);
        assertThat(n.value()).isEqualTo(1);
    }

    @Test
    void aSubscriptionAfterSealReachesTheComponent() {
        Signals signals = new Signals();
        Component c = new Component(signals);
        signals.seal();
        c.emit(5, 7);
        TimeWeighted w = new TimeWeighted(10, 0);
        signals.find("c.level").subscribe(w);
        List<Double> heard = new ArrayList<>();
        signals.find("c.level").subscribe((t, v) -> heard.add(v));
        c.emit(20, 4);
        assertThat(c.levelSole).isNull();
        assertThat(heard).containsExactly(4.0);
        assertThat(w.integral(30)).isEqualTo(4 * 10);
        Counter n = new Counter();
        signals.find("c.count").subscribe(n);
        c.emit(30, 1);
        assertThat(n.value()).isEqualTo(1);
    }

    @Test
    void aHookRegisteredAfterSealRunsAtOnce() {
        Signals signals = new Signals();
        signals.seal();
        Component c = new Component(signals);
        assertThat(c.seals).isEqualTo(1);
        assertThat(c.countOut).isNull();
    }
}
