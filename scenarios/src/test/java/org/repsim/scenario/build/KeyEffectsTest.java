package org.repsim.scenario.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;
import org.repsim.scenario.run.PlanPoint;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.validate.KeyEffects;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * What makes the table of keys without effect ({@link KeyEffects}, docs/scenario-format.md "Keys
 * without effect") trustworthy: for a sample of (key, mode) pairs, the tiny scenario below runs twice,
 * seeded alike, with two values of the key; its results (every metric, the time series and the cycle
 * rows) must be identical exactly when the table says the key has no effect in that mode.
 */
class KeyEffectsTest {

    /** Two boxes over one link, writes at 1000/s; {@code %s}: link keys, the replication block, the workload, faults. */
    private static final String SCENARIO = """
            {
              "name": "key-effects",
              "run": { "duration": "8 s", "warmup": "1 s", "seed": 7 },
              "sites": [ { "id": "a" }, { "id": "b" } ],
              "boxes": [
                { "id": "p", "site": "a", "volumes": [ { "id": "v", "size": "2 GiB" } ],
                  "cache": { "size": "1 GiB" }, "processors": [ { "id": "zip", "count": 1 } ] },
                { "id": "s", "site": "b", "like": "p" }
              ],
              "links": [ { "id": "wan", "between": ["a", "b"], "bandwidth": "200 Mbit/s", "distance": "100 km"%s } ],
              "replication": %s,
              "workloads": [ %s ],
              "faults": [ %s ],
              "report": { "sampleEvery": "500 ms" }
            }
            """;

    private static final String PAIR = "\"pairs\": [ { \"primary\": \"p\", \"secondary\": \"s\" } ]";
    private static final String LINK_DOWN = "{ \"at\": \"3 s\", \"kind\": \"link-down\", \"link\": \"wan\", \"for\": \"2 s\" }";

    /** The synthetic workload of every mode but {@link #TRACE}: open-loop, 80 % writes. */
    private static final String SYNTHETIC = """
            { "id": "w", "volumes": ["p/v"], "writeFraction": 0.8, "arrival": { "kind": "open", "rate": "1000/s" } }""";

    /** A mode: its replication block (with {@code %s} for the keys under test), link keys, faults and workload. */
    private record Mode(String name, String replication, String link, String faults, String workload) {
        Mode(String name, String replication, String link, String faults) {
            this(name, replication, link, faults, SYNTHETIC);
        }

        static Mode of(String name, String replication) {
            return new Mode(name, replication, "", "");
        }
    }

    private static final Mode SYNC = Mode.of("sync", "{ \"mode\": \"sync\", " + PAIR + "%s }");
    private static final Mode SYNC_STALL_DOWN = new Mode("sync, stall, link down",
            "{ \"mode\": \"sync\", \"sync\": { \"onLinkFailure\": \"stall\" }, " + PAIR + "%s }", "", LINK_DOWN);
    private static final Mode SYNC_SUSPEND_DOWN = new Mode("sync, suspend, link down",
            "{ \"mode\": \"sync\", \"sync\": { \"onLinkFailure\": \"suspend\" }, " + PAIR + "%s }", "", LINK_DOWN);
    private static final Mode ORDERED = Mode.of("ordered", "{ \"mode\": \"ordered\", " + PAIR + "%s }");
    private static final Mode ORDERED_COPY_PASSES = Mode.of("ordered, copy-passes",
            "{ \"mode\": \"ordered\", \"ordered\": { \"source\": \"copy-passes\" }, " + PAIR + "%s }");
    private static final Mode LEGACY = Mode.of("cycle none legacy",
            "{ \"mode\": \"cycle\", \"cycle\": { \"switching\": \"legacy\", \"minCycleTime\": \"1 s\" }, " + PAIR + "%s }");
    private static final Mode MULTI = new Mode("cycle none multi",
            "{ \"mode\": \"cycle\", \"cycle\": { \"switching\": \"multi\", \"minCycleTime\": \"200 ms\","
                    + " \"onCachePressure\": [\"pace\"] }, " + PAIR + "%s }", "", LINK_DOWN);
    private static final Mode HOST = Mode.of("cycle host",
            "{ \"mode\": \"cycle\", \"cycle\": { \"minCycleTime\": \"1 s\" }, \"consistency\": { \"mode\": \"host\" }, "
                    + PAIR + "%s }");
    private static final Mode SHUTTLE = Mode.of("cycle shuttle",
            "{ \"mode\": \"cycle\", \"cycle\": { \"minCycleTime\": \"1 s\" }, \"consistency\": { \"mode\": \"shuttle\","
                    + " \"minNumberTime\": \"500 ms\" }, " + PAIR + "%s }");
    private static final Mode COMPRESSING = new Mode("cycle, link compresses, pool zip",
            "{ \"mode\": \"cycle\", \"compression\": { \"pool\": \"zip\" }, " + PAIR + "%s }", ", \"compression\": 2", "");
    private static final Mode NOT_COMPRESSING = Mode.of("cycle, no link compresses, pool zip",
            "{ \"mode\": \"cycle\", \"compression\": { \"pool\": \"zip\" }, " + PAIR + "%s }");
    /** Cycle mode replaying the shipped MSR trace (about 400 I/O/s, both disks on p/v) instead of the synthetic workload. */
    private static final Mode TRACE = new Mode("cycle, trace replay",
            "{ \"mode\": \"cycle\", \"cycle\": { \"minCycleTime\": \"1 s\" }, " + PAIR + "%s }", "", "",
            """
            { "id": "w", "volumes": ["p/v"], "trace": { "format": "msr", "path": "examples/traces/web-msr.csv.gz",
              "disks": { "0": "p/v", "1": "p/v" } } }""");
    private static final Mode COMPRESSING_NO_POOL = new Mode("cycle, link compresses, no pool",
            "{ \"mode\": \"cycle\", " + PAIR + "%s }", ", \"compression\": 2", "");

    /** (mode, key, value a, value b): values as written in a file. */
    static Stream<Arguments> pairs() {
        return Stream.of(
                // whole blocks of another mode
                Arguments.of(SYNC, "replication.cycle.minCycleTime", "\"1 s\"", "\"3 s\""),
                Arguments.of(SYNC, "replication.ordered.scanCost", "\"1 us\"", "\"200 us\""),
                Arguments.of(SYNC, "replication.consistency.messageLatency", "\"1 us\"", "\"50 ms\""),
                Arguments.of(SYNC, "replication.sync.roundTrips", "1", "2"),
                Arguments.of(SYNC, "report.cycles", "\"per-box\"", "\"none\""),
                Arguments.of(ORDERED, "replication.cycle.switching", "\"legacy\"", "\"multi\""),
                Arguments.of(ORDERED, "replication.sync.roundTrips", "1", "2"),
                Arguments.of(ORDERED, "replication.ordered.scanCost", "\"1 us\"", "\"200 us\""),
                Arguments.of(LEGACY, "replication.sync.roundTrips", "1", "2"),
                Arguments.of(LEGACY, "replication.ordered.prepare", "{ \"count\": 1, \"serviceTime\": \"1 ms\" }",
                        "{ \"count\": 4 }"),
                Arguments.of(LEGACY, "report.cycles", "\"per-box\"", "\"none\""),
                // sync: suspendAfter only with onLinkFailure suspend
                Arguments.of(SYNC_STALL_DOWN, "replication.sync.suspendAfter", "\"100 ms\"", "\"1 s\""),
                Arguments.of(SYNC_SUSPEND_DOWN, "replication.sync.suspendAfter", "\"100 ms\"", "\"1 s\""),
                // ordered: onCacheFull only for host tasks
                Arguments.of(ORDERED_COPY_PASSES, "replication.ordered.onCacheFull", "\"pace\"", "\"copy-pass\""),
                // cycle, consistency none
                Arguments.of(LEGACY, "replication.cycle.minCycleTime", "\"1 s\"", "\"2 s\""),
                Arguments.of(LEGACY, "replication.cycle.switching", "\"legacy\"", "\"multi\""),
                Arguments.of(LEGACY, "replication.cycle.maxTransmitCycles", "1", "8"),
                Arguments.of(LEGACY, "replication.cycle.spillPool.size", "\"1 GiB\"", "\"10 GiB\""),
                Arguments.of(LEGACY, "replication.consistency.pollInterval", "\"10 ms\"", "\"500 ms\""),
                Arguments.of(LEGACY, "replication.consistency.messageLatency", "\"1 us\"", "\"50 ms\""),
                Arguments.of(LEGACY, "replication.consistency.hop", "\"1 us\"", "\"50 ms\""),
                Arguments.of(LEGACY, "replication.consistency.minNumberTime", "\"0 s\"", "\"2 s\""),
                Arguments.of(MULTI, "replication.cycle.maxTransmitCycles", "1", "8"),
                Arguments.of(MULTI, "replication.cycle.minCycleTime", "\"200 ms\"", "\"1 s\""),
                // cycle, host coordination (docs/model.md §6a)
                Arguments.of(HOST, "replication.cycle.minCycleTime", "\"1 s\"", "\"2 s\""),
                Arguments.of(HOST, "replication.cycle.switching", "\"legacy\"", "\"multi\""),
                Arguments.of(HOST, "replication.cycle.maxTransmitCycles", "1", "8"),
                Arguments.of(HOST, "replication.consistency.pollInterval", "\"10 ms\"", "\"300 ms\""),
                Arguments.of(HOST, "replication.consistency.messageLatency", "\"1 us\"", "\"50 ms\""),
                Arguments.of(HOST, "replication.consistency.hop", "\"1 us\"", "\"50 ms\""),
                Arguments.of(HOST, "replication.consistency.ack", "\"after-round\"", "\"immediate\""),
                Arguments.of(HOST, "replication.consistency.minNumberTime", "\"0 s\"", "\"2 s\""),
                // cycle, shuttle (docs/model.md §6b)
                Arguments.of(SHUTTLE, "replication.cycle.minCycleTime", "\"1 s\"", "\"2 s\""),
                Arguments.of(SHUTTLE, "replication.cycle.switching", "\"legacy\"", "\"multi\""),
                Arguments.of(SHUTTLE, "replication.cycle.maxTransmitCycles", "1", "8"),
                Arguments.of(SHUTTLE, "replication.consistency.minNumberTime", "\"0 s\"", "\"1 s\""),
                Arguments.of(SHUTTLE, "replication.consistency.hop", "\"1 us\"", "\"50 ms\""),
                Arguments.of(SHUTTLE, "replication.consistency.processing", "\"1 us\"", "\"5 ms\""),
                Arguments.of(SHUTTLE, "replication.consistency.ack", "\"after-round\"", "\"immediate\""),
                Arguments.of(SHUTTLE, "replication.consistency.messageLatency", "\"1 us\"", "\"50 ms\""),
                Arguments.of(SHUTTLE, "replication.consistency.pollInterval", "\"10 ms\"", "\"500 ms\""),
                Arguments.of(SHUTTLE, "report.cycles", "\"per-box\"", "\"none\""),
                // compression (docs/model.md §7a)
                Arguments.of(COMPRESSING, "replication.compression.throughput", "\"20 MB/s\"", "\"1 GB/s\""),
                Arguments.of(NOT_COMPRESSING, "replication.compression.throughput", "\"20 MB/s\"", "\"1 GB/s\""),
                Arguments.of(COMPRESSING_NO_POOL, "replication.compression.throughput", "\"20 MB/s\"", "\"1 GB/s\""),
                // a trace replay keeps each record's offset, size and op type and its timing (docs/model.md §2)
                Arguments.of(TRACE, "workloads[w].writeFraction", "0.1", "0.9"),
                Arguments.of(TRACE, "workloads[w].size", "\"4 KiB\"", "\"256 KiB\""),
                Arguments.of(TRACE, "workloads[w].address", "{ \"dist\": \"uniform\" }",
                        "{ \"dist\": \"sequential\" }"),
                Arguments.of(TRACE, "workloads[w].blockSize", "\"512 B\"", "\"1 MiB\""),
                Arguments.of(TRACE, "workloads[w].dependent", "false", "true"),
                Arguments.of(TRACE, "workloads[0].size", "\"4 KiB\"", "\"256 KiB\""),
                // what a trace replay does read, and the same keys on a synthetic workload
                Arguments.of(TRACE, "workloads[w].trace.speed", "1", "2"),
                Arguments.of(LEGACY, "workloads[w].writeFraction", "0.1", "0.9"),
                Arguments.of(LEGACY, "workloads[w].size", "\"4 KiB\"", "\"256 KiB\""),
                Arguments.of(LEGACY, "workloads[w].blockSize", "\"512 B\"", "\"1 MiB\""),
                // the secondary has no apply pool of its own: perSlot is its cost
                Arguments.of(LEGACY, "replication.cycle.apply.perSlot", "\"1 us\"", "\"1 ms\""));
    }

    @org.junit.jupiter.api.Test
    void aSecondarysOwnApplyPoolMakesPerSlotInertAndItsServiceTimeTakesEffect() throws Exception {
        String pool = "[ { \"id\": \"apply\", \"count\": 4, \"serviceTime\": \"%s\" } ]";
        Scenario a = withApplyPool(pool.formatted("5 us"), "\"1 us\"");
        Scenario b = withApplyPool(pool.formatted("5 us"), "\"1 ms\"");
        assertThat(KeyEffects.of(a, "replication.cycle.apply.perSlot")).hasValueSatisfying(inert -> assertThat(inert.warning())
                .contains("boxes[s].processors[apply]").contains("boxes[s].processors[apply].serviceTime"));
        assertThat(fingerprint(run(b))).isEqualTo(fingerprint(run(a)));
        Scenario slowPool = withApplyPool(pool.formatted("1 ms"), "\"1 us\"");
        assertThat(fingerprint(run(slowPool))).isNotEqualTo(fingerprint(run(a)));
    }

    private static Scenario withApplyPool(String processors, String perSlot) throws Exception {
        String text = SCENARIO.formatted(LEGACY.link(), LEGACY.replication().formatted(""), LEGACY.workload(), LEGACY.faults());
        return ScenarioSource.parse(text, "key-effects")
                .with("boxes[s].processors", ScenarioSource.valueOf(processors))
                .with("replication.cycle.apply.perSlot", ScenarioSource.valueOf(perSlot)).resolve();
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("pairs")
    void theResultsDifferExactlyWhereTheTableSaysTheKeyTakesEffect(Mode mode, String key, String a, String b)
            throws Exception {
        Scenario withA = scenario(mode, key, a);
        Scenario withB = scenario(mode, key, b);
        boolean inert = KeyEffects.of(withA, key).isPresent();
        assertThat(KeyEffects.of(withB, key).isPresent()).as("the table's verdict does not depend on the value").isEqualTo(inert);
        String resultA = fingerprint(run(withA));
        String resultB = fingerprint(run(withB));
        if (inert) {
            assertThat(resultB).as("%s has no effect under %s (the table): the results must be identical", key, mode.name())
                    .isEqualTo(resultA);
        } else {
            assertThat(resultB).as("%s takes effect under %s (the table): %s and %s must give different results", key,
                    mode.name(), a, b).isNotEqualTo(resultA);
        }
    }

    /** The scenario of {@code mode} with {@code value} at {@code key}, set as {@code --set} does. */
    private static Scenario scenario(Mode mode, String key, String value) throws Exception {
        String text = SCENARIO.formatted(mode.link(), mode.replication().formatted(""), mode.workload(), mode.faults());
        return ScenarioSource.parse(text, "key-effects").with(key, ScenarioSource.valueOf(value)).resolve();
    }

    private static RunResult run(Scenario sc) {
        return new ScenarioModel(Path.of(".")).run(PlanPoint.single("p000", sc), 0, sc.run().seed(), (now, events) -> { });
    }

    /** Every metric, time-series value and table row of a run, as text. */
    private static String fingerprint(RunResult r) {
        StringBuilder out = new StringBuilder();
        r.metrics().forEach((name, m) -> out.append(name).append('=').append(m.value()).append('\n'));
        TimeSeries s = r.series();
        out.append(s.columns()).append('\n');
        for (int row = 0; row < s.rows(); row++) {
            out.append(s.time(row));
            for (int c = 0; c < s.columns().size(); c++) {
                out.append(',').append(s.value(row, c));
            }
            out.append('\n');
        }
        for (Map.Entry<String, Table> t : r.tables().entrySet()) {
            out.append(t.getKey()).append(t.getValue().columns()).append('\n');
            t.getValue().forEachRow(row -> out.append(Arrays.toString(row)).append('\n'));
        }
        return out.toString();
    }
}
