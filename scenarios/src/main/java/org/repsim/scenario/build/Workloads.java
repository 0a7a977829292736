package org.repsim.scenario.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.random.Sampler;
import org.repsim.model.Volume;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.model.trace.TraceReader;
import org.repsim.model.trace.TraceWorkload;
import org.repsim.model.workload.AddressPattern;
import org.repsim.model.workload.ArrivalProcess;
import org.repsim.model.workload.ClosedLoopWorkload;
import org.repsim.model.workload.Host;
import org.repsim.model.workload.IoGenerator;
import org.repsim.model.workload.OpenLoopWorkload;
import org.repsim.model.workload.RateProfile;
import org.repsim.model.workload.VolumeChoice;
import org.repsim.model.workload.Workload;
import org.repsim.model.workload.WorkloadStreams;
import org.repsim.scenario.spec.Arrival;
import org.repsim.scenario.spec.Scenario;

/**
 * The scenario's workloads as model workloads. Open-loop {@code onoff}: Poisson at the given
 * rate while on, silent while off, with exponential periods of the given means; {@code mmpp}:
 * Poisson at rate × factor per state, exponential holding times, states visited in turn
 * [design]. I/Os go to the workload's volumes in turn.
 */
final class Workloads {
    private Workloads() {
    }

    static List<Workload> build(Scenario sc, Scheduler s, Host host, Topology topology, RandomStreams streams,
            Path baseDir) {
        List<Workload> out = new ArrayList<>();
        for (var w : sc.workloads()) {
            List<Volume> volumes = w.volumes().stream().map(topology::volume).toList();
            if (w.trace() != null) {
                out.add(trace(w, s, host, topology, volumes, baseDir));
                continue;
            }
            WorkloadStreams ws = new WorkloadStreams(streams, w.id());
            Sampler size = Samplers.of(w.size(), ws.size());
            AddressPattern address = address(w.address(), ws);
            IoGenerator gen = new IoGenerator(host, volumes, VolumeChoice.ROUND_ROBIN, 1 - w.writeFraction(), size,
                    address, ws, w.blockSizeBytes());
            if (w.arrival() instanceof Arrival.Closed c) {
                out.add(new ClosedLoopWorkload(w.id(), s, gen, c.streams(), Samplers.of(c.thinkTime(), ws.think()),
                        w.dependent()));
            } else {
                Arrival.Open o = (Arrival.Open) w.arrival();
                out.add(new OpenLoopWorkload(w.id(), s, gen, arrivals(o, ws), profile(o)));
            }
        }
        return out;
    }

    private static AddressPattern address(org.repsim.scenario.spec.AddressPattern a, WorkloadStreams ws) {
        if (a instanceof org.repsim.scenario.spec.AddressPattern.Zipf z) {
            return AddressPattern.zipf(ws.address(), z.exponent());
        }
        if (a instanceof org.repsim.scenario.spec.AddressPattern.Sequential q) {
            return AddressPattern.sequential(ws.address(), q.runLength());
        }
        return AddressPattern.uniform(ws.address());
    }

    private static ArrivalProcess arrivals(Arrival.Open o, WorkloadStreams ws) {
        switch (o.process()) {
            case "deterministic":
                return ArrivalProcess.deterministic(o.ratePerSec());
            case "onoff":
                return ArrivalProcess.onOff(ws.arrival(), o.ratePerSec(), o.onTime().mean(), o.offTime().mean());
            case "mmpp": {
                int n = o.states().size();
                double[] rates = new double[n];
                double[] holds = new double[n];
                for (int i = 0; i < n; i++) {
                    rates[i] = o.ratePerSec() * o.states().get(i).factor();
                    holds[i] = o.states().get(i).holdNs();
                }
                return ArrivalProcess.mmpp(ws.arrival(), rates, holds);
            }
            default:
                return ArrivalProcess.poisson(ws.arrival(), o.ratePerSec());
        }
    }

    private static RateProfile profile(Arrival.Open o) {
        if (o.profile().isEmpty()) {
            return RateProfile.constant();
        }
        long[] at = new long[o.profile().size()];
        double[] factor = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = o.profile().get(i).atNs();
            factor[i] = o.profile().get(i).factor();
        }
        return new RateProfile(at, factor);
    }

    private static Workload trace(org.repsim.scenario.spec.Workload w, Scheduler s, Host host, Topology topology,
            List<Volume> volumes, Path baseDir) {
        var t = w.trace();
        TraceOptions options = TraceOptions.defaults().withSpeed(t.speed())
                .withWindow(t.fromNs(), t.toNs() == null ? Long.MAX_VALUE : t.toNs())
                .withLoop(t.loop())
                .withTiming("synthetic".equals(t.timing()) ? TraceOptions.Timing.SYNTHETIC : TraceOptions.Timing.TRACE);
        Path file = baseDir == null ? Path.of(t.path()) : baseDir.resolve(t.path());
        TraceReader reader = TraceReader.open(file, TraceFormat.parse(t.format()), options);
        Map<String, Volume> byDevice = new LinkedHashMap<>();
        t.disks().forEach((disk, ref) -> byDevice.put(disk, topology.volume(ref)));
        return new TraceWorkload(w.id(), s, host, reader, byDevice, volumes);
    }
}
