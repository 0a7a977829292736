package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.measure.SignalKeys;

/**
 * docs/model.md §1, §7a: a replication transfer costs the sender's and the receiver's remote
 * adapters overhead + wire bytes ÷ port speed each, (de)compression pools bytes ÷ throughput on
 * links that compress, and an acknowledgement the overhead of the receiver's job for the transfer
 * it answers; transfers leave each stage in the order they were sent.
 */
class RemotePathTest {
    private static final long TRACK = 128 * 1024;
    private static final long OVERHEAD_P = 20_000;
    private static final long OVERHEAD_S = 30_000;
    private static final double PORT_P = 2e9;   // 16 Gbit/s
    private static final double PORT_S = 1e9;   // 8 Gbit/s
    private static final double LINK_BPS = 125e6;
    private static final long DELAY = 250_000;

    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);
    private final Site p = new Site("p");
    private final Site s = new Site("s");

    private Box box(String name, Site site, int adapters, long overhead, double portBps) {
        DiskGroup d = new DiskGroup(kernel, signals, "box." + name + ".d", 4, DiskModel.ssd(1_000, 1e9), 1);
        return new Box(kernel, signals, name, site, new Box.PoolConfig(1, Distributions.deterministic(1_000)),
                new Box.PoolConfig(adapters, Distributions.deterministic(overhead), portBps),
                new Box.CacheConfig(1L << 30, TRACK, 0.5, 4), List.of(d));
    }

    private WanLink link(double compression) {
        return new WanLink(kernel, signals, "link.wan", p, s, new LinkConfig(LINK_BPS, DELAY, 0, 0, compression));
    }

    /** The time integral of a pool's busy servers: the sum of its jobs' service times. */
    private TimeWeighted busy(Processor pool) {
        TimeWeighted w = new TimeWeighted(0, 0);
        signals.get(pool.name(), SignalKeys.Processor.BUSY).subscribe(w);
        return w;
    }

    @Test
    void anIdleTransferCostsBothAdaptersItsOverheadPlusBytesOverPortSpeed() {
        Box primary = box("P", p, 2, OVERHEAD_P, PORT_P);
        Box secondary = box("S", s, 2, OVERHEAD_S, PORT_S);
        WanLink wan = link(1);
        TimeWeighted busyP = busy(primary.remoteAdapters());
        TimeWeighted busyS = busy(secondary.remoteAdapters());
        RemotePath path = RemotePath.between(primary, secondary, wan.from(p));
        long b = 8_192 + 512;
        kernel.at(1_000, () -> path.send(b, log.on("delivered")));
        kernel.runUntil(1_000_000_000);
        long sender = OVERHEAD_P + Durations.transferNs(b, PORT_P);     // 20 000 + 4 352
        long receiver = OVERHEAD_S + Durations.transferNs(b, PORT_S);   // 30 000 + 8 704
        long expected = 1_000 + sender + Durations.transferNs(b, LINK_BPS) + DELAY + receiver;
        assertThat(expected).isEqualTo(1_000 + 24_352 + 69_632 + 250_000 + 38_704);
        assertThat(log.lines()).containsExactly(expected + " delivered");
        assertThat(busyP.integral(kernel.now())).isEqualTo(sender);
        assertThat(busyS.integral(kernel.now())).isEqualTo(receiver);
        assertThat(path.inTransit()).isZero();
    }

    @Test
    void anAcknowledgedTransferAlsoCostsTheReceiverTheAcknowledgementsOverhead() {
        Box primary = box("P", p, 1, OVERHEAD_P, PORT_P);
        Box secondary = box("S", s, 1, OVERHEAD_S, PORT_S);
        WanLink wan = link(1);
        TimeWeighted busyP = busy(primary.remoteAdapters());
        TimeWeighted busyS = busy(secondary.remoteAdapters());
        RemotePath path = RemotePath.between(primary, secondary, wan.from(p));
        long b = 4_096 + 512;
        kernel.at(0, () -> path.sendAcknowledged(b, log.on("delivered")));
        kernel.runUntil(1_000_000_000);
        long sender = OVERHEAD_P + Durations.transferNs(b, PORT_P);
        long receiver = OVERHEAD_S + Durations.transferNs(b, PORT_S) + OVERHEAD_S;
        assertThat(log.lines()).containsExactly((sender + Durations.transferNs(b, LINK_BPS) + DELAY + receiver) + " delivered");
        assertThat(busyP.integral(kernel.now())).isEqualTo(sender);
        assertThat(busyS.integral(kernel.now())).isEqualTo(receiver);
    }

    @Test
    void compressionCostsBytesOverThroughputOnBothEndsAndAdaptersMoveTheWireBytes() {
        Box primary = box("P", p, 1, OVERHEAD_P, PORT_P);
        Box secondary = box("S", s, 1, OVERHEAD_S, PORT_S);
        primary.addProcessor("zip", 1, Distributions.deterministic(1));
        secondary.addProcessor("zip", 1, Distributions.deterministic(1));
        double zipP = 4e8;
        double zipS = 8e8;
        primary.setCompression("zip", zipP);
        secondary.setCompression("zip", zipS);
        WanLink wan = link(3);
        TimeWeighted compress = busy(primary.processor("zip"));
        TimeWeighted decompress = busy(secondary.processor("zip"));
        RemotePath path = RemotePath.between(primary, secondary, wan.from(p));
        long b = 100_001;
        long wire = 33_334; // ceil(100 001 / 3)
        kernel.at(0, () -> path.send(b, log.on("delivered")));
        kernel.runUntil(1_000_000_000);
        long expected = Durations.transferNs(b, zipP) + OVERHEAD_P + Durations.transferNs(wire, PORT_P)
                + Durations.transferNs(wire, LINK_BPS) + DELAY
                + OVERHEAD_S + Durations.transferNs(wire, PORT_S) + Durations.transferNs(b, zipS);
        assertThat(log.lines()).containsExactly(expected + " delivered");
        assertThat(compress.integral(kernel.now())).isEqualTo(Durations.transferNs(b, zipP)); // 250 003 ns
        assertThat(decompress.integral(kernel.now())).isEqualTo(Durations.transferNs(b, zipS));
    }

    @Test
    void withoutLinkCompressionTheCompressionPoolIsNotUsed() {
        Box primary = box("P", p, 1, OVERHEAD_P, PORT_P);
        Box secondary = box("S", s, 1, OVERHEAD_S, PORT_S);
        primary.addProcessor("zip", 1, Distributions.deterministic(1));
        primary.setCompression("zip", 4e8);
        TimeWeighted compress = busy(primary.processor("zip"));
        RemotePath path = RemotePath.between(primary, secondary, link(1).from(p));
        kernel.at(0, () -> path.send(10_000, log.on("delivered")));
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).hasSize(1);
        assertThat(compress.integral(kernel.now())).isZero();
    }

    @Test
    void transfersLeaveInSendOrderWhateverTheirAdapterTimes() {
        // two ports on each side: a 1 MiB transfer then 1 KiB ones start together; the small ones'
        // jobs end first, yet each stage hands transfers on in send order
        Box primary = box("P", p, 2, OVERHEAD_P, PORT_P);
        Box secondary = box("S", s, 2, OVERHEAD_S, PORT_S);
        WanLink wan = link(1);
        TimeWeighted busyP = busy(primary.remoteAdapters());
        TimeWeighted busyS = busy(secondary.remoteAdapters());
        RemotePath path = RemotePath.between(primary, secondary, wan.from(p));
        long[] sizes = {1L << 20, 1_024, 1_024, 4_096, 1L << 19, 512};
        kernel.at(0, () -> {
            for (int i = 0; i < sizes.length; i++) {
                path.send(sizes[i], log.on("t" + i));
            }
        });
        kernel.runUntil(10_000_000_000L);
        assertThat(log.lines()).extracting(l -> l.substring(l.indexOf(' ') + 1))
                .containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
        long sumP = 0;
        long sumS = 0;
        for (long b : sizes) {
            sumP += OVERHEAD_P + Durations.transferNs(b, PORT_P);
            sumS += OVERHEAD_S + Durations.transferNs(b, PORT_S);
        }
        assertThat(busyP.integral(kernel.now())).isEqualTo(sumP);
        assertThat(busyS.integral(kernel.now())).isEqualTo(sumS);
    }

    @Test
    void aPathFollowsItsLinkFromTheSenderToTheReceiver() {
        Box primary = box("P", p, 1, OVERHEAD_P, PORT_P);
        Box secondary = box("S", s, 1, OVERHEAD_S, PORT_S);
        WanLink wan = link(1);
        assertThatThrownBy(() -> RemotePath.between(primary, secondary, wan.from(s))).hasMessageContaining("does not lead");
        assertThatThrownBy(() -> primary.setCompression("nope", 1e9)).hasMessageContaining("no processor pool nope");
    }
}
