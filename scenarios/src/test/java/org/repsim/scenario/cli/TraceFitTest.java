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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.model.trace.TraceFormat;
import org.repsim.model.trace.TraceOptions;
import org.repsim.scenario.plan.WorkloadFit;

/**
 * Round trip: a synthetic workload with known parameters is run with {@code --trace-out}, its
 * trace fitted with {@code repsim trace fit}, and the parameters come back. Tolerances: three
 * standard errors of the sampled figure (Poisson counts, binomial shares) over the ≈ 120 000 I/Os;
 * the Zipf exponent within 0.02 (fits of seeds 3 to 7 gave 0.900 to 0.902).
 */
class TraceFitTest {
    static final String SCENARIO = "src/test/resources/planner/trace-round-trip.json";

    @TempDir
    static Path shared;
    private static Path trace;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        out.reset();
        err.reset();
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    @BeforeAll
    static void runWithTraceOut() {
        trace = shared.resolve("host.csv");
        TraceFitTest t = new TraceFitTest();
        assertThat(t.execute("run", SCENARIO, "-o", shared.resolve("run").toString(), "--quiet", "--trace-out",
                trace.toString())).as(t.err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void theTraceHoldsEveryHostIoInMsrFormat() throws IOException {
        List<String> lines = Files.readAllLines(trace);
        // Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime; two volumes → disks 0 and 1
        assertThat(lines.get(0)).matches("\\d+,repsim,[01],(Read|Write),\\d+,(8192|65536),[1-9]\\d*");
        assertThat(lines.stream().map(l -> l.split(",")[2]).distinct().sorted().toList()).containsExactly("0", "1");
        // the trace is the replication's: as many I/Os as the run's reads and writes
        JsonNode m = new ObjectMapper().readTree(shared.resolve("run/runs/p000/0/metrics.json").toFile()).get("metrics");
        long completed = m.at("/host.writes/value").asLong() + m.at("/host.reads/value").asLong();
        // issued = completed + the few still outstanding at the end (no warm-up in this scenario)
        assertThat(lines.size() - completed).isBetween(0L, 50L);
        assertThat(lines.stream().filter(l -> l.contains(",Write,")).count())
                .isGreaterThanOrEqualTo(m.at("/host.writes/value").asLong());
        // ResponseTime: the simulated latency in 100 ns ticks for every completed I/O, 0 for those still in flight
        assertThat(lines.stream().filter(l -> l.endsWith(",0")).count()).isEqualTo(lines.size() - completed);
        double writeTicks = lines.stream().filter(l -> l.contains(",Write,") && !l.endsWith(",0"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).average().orElseThrow();
        assertThat(writeTicks * 100e-9).isCloseTo(m.at("/host.write.latency.mean/value").asDouble(),
                org.assertj.core.data.Offset.offset(60e-9));
        // issue order is kept although I/Os complete out of order
        List<Long> stamps = lines.stream().map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        assertThat(stamps).isSorted();
    }

    @Test
    void rateWriteFractionSizeWeightsAndZipfExponentAreRecovered() throws IOException {
        assertThat(execute("trace", "fit", trace.toString(), "--interval", "10 s")).isZero();
        JsonNode w = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(w.fieldNames()).toIterable().containsExactly("arrival", "writeFraction", "size", "address");
        long ios = Files.lines(trace).count();
        // rate: 2000/s for 20 s then 4000/s for 20 s, mean 3000/s
        double rate = Double.parseDouble(w.at("/arrival/rate").asText().replace("/s", ""));
        assertThat(rate).isCloseTo(3000, within(3000 * 3 / Math.sqrt(ios)));
        JsonNode profile = w.at("/arrival/profile");
        assertThat(profile.size()).isEqualTo(4);
        double[] expected = {2000, 2000, 4000, 4000};
        for (int i = 0; i < 4; i++) {
            double intervalRate = rate * profile.get(i).get(1).asDouble();
            double count = expected[i] * 10;
            assertThat(intervalRate).as("interval %d", i).isCloseTo(expected[i], within(expected[i] * 3 / Math.sqrt(count) + 3));
        }
        assertThat(w.get("writeFraction").asDouble()).isCloseTo(0.3, within(3 * Math.sqrt(0.3 * 0.7 / ios)));
        assertThat(w.at("/size/dist").asText()).isEqualTo("choice");
        assertThat(w.at("/size/values").toString()).isEqualTo("[\"8 KiB\",\"64 KiB\"]");
        assertThat(w.at("/size/weights/0").asDouble()).isCloseTo(0.7, within(3 * Math.sqrt(0.7 * 0.3 / ios)));
        assertThat(w.at("/address/dist").asText()).isEqualTo("zipf");
        assertThat(w.at("/address/exponent").asDouble()).isCloseTo(0.9, within(0.02));

        String table = err.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("folding at cycle 1 s").contains("folding at cycle 30 s").contains("zipf exponent");
    }

    @Test
    void theFittedPatternFoldsLikeTheTrace() {
        WorkloadFit fit = WorkloadFit.of(trace, TraceFormat.MSR, TraceOptions.defaults(), 10_000_000_000L, 1, 128 * 1024,
                new long[] {1_000_000_000L, 10_000_000_000L, 30_000_000_000L});
        double[] t = fit.traceFolding();
        double[] f = fit.fittedFolding(1);
        for (int i = 0; i < t.length; i++) {
            assertThat(t[i]).isGreaterThan(1.05);
            // a fitted exponent off by 0.1 moves folding at 30 s by about 10 %
            assertThat(f[i]).as("cycle %d", i).isCloseTo(t[i], within(t[i] * 0.03));
        }
        // growth: 1.5× the writes per cycle fold more
        assertThat(fit.fittedFolding(1.5)[2]).isGreaterThan(f[2]);
    }

    @Test
    void theFragmentIsAcceptedAsIsByAWorkloadsEntryAndScaleMultipliesTheRate() throws IOException {
        assertThat(execute("trace", "fit", trace.toString(), "--interval", "10 s", "--scale", "1.5")).isZero();
        ObjectMapper json = new ObjectMapper();
        ObjectNode fragment = (ObjectNode) json.readTree(out.toString(StandardCharsets.UTF_8));
        double rate = Double.parseDouble(fragment.at("/arrival/rate").asText().replace("/s", ""));
        assertThat(rate).isCloseTo(1.5 * Files.lines(trace).count() / 39.999, within(rate * 1e-3));
        ObjectNode sc = (ObjectNode) json.readTree(Path.of(SCENARIO).toFile());
        ObjectNode workload = json.createObjectNode().put("id", "fitted");
        workload.putArray("volumes").add("r1/db").add("r1/log");
        workload.setAll(fragment);
        sc.putArray("workloads").add(workload);
        Path file = shared.resolve("fitted.json");
        Files.writeString(file, sc.toString());
        assertThat(execute("validate", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aTailShorterThanHalfAnIntervalJoinsTheIntervalBeforeIt() throws IOException {
        // 1000 I/Os/s for 10 s, 2000/s for 10 s, then a 4 ms tail of 3 I/Os (MSR ticks: 100 ns)
        StringBuilder text = new StringBuilder();
        long base = 128_166_372_000_000_000L; // a FILETIME in 2007, as MSR traces carry
        long ticks;
        int count = 0;
        for (int k = 0; k < 10_000; k++, count++) {
            text.append(base + k * 10_000L).append(",h,0,Write,").append(8192L * k).append(",8192,0\n");
        }
        for (int k = 0; k < 20_000; k++, count++) {
            ticks = base + 100_000_000L + k * 5_000L;
            text.append(ticks).append(",h,0,Write,").append(8192L * k).append(",8192,0\n");
        }
        for (int k = 0; k < 3; k++, count++) {
            text.append(base + 200_000_000L + k * 20_000L).append(",h,0,Write,0,8192,0\n");
        }
        Path file = Files.writeString(shared.resolve("tail.csv"), text.toString());
        WorkloadFit fit = WorkloadFit.of(file, TraceFormat.MSR, TraceOptions.defaults(), 10_000_000_000L, 1, 128 * 1024,
                new long[] {1_000_000_000L});
        assertThat(fit.durationNs()).isEqualTo(20_004_000_000L);
        double mean = count / 20.004;
        assertThat(fit.profile()).containsExactly(new double[] {10_000 / 10.0 / mean, 20_003 / 10.004 / mean},
                within(1e-12));
        // a tail of half an interval or more keeps its own factor, over its own length
        WorkloadFit eight = WorkloadFit.of(file, TraceFormat.MSR, TraceOptions.defaults(), 8_000_000_000L, 1,
                128 * 1024, new long[] {1_000_000_000L});
        assertThat(eight.profile()).hasSize(3);
        assertThat(eight.profile()[2]).isCloseTo((20_003 - 12_000) / 4.004 / mean, within(1e-12));
    }

    @Test
    void anUnreadableOrEmptyTraceIsRefusedWithExitTwo() throws IOException {
        assertThat(execute("trace", "fit", shared.resolve("none.csv").toString())).isEqualTo(ExitCodes.INVALID);
        Path empty = Files.writeString(shared.resolve("empty.csv"), "");
        assertThat(execute("trace", "fit", empty.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no I/O").doesNotContain("\tat ");
    }
}
