package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.LatencyHistogram;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.Processor;
import org.repsim.model.WanLink;

/**
 * What every run records, whatever the replication mode (the configuration side of the
 * components' signals): host latency and counts, link utilisation, the queue and utilisation of
 * every processor pool and disk group, and their per-interval time series.
 *
 * <p>Names: summary metrics as SCENARIO.md gives them ({@code host.write.latency.p99},
 * {@code link.<id>.utilization}) plus {@code queue.<box>.<pool>.mean/.max},
 * {@code <box>.<pool>.utilization}; time-series columns {@code host.write.latency.*} per
 * interval, {@code queue.<component>} (mean number in system over the interval) and
 * {@code link.<id>.utilization} (busy fraction over the interval).
 *
 * <p>Link utilisation is that of the busier direction [design: replication traffic is one-way,
 * so the busier direction is the one that limits]; each direction is also reported as
 * {@code link.<id>.<from>-<to>.utilization}.
 */
final class StandardRecording {
    private StandardRecording() {
    }

    static void register(Recording rec, Signals signals, Topology topology, Scheduler s) {
        host(rec, signals, "write");
        host(rec, signals, "read");
        rec.count(signals.find("host.writes"), "host.writes");
        rec.count(signals.find("host.reads"), "host.reads");
        rec.count(signals.find("host.writeBytes"), "host.writeBytes");
        for (Box box : topology.boxes().values()) {
            processor(rec, signals, s, box.name(), "hostAdapters", box.hostAdapters());
            processor(rec, signals, s, box.name(), "remoteAdapters", box.remoteAdapters());
            box.processors().forEach((pool, p) -> processor(rec, signals, s, box.name(), pool, p));
        }
        for (Box box : topology.boxes().values()) {
            for (DiskGroup g : topology.diskGroups(box.name())) {
                String prefix = g.name();
                String component = prefix.substring("box.".length());
                utilization(rec, signals.find(prefix + ".busy"), component + ".utilization", g.devices(), s);
                queue(rec, signals.find(prefix + ".inSystem"), component, s);
            }
            rec.level(signals.find("box." + box.name() + ".cache.writePendingBytes"),
                    "box." + box.name() + ".cache.writePending", s.now());
        }
        topology.links().forEach((id, link) -> link(rec, signals, s, id, link));
    }

    private static void host(Recording rec, Signals signals, String kind) {
        String name = "host." + kind + ".latency";
        LatencyHistogram interval = rec.latencyByInterval(signals.find(name), name);
        rec.column(name + ".mean", "s", () -> interval.meanNs() / 1e9);
        rec.column(name + ".p50", "s", () -> interval.quantileNs(0.50) / 1e9);
        rec.column(name + ".p99", "s", () -> interval.quantileNs(0.99) / 1e9);
        rec.column(name + ".p999", "s", () -> interval.quantileNs(0.999) / 1e9);
    }

    private static void processor(Recording rec, Signals signals, Scheduler s, String box, String pool, Processor p) {
        String prefix = "box." + box + "." + pool;
        utilization(rec, signals.find(prefix + ".busy"), box + "." + pool + ".utilization", p.servers(), s);
        queue(rec, signals.find(prefix + ".inSystem"), box + "." + pool, s);
    }

    /** Summary {@code queue.<component>.mean/.max} and the interval column {@code queue.<component>}. */
    private static void queue(Recording rec, Signal inSystem, String component, Scheduler s) {
        TimeWeighted w = rec.level(inSystem, "queue." + component, s.now());
        IntervalAverage interval = new IntervalAverage(w, s);
        rec.column("queue." + component, "count", interval::sample);
    }

    /** Busy servers ÷ servers, as a run summary. */
    private static TimeWeighted utilization(Recording rec, Signal busy, String metric, int servers, Scheduler s) {
        TimeWeighted w = new TimeWeighted(s.now(), 0);
        busy.subscribe(w);
        rec.resetWith(w);
        rec.metrics((now, out) -> out.add(new Metric(metric, w.average(now) / servers, "fraction")));
        return w;
    }

    /**
     * A level's average over each sample interval, read from the same {@link TimeWeighted} as its
     * run summary (differences of the never-reset integral), so each signal feeds one statistic.
     */
    private static final class IntervalAverage {
        private final TimeWeighted level;
        private final Scheduler s;
        private long lastNs;
        private double lastIntegral;

        IntervalAverage(TimeWeighted level, Scheduler s) {
            this.level = level;
            this.s = s;
            this.lastNs = s.now();
        }

        double sample() {
            long now = s.now();
            double integral = level.lifetimeIntegral(now);
            double avg = now > lastNs ? (integral - lastIntegral) / (now - lastNs) : level.current();
            lastNs = now;
            lastIntegral = integral;
            return avg;
        }
    }

    private static void link(Recording rec, Signals signals, Scheduler s, String id, WanLink link) {
        List<TimeWeighted> directions = new ArrayList<>();
        List<IntervalAverage> intervals = new ArrayList<>();
        for (WanLink.Direction d : List.of(link.forward(), link.backward())) {
            Signal busy = signals.find(d.name() + ".busy");
            String dir = d.fromSite().name() + "-" + d.toSite().name();
            TimeWeighted w = utilization(rec, busy, "link." + id + "." + dir + ".utilization", 1, s);
            directions.add(w);
            intervals.add(new IntervalAverage(w, s));
            queue(rec, signals.find(d.name() + ".inSystem"), "link." + id + "." + dir, s);
        }
        rec.metrics((now, out) -> out.add(new Metric("link." + id + ".utilization",
                Math.max(directions.get(0).average(now), directions.get(1).average(now)), "fraction")));
        rec.column("link." + id + ".utilization", "fraction",
                () -> Math.max(intervals.get(0).sample(), intervals.get(1).sample()));
    }
}
