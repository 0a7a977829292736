package org.repsim.scenario.build;

import java.util.List;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;
import org.repsim.core.measure.Measures;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.model.Box;
import org.repsim.model.Processor;
import org.repsim.model.WanLink;
import org.repsim.scenario.spec.Fault;
import org.repsim.scenario.spec.Pair;
import org.repsim.scenario.spec.Scenario;

/**
 * Schedules the scenario's faults (docs/model.md §7) at tie class CONTROL and records them as chart
 * intervals. A disaster ends the run at its instant [design: nothing after it is meaningful]. At
 * the primary site it records the data lost as {@code disaster.lost.*}; at a site holding only
 * secondaries nothing is lost and {@code disaster.unprotected} is the rest of the planned run
 * (docs/model.md §7). Validation admits one disaster per scenario.
 */
final class Faults {
    private Faults() {
    }

    static void schedule(Scenario sc, Topology topology, SimulationKernel k, ModeEngine engine, List<Interval> intervals,
            List<Metric> lossOut) {
        long end = sc.run().durationNs();
        for (Fault f : sc.faults()) {
            if (f.atNs() >= end) {
                continue;
            }
            if (f instanceof Fault.LinkDown d) {
                WanLink link = topology.link(d.link());
                long until = until(end, d.atNs(), d.forNs());
                link.scheduleOutage(k, d.atNs(), until);
                intervals.add(new Interval("link-down", d.link(), d.atNs() / 1e9, until / 1e9));
            } else if (f instanceof Fault.LinkDegrade d) {
                long until = until(end, d.atNs(), d.forNs());
                topology.link(d.link()).scheduleDegradation(k, d.atNs(), until, d.factor());
                intervals.add(new Interval("link-degrade", d.link(), d.atNs() / 1e9, until / 1e9));
            } else if (f instanceof Fault.ProcessorSlowdown d) {
                Processor p = pool(topology.box(d.box()), d.pool());
                k.at(d.atNs(), Tie.CONTROL, () -> p.setSlowdown(d.factor()));
                k.at(until(end, d.atNs(), d.forNs()), Tie.CONTROL, () -> p.setSlowdown(1));
                intervals.add(new Interval("processor-slowdown", d.box() + "." + d.pool(), d.atNs() / 1e9,
                        until(end, d.atNs(), d.forNs()) / 1e9));
            } else if (f instanceof Fault.Disaster d) {
                boolean secondaryOnly = holdsOnlySecondaries(sc, d.site());
                k.at(d.atNs(), Tie.CONTROL, () -> {
                    if (secondaryOnly) {
                        // docs/model.md §7: the primary keeps every write; it is unprotected from now on
                        lossOut.addAll(ModeEngine.noLoss());
                        lossOut.add(Measures.DISASTER_UNPROTECTED.of((end - k.now()) / 1e9));
                    } else {
                        lossOut.addAll(engine.lossAt(k.now()));
                        lossOut.add(Measures.DISASTER_UNPROTECTED.of(0));
                    }
                    intervals.add(new Interval("disaster", d.site(), k.now() / 1e9, k.now() / 1e9));
                    k.stop();
                });
            }
        }
    }

    /**
     * True if site {@code site} holds the secondary box of some pair and the primary box of none:
     * losing it loses no acknowledged write (docs/model.md §7).
     */
    static boolean holdsOnlySecondaries(Scenario sc, String site) {
        if (sc.replication() == null) {
            return false;
        }
        boolean secondary = false;
        for (Pair p : sc.replication().pairs()) {
            if (site.equals(sc.box(p.primaryBox()).site())) {
                return false;
            }
            secondary |= site.equals(sc.box(p.secondaryBox()).site());
        }
        return secondary;
    }

    /** The end of a fault lasting {@code forNs} from {@code atNs}, no later than the run's end (a long fault does not overflow). */
    private static long until(long endNs, long atNs, long forNs) {
        return forNs >= endNs - atNs ? endNs : atNs + forNs;
    }

    private static Processor pool(Box box, String pool) {
        switch (pool) {
            case "hostAdapters":
                return box.hostAdapters();
            case "remoteAdapters":
                return box.remoteAdapters();
            default:
                Processor p = box.processors().get(pool);
                if (p == null) {
                    throw new IllegalArgumentException("box " + box.name() + " has no processor pool '" + pool
                            + "' (it has hostAdapters, remoteAdapters" + (box.processors().isEmpty() ? "" : ", "
                            + String.join(", ", box.processors().keySet())) + ")");
                }
                return p;
        }
    }
}
