package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.Metric;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * Read-miss staging and the read hit metrics in a run (docs/model.md §1, {@code cache.readStaging},
 * {@code box.<id>.cache.read.hits|misses|hitRatio}): a box without replication, a 1 GiB volume
 * (8 192 tracks of 128 KiB, 262 144 blocks of 4 KiB) in a 64 GiB cache that holds it all, 2 000
 * uniform 4 KiB reads/s, one every 500 µs, for 20 s.
 *
 * <p>A read costs the host adapters 40 µs + 4 KiB at 16 Gbit/s = 42.048 µs; a miss adds one SSD
 * operation of 90 µs + its bytes at 1 GB/s: 131.072 µs for a whole track ({@code track}), 4.096 µs
 * for the block ({@code blocks}). Reads are 500 µs apart and take at most 263.12 µs, so nothing
 * queues: the mean read latency is exactly 42.048 µs + miss fraction × (90 µs + bytes ÷ 1 GB/s).
 *
 * <p>The cache never evicts, so a read misses exactly when it is the first to touch its track
 * ({@code track}) or block ({@code blocks}): the misses are the distinct tracks (blocks) of the
 * reads, counted by brute force from the run's own addresses, and — as a check of the addresses
 * being uniform — within four standard deviations of the occupancy law: n reads over N equally
 * likely cells touch E = N (1 − (1 − 1/N)^n) distinct cells, with variance
 * N (1 − 1/N)^n + N (N − 1) (1 − 2/N)^n − N² (1 − 1/N)^(2n).
 */
class ReadStagingScenarioTest {
    private static final long DURATION_NS = 20_000_000_000L;
    private static final long HOST_NS = 40_000 + 2_048;
    private static final long TRACK = 128 * 1024;
    private static final long BLOCK = 4 * 1024;

    private static Scenario scenario(String staging) throws Exception {
        String json = """
            { "name": "read-staging", "run": { "duration": "20 s", "warmup": "0 s", "replications": 1, "seed": 11 },
              "sites": [ { "id": "prod" } ],
              "boxes": [
                { "id": "p", "site": "prod", "cache": { "size": "64 GiB" %s },
                  "hostAdapters": { "count": 8, "serviceTime": "40 us" },
                  "backend": [ { "id": "ssd", "devices": 8, "kind": "ssd", "latency": "90 us", "throughput": "1 GB/s" } ],
                  "volumes": [ { "id": "v", "size": "1 GiB" } ] } ],
              "workloads": [ { "id": "r", "volumes": ["p/v"], "writeFraction": 0.0, "size": "4 KiB",
                  "arrival": { "kind": "open", "process": "deterministic", "rate": "2000/s" },
                  "address": { "dist": "uniform" } } ],
              "report": { "sampleEvery": "1 s" } }
            """.formatted(staging);
        return Scenarios.parse(json, "read-staging.json");
    }

    /** What the run measured and what the brute force over its own reads says. */
    private record Outcome(Map<String, Double> metrics, long lookups, long distinct, long completed,
                           double expectedMeanLatencyS) {
        double metric(String name) {
            Double v = metrics.get(name);
            assertThat(v).as(name).isNotNull();
            return v;
        }
    }

    /** Runs the scenario; {@code cell} is the track or block size the rule stages. */
    private static Outcome run(String staging, long cell, long missBytes, Path dir) throws Exception {
        ScenarioModel.Built built = ScenarioModel.build(scenario(staging), 0, 11, dir);
        Set<Long> seen = new HashSet<>();
        long[] counts = new long[3]; // look-ups, completed, distinct
        double[] latencySum = {0};
        long missNs = 90_000 + missBytes; // 1 GB/s: a byte a nanosecond
        built.host.addIssueListener(io -> {
            assertThat(io.write()).isFalse();
            assertThat(io.offsetBytes() % BLOCK).isZero();
            if (io.issueNs() + HOST_NS > DURATION_NS) {
                return; // not looked up before the end
            }
            counts[0]++;
            boolean miss = seen.add(io.offsetBytes() / cell);
            if (miss) {
                counts[2]++;
            }
            long latency = HOST_NS + (miss ? missNs : 0);
            if (io.issueNs() + latency <= DURATION_NS) {
                counts[1]++;
                latencySum[0] += latency / 1e9;
            }
        });
        built.kernel.runUntil(DURATION_NS);
        Map<String, Double> metrics = new HashMap<>();
        for (Metric m : built.recording.metrics(built.kernel.now())) {
            metrics.put(m.name(), m.value());
        }
        return new Outcome(metrics, counts[0], counts[2], counts[1], latencySum[0] / counts[1]);
    }

    private static void assertOccupancy(long distinct, long n, long cells) {
        double q1 = Math.pow(1 - 1.0 / cells, n);
        double expected = cells * (1 - q1);
        double variance = cells * q1 + (double) cells * (cells - 1) * Math.pow(1 - 2.0 / cells, n)
                - (double) cells * cells * q1 * q1;
        assertThat((double) distinct).isCloseTo(expected, within(4 * Math.sqrt(variance)));
    }

    private static void assertRun(Outcome o, long cells, long missBytes) {
        double hits = o.metric("box.p.cache.read.hits");
        double misses = o.metric("box.p.cache.read.misses");
        // every read looked up is counted once, a miss exactly when it first touches its track or block
        assertThat(hits + misses).isEqualTo((double) o.lookups());
        assertThat(misses).isEqualTo((double) o.distinct());
        assertThat(o.metric("box.p.cache.read.hitRatio")).isEqualTo(hits / (hits + misses));
        assertOccupancy(o.distinct(), o.lookups(), cells);
        // nothing queues: each read's latency is known, and so is their mean
        assertThat(o.metric("host.reads")).isEqualTo((double) o.completed());
        assertThat(o.metric("host.read.latency.mean")).isCloseTo(o.expectedMeanLatencyS(), within(1e-12));
        double missFraction = misses / (hits + misses);
        assertThat(o.metric("host.read.latency.mean"))
                .isCloseTo((HOST_NS + missFraction * (90_000 + missBytes)) / 1e9, within(2e-9));
        // the back end is busy one operation per miss: misses × (90 µs + bytes ÷ 1 GB/s) over 8 devices × 20 s
        assertThat(o.metric("p.backend.ssd.utilization"))
                .isCloseTo(misses * (90_000 + missBytes) / (8 * (double) DURATION_NS), within(1e-6));
    }

    /** The documented rule (the default): 8 192 tracks, a miss reads 128 KiB; about 8 130 misses in 40 000 reads. */
    @Test
    void trackStagingMissesOncePerTrackAndReadsItWhole(@TempDir Path dir) throws Exception {
        Outcome o = run("", TRACK, TRACK, dir);
        assertRun(o, 1L << 13, TRACK);
        assertThat(o.metric("box.p.cache.read.hitRatio")).isBetween(0.79, 0.81);
        assertThat(o.metric("host.read.latency.mean") * 1e6).isBetween(86.0, 88.0);
    }

    /** Only the blocks read: 262 144 blocks, a miss reads 4 KiB; about 37 250 misses in 40 000 reads. */
    @Test
    void blockStagingMissesOncePerBlockAndReadsOnlyIt(@TempDir Path dir) throws Exception {
        Outcome o = run(", \"readStaging\": \"blocks\"", BLOCK, BLOCK, dir);
        assertRun(o, 1L << 18, BLOCK);
        assertThat(o.metric("box.p.cache.read.hitRatio")).isBetween(0.06, 0.08);
        assertThat(o.metric("host.read.latency.mean") * 1e6).isBetween(129.0, 131.0);
    }
}
