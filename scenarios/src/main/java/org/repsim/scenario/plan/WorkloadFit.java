package org.repsim.scenario.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.repsim.core.random.RandomStreams;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.model.trace.TraceReader;
import org.repsim.model.trace.TraceRecord;
import org.repsim.model.workload.AddressPattern;
import org.repsim.scenario.spec.Units;

/**
 * {@code repsim trace fit}: a synthetic workload fitted from a block trace, as the keys of a
 * scenario's {@code workloads[]} entry ({@code arrival}, {@code writeFraction}, {@code size},
 * {@code address}), and how well it fits.
 *
 * <ul>
 * <li>Arrival: open-loop Poisson at the trace's mean I/O rate × {@code scale}; a profile gives each
 *     interval's rate ÷ the mean (the last, partial interval over its own length, or merged into
 *     the one before it when shorter than half an interval).
 * <li>Write fraction: writes ÷ I/Os.
 * <li>Size: the most frequent exact sizes covering 99 % of I/Os (at most 8), weights renormalised.
 * <li>Address, on the first track ({@code offset ÷ trackSize}) of every I/O per device:
 *     <em>sequential share</em> = I/Os starting where the previous I/O of their device ended,
 *     <em>run length</em> = I/Os ÷ runs. Above half sequential, the pattern is {@code sequential}
 *     with the mean run length. Otherwise a Zipf exponent s is fitted on block popularity (blocks of
 *     the synthetic workloads' default block size, since their Zipf pattern draws blocks,
 *     docs/model.md §2): over a device of n blocks (n from the highest offset seen), the k most
 *     popular blocks of a Zipf law hold H(k, s) ÷ H(n, s) of the I/Os (H the generalised harmonic
 *     number); s solves that for the k blocks each hit at least {@value #MIN_HITS} times, whose ranks the sample identifies
 *     reliably. Below s = {@value #UNIFORM_BELOW} the pattern is {@code uniform}.
 * <li>Fit: I/O folding (write I/Os ÷ distinct first tracks per cycle window, mean over the windows
 *     with writes) at a few cycle times — not {@code trace stats}' folding, which counts every track a
 *     write covers (docs/model.md §2): a synthetic write is drawn by its first block, so trace and
 *     fitted pattern are compared on first tracks — the trace's, and the fitted address pattern's
 *     drawing the same number of writes per window (seeded, so the table is reproducible).
 * </ul>
 *
 * <p>Memory: one counter per distinct (device, block) and one set per cycle window's tracks.
 */
public final class WorkloadFit {
    static final int MIN_HITS = 20;
    static final double UNIFORM_BELOW = 0.05;
    private static final int MAX_SIZES = 8;
    private static final double SIZE_COVERAGE = 0.99;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final long intervalNs;
    private final double scale;
    /** The block size synthetic workloads draw addresses at (their default). */
    private static final long BLOCK_BYTES = org.repsim.model.workload.IoGenerator.DEFAULT_BLOCK_SIZE;
    private final long trackBytes;
    private final long[] cyclesNs;

    private long ios;
    private long writes;
    private long firstNs = -1;
    private long lastNs;
    private long[] perInterval = new long[16];
    private int intervals;
    private final Map<Long, Long> sizes = new HashMap<>();
    private final Map<Long, int[]> hits = new HashMap<>();
    private final Map<Integer, Long> nextOffset = new HashMap<>();
    private long sequential;
    private long maxTrack;
    private long maxBlock;
    private int devices;
    private final CycleWindows[] windows;

    private double exponent = Double.NaN;
    private int zipfTracks;
    private double zipfShare;

    /** Write I/Os and distinct tracks per window of one cycle time, for the trace. */
    private static final class CycleWindows {
        final long cycleNs;
        long window = -1;
        final Set<Long> tracks = new HashSet<>();
        long writesInWindow;
        final List<long[]> closed = new ArrayList<>();

        CycleWindows(long cycleNs) {
            this.cycleNs = cycleNs;
        }

        void add(long t, long key) {
            long w = t / cycleNs;
            if (w != window) {
                close();
                window = w;
            }
            tracks.add(key);
            writesInWindow++;
        }

