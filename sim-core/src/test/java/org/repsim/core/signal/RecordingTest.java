package org.repsim.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.result.Metric;
import org.repsim.core.result.TimeSeries;

/** Components emit; the recording decides what becomes metrics and time series. */
class RecordingTest {

    @Test
    void onlySubscribedSignalsAreRecordedAndTimesAreReportedInSeconds() {
        Signals signals = new Signals();
        Signal latency = signals.observation("host.write.latency", "ns");
        Signal queue = signals.level("queue.hostAdapters", "count");
        Signal bytes = signals.count("link.wan.bytes", "bytes");
        Signal ignored = signals.observation("debug.noise", "ns");
        Recording rec = new Recording();
        rec.latency(latency, "host.write.latency");
        rec.level(queue, "queue.hostAdapters", 0);
        rec.count(bytes, "link.wan.bytes");
        assertThat(ignored.isRecorded()).isFalse();
        assertThat(latency.isRecorded()).isTrue();

        latency.emit(10, 2_000_000);
        latency.emit(20, 4_000_000);
        queue.emit(0, 2);
        queue.emit(50, 0);
        bytes.emit(5, 1000);
        bytes.emit(6, 500);
        Map<String, Metric> m = rec.metrics(100).stream().collect(Collectors.toMap(Metric::name, x -> x));
        assertThat(m.get("host.write.latency.mean").value()).isEqualTo(0.003);
        assertThat(m.get("host.write.latency.mean").unit()).isEqualTo("s");
        assertThat(m.get("host.write.latency.max").value()).isEqualTo(0.004);
        assertThat(m.get("queue.hostAdapters.mean").value()).isEqualTo(1.0);
        assertThat(m.get("queue.hostAdapters.max").value()).isEqualTo(2.0);
        assertThat(m.get("link.wan.bytes").value()).isEqualTo(1500);
        assertThat(m).doesNotContainKey("debug.noise.mean");
    }

    @Test
    void sampledColumnsLandInTheTimeSeriesAtEachInterval() {
        SimulationKernel k = DsolKernel.create();
        Recording rec = new Recording();
        long[] level = {0};
        rec.column("level", "count", () -> level[0]);
        int[] resets = {0};
        rec.afterEachSample(() -> resets[0]++);
        for (int i = 1; i <= 10; i++) {
            long v = i;
            k.at(i * 100L, () -> level[0] = v);
        }
        TimeSeries ts = rec.sampleEvery(k, 250, 250, 1000);
        k.runUntil(1000);
        assertThat(ts.rows()).isEqualTo(4);
        assertThat(ts.timeColumn()).containsExactly(250e-9, 500e-9, 750e-9, 1000e-9);
        // samples see the state settled at their instant (OBSERVE runs after NORMAL)
        assertThat(ts.column("level")).containsExactly(2, 5, 7, 10);
        assertThat(resets[0]).isEqualTo(4);
    }

    @Test
    void globMatchesSignalNames() {
        Signals s = new Signals();
        s.level("queue.r1a.hostAdapters", "count");
        s.level("queue.r1b.hostAdapters", "count");
        s.level("link.wan.busy", "count");
        assertThat(s.matching("queue.*.hostAdapters")).hasSize(2);
        assertThat(s.matching("link.*")).extracting(Signal::name).containsExactly("link.wan.busy");
    }
}
