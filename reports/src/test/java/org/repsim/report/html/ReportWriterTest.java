package org.repsim.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.report.chart.CycleChart;

class ReportWriterTest {

    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private static Path sweepDir;

    @BeforeAll
    static void writeSweep() throws IOException {
        sweepDir = Synthetic.sweepReport();
    }

    @Test
    void sweepReportHasEverySectionAndEveryImageDecodesAtItsDeclaredSize() throws IOException {
        Path dir = sweepDir;
        String html = Files.readString(dir.resolve("report.html"));

        List<String> ids = new ArrayList<>(List.of("summary", "headlines", "contents", "sweep", "sweep-table", "sweep-points",
                "sweep-rpo.aboveTarget.fraction-by-0"));
        for (int p = 0; p < 6; p++) {
            String pid = String.format("p%03d", p);
            for (String s : List.of("", "-write-latency", "-read-latency", "-latency-table", "-queues", "-cycles",
                    "-transmit-queue", "-cache", "-links", "-rpo", "-consistency")) {
                ids.add(pid + s);
            }
        }
        List<String> charted = List.of("host.write.latency.mean", "host.write.latency.p99", "host.writes",
                "link.wan.utilization", "rpo.lag.mean", "rpo.aboveTarget.fraction", "cycle.bytes.mean",
                "disaster.lost.writes", "disaster.lost.span");
        for (String metric : charted) {
            ids.add("sweep-" + metric + "-by-1");
            if (!metric.equals("rpo.aboveTarget.fraction")) {
                ids.add("sweep-" + metric + "-by-0");
            }
        }
        for (String id : ids) {
            assertThat(html).as("section %s", id).contains("id=\"" + id + "\"");
        }
        // consistency.violations is 0 everywhere: listed as not charted rather than drawn flat.
        assertThat(html).doesNotContain("id=\"sweep-consistency.violations-by-0\"").contains("Not charted because equal");
        // A fraction ~0 everywhere (a link's acknowledgement direction) and a metric equal to one charted
        // are folded into notes, not drawn.
        assertThat(html).doesNotContain("id=\"sweep-link.wan.dr-prod.utilization-by-0\"")
                .contains("below 0.01% at every sweep point (their values are in the sweep table): "
                        + "<code>link.wan.dr-prod.utilization</code>")
                .doesNotContain("id=\"sweep-link.wan.prod-dr.utilization-by-0\"")
                .contains("<code>link.wan.prod-dr.utilization</code> (equal to <code>link.wan.utilization</code>)");
        // Time above target vs bandwidth has its own chart (with a bandwidth caption) and is not drawn a second time.
        assertThat(html.split("id=\"sweep-rpo.aboveTarget.fraction-by-0\"", -1)).hasSize(2);
        assertThat(html).contains("Time above the recovery-point target against");

        Matcher m = IMG.matcher(html);
        int images = 0;
        while (m.find()) {
            images++;
            Path png = dir.resolve(m.group(1));
            assertThat(png).as(m.group(1)).isRegularFile();
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).as("%s decodes", m.group(1)).isNotNull();
            assertThat(img.getWidth()).isEqualTo(Integer.parseInt(m.group(2))).isEqualTo(1200);
            assertThat(img.getHeight()).isEqualTo(Integer.parseInt(m.group(3)));
        }
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(images);
        }
        // 6 points × 8 charts + each varying headline metric against both parameters (the time above target
        // against bandwidth being the dedicated chart).
        assertThat(images).isEqualTo(6 * 8 + 2 * charted.size());
        assertThat(dir.resolve("charts/p000-cycles.png")).satisfies(p -> assertThat(ImageIO.read(p.toFile()).getHeight()).isEqualTo(820));
    }

    @Test
    void everyLinkPointsToAnExistingFileOrAnchorAndNothingIsLoadedFromElsewhere() throws IOException {
        Path dir = sweepDir;
        String html = Files.readString(dir.resolve("report.html"));
        Matcher m = LINK.matcher(html);
        int links = 0;
        while (m.find()) {
            links++;
            String target = m.group(1);
            if (target.startsWith("#")) {
                assertThat(html).as("anchor %s", target).contains("id=\"" + target.substring(1) + "\"");
            } else {
                assertThat(target).doesNotContain("://").doesNotStartWith("/");
                assertThat(dir.resolve(target)).as(target).isRegularFile();
            }
        }
        assertThat(links).isGreaterThan(60);
        assertThat(html).doesNotContain("@import").doesNotContain("url(").doesNotContain("<link ");
    }

    @Test
    void moreCyclesThanAChartShowsAreBinnedAndTheCaptionSaysSo() throws IOException {
        Table cycles = new Table("cycles", List.of("number", "durationS", "bytes"), List.of("count", "s", "bytes"));
        for (int n = 0; n < 5 * CycleChart.MAX_POINTS; n++) {
            cycles.add(n, 0.002, 65536);
        }
        RunResult base = Synthetic.cycleRun(0, 2, 30, false);
        RunResult run = new RunResult(0, base.seed(), base.metrics().values(), base.series(), List.of(cycles),
                base.intervals());
        PointSummary p = Synthetic.summarize("000", new LinkedHashMap<>(), List.of(run));
        ReportInput input = new ReportInput("many-cycles", "", List.of("one box"), List.of(),
                new ExperimentSummary("many-cycles", "0.1.0-test", List.of(), List.of(p)), Map.of("000", List.of(run)),
                null, 1.0);

        String html = Files.readString(ReportWriter.write(dir, input));

        assertThat(html).contains("id=\"p000-cycles\"", "One point per bin of 5 consecutive cycle numbers");
        assertThat(Files.readString(sweepDir.resolve("report.html"))).contains("One point per cycle number.")
                .doesNotContain("consecutive cycle numbers");
    }

    @Test
    void aGroupOfManyBoxesHasItsQueuesDrawnByKindAndNamesTheBusiestOfEach() throws IOException {
        // 20 primaries' host adapters (box k's depth k + 1 on average), 20 idle secondaries' host adapters
        List<String> cols = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            cols.add("queue.p" + b + ".hostAdapters");
            cols.add("queue.s" + b + ".hostAdapters");
        }
        List<RunResult> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            org.repsim.core.result.TimeSeries ts = new org.repsim.core.result.TimeSeries(cols,
                    java.util.Collections.nCopies(cols.size(), ""));
            for (int i = 0; i < 30; i++) {
                double[] row = new double[cols.size()];
                for (int b = 0; b < 20; b++) {
                    row[2 * b] = b + 1 + (i % 2 == 0 ? 0.5 : -0.5);
                }
                ts.append(i + 1, row);
            }
            List<org.repsim.core.result.Metric> metrics = new ArrayList<>();
            for (int b = 0; b < 20; b++) {
                metrics.add(new org.repsim.core.result.Metric("p" + b + ".remoteAdapters.utilization", 0.01 * b + 0.001 * r, ""));
            }
            runs.add(new RunResult(r, r, metrics, ts, List.of(), List.of()));
        }
        PointSummary p = Synthetic.summarize("000", new LinkedHashMap<>(), runs);
        ReportInput in = new ReportInput("group", "", List.of("20 box pairs"), List.of(),
                new ExperimentSummary("group", "0.1.0-test", List.of(), List.of(p)), Map.of("000", runs), null, 1.0);
        String html = Files.readString(ReportWriter.write(dir, in));
        assertThat(html).contains("More than 12 queues: those whose names differ only in their numbers are drawn as one "
                        + "group", "Busiest on average, per group: p*.hostAdapters: p19.hostAdapters (20).",
                "Not drawn, below 0.01 throughout (idle): s*.hostAdapters (20).");
        // the headline table: the highest and the lowest of the 20 remote adapters, not 20 rows
        assertThat(html).contains("<code>p19.remoteAdapters.utilization</code> <span class=\"how\">(highest of 20 "
                        + "p*.remoteAdapters.utilization)</span>", "<code>p0.remoteAdapters.utilization</code> <span "
                        + "class=\"how\">(lowest of 20 p*.remoteAdapters.utilization)</span>")
                .doesNotContain("<code>p7.remoteAdapters.utilization</code>");
    }

    @Test
    void syncOnlyRunHasNoSectionsForDataItDoesNotHave() throws IOException {
        String html = Files.readString(ReportWriter.write(dir, Synthetic.syncOnly()));

        assertThat(html).contains("id=\"p000-write-latency\"", "id=\"p000-queues\"", "id=\"p000-links\"",
                "id=\"p000-latency-table\"", "nothing (one configuration)");
        assertThat(html).doesNotContain("id=\"sweep\"", "id=\"p000-read-latency\"", "id=\"p000-cycles\"", "id=\"p000-cache\"",
                "id=\"p000-rpo\"", "id=\"p000-transmit-queue\"", "id=\"p000-consistency\"", "Recovery-point target");
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("p000-links.png", "p000-queues.png", "p000-write-latency.png");
        }
    }

    @Test
    void aPartialReportSaysHowManyReplicationsPerPointAreCompleteAndNoneRatherThanZero() throws IOException {
        ReportInput full = Synthetic.syncOnly();
        List<PointSummary> none = new ArrayList<>();
        for (PointSummary p : full.summary().points()) {
            none.add(new PointSummary(p.id(), p.params(), 0, new java.util.TreeMap<>()));
        }
        ReportInput partial = new ReportInput(full.scenarioName(), full.description(), full.topology(), full.sweptPaths(),
                new ExperimentSummary(full.scenarioName(), "0.1.0-test", full.sweptPaths(), none), Map.of(),
                full.rpoTargetS(), full.sampleEveryS(), null, List.of("Partial report: 0 of 2 replications complete"));
        String html = Files.readString(ReportWriter.write(dir, partial));
        assertThat(html).contains("<dt>Replications per point</dt><dd>none complete yet</dd>");
        ReportInput some = new ReportInput(full.scenarioName(), full.description(), full.topology(), full.sweptPaths(),
                full.summary(), full.replications(), full.rpoTargetS(), full.sampleEveryS(), null,
                List.of("Partial report: 2 of 3 replications complete"));
        assertThat(Files.readString(ReportWriter.write(dir, some))).contains("<dt>Replications per point</dt><dd>2 complete</dd>");
        assertThat(Files.readString(ReportWriter.write(dir, full))).contains("<dt>Replications per point</dt><dd>2</dd>");
    }

    @Test
    void pointWithoutReplicationsGetsItsTablesButNoCharts() throws IOException {
        ReportInput full = Synthetic.sweep("partial", List.of("1 Gbit/s", "2 Gbit/s"), List.of("15 s", "30 s"), true);
        Map<String, List<RunResult>> some = new LinkedHashMap<>(full.replications());
        some.remove("001");
        ReportInput partial = new ReportInput(full.scenarioName(), full.description(), full.topology(), full.sweptPaths(),
                full.summary(), some, full.rpoTargetS(), full.sampleEveryS());
        String html = Files.readString(ReportWriter.write(dir, partial));

        assertThat(html).contains("id=\"p001-latency-table\"", "No per-replication results were given for this point",
                "id=\"p000-cycles\"", "id=\"p002-cycles\"");
        assertThat(html).doesNotContain("id=\"p001-cycles\"", "id=\"p001-write-latency\"");
        assertThat(dir.resolve("charts/p001-cycles.png")).doesNotExist();
    }

    @Test
    void everyStringFromTheInputIsEscaped() throws IOException {
        ReportInput base = Synthetic.sweep("x", List.of("1 Gbit/s"), List.of("15 s", "30 s"), false);
        String evil = "<script>alert('x')</script> & \"q\"";
        List<PointSummary> points = new ArrayList<>();
        for (PointSummary p : base.summary().points()) {
            LinkedHashMap<String, String> params = new LinkedHashMap<>(p.params());
            params.put(Synthetic.MIN_CYCLE, params.get(Synthetic.MIN_CYCLE) + " <i>");
            points.add(new PointSummary(p.id(), params, p.replications(), p.metrics()));
        }
        ReportInput in = new ReportInput(evil, "desc <b>bold</b>", List.of("box <r1a> & 'r1b'"), base.sweptPaths(),
                new ExperimentSummary(evil, "v<1>", base.sweptPaths(), points), base.replications(), 60.0, 1.0);
        String html = Files.readString(ReportWriter.write(dir, in));

        assertThat(html).doesNotContain("<script>alert", "<b>bold", "<r1a>", "<i>", "v<1>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                "desc &lt;b&gt;bold&lt;/b&gt;", "box &lt;r1a&gt; &amp; &#39;r1b&#39;", "30 s &lt;i&gt;", "v&lt;1&gt;");
        // The minCycleTime values are no longer quantities: their axis is categorical and still charted.
        assertThat(html).contains("id=\"sweep-host.write.latency.mean-by-1\"");
    }

    @Test
    void identicalInputGivesIdenticalFiles() throws IOException {
        Path a = sweepDir;
        Path b = dir.resolve("b");
        assertThat(ReportWriter.write(b, Synthetic.sweep("srdfa-two-boxes"))).isEqualTo(b.resolve("report.html"));

        assertThat(Files.readString(a.resolve("report.html"))).isEqualTo(Files.readString(b.resolve("report.html")));
        try (Stream<Path> files = Files.list(a.resolve("charts"))) {
            for (Path f : files.sorted().toList()) {
                assertThat(Files.readAllBytes(b.resolve("charts").resolve(f.getFileName())))
                        .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
        assertThat(new String(Files.readAllBytes(a.resolve("report.html")), StandardCharsets.UTF_8)).doesNotContain(".tmp");
    }

    @Test
    void inputIsCheckedWithMessagesNamingTheProblem() {
        ReportInput ok = Synthetic.sweep("bad");
        assertThatThrownBy(() -> new ReportInput("s", "", List.of(), List.of(), ok.summary(),
                Map.of("nope", List.of()), null, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown sweep point 'nope'");
        assertThatThrownBy(() -> new ReportInput("s", "", List.of(), List.of(), ok.summary(), Map.of(), null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleEveryS");
        assertThatThrownBy(() -> new ReportInput("s", "", List.of(), List.of(), ok.summary(), Map.of(), -5.0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpoTargetS");
    }
}
