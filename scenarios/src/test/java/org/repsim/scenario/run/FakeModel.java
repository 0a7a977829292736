package org.repsim.scenario.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.repsim.core.random.RandomStream;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;

/**
 * A replication model whose result is a pure function of (point parameters, replication, master
 * seed) through {@link RandomStreams}, with every kind of output: metrics (one recorded only in
 * even replications), a time series, a table and intervals. Counts its calls per (point, rep).
 */
final class FakeModel implements ReplicationModel {
    static final int SAMPLES = 20;

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public RunResult run(PlanPoint point, int replication, long masterSeed, ProgressSink progress) {
        calls.computeIfAbsent(point.id() + "/" + replication, k -> new AtomicInteger()).incrementAndGet();
        return result(point, replication, masterSeed, progress);
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static RunResult result(PlanPoint point, int replication, long masterSeed, ProgressSink progress) {
        double load = load(point);
        RandomStream stream = new RandomStreams(masterSeed, replication).stream("fake.service");
        TimeSeries series = new TimeSeries(List.of("queue.depth", "link.wan.utilization"), List.of("", ""));
        double sum = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double depth = load * stream.nextDouble() * 10;
            sum += depth;
            series.append(i * 0.5, new double[] {depth, Math.min(1, load * stream.nextDouble())});
            progress.onProgress((i + 1) * 500_000_000L, (i + 1) * 1000L);
        }
        Table cycles = new Table("cycles", List.of("start_s", "duration_s", "bytes"), List.of("s", "s", "bytes"));
        for (int c = 0; c < 3; c++) {
            cycles.add(c * 3.0, 2.5 + stream.nextDouble(), Math.floor(stream.nextDouble() * 1e6));
        }
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("host.write.latency.mean", load * 1e-4 * (1 + stream.nextDouble()), "s"));
        metrics.add(new Metric("host.writes", 1000 + Math.floor(stream.nextDouble() * 100), "count"));
        metrics.add(new Metric("queue.depth.mean", sum / SAMPLES, ""));
        if (replication % 2 == 0) {
            metrics.add(new Metric("rpo.lag.max", load * stream.nextDouble(), "s"));
        }
        List<Interval> intervals = List.of(new Interval("link-down", "wan, \"east\"", 1.0, 1.0 + stream.nextDouble()));
        return new RunResult(replication, masterSeed, metrics, series, List.of(cycles), intervals);
    }

    /** The load a point of {@link #plan} stands for: its swept rate ÷ 1000/s. */
    static double load(PlanPoint point) {
        String rate = point.params().get("workloads[oltp].rate");
        return Integer.parseInt(rate.substring(0, rate.length() - "/s".length())) / 1000.0;
    }

    /** A plan of {@code loads.length} points sweeping one parameter. */
    static ExperimentPlan plan(int replications, double... loads) {
        List<PlanPoint> points = new ArrayList<>();
        for (int i = 0; i < loads.length; i++) {
            LinkedHashMap<String, String> params = new LinkedHashMap<>();
            params.put("workloads[oltp].rate", (int) (loads[i] * 1000) + "/s");
            points.add(new PlanPoint("p" + i, params, null));
        }
        return new ExperimentPlan("fake-scenario", "0.1.0-test", "{\n  \"name\": \"fake-scenario\"\n}\n", 42L,
                replications, 1_000_000_000L, 9_000_000_000L, 500_000_000L, points,
                List.of("workloads[oltp].rate"));
    }
}
