package org.repsim.model.trace;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.time.Instant;
import org.repsim.core.collect.LongPairSet;

/**
 * One streaming pass over a trace that summarises what a capacity planner needs before a
 * replay (command {@code repsim trace stats FILE}): I/O count and read/write mix, size
 * histogram, duration, write rate over time, and write folding (docs/model.md §5: a track written
 * several times in one cycle is transmitted once).
 *
 * <p>Folding: replay time is cut into cycle windows {@code [k·cycle, (k+1)·cycle)}; a write of
 * {@code size} bytes at {@code offset} covers tracks {@code offset / track} to
 * {@code (offset + size − 1) / track} of its device and counts as one track write per track.
 * A window's ratio is its track writes ÷ its distinct (device, track) pairs — the definition of
 * the model's {@code cycle.folding.mean} (writes ÷ slots per cycle, a write counted once per track
 * it covers, docs/model.md §5); {@link #foldingRatio()} is the mean of these ratios over windows
 * holding at least one write (each window counts once, the last one too, however little of it the
 * trace covers), {@link #pooledFoldingRatio()} all windows' track writes ÷ all windows' distinct
 * tracks (each window weighted by its tracks). {@code repsim trace fit} counts differently: write
 * I/Os ÷ distinct first tracks (docs/model.md §2).
 *
 * <p>Memory: the distinct-track set holds one window's tracks only and is cleared when the
 * next window starts, so it is bounded by the most tracks written in one cycle
 * ({@link #maxDistinctTracksPerCycle()}), not by the trace length; the write-rate series holds
 * one long per rate interval of the trace's duration.
 */
public final class TraceStats {
    /** Bound on the number of rate intervals, so a tiny interval over a long trace fails clearly. */
    public static final int MAX_RATE_INTERVALS = 10_000_000;

    private final String fileName;
    private final TraceFormat format;
    private final Instant start;
    private final List<String> devices;
    private final long rateIntervalNs;
    private final long cycleNs;
    private final long trackSizeBytes;

    private long ios;
    private long writes;
    private long readBytes;
    private long writeBytes;
    private final long[] sizeHistogram = new long[64];
    private long firstNs = -1;
    private long lastNs;
    private long[] writeBytesPerInterval = new long[16];
    private int intervals;

    private long trackWrites;
    private long distinctTrackSum;
    private long maxDistinctTracksPerCycle;
    private long cyclesWithWrites;
    /** Index of the last cycle window holding a write, -1 before any. */
    private long lastWriteWindow = -1;
    private double ratioSum;
    private long badLines;
    private long skippedUnmapped;

    private TraceStats(TraceReader reader, long rateIntervalNs, long cycleNs, long trackSizeBytes) {
        if (rateIntervalNs <= 0 || cycleNs <= 0 || trackSizeBytes <= 0) {
            throw new IllegalArgumentException("trace stats need a positive rate interval, cycle time and track size,"
                    + " got " + rateIntervalNs + " ns, " + cycleNs + " ns, " + trackSizeBytes + " bytes");
        }
        if (reader.options().loop()) {
            throw new IllegalArgumentException("trace stats read the trace once: option loop must be off");
        }
        this.fileName = reader.path().getFileName() == null ? reader.path().toString()
                : reader.path().getFileName().toString();
        this.format = reader.format();
        this.rateIntervalNs = rateIntervalNs;
        this.cycleNs = cycleNs;
        this.trackSizeBytes = trackSizeBytes;
        scan(reader);
        this.start = reader.startInstant().orElse(null);
        this.devices = List.copyOf(reader.devices());
        this.badLines = reader.badLines();
        this.skippedUnmapped = reader.skippedUnmapped();
    }

    /** Reads {@code reader} to its end (it must not loop) and summarises it; the reader is not closed. */
    public static TraceStats compute(TraceReader reader, long rateIntervalNs, long cycleNs, long trackSizeBytes) {
        return new TraceStats(reader, rateIntervalNs, cycleNs, trackSizeBytes);
    }

    /** Opens, summarises and closes a trace file. */
    public static TraceStats of(Path file, TraceFormat format, TraceOptions options, long rateIntervalNs,
                                long cycleNs, long trackSizeBytes) {
        try (TraceReader reader = TraceReader.open(file, format, options)) {
            return new TraceStats(reader, rateIntervalNs, cycleNs, trackSizeBytes);
        }
    }

