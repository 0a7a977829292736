package org.repsim.report.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.stats.ConfidenceInterval;

/** Synthetic results shaped like a cycle-mode experiment, deterministic from a seed. */
final class Synthetic {

    static final String BANDWIDTH = "links[wan].bandwidth";
    static final String MIN_CYCLE = "replication.cycle.minCycleTime";
    static final List<String> BANDWIDTHS = List.of("1 Gbit/s", "2 Gbit/s", "4 Gbit/s");
    static final List<String> MIN_CYCLES = List.of("15 s", "30 s");

    private Synthetic() {
    }

    /** A full cycle-mode replication: every time-series column, a cycles table with two boxes, all interval kinds. */
    static RunResult cycleRun(int replication, double bandwidthGbit, double minCycleS, boolean full) {
        Random rnd = new Random(1000L * replication + (long) (bandwidthGbit * 10) + (long) minCycleS);
        List<String> cols = new ArrayList<>(List.of("host.write.latency.mean", "host.write.latency.p50",
                "host.write.latency.p99", "host.write.latency.p999", "queue.r1a.hostAdapters", "queue.r1a.backend.ssd",
                "queue.link.wan", "link.wan.utilization"));
        if (full) {
            cols.addAll(List.of("host.read.latency.mean", "host.read.latency.p99", "queue.reorder",
                    "link.wan2.utilization", "cache.session.bytes", "cache.session.limit", "spill.bytes", "rpo.lag",
                    "cycle.transmitQueue"));
        }
        List<String> units = new ArrayList<>();
        for (String c : cols) {
            units.add(c.contains("latency") || c.equals("rpo.lag") ? "s" : c.contains("bytes") || c.contains("limit") ? "bytes" : "");
        }
        TimeSeries ts = new TimeSeries(cols, units);
        double limit = 64.0 * 1024 * 1024 * 1024;
        for (int i = 0; i < 120; i++) {
            double t = 60 + i;
            double load = 1 / bandwidthGbit;
            double[] row = new double[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                String n = cols.get(c);
                double noise = 1 + 0.1 * rnd.nextGaussian();
                double v;
                if (n.endsWith("latency.mean")) {
                    v = 0.0004 * noise;
                } else if (n.endsWith(".p50")) {
                    v = 0.0003 * noise;
                } else if (n.endsWith(".p99")) {
                    v = 0.0012 * noise;
                } else if (n.endsWith(".p999")) {
                    v = 0.003 * noise;
                } else if (n.startsWith("queue.")) {
                    v = Math.max(0, (n.hashCode() % 7 + 8) * load * noise);
                } else if (n.endsWith(".utilization")) {
                    v = Math.min(1, (t >= 100 && t < 120 ? 0 : 0.9 * load) * noise);
                } else if (n.equals("cache.session.bytes")) {
                    v = Math.min(limit, 4e9 * load * (1 + i / 20.0) * noise);
                } else if (n.equals("cache.session.limit")) {
                    v = limit;
                } else if (n.equals("spill.bytes")) {
                    v = i > 60 ? 1e9 * load * (i - 60) * noise : 0;
                } else if (n.equals("rpo.lag")) {
                    v = minCycleS * (1 + (i % (int) minCycleS) / minCycleS) * (1 + load) * noise;
                } else {
                    v = Math.floor(3 * load * noise);
                }
                row[c] = v;
            }
            ts.append(t, row);
        }
        List<Table> tables = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>(List.of(new Interval("link-down", "wan", 100, 120)));
        if (full) {
            Table cycles = new Table("cycles",
                    List.of("number", "box", "openS", "closeS", "sentS", "appliedS", "durationS", "writes", "slots",
                            "bytes", "folding", "duplicates"),
                    List.of("count", "index", "s", "s", "s", "s", "s", "count", "count", "bytes", "ratio", "count"));
            double open = 60;
            for (int k = 1; k <= 8; k++) {
                double dur = minCycleS * (1 + 0.3 / bandwidthGbit * rnd.nextDouble());
                for (int box = 0; box < 2; box++) {
                    double writes = 1000 * dur * (1 + 0.1 * rnd.nextGaussian());
                    double slots = writes / (1.5 + 0.2 * rnd.nextDouble());
                    cycles.add(k, box, open, open + dur, open + dur + 5, open + dur + 8, dur, writes, slots,
                            slots * 131072, writes / slots, slots * 0.02);
                }
                open += dur;
            }
            tables.add(cycles);
            intervals.add(new Interval("session-drop", "r1a", 150, 160));
            intervals.add(new Interval("disaster", "prod", 175, 175));
        }
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("host.write.latency.mean", 0.0004 * (1 + 0.05 * rnd.nextGaussian()), "s"));
        metrics.add(new Metric("host.write.latency.p99", 0.0012 * (1 + 0.05 * rnd.nextGaussian()), "s"));
        metrics.add(new Metric("host.writes", 1_000_000 + 1000 * rnd.nextGaussian(), "count"));
        metrics.add(new Metric("link.wan.utilization", Math.min(1, 0.9 / bandwidthGbit), "fraction"));
        // the busier direction is the link's utilisation; the acknowledgement direction is ~0
        metrics.add(new Metric("link.wan.prod-dr.utilization", Math.min(1, 0.9 / bandwidthGbit), "fraction"));
        metrics.add(new Metric("link.wan.dr-prod.utilization", 1e-6 / bandwidthGbit * (1 + 0.1 * replication), "fraction"));
        if (full) {
            metrics.add(new Metric("rpo.lag.mean", minCycleS * 1.5 * (1 + 1 / bandwidthGbit) * (1 + 0.05 * rnd.nextGaussian()), "s"));
            metrics.add(new Metric("rpo.aboveTarget.fraction", Math.max(0, Math.min(1, 0.6 / bandwidthGbit * minCycleS / 30
                    + 0.03 * rnd.nextGaussian())), "fraction"));
            metrics.add(new Metric("cycle.bytes.mean", 1e9 * minCycleS / 30 * (1 + 0.05 * rnd.nextGaussian()), "bytes"));
            metrics.add(new Metric("consistency.violations", 0, "count"));
            metrics.add(new Metric("disaster.lost.writes", 5000 + 100 * rnd.nextGaussian(), "count"));
            metrics.add(new Metric("disaster.lost.span", minCycleS * 2 * (1 + 0.05 * rnd.nextGaussian()), "s"));
        }
        return new RunResult(replication, 42 + replication, metrics, ts, tables, intervals);
    }

    private static Path sweepReport;

    /**
     * The 3 × 2 sweep report written once per test JVM into {@code target/browser-report}
     * (emptied first), shared by the tests that only read it; the browser test's screenshot shows it.
     */
    static synchronized Path sweepReport() throws IOException {
        if (sweepReport == null) {
            Path dir = Path.of("target", "browser-report");
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            ReportWriter.write(dir, sweep("srdfa-two-boxes"));
            sweepReport = dir;
        }
        return sweepReport;
    }

    /** A 3 × 2 sweep (bandwidth × minCycleTime), three replications per point. */
    static ReportInput sweep(String name) {
        return sweep(name, BANDWIDTHS, MIN_CYCLES, true);
    }

    /** A bandwidth × minCycleTime sweep over the given values, three replications per point. */
    static ReportInput sweep(String name, List<String> bandwidths, List<String> minCycles, boolean full) {
        List<PointSummary> points = new ArrayList<>();
        Map<String, List<RunResult>> reps = new LinkedHashMap<>();
        int id = 0;
        for (String bw : bandwidths) {
            for (String mc : minCycles) {
                double gbit = Double.parseDouble(bw.split(" ")[0]);
                double cycle = Double.parseDouble(mc.split(" ")[0]);
                List<RunResult> runs = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    runs.add(cycleRun(r, gbit, cycle, full));
                }
                LinkedHashMap<String, String> params = new LinkedHashMap<>();
                params.put(BANDWIDTH, bw);
                params.put(MIN_CYCLE, mc);
                String pid = String.format("%03d", id++);
                points.add(summarize(pid, params, runs));
                reps.put(pid, runs);
            }
        }
        ExperimentSummary summary = new ExperimentSummary(name, "0.1.0-test", List.of(BANDWIDTH, MIN_CYCLE), points);
        return new ReportInput(name, "Two primary boxes replicating 100 km away",
                List.of("sites: prod, dr", "boxes: r1a, r1b at prod; r2a, r2b at dr", "link wan: prod–dr, 100 km"),
                List.of(BANDWIDTH, MIN_CYCLE), summary, reps, 60.0, 1.0);
    }

    /** One synchronous configuration: latency, queues and one link only; no cycles, cache or lag. */
    static ReportInput syncOnly() {
        List<RunResult> runs = List.of(cycleRun(0, 2, 30, false), cycleRun(1, 2, 30, false));
        PointSummary p = summarize("000", new LinkedHashMap<>(), runs);
        ExperimentSummary summary = new ExperimentSummary("sync-baseline", "0.1.0-test", List.of(), List.of(p));
        return new ReportInput("sync-baseline", "", List.of("one box pair, synchronous"), List.of(), summary,
                Map.of("000", runs), null, 1.0);
    }

    static PointSummary summarize(String id, LinkedHashMap<String, String> params, List<RunResult> runs) {
        TreeMap<String, MetricSummary> metrics = new TreeMap<>();
        for (String name : runs.get(0).metrics().keySet()) {
            double[] v = new double[runs.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = runs.get(i).value(name);
            }
            ConfidenceInterval ci = ConfidenceInterval.of95(v);
            metrics.put(name, new MetricSummary(name, ci.mean(), ci.halfWidth(), ci.min(), ci.max(),
                    runs.get(0).metrics().get(name).unit(), ci.n()));
        }
        return new PointSummary(id, params, runs.size(), metrics);
    }
}
