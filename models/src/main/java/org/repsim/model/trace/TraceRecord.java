package org.repsim.model.trace;

/**
 * One block I/O of a trace. A {@link TraceReader} refills the same instance on every
 * {@link TraceReader#next()}, so a consumer copies what it keeps. Units: times in ns,
 * offsets and sizes in bytes.
 */
public final class TraceRecord {
    long timeNs;
    long traceTimeNs;
    /** Timestamp in the format's own unit (MSR: FILETIME ticks; SPC: ns), absolute. */
    long rawTime;
    /** File order of the line, breaking ties between equal timestamps when reordering. */
    long sequence;
    String device;
    int deviceIndex;
    String volume;
    long offsetBytes;
    long sizeBytes;
    boolean write;
    long responseTimeNs;
    long lineNumber;
    int pass;

    /** Replay time: (trace time − window start) / speed, plus the loop offset of later passes. */
    public long timeNs() {
        return timeNs;
    }

    /** Time on the trace's own clock, relative to its first I/O; not windowed, scaled or looped. */
    public long traceTimeNs() {
        return traceTimeNs;
    }

    /** Device id in the trace: {@code Hostname/DiskNumber} for MSR, the ASU number for SPC. */
    public String device() {
        return device;
    }

    /** Dense index of {@link #device()} in order of first appearance in the file (0, 1, ...). */
    public int deviceIndex() {
        return deviceIndex;
    }

    /** Scenario volume id this I/O replays onto ({@link TraceOptions#volumes()}; the device id when unmapped). */
    public String volume() {
        return volume;
    }

    public long offsetBytes() {
        return offsetBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public boolean isWrite() {
        return write;
    }

    /** Response time measured in the trace (MSR), in ns; -1 when the format has none (SPC). */
    public long responseTimeNs() {
        return responseTimeNs;
    }

    /** 1-based line of the file this I/O came from. */
    public long lineNumber() {
        return lineNumber;
    }

    /** 0 for the first pass through the trace, 1 after the first loop restart, and so on. */
    public int pass() {
        return pass;
    }

    void copyFrom(TraceRecord other) {
        timeNs = other.timeNs;
        traceTimeNs = other.traceTimeNs;
        rawTime = other.rawTime;
        sequence = other.sequence;
        device = other.device;
        deviceIndex = other.deviceIndex;
        volume = other.volume;
        offsetBytes = other.offsetBytes;
        sizeBytes = other.sizeBytes;
        write = other.write;
        responseTimeNs = other.responseTimeNs;
        lineNumber = other.lineNumber;
        pass = other.pass;
    }

    @Override
    public String toString() {
        return "TraceRecord{t=" + timeNs + "ns, traceT=" + traceTimeNs + "ns, " + device + "->" + volume
                + ", " + (write ? "W" : "R") + " @" + offsetBytes + " +" + sizeBytes + ", line " + lineNumber
                + ", pass " + pass + "}";
    }
}
