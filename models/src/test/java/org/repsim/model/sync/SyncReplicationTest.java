package org.repsim.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.Durations;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.RateProfile;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

class SyncReplicationTest {

    private static long idleWriteLatency(double km, long sizeBytes) {
        return idleWriteLatency(km, sizeBytes, 1);
    }

    private static long idleWriteLatency(double km, long sizeBytes, int roundTrips) {
        SyncFixture f = new SyncFixture(km, roundTrips);
        Tally latency = new Tally();
        f.signals.find("host.write.latency").subscribe((t, v) -> latency.add(v));
        f.kernel.at(1_000, () -> f.host.issue(f.host.newIo(f.primaryVolume, 42, 1, sizeBytes, true, 0, -1), io -> { }));
        f.kernel.runUntil(1_000_000_000);
        assertThat(latency.count()).isEqualTo(1);
        assertThat(f.secondary.cache().isWritePending(f.secondaryVolume.firstTrack() + 42)
                || f.secondary.cache().isResident(f.secondaryVolume.firstTrack() + 42)).isTrue();
        return (long) latency.max();
    }

    @Test
    void idleWriteLatencyIsTheSumOfItsParts() {
        long delay = Durations.fibreDelayNs(100);
        long bytes = 8_192 + SyncFixture.HEADER_BYTES;
        // docs/model.md §3, §7a: each remote adapter costs overhead + bytes ÷ port speed for the write,
        // the secondary's its overhead again for the acknowledgement
        long adapter = SyncFixture.REMOTE_ADAPTER_NS + Durations.transferNs(bytes, SyncFixture.REMOTE_PORT_BPS);
        long expected = SyncFixture.HOST_ADAPTER_NS                                         // local cache write
                + adapter                                                                     // primary's remote adapter
                + Durations.transferNs(bytes, SyncFixture.LINK_BPS)                          // transfer
                + delay                                                                       // to the secondary
                + adapter                                                                     // secondary's remote adapter
                + SyncFixture.REMOTE_ADAPTER_NS                                               // the ack leaves its adapter
                + Durations.transferNs(SyncFixture.ACK_BYTES, SyncFixture.LINK_BPS)          // ack serialisation
                + delay;                                                                      // back
        assertThat(expected).isEqualTo(50_000 + (30_000 + 8_704) + 69_632 + 500_000 + (30_000 + 8_704) + 30_000
                + 1_024 + 500_000);
        assertThat(idleWriteLatency(100, 8_192)).isEqualTo(expected);
    }

    @Test
    void plainFcpAddsACommandRoundTripBeforeTheData() {
        long delay = Durations.fibreDelayNs(100);
        // roundTrips 2 (docs/model.md §3): command (header) out, transfer-ready (ack size) back, then as with 1
        long extra = Durations.transferNs(SyncFixture.HEADER_BYTES, SyncFixture.LINK_BPS) + delay
                + Durations.transferNs(SyncFixture.ACK_BYTES, SyncFixture.LINK_BPS) + delay;
        assertThat(idleWriteLatency(100, 8_192, 2) - idleWriteLatency(100, 8_192, 1)).isEqualTo(extra);
        assertThat(idleWriteLatency(100, 8_192, 3) - idleWriteLatency(100, 8_192, 1)).isEqualTo(2 * extra);
    }

    @Test
    void latencyGrowsByTenMicrosecondsPerKilometre() {
        long near = idleWriteLatency(10, 4_096);
        long far = idleWriteLatency(1_010, 4_096);
        assertThat(far - near).isEqualTo(10_000L * 1_000);
    }

    @Test
    void readsAreServedLocallyAndNeverReplicated() {
        SyncFixture f = new SyncFixture(100);
        long[] sent = {0};
        f.signals.find("link.wan.p-s.sentBytes").subscribe((t, v) -> sent[0] += (long) v);
        Tally readLatency = new Tally();
        f.signals.find("host.read.latency").subscribe((t, v) -> readLatency.add(v));
        f.kernel.at(0, () -> f.host.issue(f.host.newIo(f.primaryVolume, 7, 1, 4_096, false, 0, -1), io -> { }));
        f.kernel.at(10_000_000, () -> f.host.issue(f.host.newIo(f.primaryVolume, 7, 1, 4_096, false, 0, -1), io -> { }));
        f.kernel.runUntil(1_000_000_000);
        assertThat(sent[0]).isZero();
        // miss: host adapter + ssd reading the whole 128 KiB track (100 µs + 131 072 ns); hit: host adapter only
        assertThat(readLatency.max()).isEqualTo(50_000 + 100_000 + 131_072);
        assertThat(readLatency.min()).isEqualTo(50_000);
    }

    @Test
    void writesToUnpairedVolumesAreAcknowledgedAtOnce() {
        SyncFixture f = new SyncFixture(100);
        var other = f.primary.addVolume("unpaired", 10, 0);
        Tally latency = new Tally();
        f.signals.find("host.write.latency").subscribe((t, v) -> latency.add(v));
        f.kernel.at(0, () -> f.host.issue(f.host.newIo(other, 0, 1, 4_096, true, 0, -1), io -> { }));
        f.kernel.runUntil(1_000_000_000);
        assertThat(latency.max()).isEqualTo(SyncFixture.HOST_ADAPTER_NS);
    }

    @Test
    void pairsAreChecked() {
        SyncFixture f = new SyncFixture(100);
        assertThatThrownBy(() -> f.sync.addPair(f.primaryVolume, f.secondaryVolume, f.link))
                .hasMessageContaining("already paired");
        assertThatThrownBy(() -> f.sync.addPair(f.secondaryVolume, f.primaryVolume, f.link))
                .hasMessageContaining("not on primary box");
        var small = f.secondary.addVolume("small", 5, 0);
        var big = f.primary.addVolume("big", 50, 0);
        assertThatThrownBy(() -> f.sync.addPair(big, small, f.link)).hasMessageContaining("smaller");
    }

