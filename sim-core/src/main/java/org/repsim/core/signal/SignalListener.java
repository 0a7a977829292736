package org.repsim.core.signal;

/** Receives the values a {@link Signal} emits. */
@FunctionalInterface
public interface SignalListener {
    void receive(long nowNs, double value);
}
