package org.repsim.model.trace;

import java.time.Instant;

/** Turns one text line of a trace format into the raw fields of a {@link TraceRecord}. */
abstract class LineParser {
    final Fields fields = new Fields();
    final DeviceTable devices = new DeviceTable();

    static LineParser of(TraceFormat format) {
        return format == TraceFormat.MSR ? new MsrLineParser() : new SpcLineParser();
    }

    /**
     * Fills {@code rawTime}, device, offset, size, direction and response time of {@code out}.
     *
     * @return false for a blank line (nothing to replay)
     * @throws BadLineException when the line is malformed
     */
    abstract boolean parse(String line, TraceRecord out);

    /** Nanoseconds from {@code originRaw} to {@code raw}, both in the format's timestamp unit. */
    abstract long nanosBetween(long originRaw, long raw);

    /** The absolute instant of a raw timestamp, or null when the format's clock has no epoch. */
    abstract Instant instant(long raw);

    /** A raw timestamp as written in the file, for messages. */
    abstract String describe(long raw);

    static boolean isBlank(String line) {
        return line.isBlank();
    }
}
