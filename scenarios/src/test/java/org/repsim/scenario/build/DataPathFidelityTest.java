package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * The figures a planner sizes a link from (docs/model.md §2, §5): sequential 4 KiB writes at
 * 1 000/s replicated in 2 s cycles over 100 Mbit/s load the link by the bytes written plus the
 * slot headers — (4 096 + 512 ÷ 32) × 1 000 B/s ÷ 12.5 MB/s = 32.9 % — whether the stream comes
 * from a synthetic workload or from an MSR trace.
 */
class DataPathFidelityTest {
    /** 2000-01-01 as a Windows FILETIME (100 ns ticks since 1601). */
    private static final long FILETIME_2000 = 125_911_584_000_000_000L;
    private static final double EXPECTED_UTILIZATION = (4_096 + 512 / 32.0) * 1_000 / 12.5e6;

    private static String scenario(String workload) {
        return """
            { "name": "seq", "run": { "duration": "22 s", "warmup": "2 s", "replications": 1, "seed": 3 },
              "sites": [ { "id": "prod" }, { "id": "dr" } ],
              "boxes": [
                { "id": "p", "site": "prod", "cache": { "size": "16 GiB" },
                  "backend": [ { "id": "ssd", "devices": 8, "kind": "ssd", "latency": "90 us", "throughput": "1 GB/s" } ],
                  "volumes": [ { "id": "v", "size": "64 GiB" } ] },
                { "id": "s", "site": "dr", "like": "p" } ],
              "links": [ { "id": "wan", "between": ["prod", "dr"], "bandwidth": "100 Mbit/s", "distance": "50 km" } ],
              "replication": { "mode": "cycle", "pairs": [ { "primary": "p", "secondary": "s" } ],
                "cycle": { "minCycleTime": "2 s", "onCachePressure": ["pace"] } },
              "workloads": [ %s ],
              "report": { "sampleEvery": "1 s" } }
            """.formatted(workload);
    }

    private static RunResult run(String json, Path dir) throws Exception {
        Scenario sc = Scenarios.parse(json, "seq.json");
        return new ScenarioModel(dir).run(new PlanPoint("p", new LinkedHashMap<>(), sc), 0, sc.run().seed(),
                (now, events) -> { });
    }

    @Test
    void sequentialFourKibWritesLoadTheLinkByTheirBytesAsSyntheticAndAsTrace(@TempDir Path dir) throws Exception {
        RunResult synthetic = run(scenario("""
                { "id": "w", "volumes": ["p/v"], "writeFraction": 1.0, "size": "4 KiB",
                  "arrival": { "kind": "open", "process": "deterministic", "rate": "1000/s" },
                  "address": { "dist": "sequential", "runLength": 2000000000 } }"""), dir);

        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 23_000; i++) {
            csv.append(FILETIME_2000 + i * 10_000L).append(",h,0,Write,").append(i * 4_096L).append(",4096,0\n");
        }
        Files.writeString(dir.resolve("seq.csv"), csv);
        RunResult trace = run(scenario("""
                { "id": "w", "volumes": ["p/v"], "trace": { "format": "msr", "path": "seq.csv" } }"""), dir);

