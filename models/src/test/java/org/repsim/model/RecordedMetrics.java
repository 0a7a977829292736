package org.repsim.model;

import org.repsim.core.result.Metric;
import org.repsim.core.signal.Recording;

/** Reads one metric of a {@link Recording} in component tests. */
public final class RecordedMetrics {
    private RecordedMetrics() {
    }

    /** The value of metric {@code name} at {@code nowNs}; fails the test when the recording has none. */
    public static double value(Recording recording, long nowNs, String name) {
        for (Metric m : recording.metrics(nowNs)) {
            if (m.name().equals(name)) {
                return m.value();
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
