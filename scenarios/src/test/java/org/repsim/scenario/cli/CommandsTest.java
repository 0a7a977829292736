package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product's commands end to end: run's output errors, report, trace stats. */
class CommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int execute(String... args) {
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefusedWithExitTwoAndNoStackTrace() throws IOException {
        Path file = Files.writeString(tmp.resolve("taken"), "not a directory");
        int code = execute("run", "examples/sync-baseline.json", "-o", file.toString(), "--set", "run.duration=2 s",
                "--set", "run.warmup=0 s", "--quiet");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains(file.toString()).doesNotContain("\tat ");
    }

    @Test
    void aScenarioTheModelsCannotBuildIsRefusedByValidateAndRunAtThePairsPath() throws IOException {
        // every reference resolves, but one primary volume cannot go to two secondaries (fan-out)
        Path scenario = Files.writeString(tmp.resolve("unbuildable.json"), """
                { "name": "unbuildable", "run": { "duration": "2 s" },
                  "sites": [ { "id": "a" }, { "id": "b" } ],
                  "boxes": [ { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                             { "id": "s1", "site": "b", "volumes": [ { "id": "v", "size": "1 GiB" } ] },
                             { "id": "s2", "site": "b", "volumes": [ { "id": "v", "size": "1 GiB" } ] } ],
                  "links": [ { "id": "l", "between": ["a", "b"], "bandwidth": "1 Gbit/s" } ],
                  "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s1" },
                                                               { "primary": "p", "secondary": "s2" } ] },
                  "workloads": [ { "id": "w", "volumes": ["p/v"], "arrival": { "kind": "open", "rate": "100/s" } } ] }
                """);
        assertThat(execute("validate", scenario.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("replication.pairs[1].secondary (line 8, col").contains("p/v is already the primary of"
                + " replication.pairs[0] (to s1/v)").contains("fan-out").doesNotContain("\tat ");
        int code = execute("run", scenario.toString(), "-o", tmp.resolve("out").toString(), "--quiet");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test
    void runOfAPairWhoseBoxesStandAtOneSiteExitsTwoWithThePath() {
        // was: "repsim: java.lang.IllegalArgumentException: duplicate element: prod", exit 1
        int code = execute("run", "examples/cycle-two-boxes.json", "-o", tmp.resolve("out").toString(), "--quiet",
                "--set", "boxes[r2a].site=prod");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("replication.pairs[0].secondary").contains("both stand at site 'prod'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test
    void reportReRendersAFinishedRunFromItsFiles() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(execute("run", "examples/sync-baseline.json", "-o", run.toString(), "--set", "run.duration=2 s",
                "--set", "run.warmup=0 s", "--replications", "1", "--quiet")).isZero();
        Path page = run.resolve("report.html");
        Files.delete(page);
        try (var charts = Files.list(run.resolve("charts"))) {
            for (Path c : charts.toList()) {
                Files.delete(c);
            }
        }
        assertThat(execute("report", run.toString())).as(err()).isZero();
        assertThat(page).exists();
        assertThat(Files.readString(page)).contains("sync-baseline");
        try (var charts = Files.list(run.resolve("charts"))) {
            assertThat(charts.count()).isPositive();
        }
    }

    @Test
    void runEndsWithWhatRanHowLongAndWhere() {
        Path run = tmp.resolve("timed");
        assertThat(execute("run", "examples/sync-baseline.json", "-o", run.toString(), "--set", "run.duration=2 s",
                "--set", "run.warmup=0 s", "--replications", "2", "--threads", "1")).as(err()).isZero();
        // three sweep points × two replications
        assertThat(out()).containsPattern("6 replication\\(s\\) run in [0-9]+\\.[0-9] s on 1 thread\\(s\\), 0 resumed; "
                + "results in .*timed").contains("report: ");
    }

    @Test
    void aPartialReportShowsTheCompleteReplicationsFiguresAndTheRunningOnesSeriesSoFar() throws IOException {
        Path run = tmp.resolve("partial-run");
        assertThat(execute("run", "examples/sync-baseline.json", "-o", run.toString(), "--set", "run.duration=12 s",
                "--set", "run.warmup=2 s", "--replications", "2", "--quiet")).as(err()).isZero();
        String finalPage = Files.readString(run.resolve("report.html"));
        // three sweep points × two replications. A complete run: the partial summary is the run's own, computed again from the replications' files
        var complete = org.repsim.scenario.run.PartialExperiment.open(run);
        var stored = org.repsim.scenario.run.StoredExperiment.open(run);
        assertThat(complete.summary()).isEqualTo(stored.summary());
        assertThat(complete.notice().get(0)).startsWith("Partial report: 6 of 6 replications complete, 0 running");

        // replication 1 as if it were still running at 7 s: its results gone, its series so far in the part
        Path rep1 = run.resolve("runs/p000/1");
        java.util.List<String> series = Files.readAllLines(rep1.resolve("timeseries.csv"));
        try (var files = Files.list(rep1)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(rep1.resolve("timeseries.csv.part"), String.join("\n", series.subList(0, 8)) + "\n8.0,0.0");
        Files.writeString(rep1.resolve("progress.json"),
                "{\"simulatedS\":7.5,\"durationS\":12.0,\"events\":1000,\"wallS\":61.0}");
        // the plain report refuses an unfinished run and says what else to do
        Files.delete(run.resolve("summary.json"));
        assertThat(execute("report", run.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("repsim report --partial");
        assertThat(execute("report", run.toString(), "--partial")).as(err()).isZero();
        Path page = run.resolve("partial").resolve("report.html");
        assertThat(out()).contains("report: " + page);
        String html = Files.readString(page);
        // simulated seconds from the start, warm-up included, as repsim status counts them
        assertThat(html).contains("Partial report: 5 of 6 replications complete, 1 running or stopped")
                .contains("p000: 1 of 2 complete; replication 1 at 7 of 12 s simulated (2 s warm-up included)")
                .contains("<dt>Replications per point</dt><dd>1, 2 complete</dd>");
        assertThat(execute("status", run.toString())).isZero();
        assertThat(out()).contains("simulated (warm-up included)").contains("7.5 of 12 s (62.5 %)");
        try (var charts = Files.list(run.resolve("partial").resolve("charts"))) {
            assertThat(charts.map(c -> c.getFileName().toString()).toList()).contains("p000-write-latency.png");
        }
        // the headline figures are replication 0's alone, as its metrics file says
        var partial = org.repsim.scenario.run.PartialExperiment.open(run);
        var point = partial.summary().points().get(0);
        assertThat(point.replications()).isEqualTo(1);
        var metrics0 = org.repsim.scenario.run.RunFiles.readMetrics(run.resolve("runs/p000/0"));
        assertThat(point.metrics().keySet()).isEqualTo(metrics0.keySet());
        metrics0.forEach((name, m) -> assertThat(point.metric(name).mean()).as(name).isEqualTo(m.value()));
        assertThat(partial.runs("p000")).hasSize(2);
        assertThat(partial.runs("p000").get(1).series().rows()).isEqualTo(7);
        // the run's own page is left as it was
        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(finalPage);
    }

    @Test
    void aPartialReportDrawsARunningReplicationsCyclesAsFarAsItsPartHasWholeRows() throws IOException {
        Path run = tmp.resolve("partial-cycles");
        assertThat(execute("run", "examples/cycle-two-boxes.json", "-o", run.toString(), "--set", "sweep={}", "--set",
                "run.duration=30 s", "--set", "run.warmup=0 s", "--set", "replication.consistency.minNumberTime=2 s",
                "--replications", "2", "--quiet")).as(err()).isZero();
        Path rep1 = run.resolve("runs/p000/1");
        java.util.List<String> series = Files.readAllLines(rep1.resolve("timeseries.csv"));
        java.util.List<String> cycles = Files.readAllLines(rep1.resolve("cycles.csv"));
        assertThat(cycles.size()).isGreaterThan(8);
        try (var files = Files.list(rep1)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        // running: 15 s of series, the header and 6 cycle rows, and half of the 7th row
        Files.writeString(rep1.resolve("timeseries.csv.part"), String.join("\n", series.subList(0, 16)) + "\n");
        String seventh = cycles.get(7);
        Files.writeString(rep1.resolve("cycles.csv.part"), String.join("\n", cycles.subList(0, 7)) + "\n"
                + seventh.substring(0, seventh.length() / 2));
        Files.writeString(rep1.resolve("progress.json"),
                "{\"simulatedS\":15.5,\"durationS\":30.0,\"events\":1000,\"wallS\":61.0}");
        Files.delete(run.resolve("summary.json"));

        var partial = org.repsim.scenario.run.PartialExperiment.open(run);
        var running = partial.runs("p000").get(1);
        org.repsim.core.result.Table t = running.tables().get("cycles");
        assertThat(t.columns()).containsExactly(cycles.get(0).split(","));
        java.util.List<double[]> rows = t.rows();
        assertThat(rows).hasSize(6);
        for (int i = 0; i < 6; i++) {
            String[] fields = cycles.get(i + 1).split(",", -1);
            for (int c = 0; c < fields.length; c++) {
                double expected = fields[c].isEmpty() ? Double.NaN : Double.parseDouble(fields[c]);
                assertThat(rows.get(i)[c]).as("row %d column %d", i, c).isEqualTo(expected);
            }
        }
        // rows appended after the partial report opened the part are not read (a snapshot)
        Files.writeString(rep1.resolve("cycles.csv.part"), seventh.substring(seventh.length() / 2) + "\n"
                + cycles.get(8) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(t.size()).isEqualTo(6);
        assertThat(org.repsim.scenario.run.PartialExperiment.open(run).runs("p000").get(1).tables().get("cycles")
                .size()).isEqualTo(8);

        assertThat(execute("report", run.toString(), "--partial")).as(err()).isZero();
        assertThat(Files.readString(run.resolve("partial").resolve("report.html")))
                .contains("time series and cycles so far");
        assertThat(run.resolve("partial").resolve("charts").resolve("p000-cycles.png")).exists();
    }

    @Test
    void reportOfADirectoryWithoutResultsSaysSo() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(execute("report", empty.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("cannot read results").contains("no run.json");
        assertThat(execute("report", tmp.resolve("missing").toString())).isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void traceStatsPrintsTheFiguresAndAMachineReadableLastLine() {
        assertThat(execute("trace", "stats", "examples/traces/web-msr.csv.gz", "--cycle", "5 s")).as(err()).isZero();
        String[] lines = out().strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("ios=12000 writes=").contains("folding-at-5s=");
    }

    @Test
    void traceStatsOfAMissingOrMalformedFileIsABadInput() throws IOException {
        assertThat(execute("trace", "stats", tmp.resolve("none.csv").toString())).isEqualTo(ExitCodes.INVALID);
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "128166372003061629,web,0,Write,0,abc,10\n");
        assertThat(execute("trace", "stats", bad.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("bad.csv:1").contains("Size");
    }
}
