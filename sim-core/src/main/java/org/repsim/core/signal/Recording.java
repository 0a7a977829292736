package org.repsim.core.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.measure.MetricType;
import org.repsim.core.measure.SeriesColumn;
import org.repsim.core.measure.Statistics;
import org.repsim.core.measure.TableSchema;
import org.repsim.core.result.Metric;
import org.repsim.core.result.Table;
import org.repsim.core.result.TableStores;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.LatencyHistogram;
import org.repsim.core.stats.Resettable;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;

/**
 * The configuration side of signals: what is recorded, under which metric names, and what is
 * sampled into the time series. Components never see this class.
 *
 * <p>Statistics stream (O(1) memory each); {@link #reset(long)} at the end of warm-up forgets
 * what they saw. Time values (signal unit {@code ns}) are reported in seconds.
 */
public final class Recording {
    private final List<Resettable> resettables = new ArrayList<>();
    private final List<MetricSource> sources = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    private final List<String> columnUnits = new ArrayList<>();
    private final List<DoubleSupplier> columnReaders = new ArrayList<>();
    private final List<Runnable> afterSample = new ArrayList<>();
    private final List<BeforeRead> beforeRead = new ArrayList<>();
    private final TableStores tableStores;

    /** A recording whose record tables are kept in memory. */
    public Recording() {
        this(TableStores.IN_MEMORY);
    }

    /** A recording whose record tables keep their rows where {@code tableStores} says. */
    public Recording(TableStores tableStores) {
        this.tableStores = tableStores;
    }

    /**
     * A record table whose rows a component adds as records become final; its store is this
     * recording's choice. The rows are not cleared at the warm-up: the caller decides which
     * records count (and may {@link Table#clear} them at a reset).
     */
    public Table table(String name, List<String> columns, List<String> units) {
        return Table.open(tableStores, name, columns, units);
    }

    /** The record table of {@code schema} (see {@link #table(String, List, List)}). */
    public Table table(TableSchema schema) {
        return table(schema.name(), schema.columnNames(), schema.units());
    }

    /** {@link #latency(Signal, String)} under the catalogue's {@code metrics}. */
    public LatencyHistogram latency(Signal signal, Statistics metrics) {
        return latency(signal, base(signal, metrics));
    }

    /** {@link #latencyByInterval(Signal, String)} under the catalogue's {@code metrics}. */
    public LatencyHistogram latencyByInterval(Signal signal, Statistics metrics) {
        return latencyByInterval(signal, base(signal, metrics));
    }

    /** {@link #tally(Signal, String, boolean)} under the catalogue's {@code metrics}. */
    public Tally tally(Signal signal, Statistics metrics, boolean withCount) {
        return tally(signal, base(signal, metrics), withCount);
    }

    /** {@link #level(Signal, String, long)} under the catalogue's {@code metrics}. */
    public TimeWeighted level(Signal signal, Statistics metrics, long startNs) {
        return level(signal, base(signal, metrics), startNs);
    }

    /** {@link #count(Signal, String)} under the catalogue's {@code metric}. */
    public Counter count(Signal signal, MetricType metric) {
        requireUnit(signal, metric.unit().symbol(), metric.name());
        return count(signal, metric.name());
    }

    /** {@link #column(String, String, DoubleSupplier)} of the catalogue's {@code column}. */
    public void column(SeriesColumn column, DoubleSupplier reader) {
        column(column.name(), column.unit().symbol(), reader);
    }

    /** The base name of {@code metrics}, once its unit is checked against the signal's (at build time). */
    private static String base(Signal signal, Statistics metrics) {
        requireUnit(signal, metrics.unit().symbol(), metrics.base());
        return metrics.base();
    }

    private static void requireUnit(Signal signal, String unit, String metric) {
        String recorded = signal.kind() == Signal.Kind.COUNT ? signal.unit() : outUnit(signal.unit());
        if (!recorded.equals(unit)) {
            throw new IllegalArgumentException(metric + " is declared in " + unit + " but " + signal.name()
                    + " records " + recorded);
        }
    }

    /** Where this recording's tables keep their rows (for a nested recording that shares them). */
    public TableStores tableStores() {
        return tableStores;
    }

    /**
     * A component that emits its signals late (it knows ahead what they will be): brings them up
     * to a read of the recording.
     */
    @FunctionalInterface
    public interface BeforeRead {
        /**
         * Emits every value that would have been emitted before an event of tie class {@code tie}
         * at {@code nowNs}, in order and with its own timestamp.
         */
        void settle(long nowNs, Tie tie);
    }

    /**
     * Runs {@code hook} before every read of the recorded statistics: before each sample (as at
     * tie {@link Tie#OBSERVE}), before the warm-up {@link #reset} (as at {@link Tie#CONTROL}) and
     * before the end-of-run {@link #metrics(long)} (after every event of the instant).
     */
    public void beforeRead(BeforeRead hook) {
        beforeRead.add(hook);
    }

    private void settle(long nowNs, Tie tie) {
        for (int i = 0; i < beforeRead.size(); i++) {
            beforeRead.get(i).settle(nowNs, tie);
        }
    }

    /** Produces metrics at the end of a run. */
    @FunctionalInterface
    public interface MetricSource {
        void addMetrics(long nowNs, List<Metric> out);
    }

    /** Records an observation signal as a latency histogram: {@code name.mean/.p50/.p99/.p999/.max}. */
    public LatencyHistogram latency(Signal signal, String metricName) {
        LatencyHistogram h = new LatencyHistogram();
        signal.subscribe(h);
        latencyMetrics(h, metricName);
        return h;
    }

