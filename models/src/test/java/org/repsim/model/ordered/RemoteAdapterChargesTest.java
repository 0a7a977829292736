package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.Durations;

/**
 * docs/model.md §4, §7a, brute force: in ordered mode the primary's remote adapters are busy for
 * Σ (overhead + bytes ÷ port speed) over the write commands it sent, the secondary's for the same
 * sum plus one overhead per acknowledgement; the commands are counted on the link, their number
 * checked against the subtasks written. Three ports with unequal jobs still deliver each task's
 * subtasks in order.
 */
class RemoteAdapterChargesTest {
    private static final long OVERHEAD = 500;   // OrderedFixture's remote adapter service time

    @Test
    void adapterBusyTimeIsTheSumOverTheCommandsSent() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.remoteAdapters = 3;
            s.remotePortBps = 3e9;
            s.prepareCv = 1.0;
            s.prepareMeanNs = 40_000;
        }));
        long[] out = new long[2];   // commands, Σ adapter ns
        long[] back = new long[1];
        f.signals.find("link.wan0.p-s.sentBytes").subscribe((t, wire) -> {
            out[0]++;
            out[1] += OVERHEAD + Durations.transferNs((long) wire, 3e9);
        });
        f.signals.find("link.wan0.s-p.sentBytes").subscribe((t, wire) -> back[0]++);
        TimeWeighted busyP = busy(f, "box.P.remoteAdapters.busy");
        TimeWeighted busyS = busy(f, "box.S.remoteAdapters.busy");
        f.writeEvery(0, 200_000, 3, 5_000);
        var metrics = f.run(3_000_000_000L);
        long end = f.kernel.now();

        assertThat(out[0]).isEqualTo(15_000).isEqualTo(metrics.get("ordered.written").longValue());
        assertThat(back[0]).isEqualTo(out[0]);
        assertThat(metrics.get("ordered.outOfOrder")).isZero();
        assertThat(busyP.integral(end)).isEqualTo((double) out[1]);
        assertThat(busyS.integral(end)).isEqualTo((double) (out[1] + back[0] * OVERHEAD));
    }

    private static TimeWeighted busy(OrderedFixture f, String signal) {
        TimeWeighted w = new TimeWeighted(0, 0);
        f.signals.find(signal).subscribe(w::update);
        return w;
    }
}
