package org.repsim.model.ordered;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStream;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.random.Sampler;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;
import org.repsim.model.ordered.OrderedConfig.Source;
import org.repsim.model.ordered.OrderedConfig.Spread;
import org.repsim.model.workload.Host;

/**
 * A complete two-box ordered topology in Java: primary box P (pools {@code prepare} and
 * {@code sender}) and secondary S, one volume each, {@code ports} links between the sites, an
 * {@link OrderedReplication} engine, a {@link Recording} with {@link OrderedRecording}, and a
 * deterministic write driver (fixed interval, sequential addresses, fixed size).
 */
final class OrderedFixture {
    static final long TRACK = 128 * 1024;

    /** Knobs of the fixture; defaults are a fast, deterministic system. */
    static final class Setup {
        Source source = Source.HOST_TASKS;
        Scan scan = Scan.HEAD;
        Ordering ordering = Ordering.ON;
        Spread spread = Spread.PER_TASK;
        int prepareCount = 8;
        double prepareMeanNs = 20_000;
        /** Coefficient of variation of the lognormal preparation time; 0 = deterministic. */
        double prepareCv = 0;
        long senderNs = 1_000;
        long checkNsPerEntry = 0;
        int maxInFlight = 64;
        double linkBps = 1e11;
        long linkDelayNs = 10_000;
        int ports = 1;
        /** Port i's link has delay {@code linkDelayNs + i × portDelayStepNs}. */
        long portDelayStepNs = 0;
        long volumeTracks = 200_000;
        long seed = 1;
        int replication = 0;
        long rpoTargetNs = 1_000_000;
        long passIntervalNs = 0;
        int passMaxTracks = 0;
        int remoteAdapters = 1;
        /** Start with every track out-of-sync (an initial copy pass). */
        boolean initialCopy = false;
        /** Remote adapter port speed of both boxes, B/s; 0: overhead (500 ns) only. */
        double remotePortBps = 0;
        /** Cache of both boxes: size, write-pending limit and policy. */
        long cacheBytes = 4L << 30;
        double writePendingLimit = 0.5;
        org.repsim.model.CachePolicy cachePolicy = org.repsim.model.CachePolicy.DEFAULT;
        OrderedConfig.OnCacheFull onCacheFull = OrderedConfig.OnCacheFull.PACE;

        Setup with(java.util.function.Consumer<Setup> change) {
            change.accept(this);
            return this;
        }
    }

    final Setup setup;
    final SimulationKernel kernel = DsolKernel.create();
    final Signals signals = new Signals();
    final RandomStreams streams;
    final Box primary;
    final Box secondary;
    final List<WanLink> links = new ArrayList<>();
    final Volume primaryVolume;
    final Volume secondaryVolume;
    final OrderedReplication engine;
    final Recording recording = new Recording();
    final OrderedRecording ordered;
    final Host host;
    private long nextTrack;

    OrderedFixture(Setup setup) {
        this.setup = setup;
        this.streams = new RandomStreams(setup.seed, setup.replication);
        Site p = new Site("p");
        Site s = new Site("s");
        primary = box("P", p);
        secondary = box("S", s);
        Sampler prep = setup.prepareCv == 0 ? Distributions.deterministic(setup.prepareMeanNs)
                : Distributions.lognormal(streams.stream("box.P.prepare"), setup.prepareMeanNs, setup.prepareCv);
        primary.addProcessor("prepare", setup.prepareCount, prep);
        primary.addProcessor("sender", 1, Distributions.deterministic(setup.senderNs));
        for (int i = 0; i < setup.ports; i++) {
            links.add(new WanLink(kernel, signals, "link.wan" + i, p, s, LinkConfig.of(setup.linkBps, setup.linkDelayNs + i * setup.portDelayStepNs)));
        }
        primaryVolume = primary.addVolume("v", setup.volumeTracks, 0);
        secondaryVolume = secondary.addVolume("v", setup.volumeTracks, 0);
        OrderedConfig config = new OrderedConfig(setup.source, setup.scan, setup.ordering, "prepare", "sender",
                setup.checkNsPerEntry, setup.maxInFlight, setup.spread, 512, 128,
                setup.passIntervalNs, setup.passMaxTracks, setup.onCacheFull);
        engine = new OrderedReplication(primary, signals, config);
        engine.addPair(primaryVolume, secondaryVolume, links, setup.initialCopy);
        host = new Host(kernel, signals);
        ordered = OrderedRecording.register(recording, signals, List.of(engine), kernel, 0, setup.rpoTargetNs);
        recording.latency(signals.find("host.write.latency"), "host.write.latency");
    }