    /**
     * {@link #latency} that is also read per sample interval: returns the interval histogram,
     * which ends its interval after every sample ({@link LatencyHistogram#intervals()}: each value
     * is recorded once).
     */
    public LatencyHistogram latencyByInterval(Signal signal, String metricName) {
        LatencyHistogram run = new LatencyHistogram();
        LatencyHistogram interval = run.intervals();
        signal.subscribe(interval);
        latencyMetrics(run, metricName);
        afterEachSample(() -> interval.endInterval(0));
        return interval;
    }

    private void latencyMetrics(LatencyHistogram h, String metricName) {
        resettables.add(h);
        sources.add((now, out) -> {
            out.add(new Metric(metricName + ".mean", h.meanNs() / 1e9, "s"));
            out.add(new Metric(metricName + ".p50", h.quantileNs(0.50) / 1e9, "s"));
            out.add(new Metric(metricName + ".p99", h.quantileNs(0.99) / 1e9, "s"));
            out.add(new Metric(metricName + ".p999", h.quantileNs(0.999) / 1e9, "s"));
            out.add(new Metric(metricName + ".max", h.maxNs() / 1e9, "s"));
        });
    }

    /** Records an observation signal as a tally: {@code name.mean/.max} (and {@code .count} if asked). */
    public Tally tally(Signal signal, String metricName, boolean withCount) {
        Tally t = new Tally();
        signal.subscribe(t);
        resettables.add(t);
        double scale = scale(signal.unit());
        String unit = outUnit(signal.unit());
        sources.add((now, out) -> {
            out.add(new Metric(metricName + ".mean", t.mean() * scale, unit));
            out.add(new Metric(metricName + ".max", t.max() * scale, unit));
            if (withCount) {
                out.add(new Metric(metricName + ".count", t.count(), "count"));
            }
        });
        return t;
    }

    /** Records a level signal as a time-weighted level: {@code name.mean/.max}. */
    public TimeWeighted level(Signal signal, String metricName, long startNs) {
        TimeWeighted w = new TimeWeighted(startNs, 0);
        signal.subscribe(w);
        resettables.add(w);
        double scale = scale(signal.unit());
        String unit = outUnit(signal.unit());
        sources.add((now, out) -> {
            out.add(new Metric(metricName + ".mean", w.average(now) * scale, unit));
            out.add(new Metric(metricName + ".max", w.max() * scale, unit));
        });
        return w;
    }

    /** Records a count signal as a total: {@code name}. */
    public Counter count(Signal signal, String metricName) {
        Counter c = new Counter();
        signal.subscribe(c);
        resettables.add(c);
        String unit = signal.unit();
        sources.add((now, out) -> out.add(new Metric(metricName, c.value(), unit)));
        return c;
    }

    /** Adds a statistic that the composition root keeps itself, so it is reset with the others. */
    public void resetWith(Resettable r) {
        resettables.add(r);
    }

    /** Adds metrics computed at the end of the run by the caller. */
    public void metrics(MetricSource source) {
        sources.add(source);
    }

    /** Adds a time-series column read at every sample. */
    public void column(String name, String unit, DoubleSupplier reader) {
        columns.add(name);
        columnUnits.add(unit);
        columnReaders.add(reader);
    }

    /** Runs after each sample row was taken (interval statistics restart here). */
    public void afterEachSample(Runnable r) {
        afterSample.add(r);
    }

    /** Forgets everything recorded so far (end of warm-up, an event of tie class {@link Tie#CONTROL}). */
    public void reset(long nowNs) {
        settle(nowNs, Tie.CONTROL);
        for (Resettable r : resettables) {
            r.reset(nowNs);
        }
    }

    /** All metrics as of {@code nowNs}. */
    public List<Metric> metrics(long nowNs) {
        settle(nowNs, Tie.OBSERVE);
        List<Metric> out = new ArrayList<>();
        for (MetricSource s : sources) {
            s.addMetrics(nowNs, out);
        }
        return out;
    }

    /**
     * Samples every column each {@code everyNs} from {@code firstNs} up to {@code endNs}
     * (inclusive) into a new time series, at tie class {@link Tie#OBSERVE}.
     */
    public TimeSeries sampleEvery(Scheduler scheduler, long firstNs, long everyNs, long endNs) {
        if (everyNs <= 0) {
            throw new IllegalArgumentException("sample interval must be positive");
        }
        TimeSeries series = new TimeSeries(columns, columnUnits);
        DoubleSupplier[] readers = columnReaders.toArray(new DoubleSupplier[0]);
        Runnable[] after = afterSample.toArray(new Runnable[0]);
        Runnable[] sample = new Runnable[1];
        sample[0] = () -> {
            settle(scheduler.now(), Tie.OBSERVE);
            double[] row = new double[readers.length];
            for (int i = 0; i < readers.length; i++) {
                row[i] = readers[i].getAsDouble();
            }
            series.append(scheduler.now() / 1e9, row);
            for (Runnable r : after) {
                r.run();
            }
            long next = scheduler.now() + everyNs;
            if (next <= endNs) {
                scheduler.at(next, Tie.OBSERVE, sample[0]);
            }
        };
        if (firstNs <= endNs) {
            scheduler.at(firstNs, Tie.OBSERVE, sample[0]);
        }
        return series;
    }

    /** Seconds for nanosecond signals, the unit itself otherwise. */
    static String outUnit(String signalUnit) {
        return "ns".equals(signalUnit) ? "s" : signalUnit;
    }

    static double scale(String signalUnit) {
        return "ns".equals(signalUnit) ? 1e-9 : 1.0;
    }
}
