package org.repsim.core.signal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The signals of one model, by name. Components declare theirs when they are built; names are
 * dotted paths such as {@code processor.r1a.prep.queue} or {@code link.wan.busy}.
 */
public final class Signals {
    private final Map<String, Signal> byName = new LinkedHashMap<>();
    private final List<Runnable> sealHooks = new ArrayList<>();
    private boolean sealed;

    /**
     * Registers a hook that copies where a component's emits go (for each of its signals:
     * {@link Signal#ifRecorded}, {@link Signal#soleLevel}) into the component's own fields. It
     * runs at {@link #seal}, at once when the registry is already sealed, and again after every
     * subscription made once sealed.
     *
     * <p>Invariant: once sealed, each component's copies match its signals' subscriptions. Until
     * then a component emits through its signals themselves (the copies start as the signals),
     * so a model recorded without sealing records the same values, at the cost of loading every
     * signal object on every emit.
     */
    public void onSeal(Runnable hook) {
        sealHooks.add(hook);
        if (sealed) {
            hook.run();
        }
    }

    /**
     * The recording is wired: runs every {@link #onSeal} hook, so that components stop loading
     * the signals nobody records. Subscribing later is allowed (the hooks run again).
     */
    public void seal() {
        sealed = true;
        runHooks();
    }

    public boolean isSealed() {
        return sealed;
    }

    /** A signal of this registry gained a subscriber. */
    void subscribed() {
        if (sealed) {
            runHooks();
        }
    }

    private void runHooks() {
        for (Runnable hook : sealHooks) {
            hook.run();
        }
    }

    /** Declares a new signal; a name can be declared only once. */
    public Signal declare(String name, Signal.Kind kind, String unit) {
        Signal s = new Signal(this, name, kind, unit);
        if (byName.putIfAbsent(name, s) != null) {
            throw new IllegalArgumentException("signal declared twice: " + name);
        }
        return s;
    }

    public Signal observation(String name, String unit) {
        return declare(name, Signal.Kind.OBSERVATION, unit);
    }

    public Signal level(String name, String unit) {
        return declare(name, Signal.Kind.LEVEL, unit);
    }

    public Signal count(String name, String unit) {
        return declare(name, Signal.Kind.COUNT, unit);
    }

    /** Declares the signal of {@code key} on the component named {@code prefix}. */
    public Signal declare(String prefix, SignalKey key) {
        return declare(key.name(prefix), key.kind(), key.unit().symbol());
    }

    /**
     * The signal of {@code key} on the component named {@code prefix}.
     *
     * @throws IllegalStateException when no such signal was declared, or it was declared with
     *         another kind or unit (a model built wrongly: fails at build time)
     */
    public Signal get(String prefix, SignalKey key) {
        String name = key.name(prefix);
        Signal s = byName.get(name);
        if (s == null) {
            throw new IllegalStateException("no signal " + name + " declared (" + key.description() + ")");
        }
        if (s.kind() != key.kind() || !s.unit().equals(key.unit().symbol())) {
            throw new IllegalStateException("signal " + name + " is " + s.kind() + " in " + s.unit() + ", expected "
                    + key.kind() + " in " + key.unit().symbol());
        }
        return s;
    }

    /**
     * The signal of that name, or null: for tests and diagnostics. Model code looks signals up by
     * {@link #get(String, SignalKey)}, which cannot miss silently.
     */
    public Signal find(String name) {
        return byName.get(name);
    }

    /** Signals whose names match a glob ({@code *} = any run of characters), in declaration order. */
    public List<Signal> matching(String glob) {
        Pattern p = Pattern.compile(("\\Q" + glob + "\\E").replace("*", "\\E.*\\Q"));
        List<Signal> out = new ArrayList<>();
        for (Signal s : byName.values()) {
            if (p.matcher(s.name()).matches()) {
                out.add(s);
            }
        }
        return out;
    }

    public Collection<Signal> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
