package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.RunResult;
import org.repsim.core.stats.PairedDifference;
import org.repsim.scenario.run.StoredExperiment;

/**
 * Common random numbers across sweep points, the sweep report's paired differences from
 * {@code report.baseline}, and {@code repsim compare} of two runs that differ in one value.
 */
class PairedComparisonTest {
    private static final String LINK = "links[wan].bandwidth";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;
    @TempDir
    static Path shared;
    private static Path single;
    private static Path sweep;
    private static Path sweepDir;
    private static Path a;

    private int execute(String... args) {
        out.reset();
        err.reset();
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The sweep over two bandwidths and a single run at the first, shared by the tests (read only). */
    @BeforeAll
    static void runs() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode sc = (ObjectNode) json.readTree(Path.of(SizeCommandTest.CLOSED_FORM).toFile());
        ((ObjectNode) sc.get("run")).put("replications", 4);
        single = shared.resolve("single.json");
        Files.writeString(single, sc.toString());
        sc.putObject("sweep").putArray(LINK).add("200 Mbit/s").add("400 Mbit/s");
        sweep = shared.resolve("sweep.json");
        Files.writeString(sweep, sc.toString());
        sweepDir = shared.resolve("sweep");
        a = shared.resolve("a");
        PairedComparisonTest t = new PairedComparisonTest();
        assertThat(t.execute("run", sweep.toString(), "-o", sweepDir.toString(), "--quiet", "--threads", "2"))
                .as(t.err()).isZero();
        assertThat(t.execute("run", single.toString(), "-o", a.toString(), "--quiet", "--set", LINK + "=200 Mbit/s"))
                .as(t.err()).isZero();
    }

    private static double[] values(StoredExperiment run, String point, String metric) {
        List<RunResult> runs = run.runs(point);
        double[] v = new double[runs.size()];
        for (RunResult r : runs) {
            v[r.replication()] = r.value(metric);
        }
        return v;
    }

