package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.repsim.model.cycle.CycleFixture.MS;
import static org.repsim.model.cycle.CycleFixture.S;

import org.repsim.model.CachePolicy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.Table;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.PressurePolicy;
import org.repsim.model.cycle.rules.SessionState;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * The external figures of docs/model.md §9 for cycle mode, scaled to MB/s and seconds (the laws are
 * scale-free), plus conservation (§8.4), whole in-order apply (§8.2) and determinism (§8.5).
 *
 * <p>Rates: 2 000 writes/s × 8 KiB = 16.384 MB/s. Addresses are uniform over 10^6 tracks, so a
 * cycle of ≤ 10^4 writes folds fewer than 10^4²/(2·10^6) = 50 of them: the folded write rate
 * equals the write rate within 0.5 %. Slot transfers carry no header here, so the link rate in
 * slot bytes is the link bandwidth.
 */
class CycleValidationTest {
    private static final double WRITE_BPS = 2_000 * 8_192.0;
    /** Slots occupy their dirty blocks: the session's cache use is its slots' bytes (docs/model.md §9). */
    private static final CachePolicy BLOCK_SLOTS =
            new CachePolicy(CachePolicy.SlotAllocation.BLOCKS, CachePolicy.DestageExtent.TRACK, 0, 0.8);

    private static void assertConserved(CycleFixture f) {
        Conservation c = f.session.conservation();
        assertThat(c.holds()).as("conservation %s", c).isTrue();
        assertThat(c.writtenAfterFoldingBytes()).isPositive();
    }

    private static void assertAppliedInOrder(CycleFixture f) {
        long last = -1;
        long lastApplied = -1;
        for (CycleRecord r : f.records(f.session)) {
            assertThat(r.number()).isGreaterThan(last);
            last = r.number();
            if (r.appliedNs() != CycleRecord.NOT_YET) {
                assertThat(r.appliedNs()).isGreaterThanOrEqualTo(lastApplied);
                lastApplied = r.appliedNs();
            }
        }
    }