        void close() {
            if (writesInWindow > 0) {
                closed.add(new long[] {writesInWindow, tracks.size()});
            }
            tracks.clear();
            writesInWindow = 0;
        }
    }

    private WorkloadFit(Path file, long intervalNs, double scale, long trackBytes, long[] cyclesNs) {
        if (intervalNs <= 0 || !(scale > 0) || Double.isInfinite(scale) || trackBytes <= 0) {
            throw new IllegalArgumentException("trace fit needs a positive interval, scale and track size");
        }
        this.file = file;
        this.intervalNs = intervalNs;
        this.scale = scale;
        this.trackBytes = trackBytes;
        this.cyclesNs = cyclesNs.clone();
        this.windows = new CycleWindows[cyclesNs.length];
        for (int i = 0; i < cyclesNs.length; i++) {
            windows[i] = new CycleWindows(cyclesNs[i]);
        }
    }

    /**
     * Reads the trace once and fits the workload.
     *
     * @throws IllegalArgumentException for an unreadable or empty trace, or a bad line (file and line named)
     */
    public static WorkloadFit of(Path file, TraceFormat format, TraceOptions options, long intervalNs, double scale,
            long trackBytes, long[] cyclesNs) {
        WorkloadFit fit = new WorkloadFit(file, intervalNs, scale, trackBytes, cyclesNs);
        try (TraceReader reader = TraceReader.open(file, format, options)) {
            while (reader.next()) {
                fit.add(reader.record());
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read trace " + file + ": " + e.getCause().getMessage(), e);
        }
        if (fit.ios == 0) {
            throw new IllegalArgumentException("trace " + file + " holds no I/O to fit");
        }
        for (CycleWindows w : fit.windows) {
            w.close();
        }
        fit.fitZipf();
        return fit;
    }

    private void add(TraceRecord r) {
        long t = r.timeNs();
        if (firstNs < 0) {
            firstNs = t;
        }
        lastNs = t;
        long rel = t - firstNs;
        ios++;
        int i = (int) Math.min(rel / intervalNs, Integer.MAX_VALUE - 1);
        if (i >= perInterval.length) {
            perInterval = Arrays.copyOf(perInterval, Math.max(i + 1, perInterval.length * 2));
        }
        perInterval[i]++;
        intervals = Math.max(intervals, i + 1);
        sizes.merge(r.sizeBytes(), 1L, Long::sum);
        int device = r.deviceIndex();
        devices = Math.max(devices, device + 1);
        Long expected = nextOffset.put(device, r.offsetBytes() + r.sizeBytes());
        if (expected != null && expected == r.offsetBytes()) {
            sequential++;
        }
        long track = r.offsetBytes() / trackBytes;
        maxTrack = Math.max(maxTrack, track);
        long key = ((long) device << 44) | track;
        // a synthetic pattern draws blocks (docs/model.md §2), so popularity is fitted on blocks
        long block = r.offsetBytes() / BLOCK_BYTES;
        maxBlock = Math.max(maxBlock, block);
        hits.computeIfAbsent(((long) device << 44) | block, k -> new int[1])[0]++;
        if (r.isWrite()) {
            writes++;
            for (CycleWindows w : windows) {
                w.add(rel, key);
            }
        }
    }

    // ---------------------------------------------------------------- fitted figures

    public long ios() {
        return ios;
    }

    /** Time from the first to the last I/O, ns. */
    public long durationNs() {
        return lastNs - firstNs;
    }

    /** Mean I/O rate over the trace (per second), before scaling. */
    public double ratePerSec() {
        long d = durationNs();
        return d <= 0 ? ios : ios * 1e9 / d;
    }

    public double writeFraction() {
        return (double) writes / ios;
    }

    /**
     * Each interval's rate ÷ the mean rate. The trace's last interval is usually partial; one
     * shorter than half an interval is merged into the interval before it (a rate measured over a
     * few milliseconds of a trace's tail says nothing about the load), as is an I/O falling exactly
     * on an interval's start at the trace's end.
     */
    public double[] profile() {
        double mean = ratePerSec();
        List<long[]> countAndLength = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            long length = Math.min(intervalNs, durationNs() - i * intervalNs);
            boolean shortTail = i == intervals - 1 && length < intervalNs / 2;
            if ((length <= 0 || shortTail) && !countAndLength.isEmpty()) {
                long[] previous = countAndLength.get(countAndLength.size() - 1);
                previous[0] += perInterval[i];
                previous[1] += Math.max(0, length);
                continue;
            }
            if (length <= 0) {
                break;
            }
            countAndLength.add(new long[] {perInterval[i], length});
        }
        return countAndLength.stream().mapToDouble(c -> c[0] * 1e9 / c[1] / mean).toArray();
    }

