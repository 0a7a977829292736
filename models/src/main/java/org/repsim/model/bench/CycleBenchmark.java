package org.repsim.model.bench;

import java.util.List;
import java.util.Locale;
import org.repsim.core.bench.HeapMeter;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.core.result.Metric;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.algo.cycle.CachePressure;
import org.repsim.model.algo.cycle.PressurePolicy;
import org.repsim.model.algo.cycle.SwitchRules;
import org.repsim.model.cycle.CycleConfig;
import org.repsim.model.cycle.CycleRecording;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/**
 * Benchmark (a program, not a test): a cycle-mode session between two boxes 100 km apart
 * (10 Gbit/s link, legacy switching every 10 s), driven by 50 000 Poisson host writes per second
 * of 8 KiB over Zipf(0.9) addresses on 10^6 tracks, run single-threaded. Prints simulated host
 * writes per wall-clock second, events per second and the peak heap.
 *
 * <p>Usage: {@code CycleBenchmark [simulatedSeconds]} (default 60).
 */
public final class CycleBenchmark {
    private CycleBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        run(10, false); // JIT warm-up
        HeapMeter.reset();
        run(seconds, true);
    }

    private static void run(double seconds, boolean print) {
        SimulationKernel kernel = DsolKernel.create();
        Signals signals = new Signals();
        Site p = new Site("primary");
        Site s = new Site("secondary");
        Box primary = box(kernel, signals, "P", p);
        Box secondary = box(kernel, signals, "S", s);
        WanLink link = new WanLink(kernel, signals, "link.wan", p, s, LinkConfig.overDistance(1.25e9, 100));
        Volume pv = primary.addVolume("data", 1_000_000, 0);
        Volume sv = secondary.addVolume("data", 1_000_000, 0);
        long limit = CachePressure.sessionLimitBytes(primary.cache().capacityBytes(), 0.5, 0.5);
        CachePressure pressure = new CachePressure(limit, 0, List.of(PressurePolicy.PACE), 60_000_000_000L);
        CycleSession session = new CycleSession(kernel, signals, primary, secondary, List.of(link),
                CycleConfig.of("r1", SwitchRules.legacy(10_000_000_000L), pressure, -1));
        session.addPair(pv, sv);
        Host host = new Host(kernel, signals);
        Recording rec = new Recording();
        rec.latency(signals.find("host.write.latency"), "host.write.latency");
        CycleRecording.register(rec, signals, List.of(session), kernel, 30_000_000_000L);
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(2026, 0), "oltp");
        IoGenerator gen = new IoGenerator(host, List.of(pv), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.deterministic(8_192), AddressPattern.zipf(streams.address(), 0.9), streams);
        long endNs = (long) (seconds * 1e9);
        new OpenLoopWorkload("oltp", kernel, gen, ArrivalProcess.poisson(streams.arrival(), 50_000), null).start(0, endNs);
        long t0 = System.nanoTime();
        kernel.runUntil(endNs);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (print) {
            long writes = host.issued();
            System.out.printf(Locale.ROOT, "simulated %.0f s: %d host writes, %d events in %.2f s wall%n",
                    seconds, writes, kernel.eventsFired(), wall);
            System.out.printf(Locale.ROOT, "%.0f host writes per wall-clock second (%.0f events/s)%n",
                    writes / wall, kernel.eventsFired() / wall);
            System.out.printf(Locale.ROOT, "peak heap %.1f MiB%n", HeapMeter.peakBytes() / 1048576.0);
            for (Metric m : rec.metrics(kernel.now())) {
                if (m.name().startsWith("cycle.") || m.name().startsWith("rpo.") || m.name().startsWith("host.write.latency.mean")
                        || m.name().startsWith("cache.")) {
                    System.out.printf(Locale.ROOT, "  %s = %.4g %s%n", m.name(), m.value(), m.unit());
                }
            }
            System.out.println("  conservation " + session.conservation());
        }
    }

    private static Box box(SimulationKernel kernel, Signals signals, String name, Site site) {
        DiskGroup disks = new DiskGroup(kernel, signals, "box." + name + ".dg0", 32, DiskModel.ssd(50_000, 2e9), 2);
        return new Box(kernel, signals, name, site,
                new Box.PoolConfig(8, Distributions.exponential(
                        new RandomStreams(2026, 0).stream("box." + name + ".hostAdapters"), 40_000)),
                new Box.PoolConfig(8, Distributions.deterministic(10_000)),
                new Box.CacheConfig(64L << 30, 128 * 1024, 0.5, 64), List.of(disks));
    }
}
