package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.MS;
import static org.repsim.model.cycle.CycleFixture.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.RecordedMetrics;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.cycle.rules.CachePressure;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SwitchRules;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/** One primary box replicating two volumes to two secondary boxes: routing and combined recording. */
class SessionRouterTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();

    private Box box(String name, Site site) {
        DiskGroup dg = new DiskGroup(kernel, signals, "box." + name + ".dg0", 8, DiskModel.ssd(100_000, 1e9), 2);
        return new Box(kernel, signals, name, site, new Box.PoolConfig(4, Distributions.deterministic(20_000)),
                new Box.PoolConfig(2, Distributions.deterministic(30_000)),
                new Box.CacheConfig(1L << 30, 128 * 1024, 0.5, 64), List.of(dg));
    }

    @Test
    void eachVolumeReplicatesThroughItsOwnSessionAndRecordingCombinesThem() {
        Site p = new Site("p");
        Site a = new Site("a");
        Site b = new Site("b");
        Box primary = box("P", p);
        Box sa = box("A", a);
        Box sb = box("B", b);
        Volume v1 = primary.addVolume("v1", 10_000, 0);
        Volume v2 = primary.addVolume("v2", 10_000, 0);
        Volume w1 = sa.addVolume("v1", 10_000, 0);
        Volume w2 = sb.addVolume("v2", 10_000, 0);
        WanLink la = new WanLink(kernel, signals, "link.a", p, a, LinkConfig.of(125e6, MS));
        WanLink lb = new WanLink(kernel, signals, "link.b", p, b, LinkConfig.of(125e6, 2 * MS));
        CachePressure pressure = new CachePressure(1L << 28, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE);
        CycleSession s1 = new CycleSession(kernel, signals, primary, sa, List.of(la),
                CycleConfig.of("toA", SwitchRules.legacy(300 * MS), pressure, -1));
        s1.addPair(v1, w1);
        CycleSession s2 = new CycleSession(kernel, signals, primary, sb, List.of(lb),
                CycleConfig.of("toB", SwitchRules.multiCycle(500 * MS, 2), pressure, -1));
        s2.addPair(v2, w2);
        new SessionRouter(primary, List.of(s1, s2));
        Recording rec = new Recording();
        CycleRecording cr = CycleRecording.register(rec, signals, List.of(s1, s2), kernel);
        Host host = new Host(kernel, signals);
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(3, 0), "w");
        IoGenerator gen = new IoGenerator(host, List.of(v1, v2), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.deterministic(4_096), AddressPattern.uniform(streams.address()), streams);
        new OpenLoopWorkload("w", kernel, gen, ArrivalProcess.poisson(streams.arrival(), 1_000), null).start(0, 3 * S);
        kernel.runUntil(4 * S);

        assertThat(s1.switcher().writes() + s2.switcher().writes()).isEqualTo(host.issued());
        assertThat(s1.switcher().writes()).isBetween(host.issued() / 2 - 1, host.issued() / 2 + 1);
        assertThat(s1.receiver().appliedBytes()).isEqualTo(s1.switcher().bytesAfterFolding());
        assertThat(s2.receiver().appliedBytes()).isEqualTo(s2.switcher().bytesAfterFolding());
        assertThat(s1.conservation().holds()).isTrue();
        assertThat(s2.conservation().holds()).isTrue();

        Table t = cr.cycles();
        long rowsA = t.rows().stream().filter(r -> r[1] == 0).count();
        long rowsB = t.rows().stream().filter(r -> r[1] == 1).count();
        assertThat(rowsA).isEqualTo(s1.switcher().cyclesClosed()).isGreaterThanOrEqualTo(9);
        assertThat(rowsB).isEqualTo(s2.switcher().cyclesClosed()).isGreaterThanOrEqualTo(5);
        double count = RecordedMetrics.value(rec, kernel.now(), "cycle.count");
        assertThat(count).isEqualTo(rowsA + rowsB);
        // the recovery-point lag is the recoverable image's (docs/model.md §7, recorded with a group), never a session's
        assertThat(rec.metrics(kernel.now())).extracting(Metric::name).noneMatch(n -> n.startsWith("rpo."));
    }
}
