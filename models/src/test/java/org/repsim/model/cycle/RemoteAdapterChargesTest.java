package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.S;

import org.junit.jupiter.api.Test;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.Durations;
import org.repsim.model.cycle.rules.CycleRecord;

/**
 * docs/model.md §5, §7a, brute force: in cycle mode the primary's remote adapters are busy for
 * Σ (overhead + wire bytes ÷ port speed) over every transfer it sent — each slot and each commit —
 * the secondary's for the same sum plus one overhead per acknowledgement it sent back, and each
 * box's compression pool for Σ bytes ÷ throughput. The transfers are counted on the link (its
 * {@code sentBytes} observations), their number checked against the cycles' slots and commits.
 */
class RemoteAdapterChargesTest {
    private static final long OVERHEAD = 30_000;   // CycleFixture's remote adapter service time
    private static final int ADAPTERS = 2;

    @Test
    void adapterAndCompressionBusyTimeIsTheSumOverTheTransfersSent() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.applyPool = "apply";
        k.remotePortBps = 1.5e9;
        k.slotHeaderBytes = 512;    // slots (4 KiB blocks + 512), commits (256) and acks (64): all even
        k.linkCompression = 2;      // so each transfer's bytes are exactly twice its wire bytes
        k.compressionBps = 7e8;
        k.zipfExponent = 1.1;       // rewrites fold, slots carry several blocks
        k.writesPerSecond = 3_000;
        CycleFixture f = new CycleFixture(k);
        long[] out = new long[3];   // transfers, Σ adapter ns, Σ compression ns
        long[] back = new long[1];
        f.signals.find("link.wan0.p-s.sentBytes").subscribe((t, wire) -> {
            long w = (long) wire;
            out[0]++;
            out[1] += OVERHEAD + Durations.transferNs(w, k.remotePortBps);
            out[2] += Durations.transferNs(2 * w, k.compressionBps);
        });
        f.signals.find("link.wan0.s-p.sentBytes").subscribe((t, wire) -> back[0]++);
        TimeWeighted busyP = busy(f, "box.P.remoteAdapters.busy");
        TimeWeighted busyS = busy(f, "box.S.remoteAdapters.busy");
        TimeWeighted zipP = busy(f, "box.P.zip.busy");
        TimeWeighted zipS = busy(f, "box.S.zip.busy");
        f.writes(0, 6 * S);
        f.runUntil(20 * S);
        long end = f.kernel.now();

        long slots = 0;
        long commits = 0;
        for (CycleRecord r : f.records(f.session)) {
            slots += r.slots();
            commits += r.commitAckNs() != CycleRecord.NOT_YET ? 1 : 0;
        }
        assertThat(commits).isGreaterThanOrEqualTo(5);
        assertThat(out[0]).as("every slot and every commit crossed the link").isEqualTo(slots + commits);
        assertThat(back[0]).as("one acknowledgement per commit").isEqualTo(commits);
        assertThat(f.session.conservation().holds()).isTrue();

        assertThat(busyP.integral(end)).isEqualTo((double) out[1]);
        assertThat(busyS.integral(end)).isEqualTo((double) (out[1] + back[0] * OVERHEAD));
        assertThat(zipP.integral(end)).isEqualTo((double) out[2]);
        assertThat(zipS.integral(end)).isEqualTo((double) out[2]);
        // what the run reports: utilisation × duration × servers is that busy time
        double utilization = busyP.average(end) / ADAPTERS;
        assertThat(utilization * end * ADAPTERS).isCloseTo(out[1], org.assertj.core.data.Offset.offset(1e-3 * out[1] / 1e9));
    }

    private static TimeWeighted busy(CycleFixture f, String signal) {
        TimeWeighted w = new TimeWeighted(0, 0);
        f.signals.find(signal).subscribe(w::update);
        return w;
    }
}