        for (RunResult r : new RunResult[] {synthetic, trace}) {
            assertThat(r.value("link.wan.utilization")).isCloseTo(EXPECTED_UTILIZATION,
                    org.assertj.core.api.Assertions.withinPercentage(5));
            // 2 s cycles of 2 000 writes: 8 192 000 B each, no byte written twice
            assertThat(r.value("cycle.bytes.mean")).isCloseTo(8_192_000, org.assertj.core.api.Assertions.withinPercentage(1));
            assertThat(r.value("cycle.byteFolding.mean")).isEqualTo(1.0);
            assertThat(r.value("cycle.folding.mean")).isCloseTo(32.0, org.assertj.core.api.Assertions.withinPercentage(3));
        }
        System.out.printf("link.wan.utilization synthetic %.5f trace %.5f expected %.5f; cycle.bytes.mean %.0f / %.0f%n",
                synthetic.value("link.wan.utilization"), trace.value("link.wan.utilization"), EXPECTED_UTILIZATION,
                synthetic.value("cycle.bytes.mean"), trace.value("cycle.bytes.mean"));
    }

    /**
     * docs/model.md §1, §3, §7a at scenario level: 8 KiB sync writes, one every 10 ms, never queue, so
     * every write takes host adapter (40 µs + 8 192 B at 16 Gbit/s) + the primary's remote adapter
     * (20 µs + 8 704 B at 16 Gbit/s) + 8 704 B over 1 Gbit/s + 500 µs + the secondary's remote adapter
     * (as the primary's) + its overhead for the acknowledgement + 128 B over 1 Gbit/s + 500 µs; the
     * reported remote adapter utilisations are 100 writes/s × their busy time per write ÷ 4 adapters,
     * within one job of the 10 s window.
     */
    @Test
    void syncWriteLatencyAndRemoteAdapterUtilisationFollowTheirFormulas(@TempDir Path dir) throws Exception {
        String json = """
            { "name": "ports", "run": { "duration": "12 s", "warmup": "2 s", "replications": 1, "seed": 5 },
              "sites": [ { "id": "prod" }, { "id": "dr" } ],
              "boxes": [
                { "id": "p", "site": "prod", "cache": { "size": "16 GiB" },
                  "hostAdapters": { "count": 8, "serviceTime": "40 us" },
                  "backend": [ { "id": "ssd", "devices": 8, "kind": "ssd", "latency": "90 us", "throughput": "1 GB/s" } ],
                  "volumes": [ { "id": "v", "size": "64 GiB" } ] },
                { "id": "s", "site": "dr", "like": "p" } ],
              "links": [ { "id": "wan", "between": ["prod", "dr"], "bandwidth": "1 Gbit/s", "distance": "100 km" } ],
              "replication": { "mode": "sync", "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "writeFraction": 1.0, "size": "8 KiB",
                  "arrival": { "kind": "open", "process": "deterministic", "rate": "100/s" } } ] }
            """;
        RunResult r = run(json, dir);
        long hostAdapter = 40_000 + 4_096;
        long remoteAdapter = 20_000 + 4_352;
        long expectedNs = hostAdapter + remoteAdapter + 69_632 + 500_000 + remoteAdapter + 20_000 + 1_024 + 500_000;
        assertThat(expectedNs).isEqualTo(1_183_456);
        assertThat(r.value("host.write.latency.mean")).isCloseTo(expectedNs / 1e9, org.assertj.core.api.Assertions.offset(1e-12));
        assertThat(r.value("host.write.latency.max")).isCloseTo(expectedNs / 1e9, org.assertj.core.api.Assertions.offset(1e-12));
        double window = 10.0;
        double primaryJob = remoteAdapter / 1e9;
        double secondaryJobs = (remoteAdapter + 20_000) / 1e9;
        assertThat(r.value("p.remoteAdapters.utilization")).isCloseTo(100 * primaryJob / 4,
                org.assertj.core.api.Assertions.offset(primaryJob / (4 * window)));
        assertThat(r.value("s.remoteAdapters.utilization")).isCloseTo(100 * secondaryJobs / 4,
                org.assertj.core.api.Assertions.offset(secondaryJobs / (4 * window)));
    }

    /**
     * docs/model.md §1, §7a: with {@code replication.compression} naming a pool, each box (de)compresses
     * every transfer over a link of compression 2 at b ÷ throughput: 4 KiB sequential writes at
     * 1 000/s send (4 096 + 512 ÷ 32) × 1 000 B/s of slots, so each box's one-server pool at 100 MB/s is
     * busy 4.112 % of the time — within one 2 s cycle's share (10 %) of the 20 s window, whose edges
     * cut a cycle's transmission — and the link carries half the bytes.
     */
    @Test
    void compressionCostsEachBoxBytesOverThroughput(@TempDir Path dir) throws Exception {
        String json = scenario("""
                { "id": "w", "volumes": ["p/v"], "writeFraction": 1.0, "size": "4 KiB",
                  "arrival": { "kind": "open", "process": "deterministic", "rate": "1000/s" },
                  "address": { "dist": "sequential", "runLength": 2000000000 } }""")
                .replace("\"cache\": { \"size\": \"16 GiB\" },",
                        "\"cache\": { \"size\": \"16 GiB\" }, \"processors\": [ { \"id\": \"zip\" } ],")
                .replace("\"distance\": \"50 km\" }", "\"distance\": \"50 km\", \"compression\": 2 }")
                .replace("\"onCachePressure\": [\"pace\"] }",
                        "\"onCachePressure\": [\"pace\"] }, \"compression\": { \"pool\": \"zip\", \"throughput\": \"100 MB/s\" }");
        assertThat(json).contains("\"pool\": \"zip\"").contains("\"compression\": 2").contains("{ \"id\": \"zip\" }");
        RunResult r = run(json, dir);
        double expected = (4_096 + 512 / 32.0) * 1_000 / 100e6;
        for (String box : new String[] {"p", "s"}) {
            assertThat(r.value(box + ".zip.utilization")).as(box)
                    .isCloseTo(expected, org.assertj.core.api.Assertions.withinPercentage(10));
        }
        assertThat(r.value("link.wan.utilization")).isCloseTo(EXPECTED_UTILIZATION / 2,
                org.assertj.core.api.Assertions.withinPercentage(10));
        System.out.printf("zip.utilization p %.5f s %.5f expected %.5f; link %.5f expected %.5f%n", r.value("p.zip.utilization"),
                r.value("s.zip.utilization"), expected, r.value("link.wan.utilization"), EXPECTED_UTILIZATION / 2);
    }
}
