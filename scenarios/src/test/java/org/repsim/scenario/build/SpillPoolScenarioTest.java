package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.RunResult;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.Scenarios;

/**
 * The spill pool holds a peak's backlog in every switching mode (docs/model.md §5 cache pressure,
 * {@code spillPool.from}; §9 journal sizing rule). A pair (or a host-coordinated group of two)
 * writes 2 000 × 8 KiB per second per session for 8 s, then 10 % of it, over one 80 Mbit/s link;
 * the session's cache share is 24 MiB, the pool 1 GiB, policies {@code [spill, pace]}.
 *
 * <p><b>Journal rule, derived from the scenario's figures.</b> Per session: r = 2 000 writes/s of
 * b = 8 192 bytes, 4 KiB-aligned (the workload's block size) on 128 KiB tracks, so a write
 * crosses into the next track when it starts in a track's last block: k = 1 + 4/128 slots per
 * write, b slot bytes per write (block slots, no rounding). Each slot goes out with a 512-byte
 * header, so the link carries b + 512 k bytes per write, and with n sessions sharing R = 10^7 B/s
 * each sends R b / (n (b + 512 k)) slot bytes per second. Nothing is sent before the first
 * switch at t1 = minCycleTime = 1 s. At T = 8 s the rate falls below the link's, so the backlog
 * peaks then: B = r b T − R b (T − t1) / (n (b + 512 k)). The spill policy moves just enough to
 * keep the session's cache at its share C = 64 MiB × 0.75 × 0.5, so the pool peaks at B − C:
 * 40.1 MB for one pair, 73.0 MB per session of the group.
 *
 * <p><b>Tolerance.</b> Arrivals are Poisson: the writes of a session in [0, T) vary by
 * √(r T) ≈ 126 writes, 3 σ × b ≈ 3.1 MB; plus 1 % of r b T ≈ 1.3 MB for what the rule leaves out:
 * folding (writes to random tracks of a 100 GiB volume fold into a capture cycle of at most
 * ~16 000 slots among 819 200 tracks, ≤ 2 %, and save only the blocks two 8 KiB writes share,
 * ≈ 6 % of one: ≤ 0.15 % of the bytes), commits, the pauses between a legacy cycle's last slot and
 * the next switch, the coordinator's first switch a poll after 1 s, and an unequal link share
 * in the group. Measured (seed 7): 40.02 MB legacy, 40.01 MB multi, 72.65 MB host group.
 *
 * <p>With {@code from: transmit} (the behaviour before {@code any}) legacy and host-group sessions
 * can spill only their one transmit cycle: the pool stays below one cache share and writes pace
 * (or the session drops with {@code [spill, drop]}); multi-cycle switching always has transmit
 * slots to spill and is the same either way.
 */
class SpillPoolScenarioTest {

    private static final String BOX = """
            { "id": "%s", "site": "%s", "cache": { "size": "64 MiB", "slotAllocation": "blocks" },
              "backend": [ { "id": "ssd", "devices": 16, "kind": "ssd", "latency": "90 us", "throughput": "1 GB/s" } ],
              "volumes": [ { "id": "v", "size": "100 GiB" } ] }""";

    private static final String SCENARIO = """
            {
              "name": "spill-peak",
              "run": { "duration": "20 s", "replications": 1, "seed": 7 },
              "sites": [ { "id": "p" }, { "id": "s" } ],
              "boxes": [ %s ],
              "links": [ { "id": "wan", "between": ["p", "s"], "bandwidth": "80 Mbit/s", "distance": "100 km" } ],
              "replication": {
                "mode": "cycle",
                "pairs": [ %s ],
                "cycle": { "switching": "%s", "minCycleTime": "1 s", "onCachePressure": ["spill", "%s"],
                           "apply": { "perSlot": "2 us" }, "spillPool": { "size": "1 GiB"%s } }%s
              },
              "workloads": [ { "id": "w", "volumes": [ %s ],
                               "arrival": { "kind": "open", "process": "poisson", "rate": "%d/s",
                                            "profile": [ ["0 s", 1.0], ["8 s", 0.1] ] },
                               "writeFraction": 1.0, "size": "8 KiB" } ],
              "report": { "sampleEvery": "100 ms" }
            }
            """;

    private static final double RATE = 2_000;
    private static final double WRITE_BYTES = 8_192;
    private static final double SLOTS_PER_WRITE = 1 + 4.0 / 128;
    private static final double HEADER = 512;
    private static final double LINK_BPS = 80e6 / 8;
    private static final double PEAK_S = 8;
    private static final double FIRST_SWITCH_S = 1;
    private static final double SHARE = 64 * 1024 * 1024 * 0.75 * 0.5;

