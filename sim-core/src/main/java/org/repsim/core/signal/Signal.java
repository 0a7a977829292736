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
    // The statistics a recording attaches are kept by type (for inspection and rebuilding) and
    // combined into one sink made for exactly that set: a level signal recorded by one
    // TimeWeighted calls it directly, with no loop over empty lists. Emit runs several times per
    // simulated I/O, on signals recorded in different ways, and one shared loop per statistic
    // type made the processor mispredict its exits on almost every call.
    private TimeWeighted[] levels = NO_LEVELS;
    private LatencyHistogram[] histograms = NO_HISTOGRAMS;
    private Tally[] tallies = NO_TALLIES;
    private Counter[] counters = NO_COUNTERS;
    /** Null while nothing records this signal: emitting then costs one field test. */
    private Sink sink;

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
        Sink s = sink;
        if (s != null) {
            s.accept(nowNs, value);
        }
    }

    /** True when at least one listener records this signal. */
    public boolean isRecorded() {
        return sink != null;
    }

    /** Each value becomes the level's new value ({@link TimeWeighted#update}). */
    public void subscribe(TimeWeighted level) {
        levels = append(levels, level);
        rebuild();
    }

    /** Each value (ns) is recorded as a latency. */
    public void subscribe(LatencyHistogram histogram) {
        histograms = append(histograms, histogram);
        rebuild();
    }

    /** Each value is one observation. */
    public void subscribe(Tally tally) {
        tallies = append(tallies, tally);
        rebuild();
    }

    /** Each value is added to the count. */
    public void subscribe(Counter counter) {
        counters = append(counters, counter);
        rebuild();
    }

    public void subscribe(SignalListener listener) {
        listeners = append(listeners, listener);
        rebuild();
    }

    /** A copy of {@code array} with {@code item} added; the signal's sink is rebuilt to include it. */
    private <T> T[] append(T[] array, T item) {
        T[] longer = Arrays.copyOf(array, array.length + 1);
        longer[array.length] = item;
        return longer;
    }

    /** Rebuilds the sink after a subscription: levels, histograms, tallies, counters, listeners, in that order. */
    private void rebuild() {
        Sink s = null;
        for (TimeWeighted w : levels) {
            s = Sink.then(s, new LevelSink(w));
        }
        for (LatencyHistogram h : histograms) {
            s = Sink.then(s, new HistogramSink(h));
        }
        for (Tally t : tallies) {
            s = Sink.then(s, new TallySink(t));
        }
        for (Counter c : counters) {
            s = Sink.then(s, new CounterSink(c));
        }
        for (SignalListener l : listeners) {
            s = Sink.then(s, new ListenerSink(l));
        }
        sink = s;
    }

    /** Where an emitted value goes; one small final class per kind of statistic. */
    private abstract static class Sink {
        abstract void accept(long nowNs, double value);

        static Sink then(Sink first, Sink next) {
            return first == null ? next : new PairSink(first, next);
        }
    }

    private static final class LevelSink extends Sink {
        private final TimeWeighted w;

        LevelSink(TimeWeighted w) {
            this.w = w;
        }

        @Override
        void accept(long nowNs, double value) {
            w.update(nowNs, value);
        }
    }

    private static final class HistogramSink extends Sink {
        private final LatencyHistogram h;

        HistogramSink(LatencyHistogram h) {
            this.h = h;
        }

        @Override
        void accept(long nowNs, double value) {
            h.record((long) value);
        }
    }

    private static final class TallySink extends Sink {
        private final Tally t;

        TallySink(Tally t) {
            this.t = t;
        }

        @Override
        void accept(long nowNs, double value) {
            t.add(value);
        }
    }

    private static final class CounterSink extends Sink {
        private final Counter c;

        CounterSink(Counter c) {
            this.c = c;
        }

        @Override
        void accept(long nowNs, double value) {
            c.add((long) value);
        }
    }

    private static final class ListenerSink extends Sink {
        private final SignalListener l;

        ListenerSink(SignalListener l) {
            this.l = l;
        }

        @Override
        void accept(long nowNs, double value) {
            l.receive(nowNs, value);
        }
    }

    /** Two sinks in subscription order. */
    private static final class PairSink extends Sink {
        private final Sink first;
        private final Sink second;

        PairSink(Sink first, Sink second) {
            this.first = first;
            this.second = second;
        }

        @Override
        void accept(long nowNs, double value) {
            first.accept(nowNs, value);
            second.accept(nowNs, value);
        }
    }

    @Override
    public String toString() {
        return "Signal[" + name + ", " + kind + ", " + unit + "]";
    }
}