    /** The main sizes (bytes, ascending) and their renormalised weights, and the share of I/Os they cover. */
    public record Sizes(long[] values, double[] weights, double coverage) {
    }

    public Sizes sizes() {
        List<Map.Entry<Long, Long>> bySize = new ArrayList<>(sizes.entrySet());
        bySize.sort((x, y) -> y.getValue().equals(x.getValue()) ? Long.compare(x.getKey(), y.getKey())
                : Long.compare(y.getValue(), x.getValue()));
        List<Map.Entry<Long, Long>> main = new ArrayList<>();
        long covered = 0;
        for (Map.Entry<Long, Long> e : bySize) {
            if (main.size() == MAX_SIZES || covered >= SIZE_COVERAGE * ios) {
                break;
            }
            main.add(e);
            covered += e.getValue();
        }
        main.sort(Map.Entry.comparingByKey());
        long[] v = new long[main.size()];
        double[] w = new double[main.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = main.get(i).getKey();
            w[i] = (double) main.get(i).getValue() / covered;
        }
        return new Sizes(v, w, (double) covered / ios);
    }

    /** Share of I/Os that start where the previous I/O of their device ended. */
    public double sequentialShare() {
        return (double) sequential / ios;
    }

    /** Mean I/Os per sequential run. */
    public double meanRunLength() {
        return (double) ios / (ios - sequential);
    }

    /** The fitted Zipf exponent (NaN when no track was hit often enough). */
    public double zipfExponent() {
        return exponent;
    }

    /** Tracks per device the Zipf law is fitted over (from the highest offset seen). */
    public long tracksPerDevice() {
        return maxTrack + 1;
    }

    /** Blocks (of the synthetic workloads' block size) per device the Zipf law is fitted over. */
    public long blocksPerDevice() {
        return maxBlock + 1;
    }

    /** The address pattern chosen: sequential, zipf or uniform. */
    public String addressPattern() {
        if (sequentialShare() > 0.5) {
            return "sequential";
        }
        return Double.isNaN(exponent) || exponent < UNIFORM_BELOW ? "uniform" : "zipf";
    }

