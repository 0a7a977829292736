package org.repsim.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.LatencyHistogram;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;

/** Every subscriber of a signal receives every value emitted after it subscribed, in subscription order by kind. */
class SignalTest {

    @Test
    void anUnrecordedSignalDropsValues() {
        Signal s = new Signals().level("idle", "count");
        s.emit(1, 5);
        assertThat(s.isRecorded()).isFalse();
    }

    @Test
    void eachKindOfSubscriberGetsEachValue() {
        Signal s = new Signals().observation("x", "ns");
        TimeWeighted level = new TimeWeighted();
        LatencyHistogram h1 = new LatencyHistogram();
        LatencyHistogram h2 = new LatencyHistogram();
        Tally tally = new Tally();
        Counter counter = new Counter();
        List<String> heard = new ArrayList<>();
        s.subscribe(level);
        s.subscribe(h1);
        s.subscribe(h2);
        s.subscribe(tally);
        s.subscribe(counter);
        s.subscribe((t, v) -> heard.add(t + ":" + v));
        assertThat(s.isRecorded()).isTrue();
        s.emit(10, 4);
        s.emit(30, 8);
        assertThat(level.integral(40)).isEqualTo(4 * 20 + 8 * 10);
        assertThat(h1.count()).isEqualTo(2);
        assertThat(h2.count()).isEqualTo(2);
        assertThat(h1.maxNs()).isEqualTo(8);
        assertThat(tally.mean()).isEqualTo(6);
        assertThat(counter.value()).isEqualTo(12);
        assertThat(heard).containsExactly("10:4.0", "30:8.0");
    }

    @Test
    void aSubscriberAddedMidRunHearsOnlyLaterValuesAndTheEarlierOnesKeepHearing() {
        Signal s = new Signals().count("c", "count");
        Counter first = new Counter();
        s.subscribe(first);
        s.emit(1, 1);
        Counter second = new Counter();
        s.subscribe(second);
        s.emit(2, 10);
        List<Double> heard = new ArrayList<>();
        s.subscribe((t, v) -> heard.add(v));
        s.emit(3, 100);
        assertThat(first.value()).isEqualTo(111);
        assertThat(second.value()).isEqualTo(110);
        assertThat(heard).containsExactly(100.0);
    }

    @Test
    void listenersAreCalledAfterTheStatisticsOfTheSameValue() {
        Signal s = new Signals().observation("o", "ns");
        Tally tally = new Tally();
        List<Long> countsSeen = new ArrayList<>();
        s.subscribe((t, v) -> countsSeen.add(tally.count()));
        s.subscribe(tally); // subscribed later, but statistics come before listeners
        s.emit(1, 3);
        s.emit(2, 5);
        assertThat(countsSeen).containsExactly(1L, 2L);
    }

    /** A lone level or histogram is called directly; a second subscriber of any kind ends that and both hear every later value. */
    @Test
    void aLoneStatisticKeepsHearingWhenOthersJoin() {
        Signal level = new Signals().level("l", "count");
        TimeWeighted w = new TimeWeighted();
        level.subscribe(w);
        level.emit(10, 2);
        List<Double> heard = new ArrayList<>();
        level.subscribe((t, v) -> heard.add(v));
        level.emit(20, 5);
        assertThat(w.integral(30)).isEqualTo(2 * 10 + 5 * 10);
        assertThat(heard).containsExactly(5.0);

        Signal latency = new Signals().observation("h", "ns");
        LatencyHistogram h = new LatencyHistogram();
        latency.subscribe(h);
        latency.emit(1, 7);
        Tally t = new Tally();
        latency.subscribe(t);
        latency.emit(2, 9);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.maxNs()).isEqualTo(9);
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.mean()).isEqualTo(9);
    }
}
