package org.repsim.scenario.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.TimeSeries;
import org.repsim.core.stats.PairedDifference;
import org.repsim.report.html.ComparePage;
import org.repsim.scenario.run.RunDescription;
import org.repsim.scenario.run.StoredExperiment;

/**
 * {@code repsim compare RUN_A RUN_B}: one point of each run, per metric the difference b − a.
 * Runs made with the same master seed and replications share random streams replication by
 * replication (common random numbers), so the difference is paired by replication; otherwise
 * the comparison is refused, or made unpaired (Welch) when asked; asked, it is unpaired even for
 * runs that could be paired (to see what the pairing gains: the Welch interval ignores the
 * correlation common random numbers give, usually positive, so it is usually the wider one).
 *
 * <p>{@code compare.json}: {@code {"paired", "a", "b", "note", "metrics": {NAME: {"a", "b",
 * "difference" (b − a), "ci95", "excludesZero", "n", "unit"}}}}; numbers that do not exist are null.
 */
public final class Comparison {
    public static final String JSON = "compare.json";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Sampled series overlaid on the page, when both runs have them, in this order. */
    private static final List<String> SERIES_FIRST = List.of("host.write.latency.mean", "host.write.latency.p99",
            "rpo.lag", "cache.session.bytes", "spill.bytes", "cycle.transmitQueue", "host.read.latency.mean");
    private static final int MAX_SERIES = 10;

    /** Runs that cannot be paired, and no --unpaired. */
    public static final class NotPaired extends IllegalArgumentException {
        NotPaired(String message) {
            super(message);
        }
    }

    private final StoredExperiment a;
    private final StoredExperiment b;
    private final PointSummary pointA;
    private final PointSummary pointB;
    private final boolean paired;
    private final String note;
    private final List<ComparePage.Row> rows = new ArrayList<>();

    /**
     * @param pointA point id in run A, or null for its first point
     * @param pointB point id in run B, or null for its first point
     * @param unpaired compare unpaired (Welch), whether or not the runs could be paired; false:
     *        paired, and runs that cannot be paired are refused
     * @throws IllegalArgumentException for an unknown point id; {@link NotPaired} for runs with
     *         different seeds or replications without {@code allowUnpaired}
     */
    public Comparison(StoredExperiment a, StoredExperiment b, String pointA, String pointB, boolean unpaired) {
        this.a = a;
        this.b = b;
        this.pointA = point(a, pointA, "a");
        this.pointB = point(b, pointB, "b");
        RunDescription da = a.description();
        RunDescription db = b.description();
        List<String> differ = new ArrayList<>();
        if (da.masterSeed() != db.masterSeed()) {
            differ.add("seed " + da.masterSeed() + " vs " + db.masterSeed());
        }
        if (da.replications() != db.replications()) {
            differ.add("replications " + da.replications() + " vs " + db.replications());
        }
        if (!differ.isEmpty() && !unpaired) {
            throw new NotPaired("the runs differ in " + String.join(" and ", differ) + ", so replication r of one "
                    + "does not share random numbers with replication r of the other; rerun one with the other's "
                    + "--seed and --replications, or pass --unpaired for an unpaired (Welch) comparison");
        }
        this.paired = !unpaired;
        this.note = paired
                ? "Same seed (" + da.masterSeed() + ") and replications (" + da.replications() + "): replication r of "
                        + "both runs drew the same random streams, so each difference is paired by replication "
                        + "(paired-t interval)."
                : differ.isEmpty()
                        ? "Unpaired, as asked (--unpaired): the runs share seed and replications and could be paired; "
                                + "intervals are Welch's for independent samples, which ignore what the common random "
                                + "numbers share, so they are usually wider than the paired ones."
                        : "Unpaired: the runs differ in " + String.join(" and ", differ) + "; intervals are Welch's for "
                                + "independent samples, wider than paired ones would be.";
        compute();
    }

    private static PointSummary point(StoredExperiment run, String id, String which) {
        List<PointSummary> points = run.summary().points();
        if (id == null) {
            return points.get(0);
        }
        for (PointSummary p : points) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("run " + which + " (" + run.directory() + ") has no point '" + id
                + "'; its points are " + points.stream().map(PointSummary::id).toList());
    }

    public boolean paired() {
        return paired;
    }

