package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.model.Box;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.recovery.ImageRecording;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.model.sync.SyncPolicy;
import org.repsim.model.sync.SyncReplication;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.Sync;

/**
 * The {@code sync} mode (docs/model.md §3): one {@link SyncReplication} per primary box, each pair's
 * volumes joined over the pair's first link. Its recovery point is measured on the shared
 * {@link RecoverableImage} (docs/model.md §7): a pair in sync loses nothing acknowledged; a pair
 * suspended after a link failure ({@code sync.onLinkFailure: suspend}) falls behind until resynchronised.
 */
final class SyncEngine implements ModeEngine {
    /** Command header sent with each replicated write [design]. */
    static final long HEADER_BYTES = 512;
    /** Size of the secondary's acknowledgement [design]. */
    static final long ACK_BYTES = 128;

    private final Scenario sc;
    private final Scheduler scheduler;
    private final RecoverableImage image;
    private final List<SyncReplication> engines = new ArrayList<>();
    private long suspensionsBase;

    SyncEngine(Scenario sc, Topology topology, Scheduler scheduler) {
        this.sc = sc;
        this.scheduler = scheduler;
        this.image = new RecoverableImage(scheduler);
        Sync spec = sc.replication().sync();
        SyncPolicy policy = "suspend".equals(spec.onLinkFailure()) ? SyncPolicy.suspendAfter(spec.suspendAfterNs())
                : SyncPolicy.STALL;
        Map<String, SyncReplication> byPrimary = new LinkedHashMap<>();
        for (var pair : sc.replication().pairs()) {
            Box primary = topology.box(pair.primaryBox());
            SyncReplication sync = byPrimary.computeIfAbsent(primary.name(),
                    b -> new SyncReplication(primary, HEADER_BYTES, ACK_BYTES, spec.roundTrips(), policy, image));
            WanLink link = topology.link(sc.linksOf(pair).get(0).id());
            for (Volume[] vv : Pairs.volumes(pair, topology)) {
                sync.addPair(vv[0], vv[1], link);
            }
        }
        engines.addAll(byPrimary.values());
    }

    @Override
    public void record(Recording rec) {
        ImageRecording.register(rec, image, scheduler, sc.report().rpoTargetNs());
        if ("suspend".equals(sc.replication().sync().onLinkFailure())) {
            rec.resetWith(now -> suspensionsBase = suspensions());
            rec.metrics((now, out) -> out.add(Measures.SYNC_SUSPENSIONS.of(suspensions() - suspensionsBase)));
        }
    }

    private long suspensions() {
        long n = 0;
        for (SyncReplication s : engines) {
            n += s.suspensions();
        }
        return n;
    }

    /** Suspended pairs, as {@code session-drop} intervals (an unfinished one ends at {@code endNs}). */
    @Override
    public List<Interval> intervals(long endNs) {
        List<Interval> out = new ArrayList<>();
        for (SyncReplication s : engines) {
            for (long[] span : s.suspendedSpans()) {
                out.add(new Interval("session-drop", "sync." + s.primary().name(), span[0] / 1e9,
                        (span[1] < 0 ? endNs : span[1]) / 1e9));
            }
        }
        return out;
    }

    /** Acknowledged writes missing from the secondaries' image (docs/model.md §7). */
    @Override
    public List<Metric> lossAt(long nowNs) {
        return image.lossAt(nowNs).metrics();
    }
}
