package org.repsim.model.consistency;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.random.Sampler;
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
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.ShuttleRules;
import org.repsim.model.cycle.rules.CachePressure;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SwitchRules;
import org.repsim.model.cycle.CycleConfig;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.cycle.HandedOutRecords;
import org.repsim.model.cycle.SlotSizing;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.ClosedLoopWorkload;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/**
 * A complete consistency-group topology in Java: {@code boxes} primary boxes on site p, each
 * replicating one volume to its own secondary box on site s through a {@link CycleSession}, over
 * one shared link or one link per pair; a {@link ConsistencyGroup} over the sessions; a host with
 * closed-loop dependent write streams, each write going to a random box. Service times are small
 * and deterministic; coordinator/shuttle latencies are exponential (own random streams).
 */
final class GroupFixture {
    static final long TRACK = 128 * 1024;
    static final long US = 1_000;
    static final long MS = 1_000_000;
    static final long S = 1_000_000_000;

    /** Scenario knobs. */
    static final class Knobs {
        int boxes = 4;
        ConsistencyMode mode = ConsistencyMode.HOST;
        AckRule ack = AckRule.AFTER_ROUND;
        long minCycleTimeNs = 20 * MS;
        /** Mode none: box i's sessions use minCycleTime × (1 + i × skew) (independent, skewed switching). */
        double noneSkew = 0.37;
        long pollIntervalNs = 2 * MS;
        double messageLatencyMeanNs = 200 * US;
        double hopLatencyMeanNs = 300 * US;
        double visitProcessingMeanNs = 20 * US;
        long minNumberTimeNs = 0;
        boolean sharedLink = true;
        double linkBps = 10e9;
        long delayNs = MS;
        int streams = 64;
        long thinkNs = 0;
        long writeBytes = 4_096;
        long volumeTracks = 1_024;
        long seed = 11;
        long transmitIdleNs = Long.MAX_VALUE;
        /** Each session's cache limit (bytes) and pressure policies. */
        long sessionCacheBytes = 1L << 30;
        List<PressurePolicy> policies = List.of(PressurePolicy.PACE);
        /** Coordinator / gatherer messages take exactly {@code messageLatencyMeanNs} (else exponential). */
        boolean fixedMessageLatency;
    }

    final Knobs knobs;
    final SimulationKernel kernel = DsolKernel.create();
    final Signals signals = new Signals();
    final RandomStreams random;
    final Site primarySite = new Site("p");
    final Site secondarySite = new Site("s");
    final List<Box> primaries = new ArrayList<>();
    final List<Box> secondaries = new ArrayList<>();
    final List<Volume> primaryVolumes = new ArrayList<>();
    final List<WanLink> links = new ArrayList<>();
    final List<CycleSession> sessions = new ArrayList<>();
    final ConsistencyGroup group;
    final Host host;
    final Recording recording = new Recording();
    final ConsistencyRecording groupRecording;
    /** Per session: the records the recording handed out to the cycles table so far, and all of them. */
    final HandedOutRecords cycleRecords;