    private void fitZipf() {
        int[] counts = hits.values().stream().mapToInt(h -> h[0]).sorted().toArray();
        int k = 0;
        long top = 0;
        for (int i = counts.length - 1; i >= 0 && counts[i] >= MIN_HITS; i--) {
            k++;
            top += counts[i];
        }
        if (k == 0) {
            return;
        }
        // per device: each holds k / devices of the top tracks (devices draw from one law each)
        int d = Math.max(1, devices);
        int kPerDevice = Math.max(1, (int) Math.round((double) k / d));
        double share = (double) top / ios;
        zipfTracks = k;
        zipfShare = share;
        long n = blocksPerDevice();
        if (kPerDevice >= n) {
            return;
        }
        // H(k, s) / H(n, s) falls from 1 at s = ∞ to k / n at s = 0: bisect for the share
        double lo = 0;
        double hi = 10;
        if (topShare(kPerDevice, n, lo) >= share) {
            exponent = 0;
            return;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (topShare(kPerDevice, n, mid) < share) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        exponent = (lo + hi) / 2;
    }

    /** H(k, s) ÷ H(n, s). */
    static double topShare(long k, long n, double s) {
        return harmonic(k, s) / harmonic(n, s);
    }

    /** The generalised harmonic number Σ_{i=1..n} i^−s: exact to 10^4 terms, then Euler–Maclaurin. */
    static double harmonic(long n, double s) {
        long exact = Math.min(n, 10_000);
        double sum = 0;
        for (long i = exact; i >= 1; i--) {
            sum += Math.pow(i, -s);
        }
        if (n > exact) {
            double a = exact;
            double b = n;
            // ∫_a^b x^−s dx + (f(b) − f(a)) / 2 + (f'(b) − f'(a)) / 12
            double integral = Math.abs(s - 1) < 1e-12 ? Math.log(b / a) : (Math.pow(b, 1 - s) - Math.pow(a, 1 - s)) / (1 - s);
            sum += integral + (Math.pow(b, -s) - Math.pow(a, -s)) / 2
                    + (-s * Math.pow(b, -s - 1) + s * Math.pow(a, -s - 1)) / 12;
        }
        return sum;
    }

    /** Trace folding at each cycle time: mean over windows with writes of write I/Os ÷ distinct tracks. */
    public double[] traceFolding() {
        double[] f = new double[windows.length];
        for (int i = 0; i < windows.length; i++) {
            f[i] = meanRatio(windows[i].closed);
        }
        return f;
    }

    /**
     * Folding of the fitted address pattern at each cycle time, drawing each trace window's write
     * count × {@code factor}, round robin over the trace's devices, from seeded streams.
     */
    public double[] fittedFolding(double factor) {
        double[] f = new double[windows.length];
        for (int i = 0; i < windows.length; i++) {
            RandomStreams streams = new RandomStreams(1, 0);
            AddressPattern p = pattern(streams);
            List<long[]> sim = new ArrayList<>();
            Set<Long> tracks = new HashSet<>();
            int device = 0;
            int d = Math.max(1, devices);
            long n = blocksPerDevice();
            long blocksPerTrack = Math.max(1, trackBytes / BLOCK_BYTES);
            for (long[] w : windows[i].closed) {
                tracks.clear();
                long count = Math.max(1, Math.round(w[0] * factor));
                for (long j = 0; j < count; j++) {
                    long track = p.firstBlock(device, n, blocksPerTrack, 1) / blocksPerTrack;
                    tracks.add(((long) device << 44) | track);
                    device = (device + 1) % d;
                }
                sim.add(new long[] {count, tracks.size()});
            }
            f[i] = meanRatio(sim);
        }
        return f;
    }

    private AddressPattern pattern(RandomStreams streams) {
        switch (addressPattern()) {
            case "sequential":
                return AddressPattern.sequential(streams.stream("fit.address"), Math.max(1, meanRunLength()));
            case "zipf":
                return AddressPattern.zipf(streams.stream("fit.address"), exponent);
            default:
                return AddressPattern.uniform(streams.stream("fit.address"));
        }
    }

    private static double meanRatio(List<long[]> windows) {
        if (windows.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (long[] w : windows) {
            sum += (double) w[0] / w[1];
        }
        return sum / windows.size();
    }

    // ---------------------------------------------------------------- output

    /** The workload fragment: {@code arrival}, {@code writeFraction}, {@code size}, {@code address}. */
    public ObjectNode fragment() {
        ObjectNode w = JSON.createObjectNode();
        ObjectNode arrival = w.putObject("arrival");
        arrival.put("kind", "open");
        arrival.put("process", "poisson");
        arrival.put("rate", significant(ratePerSec() * scale, 6) + "/s");
        double[] profile = profile();
        if (profile.length > 1) {
            ArrayNode steps = arrival.putArray("profile");
            double last = Double.NaN;
            for (int i = 0; i < profile.length; i++) {
                double f = new BigDecimal(profile[i]).round(new MathContext(3)).doubleValue();
                if (f != last) {
                    steps.addArray().add(Units.format(Units.Kind.TIME, i * intervalNs)).add(f);
                    last = f;
                }
            }
        }
        w.put("writeFraction", new BigDecimal(writeFraction()).round(new MathContext(4)).doubleValue());
        Sizes s = sizes();
        if (s.values().length == 1) {
            w.put("size", Units.format(Units.Kind.SIZE, s.values()[0]));
        } else {
            ObjectNode size = w.putObject("size");
            size.put("dist", "choice");
            ArrayNode values = size.putArray("values");
            ArrayNode weights = size.putArray("weights");
            for (int i = 0; i < s.values().length; i++) {
                values.add(Units.format(Units.Kind.SIZE, s.values()[i]));
                weights.add(new BigDecimal(s.weights()[i]).round(new MathContext(4)).doubleValue());
            }
        }
        ObjectNode address = w.putObject("address");
        String pattern = addressPattern();
        address.put("dist", pattern);
        if (pattern.equals("zipf")) {
            address.put("exponent", new BigDecimal(exponent).round(new MathContext(3)).doubleValue());
        } else if (pattern.equals("sequential")) {
            address.put("runLength", Math.max(1, Math.round(meanRunLength())));
        }
        return w;
    }

    /** The fragment as printed on stdout. */
    public String fragmentText() {
        try {
            return JSON.writeValueAsString(fragment());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String significant(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** The fit table (stderr). */
    public void table(PrintStream out) {
        out.printf(Locale.ROOT, "trace fit: %s, %d I/Os over %.3f s on %d device(s)%n", file.getFileName(), ios,
                durationNs() / 1e9, devices);
        out.printf(Locale.ROOT, "%-26s %-22s %s%n", "", "trace", "fitted workload");
        out.printf(Locale.ROOT, "%-26s %-22s %s%n", "rate (I/Os per second)", significant(ratePerSec(), 6),
                significant(ratePerSec() * scale, 6) + (scale != 1 ? " (× " + scale + ")" : ""));
        double[] p = profile();
        double min = Arrays.stream(p).min().orElse(1);
        double max = Arrays.stream(p).max().orElse(1);
        out.printf(Locale.ROOT, "%-26s %-22s %s%n", "rate profile per " + Units.format(Units.Kind.TIME, intervalNs),
                String.format(Locale.ROOT, "%d intervals", p.length),
                String.format(Locale.ROOT, "factors %.3f .. %.3f", min, max));
        out.printf(Locale.ROOT, "%-26s %-22.4f %.4f%n", "write fraction", writeFraction(), writeFraction());
        Sizes s = sizes();
        StringBuilder sz = new StringBuilder();
        for (int i = 0; i < s.values().length; i++) {
            sz.append(i > 0 ? ", " : "").append(Units.format(Units.Kind.SIZE, s.values()[i]))
                    .append(String.format(Locale.ROOT, " %.4f", s.weights()[i]));
        }
        out.printf(Locale.ROOT, "%-26s %-22s %s%n", "sizes", String.format(Locale.ROOT, "%d distinct", sizes.size()),
                sz + String.format(Locale.ROOT, " (%.1f %% of I/Os)", s.coverage() * 100));
        out.printf(Locale.ROOT, "%-26s %-22s %s%n", "sequential share, run", String.format(Locale.ROOT, "%.4f, %.2f I/Os",
                sequentialShare(), meanRunLength()), addressPattern().equals("sequential")
                        ? "sequential, runLength " + Math.round(meanRunLength()) : "not sequential (share ≤ 0.5)");
        out.printf(Locale.ROOT, "%-26s %-22s %s%n", "block popularity", Double.isNaN(exponent) ? "no block hit "
                + MIN_HITS + " times" : String.format(Locale.ROOT, "top %d blocks: %.2f %%", zipfTracks, zipfShare * 100),
                addressPattern().equals("zipf") ? String.format(Locale.ROOT, "zipf exponent %.3f over %d blocks/device",
                        exponent, blocksPerDevice()) : addressPattern());
        double[] tf = traceFolding();
        double[] ff = fittedFolding(1);
        double[] fs = scale != 1 ? fittedFolding(scale) : null;
        for (int i = 0; i < cyclesNs.length; i++) {
            out.printf(Locale.ROOT, "%-26s %-22.4f %.4f%s%n", "I/O folding at cycle " + Units.format(Units.Kind.TIME, cyclesNs[i]),
                    tf[i], ff[i], fs == null ? "" : String.format(Locale.ROOT, " (%.4f at × %s)", fs[i], scale));
        }
        out.printf(Locale.ROOT, "track size %s; I/O folding = write I/Os ÷ distinct first tracks per cycle window (windows from "
                + "the first I/O), mean over the windows with writes, the fitted pattern drawing each window's write count; "
                + "repsim trace stats' folding counts every track a write covers (track writes ÷ distinct tracks, as "
                + "cycle.folding.mean), so it differs where writes span tracks%n", Units.format(Units.Kind.SIZE, trackBytes));
    }
}
