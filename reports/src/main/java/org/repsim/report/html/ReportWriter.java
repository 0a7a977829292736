package org.repsim.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.repsim.core.measure.Hint;
import org.repsim.core.measure.Measures;
import org.repsim.core.measure.MetricType;
import org.repsim.core.result.Interval;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.report.chart.ChartStyle;
import org.repsim.report.chart.CycleChart;
import org.repsim.report.chart.Palette;
import org.repsim.report.chart.QueueGroups;
import org.repsim.report.chart.RunCharts;
import org.repsim.report.chart.Scale;
import org.repsim.report.chart.Shading;
import org.repsim.report.chart.SweepAxis;
import org.repsim.report.chart.SweepCharts;
import org.repsim.report.chart.VariantChart;
import org.repsim.report.chart.VariantFigures;

/**
 * Writes {@code report.html} and its charts ({@code charts/*.png}) for one experiment. The page
 * needs no server and loads nothing from elsewhere: styles and the small sorting script are
 * inline, charts are PNG files beside it. Sections appear only when their data is present.
 * Each file is written to a temporary name and then renamed, so an interrupted write never
 * leaves a complete-looking file.
 */
public final class ReportWriter {

    public static final String PAGE = "report.html";
    public static final String CHARTS = "charts";
    /** A fraction below this at every sweep point is not charted (0.01 %). */
    static final double NEGLIGIBLE_FRACTION = 1e-4;


    private final Path outDir;
    private final ReportInput input;
    private final StringBuilder html = new StringBuilder(64 * 1024);
    private final List<String[]> contents = new ArrayList<>();
    private final StringBuilder body = new StringBuilder(64 * 1024);

    private ReportWriter(Path outDir, ReportInput input) {
        this.outDir = outDir;
        this.input = input;
    }

    /** Writes the report into {@code outDir} (created when missing) and returns the page's path. */
    public static Path write(Path outDir, ReportInput input) throws IOException {
        System.setProperty("java.awt.headless", "true");
        return new ReportWriter(outDir, input).run();
    }