    /** The time-integral of a level and the sum of an observation, both ending when the run drained. */
    private static final class LittleProbe {
        final String name;
        final TimeWeighted inSystem = new TimeWeighted(0, 0);
        final Tally timeInSystem = new Tally();

        LittleProbe(SyncFixture f, String level, String observation) {
            this.name = level;
            f.signals.find(level).subscribe(inSystem::update);
            f.signals.find(observation).subscribe((t, v) -> timeInSystem.add(v));
        }
    }

    /**
     * Little's law L = λW on every queue of a sync run. The run starts empty, arrivals stop at 2 s
     * and it runs until every queue drained, so on this sample path the identity is exact:
     * ∫ N(t) dt over [0, T] = Σ (time in system) of the n jobs, i.e. (area / T) = (n / T) × mean W.
     * Only floating-point rounding separates the two sides (relative 1e-9).
     */
    @Test
    void littlesLawHoldsOnEveryQueueOfASyncRun() {
        SyncFixture f = new SyncFixture(200);
        List<LittleProbe> probes = new ArrayList<>();
        // every queue that carries traffic: the primary's host adapters, both boxes' remote
        // adapters, both back ends (reads, destages), both link directions, and the host itself
        probes.add(new LittleProbe(f, "box.P.hostAdapters.inSystem", "box.P.hostAdapters.response"));
        probes.add(new LittleProbe(f, "box.P.remoteAdapters.inSystem", "box.P.remoteAdapters.response"));
        probes.add(new LittleProbe(f, "box.S.remoteAdapters.inSystem", "box.S.remoteAdapters.response"));
        for (String box : List.of("box.P", "box.S")) {
            probes.add(new LittleProbe(f, box + ".dg0.inSystem", box + ".dg0.response"));
        }
        probes.add(new LittleProbe(f, "link.wan.p-s.inSystem", "link.wan.p-s.transferTime"));
        probes.add(new LittleProbe(f, "link.wan.s-p.inSystem", "link.wan.s-p.transferTime"));
        LittleProbe host = new LittleProbe(f, "host.outstanding", "host.write.latency");
        f.signals.find("host.read.latency").subscribe((t, v) -> host.timeInSystem.add(v));
        probes.add(host);

        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(99, 0), "oltp");
        IoGenerator gen = new IoGenerator(f.host, List.of(f.primaryVolume), VolumeChoice.ROUND_ROBIN, 0.3,
                Distributions.choice(streams.size(), new double[] {4_096, 16_384, 65_536}, new double[] {0.5, 0.3, 0.2}),
                AddressPattern.zipf(streams.address(), 0.9), streams);
        new OpenLoopWorkload("oltp", f.kernel, gen, ArrivalProcess.poisson(streams.arrival(), 8_000), RateProfile.constant())
                .start(0, 2_000_000_000L);
        f.kernel.runUntil(10_000_000_000L);
        long end = f.kernel.now();
        assertThat(f.kernel.pendingEvents()).isZero();
        assertThat(f.host.outstanding()).isZero();
        for (LittleProbe p : probes) {
            double area = p.inSystem.integral(end);
            double sum = p.timeInSystem.sum();
            assertThat(p.timeInSystem.count()).as(p.name).isGreaterThan(1_000);
            assertThat(p.inSystem.current()).as(p.name + " drained").isZero();
            assertThat(area).as(p.name).isCloseTo(sum, withPercentage(1e-7));
            // λ = n / T and W = mean time in system give the time-average number in system
            double lambdaW = p.timeInSystem.count() / (double) end * p.timeInSystem.mean();
            assertThat(p.inSystem.average(end)).as(p.name).isCloseTo(lambdaW, withPercentage(1e-7));
        }
    }

    /**
     * Memory must not grow with simulated time (docs/performance.md "Memory"): after 1 s and after 10 s of
     * a 10 000 IOPS sync run, the pending events, outstanding I/Os and cache residency are of the
     * same order (steady state, not growing with the 90 000 extra I/Os), and the heap retained after
     * a full GC grows by less than 8 bytes per extra I/O — a leak of one object per I/O (≥ 16 bytes)
     * would exceed it.
     */
    @Test
    void retainedStateDoesNotGrowWithSimulatedTime() {
        SyncFixture f = new SyncFixture(100);
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(5, 0), "w");
        IoGenerator gen = new IoGenerator(f.host, List.of(f.primaryVolume), VolumeChoice.ROUND_ROBIN, 0.2,
                Distributions.deterministic(8_192), AddressPattern.uniform(streams.address()), streams);
        new OpenLoopWorkload("w", f.kernel, gen, ArrivalProcess.poisson(streams.arrival(), 10_000), null)
                .start(0, Long.MAX_VALUE);
        f.kernel.runUntil(1_000_000_000L);
        int pendingShort = f.kernel.pendingEvents();
        long issuedShort = f.host.issued();
        long heapShort = usedHeapAfterGc();
        f.kernel.runUntil(10_000_000_000L);
        int pendingLong = f.kernel.pendingEvents();
        long issuedLong = f.host.issued();
        long heapLong = usedHeapAfterGc();
        long extraIos = issuedLong - issuedShort;
        assertThat(extraIos).isGreaterThan(80_000);
        assertThat(pendingLong).isLessThan(pendingShort * 3 + 50);
        assertThat(f.host.outstanding()).isLessThan(100);
        assertThat(f.primary.cache().residentTracks()).isLessThanOrEqualTo(f.primary.cache().slots());
        assertThat(heapLong - heapShort).as("heap growth over %d I/Os", extraIos).isLessThan(8 * extraIos);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
