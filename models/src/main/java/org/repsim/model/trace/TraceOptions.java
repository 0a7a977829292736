package org.repsim.model.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a trace is replayed. Times are nanoseconds on the trace's own clock, where 0 is the
 * trace's first I/O (the earliest one, after any reordering).
 *
 * @param volumes       trace device id ({@code "prxy/0"} for MSR, ASU number {@code "0"} for SPC)
 *                      → scenario volume id. Empty: every device replays onto a volume of the same id.
 * @param unmapped      what to do with an I/O of a device absent from a non-empty {@code volumes} map
 * @param speed         time scaling: replay time = (trace time − {@code fromNs}) / speed; 2.0 = twice as fast
 * @param fromNs        first trace time replayed (inclusive), applied before scaling
 * @param toNs          end of the replayed trace time (exclusive); {@link Long#MAX_VALUE} = to the end
 * @param loop          restart from the beginning after the last I/O of the window, one mean
 *                      inter-arrival gap later, forever (the simulation's end stops the replay)
 * @param timing        whether the replay keeps the trace's arrival times or only its I/O sequence
 * @param skipBadLines  skip (and count) malformed lines instead of failing on the first one
 * @param reorderWindow 0: a timestamp earlier than the previous line's is an error. n &gt; 0: up to
 *                      n records are held and released in time order, so disorder spanning at most
 *                      n lines is repaired; anything worse is still an error. Memory is O(n).
 */
public record TraceOptions(Map<String, String> volumes, Unmapped unmapped, double speed, long fromNs, long toNs,
                           boolean loop, Timing timing, boolean skipBadLines, int reorderWindow) {

    /** Fate of an I/O on a device that the {@code volumes} map does not name. */
    public enum Unmapped {
        /** Stop with an error naming the device, file and line. */
        ERROR,
        /** Drop the I/O and count it ({@link TraceReader#skippedUnmapped()}). */
        SKIP
    }

    /** Where the replay's arrival times come from. */
    public enum Timing {
        /** Arrivals at the trace's own (windowed, scaled, looped) times. */
        TRACE,
        /** Only the sequence of I/Os (device, offset, size, read/write) is used; arrivals are drawn by the workload. */
        SYNTHETIC
    }

    /** Largest reorder window accepted, so a typo cannot ask for an unbounded buffer. */
    public static final int MAX_REORDER_WINDOW = 1_000_000;

    public TraceOptions {
        Objects.requireNonNull(volumes, "volumes");
        Objects.requireNonNull(unmapped, "unmapped");
        Objects.requireNonNull(timing, "timing");
        volumes.forEach((device, volume) -> {
            if (device == null || device.isBlank() || volume == null || volume.isBlank()) {
                throw new IllegalArgumentException("trace volume mapping has an empty device or volume id: "
                        + device + " -> " + volume);
            }
        });
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("trace speed must be a positive finite factor, got " + speed);
        }
        if (fromNs < 0) {
            throw new IllegalArgumentException("trace window start must be >= 0 ns, got " + fromNs);
        }
        if (toNs <= fromNs) {
            throw new IllegalArgumentException("trace window end (" + toNs + " ns) must be after its start ("
                    + fromNs + " ns)");
        }
        if (reorderWindow < 0 || reorderWindow > MAX_REORDER_WINDOW) {
            throw new IllegalArgumentException("trace reorder window must be 0.." + MAX_REORDER_WINDOW
                    + " records, got " + reorderWindow);
        }
    }

    /** No mapping (device id = volume id), unmapped error, speed 1, whole trace, no loop, trace timing, strict lines. */
    public static TraceOptions defaults() {
        return new TraceOptions(Map.of(), Unmapped.ERROR, 1.0, 0, Long.MAX_VALUE, false, Timing.TRACE, false, 0);
    }

    public TraceOptions withVolumes(Map<String, String> newVolumes) {
        return new TraceOptions(newVolumes, unmapped, speed, fromNs, toNs, loop, timing, skipBadLines, reorderWindow);
    }

    public TraceOptions withUnmapped(Unmapped newUnmapped) {
        return new TraceOptions(volumes, newUnmapped, speed, fromNs, toNs, loop, timing, skipBadLines, reorderWindow);
    }

    public TraceOptions withSpeed(double newSpeed) {
        return new TraceOptions(volumes, unmapped, newSpeed, fromNs, toNs, loop, timing, skipBadLines, reorderWindow);
    }

    /** Window [fromNs, toNs) on the trace's own clock; {@link Long#MAX_VALUE} as end = to the end of the trace. */
    public TraceOptions withWindow(long newFromNs, long newToNs) {
        return new TraceOptions(volumes, unmapped, speed, newFromNs, newToNs, loop, timing, skipBadLines,
                reorderWindow);
    }

    public TraceOptions withLoop(boolean newLoop) {
        return new TraceOptions(volumes, unmapped, speed, fromNs, toNs, newLoop, timing, skipBadLines, reorderWindow);
    }

    public TraceOptions withTiming(Timing newTiming) {
        return new TraceOptions(volumes, unmapped, speed, fromNs, toNs, loop, newTiming, skipBadLines, reorderWindow);
    }

    public TraceOptions withSkipBadLines(boolean newSkipBadLines) {
        return new TraceOptions(volumes, unmapped, speed, fromNs, toNs, loop, timing, newSkipBadLines,
                reorderWindow);
    }

    public TraceOptions withReorderWindow(int newReorderWindow) {
        return new TraceOptions(volumes, unmapped, speed, fromNs, toNs, loop, timing, skipBadLines,
                newReorderWindow);
    }
}
