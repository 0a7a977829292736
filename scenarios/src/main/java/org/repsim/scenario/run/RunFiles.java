package org.repsim.scenario.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;

/**
 * The files of one replication, {@code runs/<point>/<rep>/}:
 * <ul>
 * <li>{@code metrics.json}: {@code point}, {@code replication}, {@code seed}, {@code metrics}
 * (name → {@code {"value", "unit"}}, sorted by name), and the manifest of the other files:
 * {@code series} ({@code {"columns", "units"}} of {@code timeseries.csv}, or null),
 * {@code tables} (name → {@code {"columns", "units"}}, file {@code <name>.csv}) and
 * {@code intervals} (number of rows in {@code intervals.csv}).</li>
 * <li>{@code timeseries.csv}: header {@code time_s,<column>...}, one row per sample.</li>
 * <li>{@code <table>.csv} (e.g. {@code cycles.csv}): header of the table's columns, one row per
 * record.</li>
 * <li>{@code intervals.csv}, only when there are intervals: {@code kind,subject,start_s,end_s}.</li>
 * <li>{@code done.json}, written last: {@code {"files": {name: sha256-hex}}}. A replication is
 * complete exactly when {@code done.json} is present and every file it lists has that digest.</li>
 * </ul>
 * Every file is written atomically (see {@link AtomicFiles}). A table whose rows were spooled
 * to {@code <table>.csv.part} while the replication ran ({@link SpooledTables}) is completed and
 * renamed atomically instead; a part file is never part of a result.
 *
 * <p>Memory: tables are written and read row by row; {@link #read} gives tables whose rows are
 * read from their file each time they are visited.
 */
public final class RunFiles {
    public static final String METRICS = "metrics.json";
    public static final String SERIES = "timeseries.csv";
    public static final String INTERVALS = "intervals.csv";
    public static final String DONE = "done.json";
    /**
     * While a replication runs: how far it has got ({@code simulatedS}, {@code durationS},
     * {@code events}, {@code wallS}), rewritten every minute for {@code repsim status}; never part
     * of a result (writing the result removes it).
     */
    public static final String PROGRESS = "progress.json";
    /** A running replication's time series so far ({@link #seriesCsv}'s text of the rows sampled). */
    public static final String SERIES_PART = SERIES + SpooledRowStore.PART;
    static final String TIME_COLUMN = "time_s";
    static final List<String> INTERVAL_COLUMNS = List.of("kind", "subject", "start_s", "end_s");
    private static final Set<String> RESERVED_TABLES = Set.of("timeseries", "intervals", "metrics", "done");

    private RunFiles() {
    }

    /** {@code metrics.json}. */
    @JsonPropertyOrder({"point", "replication", "seed", "metrics", "series", "tables", "intervals"})
    record MetricsFile(String point, int replication, long seed, Map<String, Value> metrics, Columns series,
            Map<String, Columns> tables, int intervals) {
    }

    /** A metric's value and unit in {@code metrics.json}. */
    @JsonPropertyOrder({"value", "unit"})
    record Value(double value, String unit) {
    }

    /** The manifest of a CSV file: its columns and their units. */
    @JsonPropertyOrder({"columns", "units"})
    record Columns(List<String> columns, List<String> units) {
    }

    /** {@code done.json}: every other file of the replication and its SHA-256. */
    record Done(Map<String, String> files) {
    }

