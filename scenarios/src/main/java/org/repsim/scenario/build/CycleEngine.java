package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.Distributions;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.cycle.rules.CachePressure;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SpillFrom;
import org.repsim.model.cycle.rules.SwitchRules;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.ShuttleRules;
import org.repsim.model.consistency.ConsistencyConfig;
import org.repsim.model.consistency.ConsistencyGroup;
import org.repsim.model.consistency.ConsistencyMode;
import org.repsim.model.consistency.ConsistencyRecording;
import org.repsim.model.consistency.HostCoordination;
import org.repsim.model.consistency.ShuttleSettings;
import org.repsim.model.cycle.ApplyTiming;
import org.repsim.model.cycle.CycleConfig;
import org.repsim.model.cycle.CycleRows;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.cycle.SessionRouter;
import org.repsim.model.cycle.SlotSizing;
import org.repsim.scenario.spec.Consistency;
import org.repsim.scenario.spec.Cycle;
import org.repsim.scenario.spec.Pair;
import org.repsim.scenario.spec.Scenario;

/**
 * The {@code cycle} mode (docs/model.md §5–6): one {@link CycleSession} per pair, gathered in a
 * {@link ConsistencyGroup} whose mode decides who switches — each session on its own rules
 * ({@code none}), a coordinating host ({@code host}) or the shuttle ({@code shuttle}). In every
 * mode the group's checker follows the dependent writes and measures what a disaster loses.
 */
final class CycleEngine implements ModeEngine {
    /** Name of the secondary's processor pool that applies slots. */
    static final String APPLY_POOL = "apply";

    private final Scenario sc;
    private final Scheduler scheduler;
    private final Signals signals;
    private final ConsistencyGroup group;
    private ConsistencyRecording recording;

    CycleEngine(Scenario sc, Topology topology, Scheduler s, Signals signals) {
        this.sc = sc;
        this.scheduler = s;
        this.signals = signals;
        Consistency c = sc.replication().consistency();
        ConsistencyMode mode = ConsistencyMode.ofLabel(c.mode());
        SwitchRules rules = mode == ConsistencyMode.NONE ? rules(sc.replication().cycle()) : SwitchRules.external();
        List<CycleSession> sessions = sessions(sc, topology, s, signals, rules);
        String name = "group";
        ConsistencyConfig config = switch (mode) {
            case NONE -> ConsistencyConfig.none(name);
            case HOST -> ConsistencyConfig.host(name, new HostCoordination(c.pollIntervalNs(),
                    sc.replication().cycle().minCycleTimeNs(), Distributions.deterministic(c.messageLatencyNs())));
            case SHUTTLE -> ConsistencyConfig.shuttle(name, new ShuttleSettings(
                    new ShuttleRules(c.minNumberTimeNs(), AckRule.ofLabel(c.ack())), Distributions.deterministic(c.hopNs()),
                    Distributions.deterministic(c.processingNs()), Distributions.deterministic(c.messageLatencyNs())));
        };
        group = new ConsistencyGroup(s, signals, sessions, config);
    }

