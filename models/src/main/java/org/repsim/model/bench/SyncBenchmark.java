package org.repsim.model.bench;

import java.util.List;
import java.util.Locale;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.LatencyHistogram;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.sync.SyncReplication;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/**
 * Benchmark (a program, not a test): a synchronous pair between two boxes 100 km apart, driven
 * by 20 000 IOPS of Poisson host I/O (70 % writes, 8 KiB, Zipf addresses), run single-threaded.
 * Prints simulated host I/Os per wall-clock second.
 *
 * <p>Usage: {@code SyncBenchmark [simulatedSeconds]} (default 60).
 */
public final class SyncBenchmark {
    private SyncBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        run(5, false); // JIT warm-up
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
        new SyncReplication(primary, 512, 128).addPair(pv, sv, link);
        Host host = new Host(kernel, signals);
        LatencyHistogram writeLatency = new LatencyHistogram();
        signals.find("host.write.latency").subscribe((t, v) -> writeLatency.record((long) v));
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(2026, 0), "oltp");
        IoGenerator gen = new IoGenerator(host, List.of(pv), VolumeChoice.ROUND_ROBIN, 0.3,
                Distributions.deterministic(8_192), AddressPattern.zipf(streams.address(), 0.9), streams);
        long endNs = (long) (seconds * 1e9);
        new OpenLoopWorkload("oltp", kernel, gen, ArrivalProcess.poisson(streams.arrival(), 20_000), null).start(0, endNs);
        long t0 = System.nanoTime();
        kernel.runUntil(endNs);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (print) {
            long ios = host.issued();
            System.out.printf(Locale.ROOT, "simulated %.0f s: %d host I/Os, %d events in %.2f s wall%n",
                    seconds, ios, kernel.eventsFired(), wall);
            System.out.printf(Locale.ROOT, "%.0f host I/Os per wall-clock second (%.0f events/s)%n",
                    ios / wall, kernel.eventsFired() / wall);
            System.out.printf(Locale.ROOT, "mean write latency %.1f µs, p99 %.1f µs%n",
                    writeLatency.meanNs() / 1e3, writeLatency.quantileNs(0.99) / 1e3);
        }
    }

    private static Box box(SimulationKernel kernel, Signals signals, String name, Site site) {
        DiskGroup disks = new DiskGroup(kernel, signals, "box." + name + ".dg0", 32, DiskModel.ssd(50_000, 2e9), 2);
        return new Box(kernel, signals, name, site,
                new Box.PoolConfig(8, Distributions.exponential(
                        new RandomStreams(2026, 0).stream("box." + name + ".hostAdapters"), 40_000)),
                new Box.PoolConfig(8, Distributions.deterministic(30_000)),
                new Box.CacheConfig(16L << 30, 128 * 1024, 0.5, 64), List.of(disks));
    }
}
