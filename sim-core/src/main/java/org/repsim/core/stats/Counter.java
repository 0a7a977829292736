package org.repsim.core.stats;

/** A count of events or a sum of amounts (writes, bytes) since the start or last reset. */
public final class Counter implements Resettable {
    private long value;

    public void increment() {
        value++;
    }

    public void add(long amount) {
        value += amount;
    }

    public long value() {
        return value;
    }

    @Override
    public void reset(long nowNs) {
        value = 0;
    }
}
