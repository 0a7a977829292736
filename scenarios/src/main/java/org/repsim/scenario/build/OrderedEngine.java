package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.ordered.rules.OrderedDispatcher;
import org.repsim.model.ordered.OrderedConfig;
import org.repsim.model.ordered.OrderedRecording;
import org.repsim.model.ordered.OrderedReplication;
import org.repsim.scenario.spec.Ordered;
import org.repsim.scenario.spec.Pair;
import org.repsim.scenario.spec.Scenario;

/**
 * The {@code ordered} mode (docs/model.md §4): per primary box a {@code prepare} pool and a
 * {@code sender} pool, one {@link OrderedReplication}, and the box's pairs over their links.
 */
final class OrderedEngine implements ModeEngine {
    static final String PREPARE = "prepare";
    static final String SENDER = "sender";

    private final Scenario sc;
    private final Scheduler scheduler;
    private final Signals signals;
    private final List<OrderedReplication> engines = new ArrayList<>();
    private final RecoverableImage image;

    OrderedEngine(Scenario sc, Topology topology, Scheduler s, Signals signals, RandomStreams streams) {
        this.sc = sc;
        this.scheduler = s;
        this.signals = signals;
        this.image = new RecoverableImage(s);
        Ordered o = sc.replication().ordered();
        OrderedConfig.Source source = "copy-passes".equals(o.source()) ? OrderedConfig.Source.COPY_PASSES
                : OrderedConfig.Source.HOST_TASKS;
        boolean initialCopy = "both".equals(o.source());
        OrderedConfig config = OrderedConfig.defaults(source)
                .withScan("head".equals(o.scan()) ? OrderedDispatcher.Scan.HEAD : OrderedDispatcher.Scan.ALL)
                .withOrdering("off".equals(o.ordering()) ? OrderedDispatcher.Ordering.OFF : OrderedDispatcher.Ordering.ON)
                .withCheckNsPerEntry(o.scanCostNs())
                .withMaxInFlight(o.sender().maxInFlight())
                .withSpread("per-subtask".equals(o.spread()) ? OrderedConfig.Spread.PER_SUBTASK : OrderedConfig.Spread.PER_TASK)
                .withCopyPasses(o.copyPass().intervalNs(), o.copyPass().maxTracks())
                .withOnCacheFull("copy-pass".equals(o.onCacheFull()) ? OrderedConfig.OnCacheFull.COPY_PASS
                        : OrderedConfig.OnCacheFull.PACE);
        Map<String, OrderedReplication> byPrimary = new LinkedHashMap<>();
        for (Pair pair : sc.replication().pairs()) {
            Box primary = topology.box(pair.primaryBox());
            OrderedReplication engine = byPrimary.computeIfAbsent(primary.name(), name -> {
                String prefix = "box." + name;
                primary.addProcessor(PREPARE, o.prepare().count(),
                        Samplers.of(o.prepare().serviceTime(), streams.stream(prefix + "." + PREPARE)));
                primary.addProcessor(SENDER, 1, Samplers.of(o.sender().serviceTime(), streams.stream(prefix + "." + SENDER)));
                return new OrderedReplication(primary, signals, config, image);
            });
            List<WanLink> links = sc.linksOf(pair).stream().map(l -> topology.link(l.id())).toList();
            for (Volume[] vv : Pairs.volumes(pair, topology)) {
                engine.addPair(vv[0], vv[1], links, initialCopy);
            }
        }
        engines.addAll(byPrimary.values());
    }

    @Override
    public void record(Recording rec) {
        OrderedRecording.register(rec, signals, engines, scheduler, scheduler.now(), sc.report().rpoTargetNs());
    }

    /** Acknowledged writes missing from the secondaries' image, which follows arrival order (docs/model.md §7). */
    @Override
    public List<Metric> lossAt(long nowNs) {
        return image.lossAt(nowNs).metrics();
    }
}