    private Box box(String name, Site site) {
        DiskGroup disks = new DiskGroup(kernel, signals, "box." + name + ".dg0", 64, DiskModel.ssd(1_000, 1e12), 1);
        return new Box(kernel, signals, name, site,
                new Box.PoolConfig(4, Distributions.deterministic(2_000)),
                new Box.PoolConfig(setup.remoteAdapters, Distributions.deterministic(500), setup.remotePortBps),
                new Box.CacheConfig(setup.cacheBytes, TRACK, setup.writePendingLimit, 256).withPolicy(setup.cachePolicy),
                List.of(disks));
    }

    /**
     * Issues {@code count} writes of {@code tracksPerWrite} whole tracks, one every
     * {@code intervalNs} from {@code startNs}, at sequential addresses (wrapping at the volume end).
     */
    void writeEvery(long startNs, long intervalNs, int tracksPerWrite, long count) {
        long[] left = {count};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (nextTrack + tracksPerWrite > primaryVolume.trackCount()) {
                nextTrack = 0;
            }
            host.issue(host.newIo(primaryVolume, nextTrack, tracksPerWrite, tracksPerWrite * TRACK, true, 0, -1), io -> { });
            nextTrack += tracksPerWrite;
            if (--left[0] > 0) {
                kernel.after(intervalNs, Tie.ARRIVAL, next[0]);
            }
        };
        kernel.at(startNs, Tie.ARRIVAL, next[0]);
    }

    /**
     * Issues {@code count} writes of {@code sizeBytes} (at most a track) at the start of sequential
     * tracks, one every {@code intervalNs} from {@code startNs}; {@code onDone} sees each completion.
     */
    void writeSmallEvery(long startNs, long intervalNs, long sizeBytes, long count, java.util.function.Consumer<org.repsim.model.HostIo> onDone) {
        long[] left = {count};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (nextTrack + 1 > primaryVolume.trackCount()) {
                nextTrack = 0;
            }
            host.issue(host.newIo(primaryVolume, nextTrack, 1, sizeBytes, true, 0, -1), onDone);
            nextTrack++;
            if (--left[0] > 0) {
                kernel.after(intervalNs, Tie.ARRIVAL, next[0]);
            }
        };
        kernel.at(startNs, Tie.ARRIVAL, next[0]);
    }

    /** Writes one track each at Poisson instants of rate {@code perSecond}, uniform addresses, until {@code endNs}. */
    void writePoisson(double perSecond, long endNs) {
        RandomStream arrivals = streams.stream("driver.arrival");
        RandomStream address = streams.stream("driver.address");
        Sampler gap = Distributions.exponential(arrivals, 1e9 / perSecond);
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            long t = address.nextLong(primaryVolume.trackCount());
            host.issue(host.newIo(primaryVolume, t, 1, TRACK, true, 0, -1), io -> { });
            long at = kernel.now() + gap.sampleLong();
            if (at < endNs) {
                kernel.at(at, Tie.ARRIVAL, next[0]);
            }
        };
        kernel.at(gap.sampleLong(), Tie.ARRIVAL, next[0]);
    }

    /** The primary's write-pending limit, bytes. */
    long limitBytes() {
        return primary.cache().writePendingLimitBytes();
    }

    /** Runs to {@code endNs}; fails the run on any rejected (stale or duplicate) subtask. */
    Map<String, Double> run(long endNs) {
        kernel.runUntil(endNs);
        if (engine.rejected() != 0) {
            throw new AssertionError("dispatcher rejected " + engine.rejected() + " subtasks");
        }
        return metrics();
    }

    Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : recording.metrics(kernel.now())) {
            out.put(m.name(), m.value());
        }
        return out;
    }
}
