package org.repsim.model.cycle;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.consistency.ConsistencyConfig;
import org.repsim.model.consistency.ConsistencyGroup;
import org.repsim.model.consistency.ConsistencyRecording;
import org.repsim.model.cycle.rules.CachePressure;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SwitchMode;
import org.repsim.model.cycle.rules.SwitchRules;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.WorkloadStreams;

/**
 * A complete small cycle-mode topology in Java: primary and secondary box (deterministic service
 * times, SSD back ends, disk group 1 of the primary holding the spill pool), one or more WAN links,
 * one volume pair, a host and an open-loop write workload of fixed-size writes.
 *
 * <p>Wired as runs wire a session that switches by its own rules (the scenario builder's cycle
 * engine): a consistency group of mode {@code none} over it, whose recording holds the session's
 * cycle figures and the recovery-point lag of the group's recoverable image (docs/model.md §7) —
 * the only lag there is. A session under external switching (driven by a host or shuttle group in
 * runs, by the test here) has no group: cycle figures only.
 */
final class CycleFixture {
    static final long TRACK = 128 * 1024;
    static final long MS = 1_000_000;
    static final long S = 1_000_000_000;

    /** Scenario knobs (scaled: MB/s and seconds). */
    static final class Knobs {
        SwitchRules rules = SwitchRules.legacy(S);
        long limitBytes = 1L << 30;
        long spillPoolBytes = 0;
        List<PressurePolicy> policies = List.of(PressurePolicy.PACE);
        long transmitIdleNs = Long.MAX_VALUE;
        double linkBps = 125e6;
        int links = 1;
        long delayNs = MS;
        double writesPerSecond = 2_000;
        long writeBytes = 8_192;
        boolean poissonArrivals;
        double zipfExponent; // 0 = uniform
        double sequentialRunIos; // > 0: sequential runs of this mean length (takes precedence over zipf)
        long volumeTracks = 1_000_000;
        long seed = 7;
        long slotHeaderBytes = 0;
        /** Both boxes' cache policy (docs/model.md §1, §7a). */
        org.repsim.model.CachePolicy cachePolicy = org.repsim.model.CachePolicy.DEFAULT;
        long cacheBytes = 1L << 30;
        double writePendingLimit = 0.5;
        /** Null: what the switching implies ({@link ApplyTiming#defaultFor}). */
        ApplyTiming applyTiming;
        /** Null: apply through the secondary's remote adapters; else a pool of that name like them (2 × 30 µs). */
        String applyPool;
        /** Remote adapter port speed of both boxes, B/s; 0: overhead only. */
        double remotePortBps;
        /** The links' compression ratio. */
        double linkCompression = 1.0;
        /** Above 0: both boxes (de)compress on a one-server pool {@code zip} at this many B/s. */
        double compressionBps;
    }

    final SimulationKernel kernel = DsolKernel.create();
    final Signals signals = new Signals();
    final Site primarySite = new Site("p");
    final Site secondarySite = new Site("s");
    final Box primary;
    final Box secondary;
    final List<WanLink> links = new ArrayList<>();
    final Volume primaryVolume;
    final Volume secondaryVolume;
    final CycleSession session;
    final Host host;
    final Knobs knobs;
    final Recording recording = new Recording();
    /** Null under external switching. */
    final ConsistencyGroup group;
    /** The group's recording (rpo.* of the image, cycle figures); null under external switching. */
    final ConsistencyRecording groupRecording;
    final CycleRecording cycleRecording;
    /** The session's records handed out to the cycles table so far (box 0), and all of them. */
    final HandedOutRecords cycleRecords;