    @Test
    void replicationRDrawsTheSameRandomNumbersAtEverySweepPoint() throws IOException {
        Path dir = sweepDir;
        StoredExperiment run = StoredExperiment.open(dir);
        // the host side of an open-loop workload in cycle mode does not depend on the link:
        // with the same streams, replication r issues the same writes at both bandwidths ...
        double[] p0 = values(run, "p000", "host.writeBytes");
        double[] p1 = values(run, "p001", "host.writeBytes");
        assertThat(p1).containsExactly(p0);
        // ... while replications differ from each other
        assertThat(p0[0]).isNotEqualTo(p0[1]);

        // the report shows each point's paired difference from the baseline (the first point)
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<section id=\"paired\">").contains("Baseline: point 0")
                .contains("id=\"paired-differences\"");
        PairedDifference d = PairedDifference.paired(values(run, "p000", "link.wan.utilization"),
                values(run, "p001", "link.wan.utilization"), 0.95);
        // twice the bandwidth halves the utilisation: a difference far outside its interval
        assertThat(d.excludesZero()).isTrue();
        assertThat(d.pairedHalfWidth()).isLessThan(d.unpairedHalfWidth());
    }

    @Test
    void aBaselineThatNamesNoPointIsRefusedAndANamedOneIsUsed() throws IOException {
        Path dir = tmp.resolve("named");
        assertThat(execute("run", sweep.toString(), "-o", dir.toString(), "--quiet", "--set",
                "report.baseline=" + LINK + "=400 Mbit/s")).as(err()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Baseline: point 1");
        assertThat(execute("run", sweep.toString(), "-o", tmp.resolve("bad").toString(), "--quiet", "--set",
                "report.baseline=p007")).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("report.baseline").contains("p000, p001");
    }

    @Test
    void validateRefusesABaselineThatNamesNoPoint() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode sc = (ObjectNode) json.readTree(sweep.toFile());
        ((ObjectNode) sc.get("report")).put("baseline", "p007");
        Path bad = tmp.resolve("bad-baseline.json");
        Files.writeString(bad, sc.toString());
        assertThat(execute("validate", bad.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("report.baseline (line 1, col ").contains("p000, p001");
        ((ObjectNode) sc.get("report")).put("baseline", "p001");
        Files.writeString(bad, sc.toString());
        assertThat(execute("validate", bad.toString())).as(err()).isZero();
    }

    @Test
    void compareOfTwoRunsDifferingInOneValueGivesTheSweepsPairedDifference() throws IOException {
        Path b = tmp.resolve("b");
        assertThat(execute("run", single.toString(), "-o", b.toString(), "--quiet", "--set", LINK + "=400 Mbit/s")).isZero();
        Path cmp = tmp.resolve("cmp");
        assertThat(execute("compare", a.toString(), b.toString(), "-o", cmp.toString())).as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("paired by replication");
        JsonNode json = new ObjectMapper().readTree(cmp.resolve("compare.json").toFile());
        assertThat(json.get("paired").asBoolean()).isTrue();
        StoredExperiment run = StoredExperiment.open(sweepDir);
        List<String> checked = new ArrayList<>();
        for (String metric : List.of("link.wan.utilization", "rpo.lag.mean", "cycle.bytes.mean", "host.write.latency.mean")) {
            PairedDifference d = PairedDifference.paired(values(run, "p000", metric), values(run, "p001", metric), 0.95);
            JsonNode m = json.get("metrics").get(metric);
            assertThat(m.get("difference").asDouble()).as(metric).isCloseTo(d.difference(), within(1e-12));
            assertThat(m.get("b").asDouble() - m.get("a").asDouble()).isCloseTo(d.difference(), within(1e-12));
            if (m.get("ci95").isNull()) {
                assertThat(d.halfWidth()).isNaN();
            } else {
                assertThat(m.get("ci95").asDouble()).as(metric).isCloseTo(d.halfWidth(), within(1e-12));
            }
            assertThat(m.get("unit").asText()).isNotEmpty();
            checked.add(metric);
        }
        assertThat(checked).hasSize(4);
        assertThat(cmp.resolve("compare.html")).exists();
        try (var charts = Files.list(cmp.resolve("charts"))) {
            assertThat(charts.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(3);
        }

        // --unpaired on the same two runs: Welch intervals, wider than the paired ones, and said so
        Path welch = tmp.resolve("welch");
        assertThat(execute("compare", a.toString(), b.toString(), "-o", welch.toString(), "--unpaired")).as(err()).isZero();
        JsonNode w = new ObjectMapper().readTree(welch.resolve("compare.json").toFile());
        assertThat(w.get("paired").asBoolean()).isFalse();
        assertThat(w.get("note").asText()).contains("as asked").contains("could be paired");
        for (String metric : List.of("link.wan.utilization", "rpo.lag.mean", "cycle.bytes.mean")) {
            PairedDifference d = PairedDifference.unpaired(values(run, "p000", metric), values(run, "p001", metric), 0.95);
            JsonNode m = w.get("metrics").get(metric);
            assertThat(m.get("difference").asDouble()).as(metric).isCloseTo(d.difference(), within(1e-12));
            assertThat(m.get("ci95").asDouble()).as(metric).isCloseTo(d.halfWidth(), within(1e-12));
        }
    }

    @Test
    void runsWithDifferentSeedsOrReplicationsAreRefusedOrComparedUnpairedWhenAsked() throws IOException {
        Path c = tmp.resolve("c");
        assertThat(execute("run", single.toString(), "-o", c.toString(), "--quiet", "--seed", "8", "--replications", "3"))
                .isZero();
        assertThat(execute("compare", a.toString(), c.toString(), "-o", tmp.resolve("x").toString()))
                .isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("differ in seed 7 vs 8 and replications 4 vs 3").contains("--unpaired")
                .doesNotContain("\tat ");
        Path cmp = tmp.resolve("unpaired");
        assertThat(execute("compare", a.toString(), c.toString(), "-o", cmp.toString(), "--unpaired")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("UNPAIRED");
        assertThat(new ObjectMapper().readTree(cmp.resolve("compare.json").toFile()).get("paired").asBoolean()).isFalse();
        assertThat(execute("compare", a.toString(), tmp.resolve("missing").toString())).isEqualTo(ExitCodes.INVALID);
    }
}
