package org.repsim.core.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one replication produces: headline metrics, sampled time series, record tables (cycles)
 * and marked intervals (outages). Reports and summaries are computed from these only.
 */
public final class RunResult {
    private final int replication;
    private final long seed;
    private final SortedMap<String, Metric> metrics = new TreeMap<>();
    private final TimeSeries series;
    private final SortedMap<String, Table> tables = new TreeMap<>();
    private final List<Interval> intervals;

    public RunResult(int replication, long seed, Iterable<Metric> metrics, TimeSeries series,
            Iterable<Table> tables, List<Interval> intervals) {
        this.replication = replication;
        this.seed = seed;
        for (Metric m : metrics) {
            if (this.metrics.put(m.name(), m) != null) {
                throw new IllegalArgumentException("metric recorded twice: " + m.name());
            }
        }
        this.series = series;
        for (Table t : tables) {
            this.tables.put(t.name(), t);
        }
        this.intervals = List.copyOf(intervals);
    }

    public int replication() {
        return replication;
    }

    public long seed() {
        return seed;
    }

    public SortedMap<String, Metric> metrics() {
        return Collections.unmodifiableSortedMap(metrics);
    }

    /** The metric's value, or NaN when it was not recorded. */
    public double value(String name) {
        Metric m = metrics.get(name);
        return m == null ? Double.NaN : m.value();
    }

    public TimeSeries series() {
        return series;
    }

    public Map<String, Table> tables() {
        return Collections.unmodifiableSortedMap(tables);
    }

    public List<Interval> intervals() {
        return intervals;
    }
}
