package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.scenario.build.HostTrace;

/**
 * {@code --trace-out} through a long stall ({@link HostTrace}, README "Planner tools"): a sync pair
 * stalls its writes for 30 s while reads keep arriving at 20 000/s, so about 600 000 lines wait for
 * the oldest stalled write. Holding them in memory needed more than 64 MiB of heap (the run failed
 * with OutOfMemoryError); written to disk as the run goes, the run fits in 40 MiB, and the trace is
 * still in issue order with every completed I/O's response time.
 */
class TraceOutStallTest {
    private static final String SCENARIO = """
            {
              "name": "reads-through-a-stall",
              "run": { "duration": "40 s", "warmup": "1 s", "replications": 1, "seed": 3 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "64 GiB" } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "1 Gbit/s", "distance": "50 km" } ],
              "replication": { "mode": "sync", "sync": { "onLinkFailure": "stall" },
                               "pairs": [ { "primary": "p", "secondary": "s" } ] },
              "workloads": [ { "id": "w", "volumes": ["p/v"], "writeFraction": 0.02,
                               "arrival": { "kind": "open", "rate": "20000/s" } } ],
              "faults": [ { "at": "5 s", "kind": "link-down", "link": "wan", "for": "30 s" } ]
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aLongStallDoesNotHoldTheLinesInMemoryAndTheTraceKeepsIssueOrder() throws Exception {
        Path scenario = tmp.resolve("stall.json");
        Files.writeString(scenario, SCENARIO);
        Path trace = tmp.resolve("host.csv");
        List<String> command = ShardCommandsTest.javaRepsim();
        command.add(1, "-Xmx40m");
        command.addAll(List.of("run", scenario.toString(), "-o", tmp.resolve("out").toString(), "--quiet",
                "--trace-out", trace.toString()));
        Path log = tmp.resolve("run.err");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("temporary files removed")
                    .containsExactlyInAnyOrder("stall.json", "host.csv", "out", "run.err");
        }

        long lines = 0;
        long previous = Long.MIN_VALUE;
        long stalledWrites = 0;
        long inFlight = 0;
        long origin = org.repsim.model.trace.FileTime.ofInstant(HostTrace.ORIGIN);
        try (BufferedReader r = Files.newBufferedReader(trace)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                long time = Long.parseLong(f[0]);
                assertThat(time).as("issue order, line %d", lines + 1).isGreaterThanOrEqualTo(previous);
                previous = time;
                long response = Long.parseLong(f[6]);
                double issuedS = (time - origin) / 1e7;
                if (response == 0) {
                    inFlight++;
                    assertThat(issuedS).as("only I/Os of the run's last moments are in flight at its end").isGreaterThan(39.9);
                } else if (f[3].equals("Write") && issuedS > 6 && issuedS < 34) {
                    // a write issued during the stall completes once the link is back at 35 s (the backlog drains)
                    assertThat(issuedS + response / 1e7).as("line %d", lines + 1).isBetween(35.0, 37.0);
                    stalledWrites++;
                }
                lines++;
            }
        }
        assertThat(lines).isBetween(780_000L, 820_000L);
        assertThat(stalledWrites).isGreaterThan(10_000);
        assertThat(inFlight).isLessThan(100);
    }
}
