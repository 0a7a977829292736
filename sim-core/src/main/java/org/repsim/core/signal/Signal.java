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
    /** The registry that declared this signal: told of every subscription, to re-run its seal hooks. */
    private final Signals owner;
    private SignalListener[] listeners = NONE;
    // The statistics a recording attaches are kept by type (to rebuild from) and combined into
    // one sink made for exactly that set: a level signal recorded by one TimeWeighted calls it
    // directly, with no loop over empty lists. Emit runs several times per simulated I/O, on
    // signals recorded in different ways, and one shared loop per statistic type made the
    // processor mispredict its exits on almost every call (the cycle reference ran 4-6 % faster
    // without them).
    private TimeWeighted[] levels = NO_LEVELS;
    private LatencyHistogram[] histograms = NO_HISTOGRAMS;
    private Tally[] tallies = NO_TALLIES;
    private Counter[] counters = NO_COUNTERS;
    /** Null while nothing records this signal: emitting then costs one field test. */
    private SignalListener sink;
    /**
     * The one statistic that records this signal, when a recording attached exactly one level or
     * one latency histogram and nothing else (most signals): emitting calls it directly. Through
     * {@link #sink} every emit of the run would pass one call site in {@link #emit} that sees all
     * the sink classes, a megamorphic interface call whose target the processor mispredicts and
     * whose receiver is one more object to load (the 64-box shuttle group spent about 40 % of its
     * samples on that line).
     */
    private TimeWeighted onlyLevel;
    private LatencyHistogram onlyHistogram;

    /** What a signal's values mean, which decides how they can be recorded. */
    public enum Kind {
        /** Each value is one observation (a latency, a cycle size). */
        OBSERVATION,
        /** Each value is the new level from now on (a queue length, bytes held). */
        LEVEL,
        /** Each value is an amount to add to a running count (writes, bytes sent). */
        COUNT
    }

    Signal(Signals owner, String name, Kind kind, String unit) {
        this.owner = owner;
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
        // kept small so that the JIT inlines it at every call site: an unrecorded signal costs
        // three field tests of this object and no call; a lone level or histogram a direct call
        TimeWeighted level = onlyLevel;
        if (level != null) {
            level.update(nowNs, value);
            return;
        }
        LatencyHistogram histogram = onlyHistogram;
        if (histogram != null) {
            histogram.record((long) value);
            return;
        }
        SignalListener s = sink;
        if (s != null) {
            s.receive(nowNs, value);
        }
    }

    /** True when at least one listener records this signal. */
    public boolean isRecorded() {
        return sink != null;
    }

    /**
     * This signal when something records it, else null: what a component keeps in its own field
     * (from a {@link Signals#onSeal} hook) so that an unrecorded emit is one null test of that
     * field and loads no signal object.
     */
    public Signal ifRecorded() {
        return sink != null ? this : null;
    }

    /**
     * The one level that records this signal when a recording attached exactly one
     * {@link TimeWeighted} and nothing else, else null: a component may keep it (from a
     * {@link Signals#onSeal} hook) and update it directly, which is what {@link #emit} would do.
     */
    public TimeWeighted soleLevel() {
        return onlyLevel;
    }

    /**
     * What a component holding {@link #soleLevel} keeps beside it for a level signal: this signal
     * when something records it other than through one sole level, else null. With the two, an
     * emit goes to the level, to the signal, or nowhere ({@link #emit(TimeWeighted, Signal, long, double)}).
     */
    public Signal ifRecordedBeyondSoleLevel() {
        return onlyLevel == null ? ifRecorded() : null;
    }

    /**
     * Emits {@code value} as a component holding the targets of a level signal in its own fields
     * does: to {@code level} when it is the signal's {@link #soleLevel}, else to {@code signal}
     * when that is the signal {@link #ifRecorded}; nothing when both are null (unrecorded).
     */
    public static void emit(TimeWeighted level, Signal signal, long nowNs, double value) {
        if (level != null) {
            level.update(nowNs, value);
        } else if (signal != null) {
            signal.emit(nowNs, value);
        }
    }

    /** Emits {@code value} to {@code signal} unless it is null (a signal held by {@link #ifRecorded}). */
    public static void emit(Signal signal, long nowNs, double value) {
        if (signal != null) {
            signal.emit(nowNs, value);
        }
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

    /**
     * Rebuilds the sink after a subscription: levels, histograms, tallies, counters, listeners, in
     * that order. Each kind is its own small lambda class, so the JIT sees at each emitting call
     * site the one or two kinds that site feeds and inlines them.
     */
    private void rebuild() {
        SignalListener s = null;
        for (TimeWeighted w : levels) {
            s = then(s, w::update);
        }
        for (LatencyHistogram h : histograms) {
            s = then(s, (t, v) -> h.record((long) v));
        }
        for (Tally t : tallies) {
            s = then(s, (now, v) -> t.add(v));
        }
        for (Counter c : counters) {
            s = then(s, (t, v) -> c.add((long) v));
        }
        for (SignalListener l : listeners) {
            s = then(s, l);
        }
        sink = s;
        int total = levels.length + histograms.length + tallies.length + counters.length + listeners.length;
        onlyLevel = total == 1 && levels.length == 1 ? levels[0] : null;
        onlyHistogram = total == 1 && histograms.length == 1 ? histograms[0] : null;
        owner.subscribed();
    }

    private static SignalListener then(SignalListener first, SignalListener next) {
        if (first == null) {
            return next;
        }
        return (t, v) -> {
            first.receive(t, v);
            next.receive(t, v);
        };
    }

    @Override
    public String toString() {
        return "Signal[" + name + ", " + kind + ", " + unit + "]";
    }
}
