package org.repsim.model.trace;

import java.time.Instant;

/** Windows FILETIME: a count of 100 ns ticks since 1601-01-01T00:00:00Z (MSR trace timestamps). */
public final class FileTime {
    /** Nanoseconds per FILETIME tick. */
    public static final long NS_PER_TICK = 100;
    /** Ticks per second. */
    public static final long TICKS_PER_SECOND = 10_000_000L;
    /** Seconds from 1601-01-01 to the Unix epoch 1970-01-01 (369 years, 89 of them leap years). */
    public static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;
    /**
     * FILETIME of 1990-01-01T00:00:00Z. A timestamp below this cannot come from a real MSR trace;
     * it is almost certainly seconds or another unit, and is rejected rather than replayed in the wrong unit.
     */
    public static final long YEAR_1990_TICKS = (631_152_000L + EPOCH_OFFSET_SECONDS) * TICKS_PER_SECOND;

    private FileTime() {
    }

    /** The instant a FILETIME tick count denotes. */
    public static Instant toInstant(long ticks) {
        long seconds = Math.floorDiv(ticks, TICKS_PER_SECOND) - EPOCH_OFFSET_SECONDS;
        long nanos = Math.floorMod(ticks, TICKS_PER_SECOND) * NS_PER_TICK;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The FILETIME tick count of an instant (truncated to whole 100 ns ticks). */
    public static long ofInstant(Instant instant) {
        long seconds = Math.addExact(instant.getEpochSecond(), EPOCH_OFFSET_SECONDS);
        return Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), instant.getNano() / NS_PER_TICK);
    }
}