    /**
     * Makes {@code dir} ready for a new attempt at its replication, before the model is built
     * (its tables' part files are created then): removes {@code done.json} first, then every
     * other regular file an earlier, unfinished attempt left. Nothing when {@code dir} does not
     * exist.
     */
    public static void prepare(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            clean(dir, Set.of());
        }
    }

    /**
     * Writes a replication's files into {@code dir}, replacing whatever an earlier, unfinished
     * attempt left there (except the files the result's own tables are being read from).
     * {@code done.json} is removed first and written last. A table spooled into {@code dir} is
     * finished into {@code <table>.csv} and then reads from it; any other table is streamed to its
     * file.
     */
    public static void write(Path dir, String pointId, RunResult result) throws IOException {
        for (String name : result.tables().keySet()) {
            requireTableName(name);
        }
        Files.createDirectories(dir);
        Set<Path> tableFiles = new HashSet<>();
        for (Table t : result.tables().values()) {
            Path f = backingFile(t);
            if (f != null && sameDirectory(f.getParent(), dir)) {
                tableFiles.add(f.getFileName());
            }
        }
        clean(dir, tableFiles);
        SortedMap<String, String> digests = new TreeMap<>();
        writeText(dir, METRICS, metricsJson(pointId, result), digests);
        if (result.series() != null) {
            writeText(dir, SERIES, seriesCsv(result.series()), digests);
        }
        for (Table t : result.tables().values()) {
            String file = t.name() + ".csv";
            digests.put(file, writeTable(dir.resolve(file), t));
        }
        if (!result.intervals().isEmpty()) {
            writeText(dir, INTERVALS, intervalsCsv(result.intervals()), digests);
        }
        AtomicFiles.write(dir.resolve(DONE), Json.write(new Done(digests)));
    }

    /**
     * Refuses a table name that cannot be the file name {@code <name>.csv} beside the other
     * result files.
     */
    static void requireTableName(String name) {
        if (!PlanPoint.SAFE_NAME.matcher(name).matches() || RESERVED_TABLES.contains(name)) {
            throw new IllegalArgumentException("table name '" + name
                    + "' cannot be a file name (letters, digits, '.', '_', '-'; not " + RESERVED_TABLES + ")");
        }
    }

    /** Deletes {@code done.json}, then every regular file of {@code dir} not named in {@code keep}. */
    private static void clean(Path dir, Set<Path> keep) throws IOException {
        Files.deleteIfExists(dir.resolve(DONE));
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir)) {
            for (Path p : stale) {
                if (Files.isRegularFile(p) && !keep.contains(p.getFileName())) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void writeText(Path dir, String name, String text, SortedMap<String, String> digests)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(name), bytes);
        digests.put(name, sha256(bytes));
    }

    /** Writes (or completes) one table's file; returns its SHA-256. */
    private static String writeTable(Path target, Table t) throws IOException {
        if (t.store() instanceof SpooledRowStore s && s.isOpen()
                && sameDirectory(s.file().getParent(), target.getParent())) {
            return s.finish(target);
        }
        Path source = backingFile(t);
        if (source != null && source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return sha256(target);
        }
        MessageDigest sha = sha256();
        AtomicFiles.write(target, out -> writeTableCsv(t, new DigestOutputStream(out, sha)));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The file a table's rows are read from, or null when they are in memory. */
    private static Path backingFile(Table t) {
        if (t.store() instanceof SpooledRowStore s) {
            return s.file();
        }
        if (t.store() instanceof StoredRows r) {
            return r.file();
        }
        return null;
    }

    private static boolean sameDirectory(Path a, Path b) {
        return a != null && b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** True when the replication in {@code dir} finished: its marker lists files that are intact. */
    public static boolean isComplete(Path dir) {
        try {
            Map<String, String> digests = Json.read(Files.readString(dir.resolve(DONE)), Done.class).files();
            if (digests == null || !digests.containsKey(METRICS)) {
                return false;
            }
            for (Map.Entry<String, String> f : digests.entrySet()) {
                if (!sha256(dir.resolve(f.getKey())).equals(f.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The cheap test of {@code repsim status} (and of a refused run's count): {@code done.json} is
     * there and every file it lists is present and not empty (each has at least a header). Reads
     * only directory entries, not the files: a file changed in place still passes here, and only
     * {@link #isComplete} (its digests, as {@code --resume}, merge and {@code status --verify}
     * check) finds it. {@code done.json} records no sizes, and its bytes are part of the results.
     */
    public static boolean isPresent(Path dir) {
        try {
            Map<String, String> digests = Json.read(Files.readString(dir.resolve(DONE)), Done.class).files();
            if (digests == null || !digests.containsKey(METRICS)) {
                return false;
            }
            for (String name : digests.keySet()) {
                Path f = dir.resolve(name);
                if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The metrics of a stored replication (all a summary needs). */
    public static SortedMap<String, Metric> readMetrics(Path dir) throws IOException {
        return metrics(readJson(dir.resolve(METRICS)));
    }

    /**
     * A stored replication, read back exactly as it was written (NaN and ±Infinity read as NaN).
     * Metrics, series and intervals are read now; a table's header is checked now and its rows
     * are read from its file whenever they are visited (a bad row then fails with a
     * {@link ResultStoreException} naming the file and line).
     */
    public static RunResult read(Path dir) throws IOException {
        MetricsFile root = readJson(dir.resolve(METRICS));
        try {
            TimeSeries series = null;
            if (root.series() != null) {
                series = readSeries(dir.resolve(SERIES), root.series().columns(), root.series().units());
            }
            List<Table> tables = new ArrayList<>();
            for (Map.Entry<String, Columns> e : root.tables().entrySet()) {
                tables.add(readTable(dir.resolve(e.getKey() + ".csv"), e.getKey(), e.getValue().columns(),
                        e.getValue().units()));
            }
            int intervalCount = root.intervals();
            List<Interval> intervals = intervalCount == 0 ? List.of() : readIntervals(dir.resolve(INTERVALS));
            if (intervals.size() != intervalCount) {
                throw new IOException(INTERVALS + " has " + intervals.size() + " rows, " + METRICS + " says "
                        + intervalCount);
            }
            return new RunResult(root.replication(), root.seed(), metrics(root).values(), series, tables, intervals);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read replication in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a running (or stopped) replication in {@code dir} has sampled so far: its
     * {@link #SERIES_PART} up to the last whole line, and the record tables it spools
     * ({@code <table>.csv.part}, e.g. its cycles) up to their last whole line, as a result with no
     * metrics or intervals (those come when it finishes); units are not kept in the parts and are
     * empty. Null when the directory has no series part.
     *
     * @throws IOException naming the file when the part cannot be read or is malformed
     */
    public static RunResult readRunning(Path dir, int replication, long seed) throws IOException {
        Path file = dir.resolve(SERIES_PART);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a row being appended right now: not whole yet
        }
        List<List<String>> lines;
        try {
            lines = Csv.parse(new String(bytes, 0, end, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isEmpty() || !lines.get(0).get(0).equals(TIME_COLUMN)) {
            throw new IOException(file + ": no header starting with " + TIME_COLUMN);
        }
        List<String> columns = lines.get(0).subList(1, lines.get(0).size());
        try {
            requireWidths(file, lines, lines.get(0).size());
            TimeSeries series = seriesOf(file, lines, columns, java.util.Collections.nCopies(columns.size(), ""));
            return new RunResult(replication, seed, List.of(), series, runningTables(dir), List.of());
        } catch (IOException e) {
            throw new IOException("cannot read the running replication in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The record tables a running replication spools in {@code dir}, as far as their whole rows go. */
    private static List<Table> runningTables(Path dir) throws IOException {
        String suffix = ".csv" + SpooledRowStore.PART;
        List<Path> parts;
        try (var files = Files.list(dir)) {
            parts = files.filter(f -> f.getFileName().toString().endsWith(suffix) && !f.getFileName().toString()
                    .equals(SERIES_PART)).sorted().toList();
        }
        List<Table> out = new ArrayList<>();
        for (Path part : parts) {
            String name = part.getFileName().toString();
            name = name.substring(0, name.length() - suffix.length());
            List<String> columns;
            try (var reader = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String header = reader.readLine();
                if (header == null) {
                    continue; // created this instant, header not written yet
                }
                columns = Csv.parse(header + "\n").get(0);
            } catch (IllegalArgumentException e) {
                throw new IOException(part + ": header: " + e.getMessage(), e);
            }
            out.add(new Table(name, columns, java.util.Collections.nCopies(columns.size(), ""),
                    StoredRows.part(part, columns)));
        }
        return out;
    }

    static String metricsJson(String pointId, RunResult r) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        for (Metric m : r.metrics().values()) {
            metrics.put(m.name(), new Value(m.value(), m.unit()));
        }
        Map<String, Columns> tables = new LinkedHashMap<>();
        for (Table t : r.tables().values()) {
            tables.put(t.name(), new Columns(t.columns(), t.units()));
        }
        Columns series = r.series() == null ? null : new Columns(r.series().columns(), r.series().units());
        return Json.write(new MetricsFile(pointId, r.replication(), r.seed(), metrics, series, tables,
                r.intervals().size()));
    }

    static String seriesCsv(TimeSeries s) {
        StringBuilder out = new StringBuilder();
        seriesHeader(out, s);
        seriesRows(out, s, 0);
        return out.toString();
    }

    private static void seriesHeader(StringBuilder out, TimeSeries s) {
        List<String> header = new ArrayList<>();
        header.add(TIME_COLUMN);
        header.addAll(s.columns());
        Csv.line(out, header);
    }

    private static void seriesRows(StringBuilder out, TimeSeries s, int from) {
        int columns = s.columns().size();
        for (int r = from; r < s.rows(); r++) {
            out.append(Numbers.csv(s.time(r)));
            for (int c = 0; c < columns; c++) {
                out.append(',').append(Numbers.csv(s.value(r, c)));
            }
            out.append('\n');
        }
    }

    /**
     * Brings a running replication's {@link #SERIES_PART} in {@code dir} up to the rows sampled so
     * far: {@code written} < 0 starts it over (header and every row), else the rows from
     * {@code written} on are appended. The part then holds the text {@link #seriesCsv} gives for
     * the rows so far; a reader meeting it mid-append cuts it at its last line break.
     *
     * @return the rows the part now holds
     */
    static int appendSeriesPart(Path dir, TimeSeries s, int written) throws IOException {
        StringBuilder out = new StringBuilder();
        int from = Math.max(written, 0);
        if (written < 0) {
            seriesHeader(out, s);
        }
        seriesRows(out, s, from);
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (written < 0) {
            Files.write(dir.resolve(SERIES_PART), bytes);
        } else {
            Files.write(dir.resolve(SERIES_PART), bytes, StandardOpenOption.APPEND);
        }
        return s.rows();
    }

    /** The whole text of a table's file (tests and small tables; files are written by streaming). */
    static String tableCsv(Table t) {
        StringBuilder out = new StringBuilder(TableCsv.header(t.columns()));
        t.forEachRow(row -> TableCsv.appendRow(out, row));
        return out.toString();
    }

    /** Streams a table's file text to {@code out}: the same bytes as {@link #tableCsv}, UTF-8. */
    static void writeTableCsv(Table t, OutputStream out) throws IOException {
        out.write(TableCsv.header(t.columns()).getBytes(StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        try {
            t.forEachRow(row -> {
                TableCsv.appendRow(pending, row);
                if (pending.length() >= SpooledRowStore.FLUSH_CHARS) {
                    writeAscii(pending, out);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writeAscii(pending, out);
        out.flush();
    }

    private static void writeAscii(StringBuilder text, OutputStream out) {
        try {
            out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text.setLength(0);
    }

    static String intervalsCsv(List<Interval> intervals) {
        StringBuilder out = new StringBuilder();
        Csv.line(out, INTERVAL_COLUMNS);
        for (Interval i : intervals) {
            Csv.line(out, List.of(i.kind(), i.subject(), Numbers.csv(i.startS()), Numbers.csv(i.endS())));
        }
        return out.toString();
    }

    private static SortedMap<String, Metric> metrics(MetricsFile root) {
        SortedMap<String, Metric> out = new TreeMap<>();
        root.metrics().forEach((name, v) -> out.put(name, new Metric(name, v.value(), v.unit())));
        return out;
    }

    private static TimeSeries readSeries(Path file, List<String> columns, List<String> units) throws IOException {
        List<String> header = new ArrayList<>();
        header.add(TIME_COLUMN);
        header.addAll(columns);
        return seriesOf(file, readCsv(file, header), columns, units);
    }

    /** The series of a file's lines (header first, every line as wide as it); a bad number is named by line. */
    private static TimeSeries seriesOf(Path file, List<List<String>> lines, List<String> columns, List<String> units)
            throws IOException {
        TimeSeries s = new TimeSeries(columns, units);
        double[] row = new double[columns.size()];
        for (int i = 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            try {
                for (int c = 0; c < row.length; c++) {
                    row[c] = Numbers.parseCsv(line.get(c + 1));
                }
                s.append(Numbers.parseCsv(line.get(0)), row);
            } catch (IllegalArgumentException e) {
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return s;
    }

    private static Table readTable(Path file, String name, List<String> columns, List<String> units)
            throws IOException {
        try {
            return new Table(name, columns, units, StoredRows.open(file, columns));
        } catch (NoSuchFileException e) {
            throw new IOException("missing " + file.getFileName());
        }
    }

    private static List<Interval> readIntervals(Path file) throws IOException {
        List<List<String>> lines = readCsv(file, INTERVAL_COLUMNS);
        List<Interval> out = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            out.add(new Interval(line.get(0), line.get(1), Numbers.parseCsv(line.get(2)),
                    Numbers.parseCsv(line.get(3))));
        }
        return out;
    }

    /** Parses a CSV file whose header must be {@code header}, every line as wide as the header. */
    private static List<List<String>> readCsv(Path file, List<String> header) throws IOException {
        List<List<String>> lines;
        try {
            lines = Csv.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IOException("missing " + file.getFileName());
        }
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IOException(file.getFileName() + ": header is not " + header);
        }
        requireWidths(file, lines, header.size());
        return lines;
    }

    /** Refuses a line (after the header) that is not {@code width} fields wide, naming it. */
    private static void requireWidths(Path file, List<List<String>> lines, int width) throws IOException {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).size() != width) {
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": " + lines.get(i).size()
                        + " fields, header has " + width);
            }
        }
    }

    private static MetricsFile readJson(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("missing " + file);
        }
        return Json.read(text, MetricsFile.class);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The SHA-256 of a file, read through a buffer (a table file may be larger than the heap). */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
