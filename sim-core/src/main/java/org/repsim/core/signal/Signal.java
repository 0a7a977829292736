package org.repsim.core.signal;

import java.util.Arrays;
import org.repsim.core.stats.Counter;
import org.repsim.core.stats.LatencyHistogram;
import org.repsim.core.stats.Tally;
import org.repsim.core.stats.TimeWeighted;

/**
 * A named value that a component emits (OMNeT++ style): a queue length, a latency, bytes sent.
 * The component only emits; the run's {@link Recording} decides what is recorded by subscribing
 * listeners. Emitting to a signal nobody listens to costs one field test.
 *
 * <p>Units: times in nanoseconds, sizes in bytes, levels and counts as plain numbers.
 */
public final class Signal {
    private static final SignalListener[] NONE = new SignalListener[0];
    private static final TimeWeighted[] NO_LEVELS = new TimeWeighted[0];
    private static final LatencyHistogram[] NO_HISTOGRAMS = new LatencyHistogram[0];
    private static final Tally[] NO_TALLIES = new Tally[0];
    private static final Counter[] NO_COUNTERS = new Counter[0];

    private final String name;
    private final Kind kind;
    private final String unit;
    private SignalListener[] listeners = NONE;
    // The statistics a recording attaches are kept by type, so emitting calls them directly
    // (monomorphic, inlined) instead of through one megamorphic listener call site: emit runs
    // several times per simulated I/O.
    private TimeWeighted[] levels = NO_LEVELS;
    private LatencyHistogram[] histograms = NO_HISTOGRAMS;
    private Tally[] tallies = NO_TALLIES;
    private Counter[] counters = NO_COUNTERS;
    /** True while nothing records this signal: emitting then costs one field test. */
    private boolean silent = true;

    /** What a signal's values mean, which decides how they can be recorded. */
    public enum Kind {
        /** Each value is one observation (a latency, a cycle size). */
        OBSERVATION,
        /** Each value is the new level from now on (a queue length, bytes held). */
        LEVEL,
        /** Each value is an amount to add to a running count (writes, bytes sent). */
        COUNT
    }

    Signal(String name, Kind kind, String unit) {
        this.name = name;
        this.kind = kind;
        this.unit = unit;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }

    public void emit(long nowNs, double value) {
        // kept tiny so that the JIT inlines it at every call site: an unrecorded signal then
        // costs one field test and no call
        if (!silent) {
            record(nowNs, value);
        }
    }

    private void record(long nowNs, double value) {
        for (TimeWeighted w : levels) {
            w.update(nowNs, value);
        }
        for (LatencyHistogram h : histograms) {
            h.record((long) value);
        }
        for (Tally t : tallies) {
            t.add(value);
        }
        for (Counter c : counters) {
            c.add((long) value);
        }
        for (SignalListener l : listeners) {
            l.receive(nowNs, value);
        }
    }

    /** True when at least one listener records this signal. */
    public boolean isRecorded() {
        return !silent;
    }

    /** Each value becomes the level's new value ({@link TimeWeighted#update}). */
    public void subscribe(TimeWeighted level) {
        levels = append(levels, level);
    }

    /** Each value (ns) is recorded as a latency. */
    public void subscribe(LatencyHistogram histogram) {
        histograms = append(histograms, histogram);
    }

    /** Each value is one observation. */
    public void subscribe(Tally tally) {
        tallies = append(tallies, tally);
    }

    /** Each value is added to the count. */
    public void subscribe(Counter counter) {
        counters = append(counters, counter);
    }

    public void subscribe(SignalListener listener) {
        listeners = append(listeners, listener);
    }

    /** A copy of {@code array} with {@code item} added; the signal is recorded from now on. */
    private <T> T[] append(T[] array, T item) {
        T[] longer = Arrays.copyOf(array, array.length + 1);
        longer[array.length] = item;
        silent = false;
        return longer;
    }

    @Override
    public String toString() {
        return "Signal[" + name + ", " + kind + ", " + unit + "]";
    }
}