    /** One session per pair, routed per primary box; {@code rules} decides who switches. */
    static List<CycleSession> sessions(Scenario sc, Topology topology, Scheduler s, Signals signals, SwitchRules rules) {
        Cycle c = sc.replication().cycle();
        List<CycleSession> out = new ArrayList<>();
        Map<String, List<CycleSession>> byPrimary = new LinkedHashMap<>();
        Map<String, CycleSession> byBoxes = new LinkedHashMap<>();
        for (Pair pair : sc.replication().pairs()) {
            Box primary = topology.box(pair.primaryBox());
            Box secondary = topology.box(pair.secondaryBox());
            CycleSession shared = byBoxes.get(pair.primaryBox() + "\n" + pair.secondaryBox());
            if (shared != null) {
                // pairs of the same two boxes share one session (validation requires the same links)
                for (Volume[] vv : Pairs.volumes(pair, topology)) {
                    shared.addPair(vv[0], vv[1]);
                }
                continue;
            }
            var boxSpec = sc.box(pair.primaryBox());
            long limit = CachePressure.sessionLimitBytes(boxSpec.cache().sizeBytes(), boxSpec.cache().writePendingLimit(),
                    c.maxSessionShare());
            List<PressurePolicy> policies = c.onCachePressure().stream()
                    .map(p -> PressurePolicy.valueOf(p.toUpperCase(java.util.Locale.ROOT))).toList();
            int spillGroup = -1;
            if (policies.contains(PressurePolicy.SPILL)) {
                if (!"self".equals(c.spillPool().box()) && !c.spillPool().box().equals(pair.primaryBox())) {
                    throw new IllegalArgumentException("replication.cycle.spillPool.box: only the primary box itself "
                            + "('self') can hold its spill pool in this version, found '" + c.spillPool().box() + "'");
                }
                spillGroup = c.spillPool().backend() == null ? 0
                        : boxSpec.backend().indexOf(boxSpec.diskGroup(c.spillPool().backend()));
            }
            SpillFrom spillFrom = SpillFrom.valueOf(c.spillPool().from().toUpperCase(java.util.Locale.ROOT));
            CachePressure pressure = new CachePressure(limit, c.spillPool().sizeBytes(), policies, c.transmitIdleNs(),
                    spillFrom);
            String name = pair.primaryBox() + "-" + pair.secondaryBox();
            ensureApplyPool(secondary, c.apply().perSlotNs());
            CycleConfig defaults = CycleConfig.of(name, rules, pressure, spillGroup);
            CycleConfig config = new CycleConfig(name, rules, pressure, spillGroup, slotSizing(c),
                    defaults.slotHeaderBytes(), defaults.commitBytes(), defaults.ackBytes(), APPLY_POOL,
                    defaults.autoResync(), false, applyTiming(c, rules));
            List<WanLink> links = sc.linksOf(pair).stream().map(l -> topology.link(l.id())).toList();
            CycleSession session = new CycleSession(s, signals, primary, secondary, links, config);
            for (Volume[] vv : Pairs.volumes(pair, topology)) {
                session.addPair(vv[0], vv[1]);
            }
            out.add(session);
            byBoxes.put(pair.primaryBox() + "\n" + pair.secondaryBox(), session);
            byPrimary.computeIfAbsent(primary.name(), b -> new ArrayList<>()).add(session);
        }
        byPrimary.forEach((boxName, list) -> {
            if (list.size() > 1) {
                new SessionRouter(topology.box(boxName), list);
            }
        });
        return out;
    }

    /** The secondary's apply pool: the box's own {@code apply} processors, else one per remote adapter. */
    private static void ensureApplyPool(Box secondary, long perSlotNs) {
        if (!secondary.processors().containsKey(APPLY_POOL)) {
            secondary.addProcessor(APPLY_POOL, secondary.remoteAdapters().servers(),
                    Distributions.deterministic(perSlotNs));
        }
    }

    /** {@code replication.cycle.applyAt}, absent: what the switching implies (docs/model.md §5). */
    static ApplyTiming applyTiming(Cycle c, SwitchRules rules) {
        if (c.applyAt() == null) {
            return ApplyTiming.defaultFor(rules.mode());
        }
        return "at-switch".equals(c.applyAt()) ? ApplyTiming.AT_SWITCH : ApplyTiming.WHEN_COMPLETE;
    }

    /** {@code replication.cycle.slotSizing} (docs/model.md §5): a slot's written blocks or its whole track. */
    static SlotSizing slotSizing(Cycle c) {
        return "track".equals(c.slotSizing()) ? SlotSizing.TRACK : SlotSizing.WRITTEN;
    }

    static SwitchRules rules(Cycle c) {
        return "multi".equals(c.switching()) ? SwitchRules.multiCycle(c.minCycleTimeNs(), c.maxTransmitCycles())
                : SwitchRules.legacy(c.minCycleTimeNs());
    }

    @Override
    public void record(Recording rec) {
        recording = ConsistencyRecording.register(rec, signals, group, scheduler, sc.report().rpoTargetNs(),
                CycleRows.ofLabel(sc.report().cycles()));
    }

    @Override
    public List<Table> tables() {
        return recording.tables();
    }

    @Override
    public List<org.repsim.core.result.Interval> intervals(long endNs) {
        return recording.intervals(endNs);
    }

    /** Acknowledged writes missing from the secondaries' recoverable image (docs/model.md §7). */
    @Override
    public List<Metric> lossAt(long nowNs) {
        return group.lossAt(nowNs);
    }
}