    CycleFixture(Knobs k) {
        this.knobs = k;
        primary = box("P", primarySite);
        secondary = box("S", secondarySite);
        for (int i = 0; i < k.links; i++) {
            links.add(new WanLink(kernel, signals, "link.wan" + i, primarySite, secondarySite,
                    new LinkConfig(k.linkBps, k.delayNs, 0, 0, k.linkCompression)));
        }
        if (k.compressionBps > 0) {
            for (Box b : List.of(primary, secondary)) {
                b.addProcessor("zip", 1, Distributions.deterministic(1));
                b.setCompression("zip", k.compressionBps);
            }
        }
        primaryVolume = primary.addVolume("v", k.volumeTracks, 0);
        secondaryVolume = secondary.addVolume("v", k.volumeTracks, 0);
        CachePressure pressure = new CachePressure(k.limitBytes, k.spillPoolBytes, k.policies, k.transmitIdleNs);
        CycleConfig config = new CycleConfig("r1", k.rules, pressure,
                k.policies.contains(PressurePolicy.SPILL) ? 1 : -1, SlotSizing.WRITTEN, k.slotHeaderBytes, 256, 64,
                k.applyPool, true);
        if (k.applyPool != null) {
            secondary.addProcessor(k.applyPool, 2, Distributions.deterministic(30_000));
        }
        if (k.applyTiming != null) {
            config = config.withApplyTiming(k.applyTiming);
        }
        session = new CycleSession(kernel, signals, primary, secondary, links, config);
        session.addPair(primaryVolume, secondaryVolume);
        host = new Host(kernel, signals);
        if (k.rules.mode() == SwitchMode.EXTERNAL) {
            group = null;
            groupRecording = null;
            cycleRecording = CycleRecording.register(recording, signals, List.of(session), kernel);
        } else {
            group = new ConsistencyGroup(kernel, signals, List.of(session), ConsistencyConfig.none("g"));
            groupRecording = ConsistencyRecording.register(recording, signals, group, kernel, 2 * S);
            cycleRecording = groupRecording.cycleRecording();
        }
        cycleRecords = new HandedOutRecords(List.of(session), cycleRecording);
    }

    /** Metric {@code name} of the recording now. */
    double metric(String name) {
        return org.repsim.model.RecordedMetrics.value(recording, kernel.now(), name);
    }

    /** The recovery-point lag of the recoverable image now (ns), as runs report it in {@code rpo.lag}. */
    long lagNs() {
        return groupRecording.lag().currentNs(kernel.now());
    }

    /** Starts the write workload over [fromNs, untilNs). */
    void writes(long fromNs, long untilNs) {
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(knobs.seed, 0), "w");
        AddressPattern pattern = knobs.sequentialRunIos > 0
                ? AddressPattern.sequential(streams.address(), knobs.sequentialRunIos)
                : knobs.zipfExponent > 0 ? AddressPattern.zipf(streams.address(), knobs.zipfExponent)
                : AddressPattern.uniform(streams.address());
        IoGenerator gen = new IoGenerator(host, List.of(primaryVolume), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.deterministic(knobs.writeBytes), pattern, streams);
        ArrivalProcess arrivals = knobs.poissonArrivals ? ArrivalProcess.poisson(streams.arrival(), knobs.writesPerSecond)
                : ArrivalProcess.deterministic(knobs.writesPerSecond);
        new OpenLoopWorkload("w", kernel, gen, arrivals, null).start(fromNs, untilNs);
    }

    /** Replays the trace {@code file} (MSR format, its one disk on the primary volume) over [fromNs, untilNs). */
    void trace(java.nio.file.Path file, long fromNs, long untilNs) {
        org.repsim.model.trace.TraceReader reader = org.repsim.model.trace.TraceReader.open(file,
                org.repsim.model.trace.TraceFormat.MSR);
        new org.repsim.model.trace.TraceWorkload("t", kernel, host, reader, java.util.Map.of(), List.of(primaryVolume))
                .start(fromNs, untilNs);
    }

    void runUntil(long ns) {
        kernel.runUntil(ns);
    }

    private Box box(String name, Site site) {
        DiskGroup data = new DiskGroup(kernel, signals, "box." + name + ".dg0", 16, DiskModel.ssd(100_000, 1e9), 2);
        DiskGroup spill = new DiskGroup(kernel, signals, "box." + name + ".dg1", 8, DiskModel.ssd(100_000, 1e9), 1);
        return new Box(kernel, signals, name, site,
                new Box.PoolConfig(4, Distributions.deterministic(20_000)),
                new Box.PoolConfig(2, Distributions.deterministic(30_000), knobs.remotePortBps),
                new Box.CacheConfig(knobs.cacheBytes, TRACK, knobs.writePendingLimit, 64).withPolicy(knobs.cachePolicy),
                List.of(data, spill));
    }

    /** Every record of session {@code s}: those handed out to the table, then those still in progress. */
    List<org.repsim.model.cycle.rules.CycleRecord> records(CycleSession s) {
        return cycleRecords.all(s);
    }
}
