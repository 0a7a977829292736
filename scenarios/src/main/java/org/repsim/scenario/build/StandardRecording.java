package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.measure.Measures;
import org.repsim.core.measure.MetricType;
import org.repsim.core.measure.Statistics;
import org.repsim.core.signal.Recording;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.LatencyHistogram;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.Processor;
import org.repsim.model.WanLink;
import org.repsim.model.measure.SignalKeys;
import org.repsim.model.workload.Host;

/**
 * What every run records, whatever the replication mode (the configuration side of the
 * components' signals): host latency and counts, link utilisation, the queue and utilisation of
 * every processor pool and disk group, and their per-interval time series.
 *
 * <p>Names (declared in the catalogue {@link Measures}): summary metrics ({@code host.write.latency.p99},
 * {@code link.<id>.utilization}) plus {@code queue.<box>.<pool>.mean/.max},
 * {@code <box>.<pool>.utilization} (the remote adapters' as {@code <box>.remoteAdapters.utilization}, a
 * headline); time-series columns {@code host.write.latency.*} per
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
        host(rec, signals.get(Host.NAME, SignalKeys.Host.WRITE_LATENCY), Measures.HOST_WRITE_LATENCY);
        host(rec, signals.get(Host.NAME, SignalKeys.Host.READ_LATENCY), Measures.HOST_READ_LATENCY);
        rec.count(signals.get(Host.NAME, SignalKeys.Host.WRITES), Measures.HOST_WRITES);
        rec.count(signals.get(Host.NAME, SignalKeys.Host.READS), Measures.HOST_READS);
        rec.count(signals.get(Host.NAME, SignalKeys.Host.WRITE_BYTES), Measures.HOST_WRITE_BYTES);
        for (Box box : topology.boxes().values()) {
            processor(rec, signals, s, box.name(), "hostAdapters", box.hostAdapters());
            Processor ra = box.remoteAdapters();
            utilization(rec, signals.get(ra.name(), SignalKeys.Processor.BUSY),
                    Measures.REMOTE_ADAPTER_UTILIZATION.of(box.name()), ra.servers(), s);
            queue(rec, signals.get(ra.name(), SignalKeys.Processor.IN_SYSTEM), box.name() + ".remoteAdapters", s);
            box.processors().forEach((pool, p) -> processor(rec, signals, s, box.name(), pool, p));
        }
        for (Box box : topology.boxes().values()) {
            for (DiskGroup g : topology.diskGroups(box.name())) {
                // its levels are read only through the recording: one event per RAID phase (docs/model.md §1)
                g.recordThrough(rec);
                String prefix = g.name();
                String component = prefix.substring("box.".length());
                utilization(rec, signals.get(prefix, SignalKeys.DiskGroup.BUSY), Measures.UTILIZATION.of(component),
                        g.devices(), s);
                queue(rec, signals.get(prefix, SignalKeys.DiskGroup.IN_SYSTEM), component, s);
            }
            rec.level(signals.get(box.cache().name(), SignalKeys.Cache.WRITE_PENDING_BYTES),
                    Measures.CACHE_WRITE_PENDING.statistics(box.name()), s.now());
            readHits(rec, signals, box);
        }
        topology.links().forEach((id, link) -> link(rec, signals, s, id, link));
    }

    /**
     * {@code box.<box>.cache.read.hits}, {@code .misses} and {@code .hitRatio} = hits ÷ (hits +
     * misses), host reads counted as they are looked up (docs/model.md §1); no ratio without reads.
     */
    private static void readHits(Recording rec, Signals signals, Box box) {
        Counter hits = rec.count(signals.get(box.cache().name(), SignalKeys.Cache.READ_HITS),
                Measures.CACHE_READ_HITS.of(box.name()));
        Counter misses = rec.count(signals.get(box.cache().name(), SignalKeys.Cache.READ_MISSES),
                Measures.CACHE_READ_MISSES.of(box.name()));
        MetricType ratio = Measures.CACHE_READ_HIT_RATIO.of(box.name());
        rec.metrics((now, out) -> {
            long reads = hits.value() + misses.value();
            if (reads > 0) {
                out.add(ratio.of((double) hits.value() / reads));
            }
        });
    }

    private static void host(Recording rec, Signal latency, Statistics metrics) {
        LatencyHistogram interval = rec.latencyByInterval(latency, metrics);
        rec.column(Measures.hostLatencyColumn(metrics, "mean"), () -> interval.meanNs() / 1e9);
        rec.column(Measures.hostLatencyColumn(metrics, "p50"), () -> interval.quantileNs(0.50) / 1e9);
        rec.column(Measures.hostLatencyColumn(metrics, "p99"), () -> interval.quantileNs(0.99) / 1e9);
        rec.column(Measures.hostLatencyColumn(metrics, "p999"), () -> interval.quantileNs(0.999) / 1e9);
    }

    private static void processor(Recording rec, Signals signals, Scheduler s, String box, String pool, Processor p) {
        utilization(rec, signals.get(p.name(), SignalKeys.Processor.BUSY), Measures.UTILIZATION.of(box + "." + pool),
                p.servers(), s);
        queue(rec, signals.get(p.name(), SignalKeys.Processor.IN_SYSTEM), box + "." + pool, s);
    }

    /** Summary {@code queue.<component>.mean/.max} and the interval column {@code queue.<component>}. */
    private static void queue(Recording rec, Signal inSystem, String component, Scheduler s) {
        TimeWeighted w = rec.level(inSystem, Measures.QUEUE.statistics(component), s.now());
        IntervalAverage interval = new IntervalAverage(w, s);
        rec.column(Measures.QUEUE_COLUMN.of(component), interval::sample);
    }

    /** Busy servers ÷ servers, as a run summary. */
    private static TimeWeighted utilization(Recording rec, Signal busy, MetricType metric, int servers, Scheduler s) {
        TimeWeighted w = new TimeWeighted(s.now(), 0);
        busy.subscribe(w);
        rec.resetWith(w);
        rec.metrics((now, out) -> out.add(metric.of(w.average(now) / servers)));
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
            Signal busy = signals.get(d.name(), SignalKeys.Link.BUSY);
            TimeWeighted w = utilization(rec, busy,
                    Measures.LINK_DIRECTION_UTILIZATION.of(id, d.fromSite().name(), d.toSite().name()), 1, s);
            directions.add(w);
            intervals.add(new IntervalAverage(w, s));
            String dir = d.fromSite().name() + "-" + d.toSite().name();
            queue(rec, signals.get(d.name(), SignalKeys.Link.IN_SYSTEM), "link." + id + "." + dir, s);
        }
        MetricType utilization = Measures.LINK_UTILIZATION.of(id);
        rec.metrics((now, out) -> out.add(utilization.of(
                Math.max(directions.get(0).average(now), directions.get(1).average(now)))));
        rec.column(Measures.LINK_UTILIZATION_COLUMN.of(id),
                () -> Math.max(intervals.get(0).sample(), intervals.get(1).sample()));
    }
}
