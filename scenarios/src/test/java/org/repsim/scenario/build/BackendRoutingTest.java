package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * docs/model.md §1: a volume's destages go to the disk group it names ({@code volumes[].backend},
 * default the first), in that group's RAID phases. Sequential track-sized writes at 100/s dirty a
 * new track each, so each is destaged once: the group's devices are busy
 * {@code 100/s × operationsPerWrite × S ÷ devices}, S = latency + 128 KiB ÷ throughput, and the
 * other group not at all.
 */
class BackendRoutingTest {
    private static final double RATE = 100;
    private static final double WINDOW_S = 20;
    private static final long TRACK = 131_072;

    private static RunResult run(String volumeKeys) throws Exception {
        String json = """
            { "name": "route", "run": { "duration": "21 s", "warmup": "1 s", "replications": 1, "seed": 5 },
              "sites": [ { "id": "a" } ],
              "boxes": [ { "id": "p", "site": "a", "cache": { "size": "16 GiB" },
                "backend": [ { "id": "disks", "devices": 8, "latency": "100 us", "throughput": "500 MB/s" },
                             { "id": "fast", "devices": 4, "raid": "raid5", "latency": "90 us", "throughput": "1 GB/s" } ],
                "volumes": [ { "id": "u", "size": "1 GiB" }, { "id": "v", "size": "64 GiB"%s } ] } ],
              "workloads": [ { "id": "w", "volumes": ["p/v"], "writeFraction": 1.0, "size": "128 KiB", "blockSize": "128 KiB",
                "arrival": { "kind": "open", "process": "deterministic", "rate": "100/s" },
                "address": { "dist": "sequential", "runLength": 2000000000 } } ] }
            """.formatted(volumeKeys);
        Scenario sc = Scenarios.parse(json, "route.json");
        return new ScenarioModel(Path.of(".")).run(new PlanPoint("p", new LinkedHashMap<>(), sc), 0, sc.run().seed(),
                (now, events) -> { });
    }

    /** Busy share of a group's devices: one destage per write, {@code ops} operations of {@code serviceNs} each. */
    private static double utilisation(int ops, double serviceNs, int devices) {
        return RATE * ops * serviceNs * 1e-9 / devices;
    }

    /** The window cuts at most the device time of one write at each end. */
    private static double edge(int ops, double serviceNs, int devices) {
        return 2 * ops * serviceNs * 1e-9 / (devices * WINDOW_S);
    }

    @Test
    void aVolumeOnANamedGroupLoadsThatGroupInItsRaidPhases() throws Exception {
        RunResult r = run(", \"backend\": \"fast\"");
        double s = 90_000 + TRACK; // 90 us + 128 KiB at 1 GB/s
        assertThat(r.value("p.backend.fast.utilization")).isCloseTo(utilisation(4, s, 4), within(edge(4, s, 4)));
        assertThat(r.value("p.backend.disks.utilization")).isZero();
    }

    @Test
    void aVolumeWithoutBackendIsOnTheFirstGroup() throws Exception {
        RunResult r = run("");
        double s = 100_000 + TRACK * 2; // 100 us + 128 KiB at 500 MB/s
        assertThat(r.value("p.backend.disks.utilization")).isCloseTo(utilisation(1, s, 8), within(edge(1, s, 8)));
        assertThat(r.value("p.backend.fast.utilization")).isZero();
    }
}