    /**
     * §9, ample bandwidth, legacy switching applying at the switch: the lag of the recoverable image
     * (docs/model.md §7) peaks just before cycle k applies, at applied(k) − firstAck(k). Cycle k
     * opens at a switch, its first write is acknowledged a gap g later (Poisson: mean 1/λ = 0.5 ms),
     * and it applies at the switch that closes k+1, one apply time a_k later:
     * peak = d(k) + d(k+1) + a_k − g_k ≈ 2T + a − g. Here a_k = applied(k) − close(k+1) is read from
     * the records (tens of ms: ≈ 2 000 slots through 2 remote adapters of 30 µs, then their cache
     * writes) and g_k < 5 ms, so the peak lies in [2T − 5 ms, 2 d_max + a_max]; the reported value is
     * also the replayed one ({@link AppliedCycleLag}).
     */
    @Test
    void ampleBandwidthCyclesLastMinCycleTimeAndLagPeaksNearTwoCycles() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(S);
        k.poissonArrivals = true;
        CycleFixture f = new CycleFixture(k);
        AppliedCycleLag replay = new AppliedCycleLag(f.session);
        f.writes(0, 20 * S);
        f.runUntil(20 * S);
        List<CycleRecord> rs = f.records(f.session);
        assertThat(rs).hasSizeGreaterThanOrEqualTo(19);
        for (CycleRecord r : rs) {
            assertThat(r.durationNs() / 1e9).as("cycle %s", r).isCloseTo(1.0, within(0.01));
        }
        assertThat(f.metric("cycle.duration.mean")).isCloseTo(1.0, within(0.01));
        long durationMax = 0;
        long applyMax = 0;
        for (int i = 0; i < rs.size(); i++) {
            durationMax = Math.max(durationMax, rs.get(i).durationNs());
            if (i + 1 < rs.size() && rs.get(i).appliedNs() != CycleRecord.NOT_YET) {
                applyMax = Math.max(applyMax, rs.get(i).appliedNs() - rs.get(i + 1).closeNs());
            }
        }
        assertThat(applyMax).as("apply time a").isPositive().isLessThan(50 * MS);
        double lagMax = f.metric("rpo.lag.max");
        assertThat(lagMax).as("reported peak = replayed peak").isEqualTo(replay.maxNs(f.kernel.now()) / 1e9);
        assertThat(lagMax).as("2T + a − g").isBetween((2 * S - 5 * MS) / 1e9, (2 * durationMax + applyMax) / 1e9);
        assertThat(f.session.switcher().drops()).isZero();
        assertConserved(f);
        assertAppliedInOrder(f);
    }

    @Test
    void afterWritesStopTheSecondaryImageEqualsThePrimary() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(500 * MS);
        k.volumeTracks = 20_000;
        k.zipfExponent = 0.8;
        k.poissonArrivals = true;
        CycleFixture f = new CycleFixture(k);
        // a host write that spans k tracks is k track writes of the cycle (docs/model.md §5)
        long[] trackWrites = {0};
        f.host.addIssueListener(io -> trackWrites[0] += io.trackCount());
        f.writes(0, 5 * S);
        f.runUntil(8 * S);
        assertThat(f.session.switcher().duplicates()).isPositive();
        assertThat(trackWrites[0]).as("some writes cross a track boundary").isGreaterThan(f.host.issued());
        // §8.2: every host write lands in exactly one cycle; writes = slots + folded
        long writes = 0;
        long slotsAndFolded = 0;
        for (CycleRecord r : f.records(f.session)) {
            writes += r.writes();
            slotsAndFolded += r.slots() + r.folded();
        }
        assertThat(writes).isEqualTo(trackWrites[0]).isEqualTo(slotsAndFolded);
        Conservation c = f.session.conservation();
        assertThat(c.holds()).isTrue();
        assertThat(c.appliedBytes()).isEqualTo(c.writtenAfterFoldingBytes());
        long first = f.secondaryVolume.firstTrack();
        int checked = 0;
        for (long t = first; t < first + k.volumeTracks; t++) {
            long v = f.session.primaryVersion(t);
            assertThat(f.session.receiver().imageVersion(t)).as("track %d", t).isEqualTo(v);
            if (v >= 0) {
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void slowLinkStretchesCyclesAndCacheGrowsAtWriteMinusLinkRate() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.cachePolicy = BLOCK_SLOTS;
        k.rules = SwitchRules.legacy(100 * MS);
        k.linkBps = 8e6;
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 12 * S);
        long[] at = {4 * S, 10 * S};
        long[] cache = new long[2];
        for (int i = 0; i < 2; i++) {
            int j = i;
            f.kernel.at(at[i], org.repsim.core.kernel.Tie.OBSERVE, () -> cache[j] = f.session.cacheBytes());
        }
        f.runUntil(12 * S);
        double slope = (cache[1] - cache[0]) / ((at[1] - at[0]) / 1e9);
        double expected = WRITE_BPS - k.linkBps;
        assertThat(slope).isCloseTo(expected, within(0.05 * expected));
        List<CycleRecord> rs = f.records(f.session);
        assertThat(rs.get(rs.size() - 1).durationNs()).isGreaterThan(2 * S);
        assertConserved(f);
        assertAppliedInOrder(f);
    }

    /**
     * Whole-track allocation (the default): each 8 KiB slot occupies a 128 KiB track, so cache use
     * grows at (slots created − slots sent) per second × trackSize = (2 000 − link rate ÷ 8 192) ×
     * 131 072 B/s, 16 times the byte law (docs/model.md §9).
     */
    @Test
    void wholeTrackSlotsGrowTheCacheBySlotRateDifferenceTimesTrackSize() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(100 * MS);
        k.linkBps = 8e6;
        k.cacheBytes = 4L << 30;
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 4 * S);
        long[] at = {1 * S, 3 * S};
        long[] cache = new long[2];
        long[] boxWp = new long[2];
        for (int i = 0; i < 2; i++) {
            int j = i;
            f.kernel.at(at[i], org.repsim.core.kernel.Tie.OBSERVE, () -> {
                cache[j] = f.session.cacheBytes();
                boxWp[j] = f.primary.cache().writePendingBytes();
            });
        }
        f.runUntil(4 * S);
        double slope = (cache[1] - cache[0]) / ((at[1] - at[0]) / 1e9);
        double expected = (2_000 - k.linkBps / 8_192) * CycleFixture.TRACK;
        assertThat(slope).isCloseTo(expected, within(0.05 * expected));
        // the session's slots are in the box's write pending: whole tracks, the local copy counted once
        for (int i = 0; i < 2; i++) {
            assertThat(cache[i] % CycleFixture.TRACK).isZero();
            assertThat(boxWp[i]).isGreaterThanOrEqualTo(cache[i]);
            assertThat(boxWp[i] - cache[i]).isLessThan(cache[i] / 10);
        }
        assertConserved(f);
    }

    @Test
    void timeToReachTheCacheLimitIsLimitOverRateDifference() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.cachePolicy = BLOCK_SLOTS;
        k.rules = SwitchRules.legacy(100 * MS);
        k.linkBps = 8e6;
        k.limitBytes = 40_000_000;
        k.policies = List.of(PressurePolicy.DROP);
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 6 * S);
        f.runUntil(6 * S);
        assertThat(f.session.switcher().drops()).isEqualTo(1);
        double expected = k.limitBytes / (WRITE_BPS - k.linkBps);
        double dropS = f.session.switcher().droppedAtNs() / 1e9;
        assertThat(dropS).isCloseTo(expected, within(0.05 * expected));
        assertThat(f.cycleRecording.intervals(f.kernel.now())).singleElement()
                .satisfies(iv -> {
                    assertThat(iv.kind()).isEqualTo("session-drop");
                    assertThat(iv.startS()).isEqualTo(dropS);
                });
        assertThat(f.session.state()).isNotEqualTo(SessionState.ACTIVE);
        assertConserved(f);
    }

    @Test
    void spillPoolHoldsTheBacklogOfAPeak() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.cachePolicy = BLOCK_SLOTS;
        k.rules = SwitchRules.multiCycle(100 * MS, 1_000);
        k.linkBps = 8e6;
        k.limitBytes = 4_000_000;
        k.spillPoolBytes = 1L << 30;
        k.policies = List.of(PressurePolicy.SPILL, PressurePolicy.PACE);
        CycleFixture f = new CycleFixture(k);
        long[] maxLatency = {0};
        f.signals.find("host.write.latency").subscribe((t, v) -> maxLatency[0] = Math.max(maxLatency[0], (long) v));
        long peakNs = 5 * S;
        f.writes(0, peakNs);
        f.runUntil(12 * S);
        double journal = (WRITE_BPS - k.linkBps) * peakNs / 1e9;
        double spillPeak = f.metric("spill.peak");
        assertThat(spillPeak + k.limitBytes).isCloseTo(journal, within(0.05 * journal));
        assertThat(f.metric("session.paced.writes")).isZero();
        assertThat(f.session.spillReads()).isPositive();
        // a write that forced a spill waits for the spill pool's disk write (SSD: 100 µs + transfer)
        assertThat(maxLatency[0]).isGreaterThan(20_000 + 100_000);
        assertConserved(f);
        assertAppliedInOrder(f);
    }

    /**
     * A link outage [o, o + 1.5 s) shorter than transmitIdle, T = 0.5 s, switches at multiples of
     * T (o = 3 s is one): the cycle closed at o cannot be sent, so no switch follows and the image
     * keeps the cycles closed up to o − T (the one closed then applied at the switch at o). The
     * oldest acknowledged write not in it is the first of the cycle opened at o − T, acknowledged a
     * gap g (< 5 ms) after that switch: lag(t) = t − (o − T) − g while the link is down. Once the
     * backlog is sent the law of §9 holds again: lag(t) ≤ 2T + a (a: apply time, from the records).
     * Both observations are also the replayed lag ({@link AppliedCycleLag}).
     */
    @Test
    void outageShorterThanTransmitIdleLosesNoCycleAndLagRecovers() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(500 * MS);
        k.transmitIdleNs = 2 * S;
        k.poissonArrivals = true;
        CycleFixture f = new CycleFixture(k);
        AppliedCycleLag replay = new AppliedCycleLag(f.session);
        long outageNs = 3 * S;
        f.links.get(0).scheduleOutage(f.kernel, outageNs, 4_500 * MS);
        f.writes(0, 12 * S);
        long[] at = {4_499 * MS, 11_900 * MS};
        long[] lag = new long[2];
        long[] replayed = new long[2];
        for (int i = 0; i < 2; i++) {
            int j = i;
            f.kernel.at(at[i], org.repsim.core.kernel.Tie.OBSERVE, () -> {
                lag[j] = f.lagNs();
                replayed[j] = replay.lagNs(f.kernel.now());
            });
        }
        f.runUntil(12 * S);
        assertThat(f.session.switcher().drops()).isZero();
        List<CycleRecord> rs = f.records(f.session);
        long applyMax = 0;
        for (int i = 0; i + 1 < rs.size(); i++) {
            CycleRecord r = rs.get(i);
            assertThat(r.discarded()).isFalse();
            if (r.appliedNs() != CycleRecord.NOT_YET) {
                applyMax = Math.max(applyMax, r.appliedNs() - rs.get(i + 1).closeNs());
            }
        }
        assertThat(lag).as("reported = replayed").containsExactly(replayed);
        long t = k.rules.minCycleTimeNs();
        assertThat(lag[0]).as("t − (o − T) − g").isBetween(at[0] - (outageNs - t) - 5 * MS, at[0] - (outageNs - t));
        assertThat(lag[1]).as("2T + a").isPositive().isLessThanOrEqualTo(2 * t + applyMax);
        assertConserved(f);
        assertAppliedInOrder(f);
    }

    @Test
    void outageLongerThanTransmitIdleDropsThenResynchronises() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(500 * MS);
        k.transmitIdleNs = 1 * S;
        k.volumeTracks = 2_000;
        CycleFixture f = new CycleFixture(k);
        f.links.get(0).scheduleOutage(f.kernel, 2 * S, 4 * S);
        f.writes(0, 5 * S);
        f.runUntil(14 * S);
        assertThat(f.session.switcher().drops()).isEqualTo(1);
        assertThat(f.session.switcher().droppedAtNs()).isEqualTo(3 * S);
        assertThat(f.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(f.session.copiedTracks()).isPositive();
        var iv = f.cycleRecording.intervals(f.kernel.now());
        assertThat(iv).hasSize(1);
        assertThat(iv.get(0).startS()).isEqualTo(3.0);
        assertThat(iv.get(0).endS()).isBetween(5.0, 13.0);
        // after resynchronisation and a drain the secondary equals the primary
        long first = f.secondaryVolume.firstTrack();
        for (long t = first; t < first + k.volumeTracks; t++) {
            assertThat(f.session.receiver().imageVersion(t)).as("track %d", t).isEqualTo(f.session.primaryVersion(t));
        }
        assertConserved(f);
    }

    @Test
    void zipfWorkloadFoldsMoreWithLongerCycles() {
        double shortFolding = folding(200 * MS);
        double longFolding = folding(1_000 * MS);
        assertThat(shortFolding).isGreaterThan(1.0);
        assertThat(longFolding).isGreaterThan(shortFolding * 1.1);
    }

    private static double folding(long cycleNs) {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(cycleNs);
        k.volumeTracks = 100_000;
        k.zipfExponent = 1.0;
        k.poissonArrivals = true;
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 8 * S);
        f.runUntil(8 * S);
        assertConserved(f);
        double fromRecords = 0;
        int n = 0;
        for (CycleRecord r : f.records(f.session)) {
            fromRecords += r.foldingRatio();
            n++;
        }
        assertThat(f.metric("cycle.folding.mean")).isCloseTo(fromRecords / n, within(1e-9));
        return fromRecords / n;
    }

    @Test
    void sameSeedGivesAnIdenticalCycleTable() {
        List<double[]> a = cycleRows();
        List<double[]> b = cycleRows();
        assertThat(a).hasSameSizeAs(b).isNotEmpty();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).containsExactly(a.get(i));
        }
    }

    private static List<double[]> cycleRows() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.multiCycle(300 * MS, 4);
        k.linkBps = 12e6;
        k.links = 2;
        k.zipfExponent = 0.9;
        k.volumeTracks = 50_000;
        k.poissonArrivals = true;
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 5 * S);
        f.runUntil(6 * S);
        assertConserved(f);
        Table t = f.cycleRecording.cycles();
        assertThat(t.columns()).containsExactly("number", "box", "openS", "closeS", "sentS", "appliedS", "durationS",
                "writes", "slots", "bytes", "folding", "duplicates");
        return new ArrayList<>(t.rows());
    }
}
