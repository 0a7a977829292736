package org.repsim.scenario.build;

import java.util.List;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.workload.Host;
import org.repsim.scenario.spec.Scenario;

/** Picks and builds the replication engine of a scenario ({@code replication.mode}). */
final class Engines {
    private Engines() {
    }

    static ModeEngine build(Scenario sc, Topology topology, SimulationKernel k, Signals signals, RandomStreams streams,
            Host host) {
        if (sc.replication() == null) {
            return new ModeEngine() {
                @Override
                public void record(Recording rec) {
                }

                @Override
                public List<Metric> lossAt(long nowNs) {
                    return List.of();
                }
            };
        }
        switch (sc.replication().mode()) {
            case "sync":
                return new SyncEngine(sc, topology, k);
            case "ordered":
                return new OrderedEngine(sc, topology, k, signals, streams);
            case "cycle":
                return new CycleEngine(sc, topology, k, signals);
            default:
                throw new IllegalArgumentException("replication.mode '" + sc.replication().mode()
                        + "' is not available in this build");
        }
    }
}