    public String note() {
        return note;
    }

    public List<ComparePage.Row> rows() {
        return rows;
    }

    private void compute() {
        List<RunResult> ra = a.runs(pointA.id());
        List<RunResult> rb = b.runs(pointB.id());
        Set<String> names = new TreeSet<>(pointA.metrics().keySet());
        names.addAll(pointB.metrics().keySet());
        for (String name : names) {
            double[] va = values(ra, name);
            double[] vb = values(rb, name);
            PairedDifference d = paired ? PairedDifference.paired(va, vb, 0.95) : PairedDifference.unpaired(va, vb, 0.95);
            MetricSummary m = pointA.metric(name) != null ? pointA.metric(name) : pointB.metric(name);
            rows.add(new ComparePage.Row(name, d.a(), d.b(), d.difference(), d.halfWidth(), d.excludesZero(), m.unit()));
        }
        this.runsA = ra;
        this.runsB = rb;
    }

    private List<RunResult> runsA;
    private List<RunResult> runsB;

    private static double[] values(List<RunResult> runs, String metric) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = runs.get(i).value(metric);
        }
        return v;
    }

    /** The series both runs sampled: the planner's headline ones first, then link utilisations. */
    private List<ComparePage.Series> series() {
        if (runsA.isEmpty() || runsB.isEmpty()) {
            return List.of();
        }
        TimeSeries sa = runsA.get(0).series();
        TimeSeries sb = runsB.get(0).series();
        Set<String> common = new LinkedHashSet<>(sa.columns());
        common.retainAll(sb.columns());
        Set<String> chosen = new LinkedHashSet<>();
        for (String c : SERIES_FIRST) {
            if (common.contains(c)) {
                chosen.add(c);
            }
        }
        for (String c : common) {
            if (c.startsWith("link.") && c.endsWith(".utilization")) {
                chosen.add(c);
            }
        }
        List<ComparePage.Series> out = new ArrayList<>();
        for (String c : chosen) {
            if (out.size() == MAX_SERIES) {
                break;
            }
            double[][] ma = mean(runsA, c);
            double[][] mb = mean(runsB, c);
            out.add(new ComparePage.Series(c, sa.units().get(sa.columnIndex(c)), ma[0], ma[1], mb[0], mb[1]));
        }
        return out;
    }

    /** Time and the mean over replications of column {@code c}, over the rows every replication has. */
    private static double[][] mean(List<RunResult> runs, String c) {
        int rows = Integer.MAX_VALUE;
        for (RunResult r : runs) {
            rows = Math.min(rows, r.series().rows());
        }
        double[] time = Arrays.copyOf(runs.get(0).series().timeColumn(), rows);
        double[] sum = new double[rows];
        for (RunResult r : runs) {
            double[] col = r.series().column(c);
            for (int i = 0; i < rows; i++) {
                sum[i] += col[i];
            }
        }
        for (int i = 0; i < rows; i++) {
            sum[i] /= runs.size();
        }
        return new double[][] {time, sum};
    }

    private String label(StoredExperiment run, PointSummary p) {
        String params = p.parameters().isEmpty() ? "" : " " + p.parameters();
        return run.description().scenarioName() + " (" + run.directory() + ", " + p.id() + params + ")";
    }

    /** compare.json's text. */
    public String json() throws IOException {
        ObjectNode root = JSON_MAPPER.createObjectNode();
        root.put("paired", paired);
        root.put("a", label(a, pointA));
        root.put("b", label(b, pointB));
        root.put("note", note);
        ObjectNode metrics = root.putObject("metrics");
        for (ComparePage.Row r : rows) {
            ObjectNode m = metrics.putObject(r.name());
            number(m, "a", r.a());
            number(m, "b", r.b());
            number(m, "difference", r.difference());
            number(m, "ci95", r.ci95());
            m.put("excludesZero", r.excludesZero());
            m.put("unit", r.unit());
        }
        return JSON_MAPPER.writeValueAsString(root) + "\n";
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** Writes compare.json and compare.html into {@code dir}; returns the page. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(JSON + ".tmp");
        Files.writeString(tmp, json(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return ComparePage.write(dir, new ComparePage.Input(label(a, pointA), label(b, pointB), paired, note, rows,
                series()));
    }
}
