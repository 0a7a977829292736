package org.repsim.model.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.ConfidenceInterval;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.Site;
import org.repsim.model.Volume;

class WorkloadTest {
    private final SimulationKernel kernel = DsolKernel.create();
    private final Signals signals = new Signals();
    private final Host host = new Host(kernel, signals);

    private Box box(String name, long hostAdapterNs) {
        DiskGroup dg = new DiskGroup(kernel, signals, "box." + name + ".dg", 2, DiskModel.ssd(100_000, 1e9), 1);
        return new Box(kernel, signals, name, new Site("site-" + name),
                new Box.PoolConfig(1, Distributions.deterministic(hostAdapterNs)),
                new Box.PoolConfig(1, Distributions.deterministic(1_000)),
                new Box.CacheConfig(64L << 20, 128 * 1024, 0.5, 4), List.of(dg));
    }

    @Test
    void dependentChainsIssueEachWriteOnlyAfterThePreviousWasAcknowledgedAcrossBoxes() {
        Box b1 = box("b1", 40_000);
        Box b2 = box("b2", 70_000);
        Volume v1 = b1.addVolume("v1", 1_000, 0);
        Volume v2 = b2.addVolume("v2", 1_000, 0);
        // the second box acknowledges its writes only after an extra 1 ms (e.g. a sync pair)
        b2.setReplicationHandler((io, ack) -> kernel.after(1_000_000, ack));
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(1, 0), "chains");
        IoGenerator gen = new IoGenerator(host, List.of(v1, v2), VolumeChoice.RANDOM, 0.0,
                Distributions.deterministic(4_096), AddressPattern.uniform(streams.address()), streams);
        ClosedLoopWorkload w = new ClosedLoopWorkload("chains", kernel, gen, 3,
                Distributions.exponential(streams.think(), 200_000), true);
        Map<Integer, List<long[]>> byStream = new TreeMap<>();
        Set<String> boxesSeen = new HashSet<>();
        host.addWriteAckListener(io -> {
            byStream.computeIfAbsent(io.streamId(), k -> new ArrayList<>())
                    .add(new long[] {io.chainIndex(), io.issueNs(), kernel.now()});
            boxesSeen.add(io.volume().box().name());
        });
        w.start(0, 500_000_000);
        kernel.runUntil(1_000_000_000);
        assertThat(byStream).hasSize(3);
        assertThat(boxesSeen).containsExactlyInAnyOrder("b1", "b2");
        for (List<long[]> chain : byStream.values()) {
            assertThat(chain.size()).isGreaterThan(100);
            for (int k = 0; k < chain.size(); k++) {
                assertThat(chain.get(k)[0]).isEqualTo(k);
                if (k > 0) {
                    assertThat(chain.get(k)[1]).as("write %d issued after write %d was acknowledged", k, k - 1)
                            .isGreaterThanOrEqualTo(chain.get(k - 1)[2]);
                }
            }
        }
        assertThat(w.streamId(0)).isNotEqualTo(w.streamId(1));
    }

    @Test
    void rateProfileMultipliesTheRateInEachInterval() {
        Box b = box("b", 1_000);
        Volume v = b.addVolume("v", 1_000, 0);
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(1, 0), "batch");
        IoGenerator gen = new IoGenerator(host, List.of(v), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.deterministic(4_096), AddressPattern.uniform(streams.address()), streams);
        RateProfile profile = new RateProfile(new long[] {0, 1_000_000_000L, 2_000_000_000L}, new double[] {1.0, 2.5, 1.0});
        List<Long> issues = new ArrayList<>();
        host.addWriteAckListener(io -> issues.add(io.issueNs()));
        new OpenLoopWorkload("batch", kernel, gen, ArrivalProcess.deterministic(1_000), profile).start(0, 3_000_000_000L);
        kernel.runUntil(4_000_000_000L);
        long[] perSecond = new long[3];
        for (long t : issues) {
            perSecond[(int) (t / 1_000_000_000L)]++;
        }
        // arrivals at 1 ms, 2 ms, …, 999 ms; then every 0.4 ms from 1 s; then every 1 ms from 2 s
        // up to 2.999 s (3 s is the end, exclusive)
        assertThat(perSecond).containsExactly(999, 2_500, 1_000);
        assertThat(profile.multiplierAt(1.5e9)).isEqualTo(2.5);
    }

    @Test
    void oneSegmentProfileScalesEveryGapByItsMultiplier() {
        RateProfile doubled = new RateProfile(new long[] {0}, new double[] {2.0});
        assertThat(doubled.advance(100, 50)).isEqualTo(125.0);
        assertThat(doubled.advance(1e12, 3)).isEqualTo(1e12 + 1.5);
        assertThat(RateProfile.constant().advance(7.25, 0.5)).isEqualTo(7.75);
        // the same as the first segment of a profile that changes later
        RateProfile later = new RateProfile(new long[] {0, 1_000_000}, new double[] {2.0, 1.0});
        assertThat(later.advance(100, 50)).isEqualTo(doubled.advance(100, 50));
    }

    @Test
    void rateProfileSkipsSilentIntervals() {
        RateProfile profile = new RateProfile(new long[] {0, 100, 300}, new double[] {1.0, 0.0, 2.0});
        // 50 ns of operational time from t = 80: 20 before the silence, 30 more at double rate after it
        assertThat(profile.advance(80, 50)).isEqualTo(315.0);
        assertThatThrownBy(() -> new RateProfile(new long[] {5}, new double[] {1})).hasMessageContaining("start at 0");
        assertThatThrownBy(() -> new RateProfile(new long[] {0, 10}, new double[] {1, 0})).hasMessageContaining("last");
    }

    @Test
    void poissonOnOffAndMmppArrivalsHaveTheirMeanRate() {
        double horizonNs = 5e9;
        ArrivalKind[] kinds = {
            s -> ArrivalProcess.poisson(s, 2_000),
            s -> ArrivalProcess.onOff(s, 2_000, 10e6, 30e6),
            s -> ArrivalProcess.mmpp(s, new double[] {500, 3_000, 0}, new double[] {20e6, 5e6, 10e6}),
        };
        for (ArrivalKind kind : kinds) {
            double[] rates = new double[20];
            double expected = 0;
            for (int rep = 0; rep < rates.length; rep++) {
                ArrivalProcess p = kind.build(new RandomStreams(11, rep).stream("workload.x.arrival"));
                expected = p.meanRatePerSecond();
                double t = 0;
                long n = 0;
                while ((t += p.nextGapNs()) < horizonNs) {
                    n++;
                }
                rates[rep] = n / (horizonNs / 1e9);
            }
            ConfidenceInterval ci = ConfidenceInterval.of95(rates);
            assertThat(ci.contains(expected)).as("rate %.1f in %s", expected, ci).isTrue();
        }
    }

    private interface ArrivalKind {
        ArrivalProcess build(org.repsim.core.random.RandomStream stream);
    }

    @Test
    void readWriteMixFollowsTheReadFraction() {
        Box b = box("b", 1_000);
        Volume v = b.addVolume("v", 1_000, 0);
        double[] fractions = new double[20];
        for (int rep = 0; rep < fractions.length; rep++) {
            WorkloadStreams streams = new WorkloadStreams(new RandomStreams(3, rep), "mix");
            IoGenerator gen = new IoGenerator(host, List.of(v), VolumeChoice.ROUND_ROBIN, 0.3,
                    Distributions.deterministic(4_096), AddressPattern.uniform(streams.address()), streams);
            int reads = 0;
            for (int i = 0; i < 2_000; i++) {
                reads += gen.next(0, -1).write() ? 0 : 1;
            }
            fractions[rep] = reads / 2_000.0;
        }
        assertThat(ConfidenceInterval.of95(fractions).contains(0.3)).isTrue();
    }

    @Test
    void zipfHotSetIsScatteredOverTheVolume() {
        Box b = box("b", 1_000);
        Volume v = b.addVolume("v", 10_000, 0);
        WorkloadStreams streams = new WorkloadStreams(new RandomStreams(3, 0), "hot");
        IoGenerator gen = new IoGenerator(host, List.of(v), VolumeChoice.ROUND_ROBIN, 0.0,
                Distributions.deterministic(4_096), AddressPattern.zipf(streams.address(), 1.1), streams);
        Map<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 50_000; i++) {
            counts.merge(gen.next(0, -1).firstTrack() - v.firstTrack(), 1, Integer::sum);
        }
        List<Map.Entry<Long, Integer>> hottest = new ArrayList<>(counts.entrySet());
        hottest.sort((x, y) -> y.getValue() - x.getValue());
        // rank 1 takes a large share (1 / H(10 000, 1.1) ≈ 14 %)
        assertThat(hottest.get(0).getValue()).isGreaterThan(5_000);
        long adjacentPairs = 0;
        for (int i = 0; i < 9; i++) {
            if (Math.abs(hottest.get(i).getKey() - hottest.get(i + 1).getKey()) == 1) {
                adjacentPairs++;
            }
        }
        assertThat(adjacentPairs).as("hot tracks are not contiguous").isZero();
    }

    @Test
    void scrambleIsABijection() {
        for (long n : new long[] {1, 2, 3, 10, 97, 1_000, 4_096, 65_537}) {
            AddressPattern.Scramble s = AddressPattern.Scramble.of(n);
            boolean[] seen = new boolean[(int) n];
            for (long i = 0; i < n; i++) {
                long t = s.apply(i);
                assertThat(t).isBetween(0L, n - 1);
                assertThat(seen[(int) t]).isFalse();
                seen[(int) t] = true;
            }
        }
    }

    @Test
    void sequentialRunsContinueWhereThePreviousIoEnded() {
        AddressPattern seq = AddressPattern.sequential(new RandomStreams(3, 0).stream("seq"), 10);
        long prevEnd = -1;
        int continued = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long first = seq.firstBlock(0, 1_000_000, 32, 2);
            continued += first == prevEnd ? 1 : 0;
            prevEnd = first + 2;
        }
        // a run ends with probability 1/10 after each I/O
        assertThat(continued / (double) n).isBetween(0.88, 0.92);
    }

    @Test
    void sameSeedGivesTheSameIosAndAnotherWorkloadDoesNotDisturbThem() {
        List<String> first = trace(false);
        List<String> second = trace(true);
        assertThat(second).isEqualTo(first);
        assertThat(first).hasSizeGreaterThan(1_000);
    }

    private static List<String> trace(boolean withNeighbour) {
        SimulationKernel k = DsolKernel.create();
        Signals sig = new Signals();
        Host h = new Host(k, sig);
        DiskGroup dg = new DiskGroup(k, sig, "dg", 2, DiskModel.ssd(100_000, 1e9), 1);
        Box b = new Box(k, sig, "b", new Site("s"), new Box.PoolConfig(2, Distributions.deterministic(10_000)),
                new Box.PoolConfig(1, Distributions.deterministic(1_000)), new Box.CacheConfig(64L << 20, 131_072, 0.5, 4),
                List.of(dg));
        Volume v = b.addVolume("v", 10_000, 0);
        RandomStreams rs = new RandomStreams(77, 2);
        if (withNeighbour) {
            WorkloadStreams ns = new WorkloadStreams(rs, "neighbour");
            IoGenerator ng = new IoGenerator(h, List.of(v), VolumeChoice.ROUND_ROBIN, 0.5,
                    Distributions.exponential(ns.size(), 8_192), AddressPattern.uniform(ns.address()), ns);
            new OpenLoopWorkload("neighbour", k, ng, ArrivalProcess.poisson(ns.arrival(), 3_000), null).start(0, 1_000_000_000);
        }
        WorkloadStreams ws = new WorkloadStreams(rs, "main");
        IoGenerator g = new IoGenerator(h, List.of(v), VolumeChoice.ROUND_ROBIN, 0.5,
                Distributions.exponential(ws.size(), 16_384), AddressPattern.zipf(ws.address(), 0.8), ws);
        OpenLoopWorkload main = new OpenLoopWorkload("main", k, g, ArrivalProcess.poisson(ws.arrival(), 2_000), null);
        main.start(0, 1_000_000_000);
        List<String> out = new ArrayList<>();
        h.addIssueListener(io -> {
            if (io.streamId() == main.streamId()) {
                out.add(io.issueNs() + " " + io.firstTrack() + "+" + io.trackCount() + " " + io.sizeBytes() + " " + io.write());
            }
        });
        k.runUntil(2_000_000_000L);
        return out;
    }

    @Test
    void rejectsBadParameters() {
        Box b = box("b", 1_000);
        Volume v = b.addVolume("v", 10, 0);
        WorkloadStreams s = new WorkloadStreams(new RandomStreams(1, 0), "bad");
        assertThatThrownBy(() -> new IoGenerator(host, List.of(), VolumeChoice.RANDOM, 0.5,
                Distributions.deterministic(1), AddressPattern.uniform(s.address()), s)).hasMessageContaining("no volumes");
        assertThatThrownBy(() -> new IoGenerator(host, List.of(v), VolumeChoice.RANDOM, 1.5,
                Distributions.deterministic(1), AddressPattern.uniform(s.address()), s)).hasMessageContaining("read fraction");
        assertThatThrownBy(() -> ArrivalProcess.poisson(s.arrival(), 0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> ArrivalProcess.mmpp(s.arrival(), new double[] {0}, new double[] {1}))
                .hasMessageContaining("positive rate");
        assertThatThrownBy(() -> host.newIo(v, 9, 2, 10, true, 0, -1)).hasMessageContaining("outside volume");
    }
}