    private void scan(TraceReader reader) {
        LongPairSet cycleTracks = new LongPairSet();
        long cycleIndex = 0;
        long cycleTrackWrites = 0;
        while (reader.next()) {
            TraceRecord r = reader.record();
            long t = r.timeNs();
            if (firstNs < 0) {
                firstNs = t;
            }
            lastNs = t;
            ios++;
            long size = r.sizeBytes();
            sizeHistogram[63 - Long.numberOfLeadingZeros(size)]++;
            if (!r.isWrite()) {
                readBytes += size;
                continue;
            }
            writes++;
            writeBytes += size;
            addWriteBytes(t / rateIntervalNs, size);
            long window = t / cycleNs;
            if (window != cycleIndex) {
                closeCycle(cycleTracks, cycleTrackWrites);
                cycleTracks.clear();
                cycleTrackWrites = 0;
                cycleIndex = window;
            }
            lastWriteWindow = window;
            long firstTrack = r.offsetBytes() / trackSizeBytes;
            long lastTrack = (r.offsetBytes() + size - 1) / trackSizeBytes;
            for (long track = firstTrack; track <= lastTrack; track++) {
                cycleTracks.add(r.deviceIndex(), track);
                cycleTrackWrites++;
            }
        }
        closeCycle(cycleTracks, cycleTrackWrites);
    }

    private void closeCycle(LongPairSet tracks, long cycleTrackWrites) {
        if (cycleTrackWrites == 0) {
            return;
        }
        int distinct = tracks.size();
        trackWrites += cycleTrackWrites;
        distinctTrackSum += distinct;
        maxDistinctTracksPerCycle = Math.max(maxDistinctTracksPerCycle, distinct);
        cyclesWithWrites++;
        ratioSum += (double) cycleTrackWrites / distinct;
    }

    private void addWriteBytes(long interval, long size) {
        if (interval >= MAX_RATE_INTERVALS) {
            throw new IllegalArgumentException("trace stats: rate interval of " + rateIntervalNs
                    + " ns gives more than " + MAX_RATE_INTERVALS + " intervals; choose a longer interval");
        }
        int i = (int) interval;
        if (i >= writeBytesPerInterval.length) {
            writeBytesPerInterval = Arrays.copyOf(writeBytesPerInterval,
                    Math.max(i + 1, writeBytesPerInterval.length * 2));
        }
        writeBytesPerInterval[i] += size;
        intervals = Math.max(intervals, i + 1);
    }

    public long ios() {
        return ios;
    }

    public long reads() {
        return ios - writes;
    }

    public long writes() {
        return writes;
    }

    public long readBytes() {
        return readBytes;
    }

    public long writeBytes() {
        return writeBytes;
    }

    /** Writes ÷ I/Os (by count); NaN for an empty trace. */
    public double writeFraction() {
        return ios == 0 ? Double.NaN : (double) writes / ios;
    }

    /** Count of I/Os per power-of-two size bucket: index k counts sizes in [2^k, 2^(k+1)) bytes (64 entries). */
    public long[] sizeHistogram() {
        return sizeHistogram.clone();
    }

    /** Replay time from the first to the last I/O, in ns (0 for fewer than two I/Os). */
    public long durationNs() {
        return ios == 0 ? 0 : lastNs - firstNs;
    }

    public long rateIntervalNs() {
        return rateIntervalNs;
    }

    /** Bytes written in each interval {@code [i·interval, (i+1)·interval)} of replay time, up to the last write. */
    public long[] writeBytesPerInterval() {
        return Arrays.copyOf(writeBytesPerInterval, intervals);
    }

    /** Write rate of interval {@code i} in bytes per second. */
    public double writeRateBps(int i) {
        return i < intervals ? writeBytesPerInterval[i] * 1e9 / rateIntervalNs : 0.0;
    }

    /** Highest per-interval write rate in bytes per second. */
    public double peakWriteRateBps() {
        double peak = 0;
        for (int i = 0; i < intervals; i++) {
            peak = Math.max(peak, writeRateBps(i));
        }
        return peak;
    }

    public long cycleNs() {
        return cycleNs;
    }

    public long trackSizeBytes() {
        return trackSizeBytes;
    }

    /** Writes counted per track covered (a write spanning 3 tracks counts 3). */
    public long trackWrites() {
        return trackWrites;
    }

    /** Sum over cycle windows of the distinct tracks written in each: the slots a cycle-mode replication sends. */
    public long distinctTracksWritten() {
        return distinctTrackSum;
    }

    /** Most distinct tracks written in one cycle window: the memory bound of the folding computation. */
    public long maxDistinctTracksPerCycle() {
        return maxDistinctTracksPerCycle;
    }