    GroupFixture(Knobs k) {
        this.knobs = k;
        this.random = new RandomStreams(k.seed, 0);
        if (k.sharedLink) {
            links.add(link("link.wan"));
        }
        for (int i = 0; i < k.boxes; i++) {
            Box p = box("P" + i, primarySite);
            Box s = box("S" + i, secondarySite);
            primaries.add(p);
            secondaries.add(s);
            Volume pv = p.addVolume("v", k.volumeTracks, 0);
            Volume sv = s.addVolume("v", k.volumeTracks, 0);
            primaryVolumes.add(pv);
            List<WanLink> sessionLinks = k.sharedLink ? links : List.of(link("link.wan" + i));
            if (!k.sharedLink) {
                links.addAll(sessionLinks);
            }
            SwitchRules rules = k.mode == ConsistencyMode.NONE
                    ? SwitchRules.legacy((long) (k.minCycleTimeNs * (1 + i * k.noneSkew)))
                    : SwitchRules.external();
            CachePressure pressure = new CachePressure(k.sessionCacheBytes, 0, k.policies, k.transmitIdleNs);
            CycleConfig config = new CycleConfig("r" + i, rules, pressure, -1, SlotSizing.WRITTEN, 64, 64, 64, null, true);
            CycleSession session = new CycleSession(kernel, signals, p, s, sessionLinks, config);
            session.addPair(pv, sv);
            sessions.add(session);
        }
        Sampler message = k.fixedMessageLatency ? Distributions.deterministic((long) k.messageLatencyMeanNs)
                : Distributions.exponential(random.stream("consistency.message"), k.messageLatencyMeanNs);
        ConsistencyConfig config = switch (k.mode) {
            case NONE -> ConsistencyConfig.none("g");
            case HOST -> ConsistencyConfig.host("g", new HostCoordination(k.pollIntervalNs, k.minCycleTimeNs, message));
            case SHUTTLE -> ConsistencyConfig.shuttle("g", new ShuttleSettings(new ShuttleRules(k.minNumberTimeNs, k.ack),
                    Distributions.exponential(random.stream("shuttle.hop"), k.hopLatencyMeanNs),
                    Distributions.exponential(random.stream("shuttle.visit"), k.visitProcessingMeanNs), message));
        };
        group = new ConsistencyGroup(kernel, signals, sessions, config);
        host = new Host(kernel, signals);
        recording.latency(signals.find("host.write.latency"), "host.write.latency");
        recording.count(signals.find("host.writes"), "host.writes");
        groupRecording = ConsistencyRecording.register(recording, signals, group, kernel, 0);
        cycleRecords = new HandedOutRecords(sessions, groupRecording.cycleRecording());
    }

    /** Starts the dependent closed-loop streams over [fromNs, untilNs). */
    ClosedLoopWorkload dependentWrites(long fromNs, long untilNs) {
        WorkloadStreams streams = new WorkloadStreams(random, "dep");
        IoGenerator gen = new IoGenerator(host, primaryVolumes, VolumeChoice.RANDOM, 0.0,
                Distributions.deterministic(knobs.writeBytes), AddressPattern.uniform(streams.address()), streams);
        ClosedLoopWorkload w = new ClosedLoopWorkload("dep", kernel, gen, knobs.streams,
                knobs.thinkNs > 0 ? Distributions.exponential(streams.think(), knobs.thinkNs) : null, true);
        w.start(fromNs, untilNs);
        return w;
    }

    /** Starts independent Poisson writes, {@code perBoxPerSecond} per box on average, random box, over [fromNs, untilNs). */
    void openLoopWrites(double perBoxPerSecond, long fromNs, long untilNs) {
        WorkloadStreams streams = new WorkloadStreams(random, "open");
        IoGenerator gen = new IoGenerator(host, primaryVolumes, VolumeChoice.RANDOM, 0.0,
                Distributions.deterministic(knobs.writeBytes), AddressPattern.uniform(streams.address()), streams);
        new OpenLoopWorkload("open", kernel, gen, ArrivalProcess.poisson(streams.arrival(), perBoxPerSecond * knobs.boxes),
                null).start(fromNs, untilNs);
    }

    void runUntil(long ns) {
        kernel.runUntil(ns);
    }

    double metric(String name) {
        return RecordedMetrics.value(recording, kernel.now(), name);
    }

    private WanLink link(String name) {
        return new WanLink(kernel, signals, name, primarySite, secondarySite,
                new LinkConfig(knobs.linkBps, knobs.delayNs, 0, 0, 1.0));
    }

    private Box box(String name, Site site) {
        DiskGroup data = new DiskGroup(kernel, signals, "box." + name + ".dg0", 16, DiskModel.ssd(50_000, 2e9), 1);
        return new Box(kernel, signals, name, site,
                new Box.PoolConfig(8, Distributions.deterministic(5_000)),
                new Box.PoolConfig(8, Distributions.deterministic(5_000)),
                new Box.CacheConfig(1L << 30, TRACK, 0.5, 64), List.of(data));
    }

    /** Every record of session {@code s}: those handed out to the table, then those still in progress. */
    List<org.repsim.model.cycle.rules.CycleRecord> records(CycleSession s) {
        return cycleRecords.all(s);
    }
}
