package org.repsim.core.signal;

import org.repsim.core.measure.Unit;

/**
 * The typed identity of a kind of signal, declared once as a constant: components declare their
 * signal under it ({@link Signals#declare(String, SignalKey)}) and recordings look it up with it
 * ({@link Signals#get(String, SignalKey)}), so neither side spells the name and a lookup either
 * finds the signal or fails while the model is built, never later and never silently. Each
 * component instance has its own signal of the key: the full name is the instance's prefix
 * followed by {@link #suffix}.
 *
 * @param suffix      appended to the component's prefix, e.g. {@code .busy}
 * @param kind        what a value means
 * @param unit        unit of the emitted values
 * @param description what the signal carries
 */
public record SignalKey(String suffix, Signal.Kind kind, Unit unit, String description) {

    public static SignalKey level(String suffix, Unit unit, String description) {
        return new SignalKey(suffix, Signal.Kind.LEVEL, unit, description);
    }

    public static SignalKey observation(String suffix, Unit unit, String description) {
        return new SignalKey(suffix, Signal.Kind.OBSERVATION, unit, description);
    }

    public static SignalKey count(String suffix, Unit unit, String description) {
        return new SignalKey(suffix, Signal.Kind.COUNT, unit, description);
    }

    /** The full name of this key's signal on the component named {@code prefix}. */
    public String name(String prefix) {
        return prefix + suffix;
    }
}
