package org.repsim.scenario.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.model.Box;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.sync.SyncReplication;
import org.repsim.scenario.spec.Scenario;

/**
 * The {@code sync} mode (docs/model.md §3): one {@link SyncReplication} per primary box, each pair's
 * volumes joined over the pair's first link. Its recovery point is zero by construction: a write
 * is acknowledged only once the secondary holds it, so a disaster loses no acknowledged write.
 */
final class SyncEngine implements ModeEngine {
    /** Command header sent with each replicated write [design]. */
    static final long HEADER_BYTES = 512;
    /** Size of the secondary's acknowledgement [design]. */
    static final long ACK_BYTES = 128;

    SyncEngine(Scenario sc, Topology topology) {
        Map<String, SyncReplication> byPrimary = new LinkedHashMap<>();
        for (var pair : sc.replication().pairs()) {
            Box primary = topology.box(pair.primaryBox());
            SyncReplication sync = byPrimary.computeIfAbsent(primary.name(),
                    b -> new SyncReplication(primary, HEADER_BYTES, ACK_BYTES, sc.replication().sync().roundTrips()));
            WanLink link = topology.link(sc.linksOf(pair).get(0).id());
            for (Volume[] vv : Pairs.volumes(pair, topology)) {
                sync.addPair(vv[0], vv[1], link);
            }
        }
    }

    @Override
    public void record(Recording rec) {
        rec.metrics((now, out) -> {
            out.add(Measures.RPO_LAG_MEAN.of(0));
            out.add(Measures.RPO_LAG_MAX.of(0));
            out.add(Measures.RPO_ABOVE_TARGET.of(0));
        });
    }

    @Override
    public List<Metric> lossAt(long nowNs) {
        return ModeEngine.noLoss();
    }
}
