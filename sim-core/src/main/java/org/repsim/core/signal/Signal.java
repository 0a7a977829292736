package org.repsim.core.signal;

import java.util.Arrays;

/**
 * A named value that a component emits (OMNeT++ style): a queue length, a latency, bytes sent.
 * The component only emits; the run's {@link Recording} decides what is recorded by subscribing
 * listeners. Emitting to a signal nobody listens to costs one array-length check.
 *
 * <p>Units: times in nanoseconds, sizes in bytes, levels and counts as plain numbers.
 */
public final class Signal {
    private static final SignalListener[] NONE = new SignalListener[0];

    private final String name;
    private final Kind kind;
    private final String unit;
    private SignalListener[] listeners = NONE;

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
        SignalListener[] ls = listeners;
        for (SignalListener l : ls) {
            l.receive(nowNs, value);
        }
    }

    /** True when at least one listener records this signal. */
    public boolean isRecorded() {
        return listeners.length > 0;
    }

    public void subscribe(SignalListener listener) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = listener;
    }

    @Override
    public String toString() {
        return "Signal[" + name + ", " + kind + ", " + unit + "]";
    }
}