    public long cyclesWithWrites() {
        return cyclesWithWrites;
    }

    /** Mean over cycle windows with writes of (track writes ÷ distinct tracks); NaN without writes. */
    public double foldingRatio() {
        return cyclesWithWrites == 0 ? Double.NaN : ratioSum / cyclesWithWrites;
    }

    /** Total track writes ÷ total distinct tracks per window (windows weighted by their writes); NaN without writes. */
    public double pooledFoldingRatio() {
        return distinctTrackSum == 0 ? Double.NaN : (double) trackWrites / distinctTrackSum;
    }

    public long badLines() {
        return badLines;
    }

    public long skippedUnmapped() {
        return skippedUnmapped;
    }

    /** Device ids in order of first appearance. */
    public List<String> devices() {
        return devices;
    }

    /** Absolute time of the first I/O where the format has one (MSR). */
    public Optional<Instant> start() {
        return Optional.ofNullable(start);
    }

    /** A human-readable report; its last line is {@link #summaryLine()}. */
    public void format(PrintStream out) {
        out.printf(Locale.ROOT, "trace %s (%s)%s%n", fileName, format.id(),
                start == null ? "" : ", first I/O at " + start);
        out.printf(Locale.ROOT, "I/Os        %d (reads %d, writes %d, write fraction %.4f)%n", ios, reads(), writes,
                writeFraction());
        out.printf(Locale.ROOT, "bytes       read %d, written %d%n", readBytes, writeBytes);
        out.printf(Locale.ROOT, "duration    %.6f s%n", durationNs() / 1e9);
        out.printf(Locale.ROOT, "devices     %d: %s%n", devices.size(), String.join(", ", devices));
        if (badLines > 0 || skippedUnmapped > 0) {
            out.printf(Locale.ROOT, "skipped     %d bad lines, %d I/Os of unmapped devices%n", badLines,
                    skippedUnmapped);
        }
        out.println("I/O sizes (bytes)   count");
        for (int k = 0; k < sizeHistogram.length; k++) {
            if (sizeHistogram[k] > 0) {
                String bucket = k == 63 ? "[2^63, max]" : "[" + (1L << k) + ", " + (1L << (k + 1)) + ")";
                out.printf(Locale.ROOT, "  %-18s %d%n", bucket, sizeHistogram[k]);
            }
        }
        out.printf(Locale.ROOT, "write rate per %s (MB/s = 10^6 bytes/s), peak %.3f MB/s%n",
                durationLabel(rateIntervalNs), peakWriteRateBps() / 1e6);
        for (int i = 0; i < intervals; i++) {
            out.printf(Locale.ROOT, "  %14.3f s %16d bytes %14.6f MB/s%n", i * (rateIntervalNs / 1e9),
                    writeBytesPerInterval[i], writeRateBps(i) / 1e6);
        }
        out.printf(Locale.ROOT, "folding at cycle %s, track %d bytes: %.4f (track writes ÷ distinct tracks per cycle"
                        + " window, as cycle.folding.mean: mean of %d windows with writes, each counted once%s)%n",
                durationLabel(cycleNs), trackSizeBytes, foldingRatio(), cyclesWithWrites, lastWindowNote());
        out.printf(Locale.ROOT, "  pooled %.4f (the windows' %d track writes ÷ their %d distinct tracks, each window weighted"
                        + " by its tracks; at most %d in one window)%n",
                pooledFoldingRatio(), trackWrites, distinctTrackSum, maxDistinctTracksPerCycle);
        out.println(summaryLine());
    }

    /** How much of the last window with writes the trace covers, when it has more than one and the trace ends inside it. */
    private String lastWindowNote() {
        if (cyclesWithWrites < 2 || lastWriteWindow < 0) {
            return "";
        }
        long covered = lastNs - lastWriteWindow * cycleNs;
        if (covered >= cycleNs) {
            return "";
        }
        return String.format(Locale.ROOT, "; the trace ends %.3f s into the last", covered / 1e9);
    }

    /** Machine-readable summary: {@code ios=N writes=N write-fraction=F folding-at-<cycle>=F}. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "ios=%d writes=%d write-fraction=%.6f folding-at-%s=%.6f", ios, writes,
                writeFraction(), durationLabel(cycleNs), foldingRatio());
    }

    /** A duration in the largest unit that divides it exactly: {@code 30s}, {@code 500ms}, {@code 250us}, {@code 7ns}. */
    static String durationLabel(long ns) {
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        if (ns % 1_000L == 0) {
            return ns / 1_000L + "us";
        }
        return ns + "ns";
    }
}