    /** The journal rule's pool peak for a session sharing the link with {@code n − 1} others (class comment). */
    static double expectedPoolPeak(int sessions) {
        double written = RATE * WRITE_BYTES * PEAK_S;
        double sentPerS = LINK_BPS * WRITE_BYTES / (sessions * (WRITE_BYTES + HEADER * SLOTS_PER_WRITE));
        return written - sentPerS * (PEAK_S - FIRST_SWITCH_S) - SHARE;
    }

    static double tolerance() {
        return 3 * Math.sqrt(RATE * PEAK_S) * WRITE_BYTES + 0.01 * RATE * WRITE_BYTES * PEAK_S;
    }

    /**
     * @param switching legacy or multi
     * @param group     two pairs in a host-coordinated group (docs/model.md §6a), else one pair
     * @param from      spillPool.from, or null for the default
     * @param terminal  pace or drop
     */
    static RunResult run(String switching, boolean group, String from, String terminal) throws Exception {
        String boxes = BOX.formatted("pa", "p") + ", " + BOX.formatted("sa", "s")
                + (group ? ", " + BOX.formatted("pb", "p") + ", " + BOX.formatted("sb", "s") : "");
        String pairs = "{ \"primary\": \"pa\", \"secondary\": \"sa\" }"
                + (group ? ", { \"primary\": \"pb\", \"secondary\": \"sb\" }" : "");
        String fromKey = from == null ? "" : ", \"from\": \"" + from + "\"";
        String consistency = group ? ", \"consistency\": { \"mode\": \"host\", \"pollInterval\": \"10 ms\" }" : "";
        String volumes = group ? "\"pa/v\", \"pb/v\"" : "\"pa/v\"";
        int rate = (int) RATE * (group ? 2 : 1);
        String json = SCENARIO.formatted(boxes, pairs, switching, terminal, fromKey, consistency, volumes, rate);
        Scenario sc = Scenarios.parse(json, "spill-peak");
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> { });
    }

    @Test
    void legacySpillsTheCaptureCycleAndThePoolHoldsThePeak() throws Exception {
        RunResult any = run("legacy", false, null, "pace");
        assertThat(any.value("session.paced.writes")).isZero();
        assertThat(any.value("session.drops")).isZero();
        assertThat(any.value("spill.peak")).isCloseTo(expectedPoolPeak(1), within(tolerance()));
        assertThat(run("legacy", false, "any", "pace").metrics()).as("any is the default").isEqualTo(any.metrics());

        RunResult transmit = run("legacy", false, "transmit", "pace");
        assertThat(transmit.value("session.paced.writes")).as("transmit only: the backlog in the capture cycle paces")
                .isGreaterThan(1_000);
        assertThat(transmit.value("spill.peak")).as("transmit only: at most the one transmit cycle").isLessThan(SHARE);
    }

    @Test
    void legacyWithDropKeepsTheSessionOnlyWhenCaptureSlotsSpill() throws Exception {
        RunResult any = run("legacy", false, "any", "drop");
        assertThat(any.value("session.drops")).isZero();
        assertThat(any.value("spill.peak")).isCloseTo(expectedPoolPeak(1), within(tolerance()));
        assertThat(run("legacy", false, "transmit", "drop").value("session.drops")).isEqualTo(1);
    }

    @Test
    void multiCycleHoldsThePeakEitherWay() throws Exception {
        RunResult any = run("multi", false, "any", "pace");
        assertThat(any.value("session.paced.writes")).isZero();
        assertThat(any.value("spill.peak")).isCloseTo(expectedPoolPeak(1), within(tolerance()));
        // closed cycles always have slots to spill here: the capture cycle is never needed
        RunResult transmit = run("multi", false, "transmit", "pace");
        assertThat(transmit.value("session.paced.writes")).isZero();
        assertThat(transmit.value("spill.peak")).isEqualTo(any.value("spill.peak"));
    }

    @Test
    void hostGroupSpillsTheCaptureCycleAndThePoolHoldsThePeak() throws Exception {
        RunResult any = run("legacy", true, "any", "pace");
        assertThat(any.value("session.paced.writes")).isZero();
        assertThat(any.value("session.drops")).isZero();
        assertThat(any.value("spill.peak")).isCloseTo(expectedPoolPeak(2), within(tolerance()));

        RunResult transmit = run("legacy", true, "transmit", "pace");
        assertThat(transmit.value("session.paced.writes")).isGreaterThan(1_000);
        assertThat(transmit.value("spill.peak")).isLessThan(SHARE);
    }
}
