package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.List;
import org.repsim.model.Box;
import org.repsim.model.Volume;
import org.repsim.scenario.spec.Pair;

/** The volume pairs a replication pair stands for. */
final class Pairs {
    private Pairs() {
    }

    /**
     * {@code box/volume → box/volume}: that one pair. {@code box → box}: every volume of the
     * primary with the secondary's volume of the same id (same size or larger), in volume order.
     */
    static List<Volume[]> volumes(Pair pair, Topology topology) {
        List<Volume[]> out = new ArrayList<>();
        if (pair.primary().contains("/")) {
            out.add(new Volume[] {topology.volume(pair.primary()), topology.volume(pair.secondary())});
            return out;
        }
        Box p = topology.box(pair.primaryBox());
        Box s = topology.box(pair.secondaryBox());
        for (Volume v : p.volumes()) {
            Volume twin = s.volumes().stream().filter(x -> x.name().equals(v.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("pair " + pair.primary() + " → " + pair.secondary()
                            + ": secondary box has no volume '" + v.name() + "' for primary volume " + v.name()));
            if (twin.trackCount() < v.trackCount()) {
                throw new IllegalArgumentException("pair " + pair.primary() + " → " + pair.secondary() + ": volume '"
                        + v.name() + "' is smaller on the secondary");
            }
            out.add(new Volume[] {v, twin});
        }
        return out;
    }
}
