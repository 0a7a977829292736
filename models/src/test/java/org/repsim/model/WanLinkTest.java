package org.repsim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.signal.Signals;

class WanLinkTest {
    private static final Site A = new Site("a");
    private static final Site B = new Site("b");
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final EventLog log = new EventLog(kernel);

    // 100 MB/s, 200 km of fibre = 1 ms one way
    private WanLink link(long maxBytes, int maxCommands, double compression) {
        return new WanLink(kernel, signals, "wan", A, B,
                new LinkConfig(100e6, Durations.fibreDelayNs(200), maxBytes, maxCommands, compression));
    }

    private void logInFlight(String direction) {
        signals.find("wan." + direction + ".inFlightBytes").subscribe((t, v) -> log.add("inFlight=" + (long) v));
    }

    @Test
    void loneTransferArrivesAfterSerialisationPlusDelayExactly() {
        WanLink l = link(0, 0, 1);
        kernel.at(5, () -> l.from(A).send(1_000_000, log.on("arrived")));
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).containsExactly("11000005 arrived");
    }

    @Test
    void serialisationTimeIsRoundedUpToTheNanosecond() {
        WanLink l = new WanLink(kernel, signals, "wan", A, B, LinkConfig.of(7e6, 0));
        kernel.at(0, () -> l.forward().send(333, log.on("arrived")));
        kernel.runUntil(1_000_000_000);
        // 333 / 7e6 s = 47 571.43 ns → 47 572 ns
        assertThat(log.lines()).containsExactly("47572 arrived");
        assertThat(Durations.transferNs(333, 7e6)).isEqualTo(47_572);
        assertThat(Durations.transferNs(1_000, 1e9)).isEqualTo(1_000);
        assertThat(Durations.transferNs(1, 3.5)).isEqualTo(285_714_286);
    }

    @Test
    void concurrentTransfersSerialiseInFifoOrder() {
        WanLink l = link(0, 0, 1);
        kernel.at(0, () -> {
            l.from(A).send(1_000_000, log.on("first"));
            l.from(A).send(500_000, log.on("second"));
            l.from(A).send(1_000_000, log.on("third"));
        });
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).containsExactly("11000000 first", "16000000 second", "26000000 third");
    }

    @Test
    void manyTransfersPropagatingAtOnceArriveInOrderWithTheirOwnTimes() {
        // 100 transfers of 1 000 B (10 µs each on the wire) are all on the 1 ms fibre at once;
        // zero-byte transfers between them end serialising at the same ns as the one before
        WanLink l = link(0, 0, 1);
        java.util.List<Long> transferTimes = new java.util.ArrayList<>();
        signals.find("wan.a-b.transferTime").subscribe((t, v) -> transferTimes.add((long) v));
        kernel.at(0, () -> {
            for (int i = 0; i < 100; i++) {
                l.from(A).send(1_000, log.on("t" + i));
                if (i % 10 == 0) {
                    l.from(A).send(0, log.on("empty" + i));
                }
            }
        });
        kernel.runUntil(1_000_000_000);
        java.util.List<String> expected = new java.util.ArrayList<>();
        java.util.List<Long> expectedTimes = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long arrival = (i + 1) * 10_000L + 1_000_000;
            expected.add(arrival + " t" + i);
            expectedTimes.add(arrival);
            if (i % 10 == 0) {
                expected.add(arrival + " empty" + i);
                expectedTimes.add(arrival);
            }
        }
        assertThat(log.lines()).containsExactlyElementsOf(expected);
        assertThat(transferTimes).containsExactlyElementsOf(expectedTimes); // all sent at 0
        assertThat(l.from(A).inFlightTransfers()).isZero();
    }

    @Test
    void directionsAreIndependentFullDuplex() {
        WanLink l = link(0, 0, 1);
        kernel.at(0, () -> {
            l.from(A).send(1_000_000, log.on("a→b"));
            l.from(B).send(1_000_000, log.on("b→a"));
        });
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).containsExactly("11000000 a→b", "11000000 b→a");
    }

    @Test
    void commandWindowHoldsTheNextTransferUntilTheTransportAckReturned() {
        WanLink l = link(0, 1, 1);
        logInFlight("a-b");
        kernel.at(0, () -> {
            l.from(A).send(1_000_000, log.on("first"));
            l.from(A).send(1_000_000, log.on("second"));
        });
        kernel.runUntil(1_000_000_000);
        // first: window 0 → 12 ms (serialised 10 ms, arrives 11 ms, ack back 12 ms); second starts at 12 ms
        assertThat(log.lines()).containsExactly(
                "0 inFlight=1000000", "11000000 first", "12000000 inFlight=0", "12000000 inFlight=1000000",
                "23000000 second", "24000000 inFlight=0");
    }

    @Test
    void byteWindowAdmitsAsManyTransfersAsFit() {
        WanLink l = link(2_500_000, 0, 1);
        logInFlight("a-b");
        kernel.at(0, () -> {
            for (int i = 0; i < 3; i++) {
                l.from(A).send(1_000_000, log.on("t" + i));
            }
        });
        kernel.runUntil(1_000_000_000);
        // t1 fits beside t0 (2 MB ≤ 2.5 MB) and starts when t0's serialisation ends; t2 does not fit
        // until t0 left the window at 12 ms, and then waits for the serialiser (busy with t1 until 20 ms)
        assertThat(log.lines()).containsExactly(
                "0 inFlight=1000000", "10000000 inFlight=2000000", "11000000 t0", "12000000 inFlight=1000000",
                "20000000 inFlight=2000000", "21000000 t1", "22000000 inFlight=1000000", "31000000 t2",
                "32000000 inFlight=0");
    }

    /**
     * Nobody records the window level: exits take no events of their own, yet a transfer the window
     * holds back starts at the same instant as when every exit is an event, and the window's
     * accessors agree at any time.
     */
    @Test
    void windowWithoutRecordingGivesTheSameTimesWithFewerEvents() {
        long[] recorded = runByteWindow(true);
        long[] lazy = runByteWindow(false);
        // arrivals of t0, t1, t2 and in-flight bytes read at 11.5 ms, 12.5 ms, 40 ms
        assertThat(java.util.Arrays.copyOf(lazy, 6)).containsExactly(java.util.Arrays.copyOf(recorded, 6))
                .containsExactly(11_000_000, 21_000_000, 31_000_000, 2_000_000, 1_000_000, 0);
        assertThat(lazy[6]).as("events fired").isLessThan(recorded[6]);
    }

    /** Recording starts while transfers are in flight: lazily kept exits and event-driven ones mix. */
    @Test
    void windowLevelRecordedFromMidRunEndsEmpty() {
        WanLink l = link(2_500_000, 0, 1);
        long[] arrived = new long[4];
        kernel.at(0, () -> {
            for (int i = 0; i < 4; i++) {
                int n = i;
                l.from(A).send(1_000_000, () -> arrived[n] = kernel.now());
            }
        });
        // t0 and t1 were serialised without anyone recording the window; then recording starts
        kernel.at(20_500_000, () -> logInFlight("a-b"));
        kernel.runUntil(1_000_000_000);
        assertThat(arrived).containsExactly(11_000_000, 21_000_000, 31_000_000, 41_000_000);
        assertThat(l.from(A).inFlightBytes()).isZero();
        assertThat(l.from(A).inFlightTransfers()).isZero();
        assertThat(log.lines()).last().isEqualTo("42000000 inFlight=0");
    }

    /** The same with the registry sealed from the start: the late subscription reaches the direction's copies. */
    @Test
    void windowLevelRecordedFromMidRunOfASealedRegistryEndsEmpty() {
        signals.seal();
        windowLevelRecordedFromMidRunEndsEmpty();
    }

    /**
     * Sealed, a direction updates a level recorded by one statistic directly; a {@code queuedBytes}
     * subscription made after the seal is heard from then on and stops planning runs (their
     * queue changes would need events): one serialisation end per transfer.
     */
    @Test
    void aSubscriptionAfterTheSealIsRecordedAndStopsRuns() {
        WanLink l = link(0, 0, 1);
        org.repsim.core.stats.TimeWeighted busy = new org.repsim.core.stats.TimeWeighted();
        signals.find("wan.a-b.busy").subscribe(busy);
        signals.seal();
        org.repsim.core.stats.TimeWeighted queued = new org.repsim.core.stats.TimeWeighted();
        signals.find("wan.a-b.queuedBytes").subscribe(queued);
        kernel.at(0, () -> {
            for (int i = 0; i < 3; i++) {
                l.from(A).send(1_000_000, log.on("t" + i));
            }
        });
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).containsExactly("11000000 t0", "21000000 t1", "31000000 t2");
        // 10 ms on the wire each: 2 MB wait 10 ms, then 1 MB 10 ms; busy 30 ms
        assertThat(queued.integral(1_000_000_000)).isEqualTo(2e6 * 10e6 + 1e6 * 10e6);
        assertThat(queued.max()).isEqualTo(2e6);
        assertThat(busy.integral(1_000_000_000)).isEqualTo(30e6);
        // the send, three serialisation ends (no run), three arrivals
        assertThat(kernel.eventsFired()).isEqualTo(1 + 3 + 3);
    }

    private long[] runByteWindow(boolean recordInFlight) {
        SimulationKernel k = DsolKernel.create();
        Signals sig = new Signals();
        WanLink l = new WanLink(k, sig, "wan", A, B, new LinkConfig(100e6, Durations.fibreDelayNs(200), 2_500_000, 0, 1));
        if (recordInFlight) {
            sig.find("wan.a-b.inFlightBytes").subscribe((t, v) -> { });
        }
        long[] out = new long[7];
        k.at(0, () -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                l.from(A).send(1_000_000, () -> out[n] = k.now());
            }
        });
        k.at(11_500_000, () -> out[3] = l.from(A).inFlightBytes());
        k.at(12_500_000, () -> out[4] = l.from(A).inFlightBytes());
        k.at(40_000_000, () -> out[5] = l.from(A).inFlightBytes() + l.from(A).inFlightTransfers());
        k.runUntil(1_000_000_000);
        out[6] = k.eventsFired();
        return out;
    }

    @Test
    void transferLargerThanTheWindowStillGoesAlone() {
        WanLink l = link(1_000, 0, 1);
        kernel.at(0, () -> l.from(A).send(1_000_000, log.on("big")));
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).containsExactly("11000000 big");
    }

    @Test
    void compressionShrinksTheBytesOnTheWire() {
        WanLink l = link(0, 0, 2.0);
        long[] sent = {0};
        signals.find("wan.a-b.sentBytes").subscribe((t, v) -> sent[0] += (long) v);
        kernel.at(0, () -> l.from(A).send(1_000_001, log.on("arrived")));
        kernel.runUntil(1_000_000_000);
        // ceil(1 000 001 / 2) = 500 001 bytes → 5 000 010 ns
        assertThat(log.lines()).containsExactly("6000010 arrived");
        assertThat(sent[0]).isEqualTo(500_001);
    }

    @Test
    void transfersWaitWhileTheLinkIsDownAndNoneIsLost() {
        WanLink l = link(0, 0, 1);
        l.scheduleOutage(kernel, 0, 5_000_000);
        kernel.at(1, () -> {
            l.from(A).send(1_000_000, log.on("first"));
            l.from(A).send(1_000_000, log.on("second"));
        });
        kernel.runUntil(1_000_000_000);
        assertThat(log.lines()).containsExactly("16000000 first", "26000000 second");
    }

    @Test
    void degradedBandwidthAppliesToSerialisationsStartingInTheInterval() {
        WanLink l = link(0, 0, 1);
        l.scheduleDegradation(kernel, 0, 15_000_000, 0.5);
        kernel.at(0, () -> {
            l.from(A).send(1_000_000, log.on("slow"));
            l.from(A).send(1_000_000, log.on("started after the interval"));
        });
        kernel.at(40_000_000, () -> l.from(A).send(1_000_000, log.on("nominal")));
        kernel.runUntil(1_000_000_000);
        // the first takes 20 ms at half rate; the second starts at 20 ms, after the interval ended
        assertThat(log.lines()).containsExactly("21000000 slow", "31000000 started after the interval", "51000000 nominal");
    }

    @Test
    void fibreDelayIsFiveMicrosecondsPerKilometre() {
        assertThat(Durations.fibreDelayNs(100)).isEqualTo(500_000);
        assertThat(LinkConfig.overDistance(1e9, 1_000).delayNs()).isEqualTo(5_000_000);
    }

    @Test
    void rejectsBadParameters() {
        WanLink l = link(0, 0, 1);
        assertThatThrownBy(() -> l.from(new Site("c"))).hasMessageContaining("does not touch site c");
        assertThatThrownBy(() -> LinkConfig.of(0, 1)).hasMessageContaining("bandwidth");
        assertThatThrownBy(() -> new LinkConfig(1, 1, 0, 0, 0.5)).hasMessageContaining("compression");
        assertThatThrownBy(() -> new WanLink(kernel, signals, "x", A, A, LinkConfig.of(1, 1)))
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> l.setBandwidthFactor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- TCP loss bound (docs/model.md §1)

    /** 1 Gbit/s, RTT 10 ms (5 ms one way), MSS 1 460 B, loss 1 %. */
    private WanLink lossy(int connections) {
        return new WanLink(kernel, signals, "wan" + connections, A, B,
                new LinkConfig(125e6, 5_000_000, 0, 0, 1.0, 0.01, 1_460, connections));
    }

    @Test
    void mathisBoundOfOneConnectionIsMssTimes122OverRttRootP() {
        LinkConfig c = new LinkConfig(125e6, 5_000_000, 0, 0, 1.0, 0.01, 1_460, 1);
        // 1 460 × 1.22 / (0.010 s × √0.01) = 1 781 200 B/s
        assertThat(c.connectionBoundBps()).isCloseTo(1_781_200, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(c.effectiveRateBps()).isCloseTo(1_781_200, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(new LinkConfig(125e6, 5_000_000, 0, 0, 1.0, 0.01, 1_460, 8).effectiveRateBps())
                .isCloseTo(8 * 1_781_200, org.assertj.core.api.Assertions.within(1e-6));
        // many connections: the bandwidth bounds again
        assertThat(new LinkConfig(125e6, 5_000_000, 0, 0, 1.0, 0.01, 1_460, 100).effectiveRateBps()).isEqualTo(125e6);
        // no loss: the bandwidth, as without the keys
        assertThat(new LinkConfig(125e6, 5_000_000, 0, 0, 1.0, 0, 1_460, 1).effectiveRateBps()).isEqualTo(125e6);
    }

    @Test
    void oneLossyConnectionCarriesAtMostItsBoundAndEightCarryEightTimesIt() {
        for (int connections : new int[] {1, 8}) {
            WanLink l = lossy(connections);
            long bytes = 17_812_000; // 10 s at one connection's bound
            long[] arrived = {-1};
            long start = kernel.now();
            kernel.at(start, () -> l.from(A).send(bytes, () -> arrived[0] = kernel.now()));
            kernel.runUntil(start + 20_000_000_000L);
            double throughput = bytes / ((arrived[0] - start - 5_000_000) / 1e9);
            assertThat(throughput).as("%d connection(s)", connections)
                    .isLessThanOrEqualTo(connections * 1_781_200.0 * (1 + 1e-9))
                    .isCloseTo(connections * 1_781_200.0, org.assertj.core.api.Assertions.withinPercentage(0.01));
        }
    }

    @Test
    void aLinkRejectsLossOfOneAndNoConnection() {
        assertThatThrownBy(() -> new LinkConfig(1e6, 0, 0, 0, 1, 1.0, 1_460, 1)).hasMessageContaining("loss");
        assertThatThrownBy(() -> new LinkConfig(1e6, 0, 0, 0, 1, 0, 1_460, 0)).hasMessageContaining("connection");
        assertThatThrownBy(() -> new LinkConfig(1e6, 0, 0, 0, 1, 0, 0, 1)).hasMessageContaining("MSS");
    }
}
