package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.measure.Measures;

/**
 * docs/model.md §4 (cache), at scenario level: the shipped ordered example, one point, 16 s, the
 * primary's cache 4 GiB (write-pending limit 0.75 × 4 GiB = 3 GiB). The copies the owed subtasks keep
 * count in the primary's write pending: with the link down for 10 s the backlog used to grow to
 * 7.09 GB, 2.3 × the limit, with no effect on hosts; now write pending stops exactly at the limit
 * and the host writes wait. Without a fault (default cache) the copies never come near the limit:
 * nothing waits.
 */
class OrderedCacheLimitScenarioTest {
    private static final double LIMIT = 3.0 * (1L << 30);

    @TempDir
    Path tmp;

    private JsonNode run(String name, String... sets) throws IOException {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("run", "examples/ordered-dispatch.json", "-o", out.toString(),
                "--quiet", "--set", "sweep={}", "--set", "run.replications=1", "--set", "run.duration=16 s",
                "--set", "run.warmup=2 s"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Repsim.standard(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        return summary.get("points").get(0).get("metrics");
    }

    private static double mean(JsonNode m, String metric) {
        return m.get(metric).get("mean").asDouble();
    }

    @Test
    void aTenSecondLinkOutageFillsTheWritePendingLimitExactlyAndPacesTheHosts() throws IOException {
        JsonNode m = run("outage", "boxes[p].cache.size=4 GiB",
                "faults=[{\"at\":\"3 s\",\"kind\":\"link-down\",\"link\":\"wan\",\"for\":\"10 s\"}]");
        // the write pending reaches the limit and never exceeds it (the maximum is exact)
        assertThat(mean(m, "box.p.cache.writePending.max")).isEqualTo(LIMIT);
        // it is the backlog's copies that fill it: the copies' peak is the limit too
        assertThat(mean(m, Measures.ORDERED_CACHE_BYTES.max().name())).isEqualTo(LIMIT);
        // with whole-track copies a 512 KiB write at a 4 KiB boundary takes 4 or 5 tracks: the data
        // owed is 512 ÷ 640 to 512 ÷ 512 of the copies
        double backlog = mean(m, Measures.ORDERED_BACKLOG_BYTES.max().name());
        assertThat(backlog).isBetween(LIMIT * 0.8, LIMIT);
        // hosts wait: before the change the write latency was 302 µs mean, 0.62 ms max
        assertThat(mean(m, Measures.ORDERED_PACED_WRITES.name())).isGreaterThan(1_000);
        assertThat(mean(m, "host.write.latency.max")).isGreaterThan(1.0);
        assertThat(mean(m, Measures.ORDERED_DEFERRED_WRITES.name())).isZero();
    }

    @Test
    void withCopyPassTheOutageDefersWritesInsteadOfPacingThem() throws IOException {
        JsonNode m = run("copy-pass", "boxes[p].cache.size=4 GiB", "replication.ordered.onCacheFull=copy-pass",
                "faults=[{\"at\":\"3 s\",\"kind\":\"link-down\",\"link\":\"wan\",\"for\":\"10 s\"}]");
        assertThat(mean(m, "box.p.cache.writePending.max")).isLessThanOrEqualTo(LIMIT);
        assertThat(mean(m, Measures.ORDERED_PACED_WRITES.name())).isZero();
        assertThat(mean(m, Measures.ORDERED_DEFERRED_WRITES.name())).isGreaterThan(1_000);
        assertThat(mean(m, Measures.ORDERED_PASS_COUNT.name())).isPositive();
        assertThat(mean(m, "host.write.latency.max")).isLessThan(0.01);
    }

    @Test
    void withoutAFaultTheCopiesStayFarBelowTheLimitAndNothingWaits() throws IOException {
        JsonNode m = run("ample", "faults=[]");
        // default cache 64 GiB, limit 48 GiB: the copies' peak is a few MB (a few owed 512 KiB writes)
        assertThat(mean(m, Measures.ORDERED_CACHE_BYTES.max().name())).isLessThan(64.0 * (1 << 20));
        assertThat(mean(m, "box.p.cache.writePending.max")).isLessThan(0.75 * (64L << 30));
        assertThat(mean(m, Measures.ORDERED_PACED_WRITES.name())).isZero();
        // the host figures of the run before the change (the rule cannot bind, so they are the same)
        assertThat(mean(m, "host.write.latency.mean")).isEqualTo(3.0176322399201133E-4);
        assertThat(mean(m, "host.write.latency.max")).isEqualTo(6.16381E-4);
        assertThat(mean(m, "host.writes")).isEqualTo(19023.0);
    }
}
