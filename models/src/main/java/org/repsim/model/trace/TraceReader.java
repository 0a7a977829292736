package org.repsim.model.trace;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Streams the I/Os of a block trace (docs/model.md §2, trace replay) in time order, one line at a
 * time: memory is O(1) in the trace length (one line buffer, one reusable {@link TraceRecord},
 * at most {@link TraceOptions#reorderWindow()} + 1 buffered records, one entry per distinct device).
 *
 * <p>Replay time of an I/O with trace time {@code t} (ns since the trace's first I/O) in loop
 * pass {@code k}: {@code round((k × period + t − from) / speed)}, for {@code from ≤ t < to}.
 * {@code period = span + span / (n − 1)}: the first pass's span (its last minus first I/O
 * time, relative to {@code from}) plus the mean gap between its {@code n} I/Os, so pass
 * {@code k + 1} starts one mean gap after pass {@code k} ended. With {@code loop} the reader
 * never ends; the consumer stops pulling when the simulation ends.
 *
 * <p>Use: {@code while (reader.next()) { TraceRecord r = reader.record(); ... }}, then {@link #close()}.
 */
public final class TraceReader implements AutoCloseable {
    private final Path path;
    private final TraceFormat format;
    private final TraceOptions options;
    private final LineParser parser;
    private final TraceRecord record = new TraceRecord();
    private final TraceRecord scratch;
    private final ReorderBuffer reorder;
    private LineSource source;

    private boolean originKnown;
    private long originRaw;
    private boolean previousKnown;
    private long previousRaw;
    private long previousLine;
    private boolean endOfFile;
    private boolean finished;
    private int pass;

    private long firstPassCount;
    private long firstPassFirstNs;
    private long firstPassLastNs;
    private double loopPeriodNs = Double.NaN;

    private long badLines;
    private String firstBadLine;
    private long skippedUnmapped;
    /** Volume of each device index; {@code UNMAPPED} marks a device the volume map lacks. */
    private String[] volumeOfDevice = new String[8];
    private static final String UNMAPPED = new String("<unmapped>");

    private TraceReader(Path path, TraceFormat format, TraceOptions options) {
        this.path = Objects.requireNonNull(path, "path");
        this.format = Objects.requireNonNull(format, "format");
        this.options = Objects.requireNonNull(options, "options");
        this.parser = LineParser.of(format);
        this.reorder = options.reorderWindow() > 0 ? new ReorderBuffer(options.reorderWindow() + 1) : null;
        this.scratch = reorder != null ? new TraceRecord() : record;
        this.source = new LineSource(path);
    }

    /** Opens {@code path} (plain or gzip-compressed) for replay in the given format. */
    public static TraceReader open(Path path, TraceFormat format, TraceOptions options) {
        return new TraceReader(path, format, options);
    }

    /** Opens {@code path} with {@link TraceOptions#defaults()}. */
    public static TraceReader open(Path path, TraceFormat format) {
        return new TraceReader(path, format, TraceOptions.defaults());
    }

    /**
     * Advances to the next I/O to replay and fills {@link #record()}.
     *
     * @return false when the trace (or its window) is exhausted; never false with {@code loop}
     * @throws IllegalArgumentException {@code file:line: what is wrong} for a bad line (unless
     *         skipped), a wrong timestamp unit, time going backwards, or an unmapped device
     */
    public boolean next() {
        if (finished) {
            return false;
        }
        while (true) {
            if (!nextInTimeOrder()) {
                if (!endPass()) {
                    return false;
                }
                continue;
            }
            TraceRecord r = record;
            if (!originKnown) {
                originKnown = true;
                originRaw = r.rawTime;
            }
            long traceTimeNs = parser.nanosBetween(originRaw, r.rawTime);
            r.traceTimeNs = traceTimeNs;
            if (traceTimeNs < options.fromNs()) {
                continue;
            }
            if (traceTimeNs >= options.toNs()) {
                // records come in time order: nothing later in the file is inside the window
                if (!endPass()) {
                    return false;
                }
                continue;
            }
            String volume = volumeOf(r);
            if (volume == null) {
                continue;
            }
            r.volume = volume;
            long sinceFromNs = traceTimeNs - options.fromNs();
            if (pass == 0) {
                if (firstPassCount == 0) {
                    firstPassFirstNs = sinceFromNs;
                }
                firstPassLastNs = sinceFromNs;
                firstPassCount++;
            }
            r.pass = pass;
            r.timeNs = replayTime(sinceFromNs);
            return true;
        }
    }

    private long replayTime(long sinceFromNs) {
        double speed = options.speed();
        if (pass == 0) {
            return speed == 1.0 ? sinceFromNs : Math.round(sinceFromNs / speed);
        }
        return Math.round((pass * loopPeriodNs + sinceFromNs) / speed);
    }

    /** Ends the current pass; returns true if a loop pass starts, false if the replay is over. */
    private boolean endPass() {
        if (!options.loop()) {
            finished = true;
            source.close();
            return false;
        }
        if (pass == 0) {
            if (firstPassCount < 2) {
                throw new IllegalArgumentException(source.fileName() + ": cannot loop this trace: the replayed window"
                        + " holds " + firstPassCount + " I/O(s), looping needs at least 2 to define the mean gap");
            }
            long spanNs = firstPassLastNs - firstPassFirstNs;
            if (spanNs == 0) {
                throw new IllegalArgumentException(source.fileName() + ": cannot loop this trace: all "
                        + firstPassCount + " I/Os of the replayed window have the same time");
            }
            loopPeriodNs = spanNs + (double) spanNs / (firstPassCount - 1);
        }
        pass++;
        source.close();
        source = new LineSource(path);
        endOfFile = false;
        previousKnown = false;
        if (reorder != null) {
            reorder.clear();
        }
        return true;
    }

    /** The next record in time order into {@link #record}, or false at the end of the file. */
    private boolean nextInTimeOrder() {
        if (reorder == null) {
            if (!readRecord(record)) {
                return false;
            }
            checkOrder(record);
            return true;
        }
        while (!endOfFile && !reorder.isFull()) {
            if (!readRecord(scratch)) {
                endOfFile = true;
                break;
            }
            checkOrder(scratch);
            reorder.add(scratch);
        }
        if (reorder.size() == 0) {
            return false;
        }
        reorder.pollInto(record);
        previousKnown = true;
        previousRaw = record.rawTime;
        previousLine = record.lineNumber;
        return true;
    }

    /**
     * Without a reorder window, a timestamp must not be earlier than the previous line's; with
     * one, not earlier than the last record already released (the disorder exceeds the window).
     */
    private void checkOrder(TraceRecord r) {
        if (previousKnown && r.rawTime < previousRaw) {
            String why = reorder == null
                    ? "; the trace must be in time order (option reorderWindow tolerates small disorder)"
                    : " already replayed; the disorder exceeds the reorder window of " + options.reorderWindow()
                            + " lines";
            throw new IllegalArgumentException(source.fileName() + ":" + r.lineNumber + ": Timestamp "
                    + parser.describe(r.rawTime) + " is earlier than the I/O of line " + previousLine + " at "
                    + parser.describe(previousRaw) + why);
        }
        if (reorder == null) {
            previousKnown = true;
            previousRaw = r.rawTime;
            previousLine = r.lineNumber;
        }
    }

    /** Parses the next non-blank, acceptable line into {@code out}; false at the end of the file. */
    private boolean readRecord(TraceRecord out) {
        while (true) {
            String line = source.nextLine();
            if (line == null) {
                return false;
            }
            long lineNumber = source.lineNumber();
            try {
                if (!parser.parse(line, out)) {
                    continue;
                }
            } catch (BadLineException e) {
                String message = source.fileName() + ":" + lineNumber + ": " + e.getMessage();
                if (e.fatal || !options.skipBadLines()) {
                    throw new IllegalArgumentException(message);
                }
                if (pass == 0) {
                    badLines++;
                    if (firstBadLine == null) {
                        firstBadLine = message;
                    }
                }
                continue;
            }
            out.lineNumber = lineNumber;
            out.sequence = lineNumber;
            return true;
        }
    }

    /** The volume of the record's device, or null if the I/O is skipped as unmapped. */
    private String volumeOf(TraceRecord r) {
        int index = r.deviceIndex;
        if (index >= volumeOfDevice.length) {
            volumeOfDevice = Arrays.copyOf(volumeOfDevice, Math.max(index + 1, volumeOfDevice.length * 2));
        }
        String volume = volumeOfDevice[index];
        if (volume == null) {
            if (options.volumes().isEmpty()) {
                volume = r.device;
            } else {
                volume = options.volumes().get(r.device);
                if (volume == null) {
                    volume = UNMAPPED;
                }
            }
            volumeOfDevice[index] = volume;
        }
        if (volume != UNMAPPED) {
            return volume;
        }
        if (options.unmapped() == TraceOptions.Unmapped.ERROR) {
            throw new IllegalArgumentException(source.fileName() + ":" + r.lineNumber + ": device \"" + r.device
                    + "\" is not mapped to a volume (mapped devices: " + new TreeSet<>(options.volumes().keySet())
                    + "; set unmapped devices to skip to ignore it)");
        }
        if (pass == 0) {
            skippedUnmapped++;
        }
        return null;
    }

    /** The I/O filled by the last successful {@link #next()}; the same instance every time. */
    public TraceRecord record() {
        return record;
    }

    public Path path() {
        return path;
    }

    public TraceFormat format() {
        return format;
    }

    public TraceOptions options() {
        return options;
    }

    /** Whether the consumer should use the trace's times or only its I/O sequence. */
    public TraceOptions.Timing timing() {
        return options.timing();
    }

    /**
     * Absolute time of trace time 0 (the first I/O), for formats whose clock has an epoch (MSR:
     * FILETIME). Empty for SPC, whose timestamps are relative, and before the first I/O is read.
     */
    public Optional<Instant> startInstant() {
        return originKnown ? Optional.ofNullable(parser.instant(originRaw)) : Optional.empty();
    }

    /** Lines skipped as malformed in the first pass (only with {@link TraceOptions#skipBadLines()}). */
    public long badLines() {
        return badLines;
    }

    /** The error message of the first skipped line, or null if none was skipped. */
    public String firstBadLine() {
        return firstBadLine;
    }

    /** I/Os skipped in the first pass because their device is not mapped ({@link TraceOptions.Unmapped#SKIP}). */
    public long skippedUnmapped() {
        return skippedUnmapped;
    }

    /** Current loop pass: 0 for the first pass through the trace. */
    public int pass() {
        return pass;
    }

    /** Loop period in ns of trace time (before scaling): first-pass span + mean gap; NaN until the first pass ended. */
    public double loopPeriodNs() {
        return loopPeriodNs;
    }

    /** Device ids seen so far, indexed by {@link TraceRecord#deviceIndex()}. */
    public List<String> devices() {
        return parser.devices.names();
    }

    @Override
    public void close() {
        finished = true;
        source.close();
    }
}