    private Path run() throws IOException {
        Files.createDirectories(outDir.resolve(CHARTS));
        boolean sweep = !input.sweptPaths().isEmpty() && input.summary().points().size() > 1;
        if (sweep && input.summary().sweepsVariants()) {
            variantSection();
        }
        if (sweep) {
            sweepSection();
            body.append(PairedDifferences.section(input, contents));
        }
        List<PointSummary> points = input.summary().points();
        for (int i = 0; i < points.size(); i++) {
            pointSection(i, points.get(i), points.size() > 1);
        }
        page(sweep);
        Path page = outDir.resolve(PAGE);
        Path tmp = outDir.resolve(PAGE + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return page;
    }

    // ---------------------------------------------------------------- page frame and summary

    private void page(boolean sweep) {
        String title = "repsim report: " + input.scenarioName();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<script>\n").append(resource("errors.js")).append("</script>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<header id=\"top\">\n<h1>").append(Html.escape(input.scenarioName())).append("</h1>\n");
        for (String n : input.notice()) {
            html.append("<p class=\"notice\">").append(Html.escape(n)).append("</p>\n");
        }
        if (!input.description().isEmpty()) {
            html.append("<p class=\"lead\">").append(Html.escape(input.description())).append("</p>\n");
        }
        html.append("</header>\n");
        summarySection(sweep);
        html.append("<nav id=\"contents\">\n<h2>Contents</h2>\n<ul>\n");
        for (String[] c : contents) {
            html.append("<li><a href=\"#").append(Html.escape(c[0])).append("\">").append(Html.escape(c[1]))
                    .append("</a></li>\n");
        }
        html.append("</ul>\n</nav>\n");
        html.append(body);
        html.append("<pre id=\"selftest-result\"></pre>\n");
        html.append("</main>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    }

    private void summarySection(boolean sweep) {
        List<PointSummary> points = input.summary().points();
        html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"facts\">\n");
        fact("Scenario", Html.escape(input.scenarioName()));
        if (input.summary().version() != null && !input.summary().version().isEmpty()) {
            fact("Tool version", Html.escape(input.summary().version()));
        }
        if (!input.topology().isEmpty()) {
            StringBuilder b = new StringBuilder("<ul>");
            for (String t : input.topology()) {
                b.append("<li>").append(Html.escape(t)).append("</li>");
            }
            fact("Topology", b.append("</ul>").toString());
        }
        if (input.sweptPaths().isEmpty()) {
            fact("Swept", "nothing (one configuration)");
        } else {
            StringBuilder b = new StringBuilder("<ul>");
            SweepCharts sc = new SweepCharts(input.summary(), input.sweptPaths());
            for (String p : input.sweptPaths()) {
                b.append("<li><code>").append(Html.escape(p)).append("</code>: ")
                        .append(Html.escape(String.join(", ", sc.axis(p).values()))).append("</li>");
            }
            b.append("</ul>");
            fact("Swept", b.toString() + points.size() + " points (the cross product)");
        }
        Set<Integer> reps = new LinkedHashSet<>();
        for (PointSummary p : points) {
            reps.add(p.replications());
        }
        // a partial report counts the complete replications only: say so, and "none" rather than 0
        String perPoint = reps.equals(Set.of(0)) ? "none complete yet"
                : reps.toString().replaceAll("[\\[\\]]", "") + (input.notice().isEmpty() ? "" : " complete");
        fact("Replications per point", Html.escape(perPoint));
        fact("Sampled every", Html.escape(Scale.seconds(input.sampleEveryS()).format(input.sampleEveryS())));
        if (input.rpoTargetS() != null) {
            fact("Recovery-point target", Html.escape(Scale.seconds(input.rpoTargetS()).format(input.rpoTargetS())));
        }
        html.append("</dl>\n");
        List<Headlines.Row> rows = Headlines.rows(Headlines.headlines(metricNames(points)), n -> meanOverPoints(points, n));
        if (!rows.isEmpty()) {
            html.append("<h3>Headline numbers</h3>\n");
            String condensed = rows.stream().anyMatch(r -> r.note() != null)
                    ? " Of more than " + Headlines.MAX_ALIKE + " alike metrics (one per box, say), the one with the highest "
                            + "and the one with the lowest mean; every metric is in <code>summary.csv</code>." : "";
            if (points.size() == 1) {
                html.append("<p class=\"how\">Mean over the replications with its 95 % confidence half-width, "
                        + "and the smallest and largest replication.").append(condensed).append("</p>\n");
                html.append("<table id=\"headlines\" class=\"headlines\">\n<thead><tr><th class=\"name\">metric</th><th>mean ± 95 % CI</th>"
                        + "<th>min</th><th>max</th><th>n</th></tr></thead>\n<tbody>\n");
                for (Headlines.Row row : rows) {
                    String n = row.metric();
                    MetricSummary m = points.get(0).metric(n);
                    Scale s = Scale.forUnit(m.unit(), Math.max(Math.abs(m.mean()), Math.abs(m.max())));
                    html.append("<tr><td class=\"name\"><code>").append(Html.escape(n)).append("</code>")
                            .append(note(row)).append("</td><td")
                            .append(cellClass(n, m.mean())).append(">").append(Html.escape(meanCi(m, s)))
                            .append("</td><td>").append(Html.escape(s.format(m.min()))).append("</td><td>")
                            .append(Html.escape(s.format(m.max()))).append("</td><td>").append(m.n()).append("</td></tr>\n");
                }
            } else {
                html.append("<p class=\"how\">For each metric, the sweep points with the lowest and the highest mean; "
                        + "every point is in the <a href=\"#sweep-table\">sweep table</a>.").append(condensed)
                        .append("</p>\n");
                html.append("<table id=\"headlines\" class=\"headlines\">\n<thead><tr><th class=\"name\">metric</th><th>lowest mean</th>"
                        + "<th class=\"name\">at</th><th>highest mean</th><th class=\"name\">at</th></tr></thead>\n<tbody>\n");
                for (Headlines.Row row : rows) {
                    String n = row.metric();
                    PointSummary lo = null;
                    PointSummary hi = null;
                    for (PointSummary p : points) {
                        MetricSummary m = p.metric(n);
                        if (m == null || Double.isNaN(m.mean())) {
                            continue;
                        }
                        if (lo == null || m.mean() < lo.metric(n).mean()) {
                            lo = p;
                        }
                        if (hi == null || m.mean() > hi.metric(n).mean()) {
                            hi = p;
                        }
                    }
                    if (lo == null) {
                        continue;
                    }
                    html.append("<tr><td class=\"name\"><code>").append(Html.escape(n)).append("</code>").append(note(row))
                            .append("</td>");
                    for (PointSummary p : new PointSummary[] {lo, hi}) {
                        MetricSummary m = p.metric(n);
                        Scale s = Scale.forUnit(m.unit(), Math.abs(m.mean()));
                        int index = points.indexOf(p);
                        html.append("<td").append(cellClass(n, m.mean())).append(">").append(Html.escape(meanCi(m, s)))
                                .append("</td><td class=\"name wrap\"><a href=\"#").append(pointId(p, index)).append("\">")
                                .append(index).append("</a>: ").append(Html.escape(pointLabel(p))).append("</td>");
                    }
                    html.append("</tr>\n");
                }
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
        contents.add(0, new String[] {"summary", "Summary"});
    }

    private void fact(String name, String valueHtml) {
        html.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    // ---------------------------------------------------------------- variants

    private void variantSection() throws IOException {
        List<VariantFigures> figures = VariantFigures.of(input.summary());
        body.append("<section id=\"variants\">\n<h2>Variants compared</h2>\n");
        contents.add(new String[] {"variants", "Variants compared: latency, recovery point, data loss, consistency"});
        Optional<JFreeChart> c = VariantChart.chart(figures);
        if (c.isPresent()) {
            figure("compare-variants", "Host write latency against recovery-point lag",
                    "One point per variant: the mean host write latency against the worst recovery-point lag "
                            + "(means over replications); the label gives the writes lost at the disaster. Lower left "
                            + "is better on both counts. Red: dependent-write violations were found, the secondary's "
                            + "image may hold a write without one it depends on; grey: the mode does not check.",
                    c.get(), ChartStyle.HEIGHT);
        }
        body.append("<p class=\"how\">Means over replications; \u201c\u2013\u201d where the variant's mode does not "
                + "record the figure. Violations are counted by the consistency checker (cycle modes), out-of-order "
                + "arrivals at the secondaries by ordered dispatch.</p>\n");
        body.append(VariantTable.html(figures));
        body.append("</section>\n");
    }

    // ---------------------------------------------------------------- sweep

    private void sweepSection() throws IOException {
        List<PointSummary> points = input.summary().points();
        SweepCharts sc = new SweepCharts(input.summary(), input.sweptPaths());
        body.append("<section id=\"sweep\">\n<h2>Sweep</h2>\n");
        contents.add(new String[] {"sweep", "Sweep: metrics against swept parameters"});
        Set<String> drawn = new LinkedHashSet<>();
        String others = input.sweptPaths().size() > 1 ? " One line per combination of the other swept parameters." : "";
        for (int p = 0; p < input.sweptPaths().size(); p++) {
            String path = input.sweptPaths().get(p);
            if (!path.toLowerCase(Locale.ROOT).contains("bandwidth")) {
                continue;
            }
            String target = input.rpoTargetS() == null ? "the target"
                    : Scale.seconds(input.rpoTargetS()).format(input.rpoTargetS());
            String above = Measures.RPO_ABOVE_TARGET.name();
            Optional<JFreeChart> c = sc.metricVs(above, path,
                    "Time above the recovery-point target vs " + path, "time above RPO target");
            if (c.isPresent()) {
                drawn.add(above + "@" + path);
                figure("sweep-" + slug(above) + "-by-" + p, "Time above the recovery-point target against " + path,
                        "The share of time the recovery-point lag exceeded " + target + " at each link bandwidth "
                                + "(mean over replications, error bars 95 % confidence interval)." + others
                                + " Choose the smallest bandwidth whose point, error bar included, is at a share you accept.",
                        c.get(), ChartStyle.HEIGHT);
            }
        }
        List<String> constant = new ArrayList<>();
        List<String> negligible = new ArrayList<>();
        List<String[]> same = new ArrayList<>();
        Map<List<Double>, String> chartedMeans = new HashMap<>();
        for (String metric : Headlines.headlines(metricNames(points))) {
            if (!sc.varies(metric)) {
                constant.add(metric);
                continue;
            }
            if (negligible(points, metric)) {
                negligible.add(metric);
                continue;
            }
            String twin = chartedMeans.putIfAbsent(means(points, metric), metric);
            if (twin != null) {
                same.add(new String[] {metric, twin});
                continue;
            }
            for (int p = 0; p < input.sweptPaths().size(); p++) {
                String path = input.sweptPaths().get(p);
                if (drawn.contains(metric + "@" + path)) {
                    continue;
                }
                Optional<JFreeChart> c = sc.metricVs(metric, path, metric + " vs " + path, metric);
                if (c.isPresent()) {
                    figure("sweep-" + slug(metric) + "-by-" + p, metric + " against " + path,
                            "Mean over replications at each sweep point; error bars are the 95 % confidence interval."
                                    + others + " Points whose bars overlap do not differ significantly.",
                            c.get(), ChartStyle.HEIGHT);
                }
            }
        }
        if (!constant.isEmpty()) {
            body.append("<p class=\"note\">Not charted because equal at every sweep point: ");
            for (int i = 0; i < constant.size(); i++) {
                body.append(i > 0 ? ", " : "").append("<code>").append(Html.escape(constant.get(i))).append("</code>");
            }
            body.append(".</p>\n");
        }
        if (!negligible.isEmpty()) {
            body.append("<p class=\"note\">Not charted because below ").append(Scale.PERCENT.format(NEGLIGIBLE_FRACTION))
                    .append(" at every sweep point (their values are in the sweep table): ");
            for (int i = 0; i < negligible.size(); i++) {
                body.append(i > 0 ? ", " : "").append("<code>").append(Html.escape(negligible.get(i))).append("</code>");
            }
            body.append(".</p>\n");
        }
        if (!same.isEmpty()) {
            body.append("<p class=\"note\">Not charted because equal at every sweep point to a metric charted above: ");
            for (int i = 0; i < same.size(); i++) {
                body.append(i > 0 ? ", " : "").append("<code>").append(Html.escape(same.get(i)[0]))
                        .append("</code> (equal to <code>").append(Html.escape(same.get(i)[1])).append("</code>)");
            }
            body.append(".</p>\n");
        }
        sweepTable(points);
        body.append("</section>\n");
    }

    private void sweepTable(List<PointSummary> points) {
        List<String> metrics = Headlines.all(metricNames(points));
        body.append("<h3 id=\"sweep-table\">Every sweep point and metric</h3>\n")
                .append("<p class=\"how\">Mean over replications ± 95 % confidence half-width. "
                        + "Click a column header to sort by it; click again to reverse.</p>\n");
        body.append("<div class=\"scroll\">\n<table class=\"sortable\" id=\"sweep-points\">\n<thead><tr><th>#</th>");
        for (String p : input.sweptPaths()) {
            body.append("<th class=\"name\">").append(Html.escape(p)).append("</th>");
        }
        List<Scale> scales = new ArrayList<>();
        for (String m : metrics) {
            double max = 0;
            String unit = null;
            for (PointSummary p : points) {
                MetricSummary s = p.metric(m);
                if (s != null) {
                    unit = unit == null ? s.unit() : unit;
                    if (!Double.isNaN(s.mean())) {
                        max = Math.max(max, Math.abs(s.mean()));
                    }
                }
            }
            Scale s = Scale.forUnit(unit, max);
            scales.add(s);
            body.append("<th>").append(Html.escape(s.axisLabel(m))).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < points.size(); i++) {
            PointSummary p = points.get(i);
            body.append("<tr><td data-sort=\"").append(i).append("\">").append(i).append("</td>");
            for (String path : input.sweptPaths()) {
                String v = p.parameters().getOrDefault(path, "");
                double base = SweepAxis.baseValue(v);
                body.append("<td class=\"name\" data-sort=\"").append(Html.escape(Double.isNaN(base) ? v : num(base)))
                        .append("\">").append(Html.escape(v)).append("</td>");
            }
            for (int k = 0; k < metrics.size(); k++) {
                MetricSummary m = p.metric(metrics.get(k));
                if (m == null) {
                    body.append("<td data-sort=\"\">–</td>");
                    continue;
                }
                Scale s = scales.get(k);
                String text = Scale.number(s.apply(m.mean()))
                        + (Double.isNaN(m.ci95()) ? "" : " ± " + Scale.number(s.apply(m.ci95())));
                body.append("<td data-sort=\"").append(Double.isNaN(m.mean()) ? "" : num(m.mean())).append("\"")
                        .append(cellClass(metrics.get(k), m.mean())).append(">").append(Html.escape(text)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n</div>\n");
    }

    // ---------------------------------------------------------------- per point

    private void pointSection(int index, PointSummary point, boolean many) throws IOException {
        String id = pointId(point, index);
        String title = many ? "Point " + index + ": " + pointLabel(point) : "Run";
        body.append("<section id=\"").append(id).append("\" class=\"point\">\n<h2>").append(Html.escape(title))
                .append("</h2>\n");
        contents.add(new String[] {id, title});
        List<RunResult> runs = input.runsOf(point.id());
        if (runs.isEmpty()) {
            body.append("<p class=\"note\">No per-replication results were given for this point; only its summary is shown.</p>\n");
        } else {
            body.append("<p class=\"how\">").append(runs.size()).append(runs.size() == 1 ? " replication." : " replications: "
                    + "lines are the mean per sample, shaded bands the 95 % confidence interval of that mean.")
                    .append("</p>\n");
        }
        RunCharts rc = new RunCharts(runs);
        String every = Scale.seconds(input.sampleEveryS()).format(input.sampleEveryS());
        Optional<JFreeChart> c = rc.latency(Measures.HOST_WRITE_LATENCY, "write");
        if (c.isPresent()) {
            figure(id + "-write-latency", "Host write latency over time",
                    "Mean, median, 99th and 99.9th percentile of the host writes completed in each " + every
                            + " interval. A widening gap between p99.9 and the mean is queueing in the tail; "
                            + "shaded spans are link outages.", c.get(), ChartStyle.HEIGHT);
        }
        c = rc.latency(Measures.HOST_READ_LATENCY, "read");
        if (c.isPresent()) {
            figure(id + "-read-latency", "Host read latency over time",
                    "The same statistics for host reads, which are never replicated but share processors and disks.",
                    c.get(), ChartStyle.HEIGHT);
        }
        latencyTable(id, point);
        c = rc.queues();
        if (c.isPresent()) {
            List<String> idle = rc.idleQueues();
            String left = "";
            if (!idle.isEmpty()) {
                List<String> names = new ArrayList<>();
                if (idle.size() > QueueGroups.MAX_LINES) {
                    for (QueueGroups.Group g : QueueGroups.of(idle)) {
                        names.add(g.members().size() == 1 ? Palette.component(g.members().get(0))
                                : g.key() + " (" + g.members().size() + ")");
                    }
                } else {
                    for (String q : idle) {
                        names.add(Palette.component(q));
                    }
                }
                left = " Not drawn, below " + Scale.number(RunCharts.IDLE_QUEUE_DEPTH) + " throughout (idle): "
                        + String.join(", ", names) + ".";
            }
            String grouped = "";
            List<QueueGroups.Group> groups = rc.queueGroups();
            if (!groups.isEmpty()) {
                List<String> busiest = new ArrayList<>();
                for (QueueGroups.Group g : groups) {
                    if (g.members().size() > 1) {
                        double[] b = g.busiest(rc.runs());
                        busiest.add(g.key() + ": " + Palette.component(g.members().get((int) b[0])) + " ("
                                + Scale.number(b[1]) + ")");
                    }
                }
                grouped = " More than " + QueueGroups.MAX_LINES + " queues: those whose names differ only in their "
                        + "numbers are drawn as one group, its highest queue at each sample (solid) and its mean "
                        + "(dashed). Busiest on average, per group: " + String.join("; ", busiest) + ".";
            }
            figure(id + "-queues", "Queue depth over time",
                    "Requests waiting or in service at each processor pool, disk group, link and the reorder queue, "
                            + "sampled every " + every + ". A line that keeps rising marks the bottleneck: "
                            + "work arrives there faster than it is served." + grouped + left, c.get(), ChartStyle.HEIGHT);
        }
        CycleChart cycles = new CycleChart(runs);
        c = cycles.chart();
        if (c.isPresent()) {
            int bin = cycles.binWidth();
            String points = bin == 1 ? "One point per cycle number. "
                    : "One point per bin of " + bin + " consecutive cycle numbers (more cycles than a chart can "
                            + "show): sizes are means per cycle number, durations the mean of the bin's cycles. ";
            figure(id + "-cycles", "Cycles",
                    points + "Top: " + Measures.Cycles.BYTES_COLUMN.description() + " (left axis) and "
                            + Measures.Cycles.SLOTS.description() + " (right axis); middle: "
                            + Measures.Cycles.DURATION.description() + "; bottom: "
                            + Measures.Cycles.FOLDING.description() + ".", c.get(), ChartStyle.TALL_HEIGHT);
        }
        c = rc.transmitQueue();
        if (c.isPresent()) {
            figure(id + "-transmit-queue", "Transmit queue",
                    sentence(Measures.TRANSMIT_QUEUE.description()), c.get(), ChartStyle.HEIGHT);
        }
        c = rc.cache();
        if (c.isPresent()) {
            figure(id + "-cache", "Cache and spill-pool occupancy",
                    sentence(Measures.CACHE_SESSION_BYTES.description()) + " " + sentence(Measures.SPILL_BYTES.description())
                            + " The dashed line is " + Measures.CACHE_SESSION_LIMIT.description()
                            + "; purple spans are session drops." + envelope(runs), c.get(), ChartStyle.HEIGHT);
        }
        c = rc.links();
        if (c.isPresent()) {
            figure(id + "-links", "Link utilisation",
                    "Share of each " + every + " interval a link spent sending. Near 100 % the link is saturated "
                            + "and backlog builds up; red spans are outages.", c.get(), ChartStyle.HEIGHT);
        }
        MetricSummary above = point.metric(Measures.RPO_ABOVE_TARGET.name());
        double aboveFraction = above != null ? above.mean() : rc.aboveTargetFraction(input.rpoTargetS());
        c = rc.rpoLag(input.rpoTargetS(), aboveFraction);
        if (c.isPresent()) {
            String target = input.rpoTargetS() == null ? ""
                    : " The dashed red line is the target (" + Scale.seconds(input.rpoTargetS()).format(input.rpoTargetS())
                            + "); the line under the title gives the share of time above it.";
            figure(id + "-rpo", "Recovery-point lag",
                    sentence(Measures.RPO_LAG.description()) + target + envelope(runs), c.get(), ChartStyle.HEIGHT);
        }
        consistency(id, point, runs);
        body.append("</section>\n");
    }

    private void latencyTable(String id, PointSummary point) {
        List<String> present = present(point, Measures.OVERALL_LATENCY);
        if (present.isEmpty()) {
            return;
        }
        body.append("<div id=\"").append(id).append("-latency-table\">\n<h3>Overall latency</h3>\n")
                .append("<p class=\"how\">Over the whole measured period (after warm-up): mean over replications "
                        + "± 95 % confidence half-width.</p>\n<table>\n<thead><tr>");
        for (String n : present) {
            body.append("<th>").append(Html.escape(n.substring(n.indexOf('.') + 1))).append("</th>");
        }
        body.append("</tr></thead>\n<tbody><tr>");
        for (String n : present) {
            MetricSummary m = point.metric(n);
            body.append("<td>").append(Html.escape(meanCi(m, Scale.forUnit(m.unit(), Math.abs(m.mean()))))).append("</td>");
        }
        body.append("</tr></tbody>\n</table>\n</div>\n");
    }

    private void consistency(String id, PointSummary point, List<RunResult> runs) {
        List<String> present = present(point, Measures.CONSISTENCY_AND_LOSS);
        List<Interval> disasters = Shading.intervals(runs, Shading.DISASTER);
        if (present.isEmpty() && disasters.isEmpty()) {
            return;
        }
        body.append("<div id=\"").append(id).append("-consistency\">\n<h3>Consistency and data loss</h3>\n")
                .append("<p class=\"how\">Dependent-write violations must be zero for a consistent policy (a red cell "
                        + "means the secondary image could hold a write without the one it depends on). After a disaster, "
                        + "the acknowledged writes missing from the secondary's recoverable image are the measured "
                        + "recovery point.</p>\n");
        if (!present.isEmpty()) {
            body.append("<table>\n<thead><tr><th class=\"name\">metric</th><th>mean ± 95 % CI</th><th>max</th></tr></thead>\n<tbody>\n");
            for (String n : present) {
                MetricSummary m = point.metric(n);
                Scale s = Scale.forUnit(m.unit(), Math.max(Math.abs(m.mean()), Math.abs(m.max())));
                body.append("<tr><td class=\"name\"><code>").append(Html.escape(n)).append("</code></td><td")
                        .append(cellClass(n, m.max())).append(">").append(Html.escape(meanCi(m, s))).append("</td><td>")
                        .append(Html.escape(s.format(m.max()))).append("</td></tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }
        for (Interval d : disasters) {
            body.append("<p>Disaster").append(d.subject() == null || d.subject().isEmpty() ? "" : " at " + Html.escape(d.subject()))
                    .append(" at ").append(Html.escape(Scale.seconds(d.startS()).format(d.startS())))
                    .append(" simulated time.</p>\n");
        }
        body.append("</div>\n");
    }

    // ---------------------------------------------------------------- helpers

    private void figure(String id, String title, String how, JFreeChart chart, int height) throws IOException {
        String file = CHARTS + "/" + id + ".png";
        Path target = outDir.resolve(file);
        Path tmp = outDir.resolve(file + ".tmp");
        ChartStyle.writePng(chart, tmp, ChartStyle.WIDTH, height);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        body.append("<figure id=\"").append(Html.escape(id)).append("\">\n<h3>").append(Html.escape(title)).append("</h3>\n")
                .append("<p class=\"how\">").append(Html.escape(how)).append("</p>\n")
                .append("<img src=\"").append(Html.escape(file)).append("\" width=\"").append(ChartStyle.WIDTH)
                .append("\" height=\"").append(height).append("\" alt=\"").append(Html.escape(title)).append("\">\n")
                .append("</figure>\n");
    }

    /**
     * True when {@code metric} is a fraction whose mean and largest replication stay below
     * {@link #NEGLIGIBLE_FRACTION} at every point (a link's acknowledgement direction): a chart of it
     * would be a flat line at zero.
     */
    private static boolean negligible(List<PointSummary> points, String metric) {
        for (PointSummary p : points) {
            MetricSummary m = p.metric(metric);
            if (m == null) {
                continue;
            }
            if (!"fraction".equals(m.unit()) || !(Math.abs(m.mean()) < NEGLIGIBLE_FRACTION)
                    || !(Math.abs(m.max()) < NEGLIGIBLE_FRACTION)) {
                return false;
            }
        }
        return true;
    }

    /** The metric's mean at each point (NaN where absent). */
    private static List<Double> means(List<PointSummary> points, String metric) {
        List<Double> out = new ArrayList<>();
        for (PointSummary p : points) {
            MetricSummary m = p.metric(metric);
            out.add(m == null ? Double.NaN : m.mean());
        }
        return out;
    }

    /** The names of {@code metrics} that {@code point} has, in that order. */
    private static List<String> present(PointSummary point, List<MetricType> metrics) {
        List<String> out = new ArrayList<>();
        for (MetricType m : metrics) {
            if (point.metric(m.name()) != null) {
                out.add(m.name());
            }
        }
        return out;
    }

    /** A catalogue description as a sentence: capital first letter, final full stop. */
    private static String sentence(String description) {
        return Character.toUpperCase(description.charAt(0)) + description.substring(1) + ".";
    }

    /** How a sawtooth column's spread is drawn, when there are several replications. */
    private static String envelope(List<RunResult> runs) {
        return runs.size() < 2 ? "" : " The line is the mean over replications; the shaded band is the range from the "
                + "lowest to the highest replication at each sample (the replications' cycles switch at different "
                + "instants, so a confidence band of the mean would only show where they disagree).";
    }

    /** Metrics whose only good value is zero (violations, data loss) are marked red when non-zero, green when zero. */
    /** A headline row's note, e.g. "(highest of 64 p*.remoteAdapters.utilization)", or "". */
    private static String note(Headlines.Row row) {
        return row.note() == null ? "" : " <span class=\"how\">(" + Html.escape(row.note()) + ")</span>";
    }

    /** The mean of a metric's means over the points that have it (NaN when none has). */
    private static double meanOverPoints(List<PointSummary> points, String metric) {
        double sum = 0;
        int n = 0;
        for (PointSummary p : points) {
            MetricSummary m = p.metric(metric);
            if (m != null && !Double.isNaN(m.mean())) {
                sum += m.mean();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String cellClass(String metric, double value) {
        if (Measures.metric(metric).map(m -> m.has(Hint.ZERO_IS_GOOD)).orElse(false)) {
            if (Double.isNaN(value)) {
                return "";
            }
            return value > 0 ? " class=\"bad\"" : " class=\"good\"";
        }
        return "";
    }

    private static String meanCi(MetricSummary m, Scale s) {
        return Double.isNaN(m.ci95()) ? s.format(m.mean()) : s.format(m.mean()) + " ± " + s.format(m.ci95());
    }

    private static String pointLabel(PointSummary p) {
        if (p.parameters().isEmpty()) {
            return p.id();
        }
        StringBuilder b = new StringBuilder();
        p.parameters().forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append(" = ").append(v));
        return b.toString();
    }

    /**
     * The HTML id and chart-file prefix of a point: its id in the results ({@code p000}, as in
     * {@code runs/p000/} and {@code summary.csv}), or {@code p} and its three-digit index in the
     * summary when the id is not a plain file name.
     */
    static String pointId(PointSummary point, int index) {
        String id = point.id();
        return id != null && id.matches("[A-Za-z][A-Za-z0-9_.-]*") ? id : String.format(Locale.ROOT, "p%03d", index);
    }

    private static Set<String> metricNames(List<PointSummary> points) {
        Set<String> names = new LinkedHashSet<>();
        for (PointSummary p : points) {
            names.addAll(p.metrics().keySet());
        }
        return names;
    }

    /** A file-name-safe form of a metric name. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]+", "-");
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
