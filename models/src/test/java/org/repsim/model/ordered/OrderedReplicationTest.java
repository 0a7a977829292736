package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;
import org.repsim.model.ordered.OrderedConfig.Source;
import org.repsim.model.ordered.OrderedConfig.Spread;

class OrderedReplicationTest {

    /** 125 000 host writes of 8 tracks = 10^6 subtasks; preparation pool of 8, lognormal CV 2.5. */
    private static OrderedFixture millionSubtasks(Ordering ordering) {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.ordering = ordering;
            s.prepareCount = 8;
            s.prepareMeanNs = 20_000;
            s.prepareCv = 2.5;
            s.seed = 7;
        }));
        f.writeEvery(0, 40_000, 8, 125_000);
        return f;
    }

    @Test
    void orderingOnDeliversEveryTaskInSequenceOverAMillionSubtasks() {
        OrderedFixture f = millionSubtasks(Ordering.ON);
        Map<String, Double> m = f.run(6_000_000_000L);
        print("on ", m);
        assertThat(f.engine.written()).isEqualTo(1_000_000);
        assertThat(m.get("ordered.written")).isEqualTo(1_000_000.0);
        assertThat(m.get("ordered.outOfOrder")).isZero();
        // the mechanism was exercised: preparation reordered many subtasks
        assertThat(m.get("ordered.waited.fraction")).isGreaterThan(0.2);
        assertThat(m.get("ordered.reorder.depth.max")).isGreaterThan(8);
        assertThat(f.engine.backlogTracks()).isZero();
        assertThat(f.engine.dispatcher().activeTasks()).isZero();
    }

    @Test
    void orderingOffShowsOutOfOrderArrivalsOnTheSameScenario() {
        OrderedFixture f = millionSubtasks(Ordering.OFF);
        Map<String, Double> m = f.run(6_000_000_000L);
        print("off", m);
        assertThat(f.engine.written()).isEqualTo(1_000_000);
        assertThat(m.get("ordered.outOfOrder")).isGreaterThan(10_000.0);
        assertThat(m.get("ordered.reorder.depth.max")).isZero();
        assertThat(m.get("ordered.waited.fraction")).isZero();
    }

    private static void print(String ordering, Map<String, Double> m) {
        System.out.printf(java.util.Locale.ROOT,
                "ordered.million ordering=%s written=%.0f outOfOrder=%.0f depth.mean=%.2f depth.max=%.0f taskDepth.max=%.0f"
                        + " waited=%.3f wait.mean=%.1fus prepUtil=%.3f senderUtil=%.3f rpo.lag.mean=%.1fus rpo.lag.max=%.1fus%n",
                ordering, m.get("ordered.written"), m.get("ordered.outOfOrder"), m.get("ordered.reorder.depth.mean"),
                m.get("ordered.reorder.depth.max"), m.get("ordered.reorder.taskDepth.max"), m.get("ordered.waited.fraction"),
                m.get("ordered.wait.mean") * 1e6, m.get("ordered.prepare.utilization"), m.get("ordered.sender.utilization"),
                m.get("rpo.lag.mean") * 1e6, m.get("rpo.lag.max") * 1e6);
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndAnotherSeedDoesNot() {
        Map<String, Double> a = smallRun(11);
        Map<String, Double> b = smallRun(11);
        Map<String, Double> c = smallRun(12);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    private static Map<String, Double> smallRun(long seed) {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.prepareCv = 2;
            s.seed = seed;
            s.checkNsPerEntry = 50;
        }));
        f.writeEvery(0, 40_000, 8, 5_000);
        return f.run(300_000_000L);
    }

    @Test
    void hostWritesCompleteLocallyWithoutTheLinkRoundTrip() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> s.linkDelayNs = 5_000_000));
        f.writeEvery(0, 1_000_000, 2, 100);
        Map<String, Double> m = f.run(200_000_000L);
        // host adapter 2 µs, no wait for the 10 ms round trip
        assertThat(m.get("host.write.latency.max")).isLessThan(0.001);
        assertThat(f.engine.written()).isEqualTo(200);
        // each write is secured only after prepare + send + 5 ms one way: the lag exceeds 5 ms
        assertThat(m.get("rpo.lag.max")).isGreaterThan(0.005).isLessThan(0.0065);
    }

    @Test
    void copyPassesCarryEveryMarkedTrackAndSecureEverythingAtTheEnd() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.source = Source.COPY_PASSES;
            s.prepareCv = 1.5;
            s.volumeTracks = 2_000;
        }));
        // uniform single-track writes over a small volume: many rewrites, including of in-flight tracks
        f.writePoisson(20_000, 500_000_000L);
        Map<String, Double> m = f.run(1_000_000_000L);
        assertThat(m.get("ordered.outOfOrder")).isZero();
        assertThat(m.get("ordered.pass.count")).isGreaterThan(100.0);
        assertThat(f.engine.passes()).isEqualTo(m.get("ordered.pass.count").longValue());
        // rewrites fold into one copy per pass: fewer tracks written than host writes
        assertThat(m.get("ordered.written")).isLessThan(f.host.issued());
        assertThat(f.engine.backlogTracks()).isZero();
        assertThat(f.engine.securedUpToNs()).isEqualTo(Long.MIN_VALUE);
        assertThat(f.ordered.lag().currentNs(f.kernel.now())).isZero();
    }

    /**
     * Track 3 is written, its pass starts at once; 1 µs later tracks 3 (again, while in flight) and
     * 1 are written. The second pass holds tracks 1 and 3 as seq 0 and 1 (ascending track order)
     * and starts only after the first pass was acknowledged (one 2 ms round trip later).
     */
    @Test
    void trackRewrittenInFlightGoesIntoTheNextPassWhichWaitsForTheAcknowledgement() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.source = Source.COPY_PASSES;
            s.linkDelayNs = 1_000_000;
        }));
        java.util.List<long[]> dispatches = new java.util.ArrayList<>();
        f.engine.addDispatchObserver((now, taskId, seq, track) -> dispatches.add(new long[] {now, taskId, seq, track}));
        f.kernel.at(0, org.repsim.core.kernel.Tie.ARRIVAL,
                () -> f.host.issue(f.host.newIo(f.primaryVolume, 3, 1, OrderedFixture.TRACK, true, 0, -1), io -> { }));
        f.kernel.at(1_000, org.repsim.core.kernel.Tie.ARRIVAL, () -> {
            f.host.issue(f.host.newIo(f.primaryVolume, 3, 1, OrderedFixture.TRACK, true, 0, -1), io -> { });
            f.host.issue(f.host.newIo(f.primaryVolume, 1, 1, OrderedFixture.TRACK, true, 0, -1), io -> { });
        });
        f.run(100_000_000L);
        assertThat(dispatches).hasSize(3);
        long firstPass = dispatches.get(0)[1];
        assertThat(dispatches.get(0)).containsExactly(dispatches.get(0)[0], firstPass, 0, f.primaryVolume.firstTrack() + 3);
        long secondPass = dispatches.get(1)[1];
        assertThat(secondPass).isNotEqualTo(firstPass);
        assertThat(dispatches.get(1)[2]).isZero();
        assertThat(dispatches.get(1)[3]).isEqualTo(f.primaryVolume.firstTrack() + 1);
        assertThat(dispatches.get(2)[1]).isEqualTo(secondPass);
        assertThat(dispatches.get(2)[2]).isEqualTo(1);
        assertThat(dispatches.get(2)[3]).isEqualTo(f.primaryVolume.firstTrack() + 3);
        assertThat(dispatches.get(1)[0] - dispatches.get(0)[0]).isGreaterThan(2_000_000);
        assertThat(f.engine.passes()).isEqualTo(2);
        assertThat(f.engine.written()).isEqualTo(3);
        assertThat(f.engine.backlogTracks()).isZero();
        Map<String, Double> m = f.metrics();
        // the rewrite of track 3 (acknowledged locally at ≈ 3 µs) is secured only by pass 2: pass 1's data
        // (1 ms) and ack (1 ms), then pass 2's data (1 ms) — a lag of just over 3 ms
        assertThat(m.get("rpo.lag.max")).isGreaterThan(0.003).isLessThan(0.0035);
    }

    /** Host writes as tasks while an initial copy (every track out-of-sync) runs in passes: both sources. */
    @Test
    void hostTasksRunBesideAnInitialCopy() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.volumeTracks = 3_000;
            s.prepareCv = 2;
        }));
        org.repsim.model.Volume pv = f.primary.addVolume("w", 1_000, 0);
        org.repsim.model.Volume sv = f.secondary.addVolume("w", 1_000, 0);
        f.engine.addPair(pv, sv, f.links, true);
        assertThat(f.engine.backlogTracks()).isEqualTo(1_000);
        assertThat(f.engine.passes()).isEqualTo(1);
        f.writeEvery(0, 50_000, 4, 2_000);
        Map<String, Double> m = f.run(500_000_000L);
        assertThat(m.get("ordered.outOfOrder")).isZero();
        assertThat(f.engine.written()).isEqualTo(1_000 + 8_000);
        assertThat(f.engine.passes()).isEqualTo(1);
        assertThat(m.get("ordered.pass.count")).isEqualTo(1.0);
        assertThat(f.engine.backlogTracks()).isZero();
        assertThat(f.engine.securedUpToNs()).isEqualTo(Long.MIN_VALUE);
        // the initial copy made the recovery point lag from time 0 until the copy was secured
        assertThat(m.get("rpo.lag.max")).isGreaterThanOrEqualTo(m.get("ordered.pass.duration.max") - 0.0001);
    }

    /** An initial copy of 1 000 tracks in passes of at most 100 tracks, 1 ms apart after each acknowledged pass. */
    @Test
    void limitedPassesCopyInTrackOrderWithTheConfiguredInterval() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.source = Source.COPY_PASSES;
            s.passMaxTracks = 100;
            s.passIntervalNs = 1_000_000;
            s.prepareCv = 2;
        }));
        java.util.List<long[]> dispatches = new java.util.ArrayList<>();
        f.engine.addDispatchObserver((now, taskId, seq, track) -> dispatches.add(new long[] {now, taskId, seq, track}));
        org.repsim.model.Volume pv = f.primary.addVolume("w", 1_000, 0);
        org.repsim.model.Volume sv = f.secondary.addVolume("w", 1_000, 0);
        f.engine.addPair(pv, sv, f.links, true);
        Map<String, Double> m = f.run(200_000_000L);
        assertThat(m.get("ordered.pass.count")).isEqualTo(10.0);
        assertThat(m.get("ordered.outOfOrder")).isZero();
        assertThat(dispatches).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(dispatches.get(i)[3]).isEqualTo(pv.firstTrack() + i);
            assertThat(dispatches.get(i)[2]).isEqualTo(i % 100);
        }
        for (int p = 1; p < 10; p++) {
            // a pass begins ≥ 1 ms after the previous pass's last dispatch (+ its acknowledgement)
            assertThat(dispatches.get(p * 100)[0] - dispatches.get(p * 100 - 1)[0]).isGreaterThan(1_000_000);
        }
        assertThat(f.engine.backlogTracks()).isZero();
    }

    /** Statistics restart at the end of warm-up: only what happens afterwards is counted. */
    @Test
    void recordingResetsWithTheWarmUp() {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> s.prepareCv = 2));
        f.writeEvery(0, 100_000, 4, 1_000);
        f.kernel.runUntil(50_000_000L);
        long before = f.engine.written();
        f.recording.reset(f.kernel.now());
        Map<String, Double> m = f.run(300_000_000L);
        assertThat(before).isGreaterThan(0);
        assertThat(m.get("ordered.written")).isEqualTo((double) (f.engine.written() - before));
        assertThat(m.get("ordered.dispatched")).isLessThan(4_000.0).isGreaterThan(0.0);
        assertThat(m.get("ordered.rejected")).isZero();
    }

    @Test
    void perSubtaskSpreadOverPortsOfDifferentDelayBreaksOrderAndPerTaskDoesNot() {
        assertThat(twoPortRun(Spread.PER_TASK)).isZero();
        assertThat(twoPortRun(Spread.PER_SUBTASK)).isGreaterThan(0);
    }

    private static long twoPortRun(Spread spread) {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.ports = 2;
            s.portDelayStepNs = 500_000;
            s.spread = spread;
            s.linkBps = 2e9;
        }));
        f.writeEvery(0, 100_000, 8, 2_000);
        f.run(1_000_000_000L);
        assertThat(f.engine.written()).isEqualTo(16_000);
        assertThat(f.engine.portCount()).isEqualTo(2);
        return f.engine.outOfOrder();
    }

    @Test
    void badConfigurationIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> OrderedConfig.defaults(Source.HOST_TASKS).withMaxInFlight(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> OrderedConfig.defaults(Source.HOST_TASKS).withCheckNsPerEntry(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkNsPerEntry");
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup());
        assertThatThrownBy(() -> new OrderedReplication(f.secondary, f.signals, OrderedConfig.defaults(Source.HOST_TASKS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prepare");
        assertThatThrownBy(() -> f.engine.addPair(f.primaryVolume, f.secondaryVolume, f.links.get(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already paired");
    }

    @Test
    void scanOptionsAreNamedAsInTheSpec() {
        assertThat(Scan.valueOf("ALL")).isNotNull();
        assertThat(OrderedConfig.defaults(Source.COPY_PASSES).scan()).isEqualTo(Scan.HEAD);
    }
}
