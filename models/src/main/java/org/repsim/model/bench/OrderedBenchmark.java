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
import org.repsim.model.algo.ordering.OrderedDispatcher;
import org.repsim.model.ordered.OrderedConfig;
import org.repsim.model.ordered.OrderedReplication;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/**
 * Benchmark (a program, not a test): an ordered asynchronous pair (DOMAIN §4, host writes as
 * tasks) between two boxes 100 km apart, driven by 10 000 write IOPS of Poisson host writes
 * (8 KiB, 128 KiB or 512 KiB = 1–4 tracks, Zipf addresses; ≈ 0.84 GB/s on a 1.25 GB/s link), preparation pool of 8 with lognormal service
 * (mean 20 µs, CV 2), run single-threaded. Prints simulated host writes per wall-clock second.
 *
 * <p>Usage: {@code OrderedBenchmark [simulatedSeconds]} (default 60).
 */
public final class OrderedBenchmark {
    private OrderedBenchmark() {
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
        RandomStreams rs = new RandomStreams(2026, 0);
        primary.addProcessor("prepare", 8, Distributions.lognormal(rs.stream("box.P.prepare"), 20_000, 2));
        primary.addProcessor("sender", 2, Distributions.deterministic(5_000));
        OrderedReplication engine = new OrderedReplication(primary, signals,
                OrderedConfig.defaults(OrderedConfig.Source.HOST_TASKS).withScan(OrderedDispatcher.Scan.ALL));
        engine.addPair(pv, sv, link);
        Host host = new Host(kernel, signals);
        LatencyHistogram writeLatency = new LatencyHistogram();
        signals.find("host.write.latency").subscribe((t, v) -> writeLatency.record((long) v));
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(2026, 0), "oltp");
        IoGenerator gen = new IoGenerator(host, List.of(pv), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.choice(streams.size(), new double[] {8_192, 131_072, 524_288}, new double[] {0.7, 0.2, 0.1}), AddressPattern.zipf(streams.address(), 0.9), streams);
        long endNs = (long) (seconds * 1e9);
        new OpenLoopWorkload("oltp", kernel, gen, ArrivalProcess.poisson(streams.arrival(), 10_000), null).start(0, endNs);
        long t0 = System.nanoTime();
        kernel.runUntil(endNs);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (print) {
            long ios = host.issued();
            System.out.printf(Locale.ROOT, "simulated %.0f s: %d host writes, %d subtasks written, %d events in %.2f s wall%n",
                    seconds, ios, engine.written(), kernel.eventsFired(), wall);
            System.out.printf(Locale.ROOT, "%.0f host writes per wall-clock second (%.0f subtasks/s, %.0f events/s)%n",
                    ios / wall, engine.written() / wall, kernel.eventsFired() / wall);
            System.out.printf(Locale.ROOT, "out-of-order arrivals %d, reorder depth now %d%n", engine.outOfOrder(), engine.reorderDepth());
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
