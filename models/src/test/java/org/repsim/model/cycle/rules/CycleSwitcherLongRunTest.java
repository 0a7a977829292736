package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10^6 host writes through a legacy session with a bandwidth-limited transmit and a slow apply,
 * driven like an event engine (fixed seed): §8.2 image equality after every apply, §8.4
 * conservation at the end.
 */
class CycleSwitcherLongRunTest {

    @Test
    void aMillionWritesConserveBytesAndTheSecondaryTracksThePrimary() {
        int tracks = 4096;
        long minCycle = 1_000_000;
        CycleSwitcher s = new CycleSwitcher(SwitchRules.legacy(minCycle),
                new CachePressure(Long.MAX_VALUE / 4, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE), 1, 0);
        CycleReceiver r = new CycleReceiver();
        Random random = new Random(11);
        long[] primary = new long[tracks];
        java.util.Arrays.fill(primary, CycleReceiver.NEVER_WRITTEN);
        java.util.Map<Long, long[]> primaryAtClose = new java.util.HashMap<>();
        long now = 0;
        long version = 0;
        long mismatches = 0;
        long applyDoneAt = Long.MAX_VALUE;
        for (int i = 0; i < 1_000_000; i++) {
            now += 100;
            // hot set: a quarter of the writes go to 64 tracks, so folding and duplicates are common
            int track = random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(tracks);
            long v = ++version;
            if (!s.write(track, 4096 + random.nextInt(4) * 4096, v, now).inCycle()) {
                throw new AssertionError("ample cache must accept every write");
            }
            primary[track] = v;
            // the link sends one slot per four writes: slower than the folded write rate
            if ((i & 3) == 0) {
                CycleSwitcher.TakenSlot h = s.takeSlot(now);
                if (h != null) {
                    r.onSlotReceived(h.number(), h.track(), h.version(), h.bytes());
                    s.onSlotSent(h.handle(), now);
                }
                long n = s.takeCommit(now);
                if (n != CycleSwitcher.NONE) {
                    r.onCommit(n, now);
                    s.onCommitAcknowledged(n, now);
                }
            }
            if (now >= applyDoneAt) {
                long n = r.finishApply(now);
                s.onApplied(n, now);
                long[] expected = primaryAtClose.remove(n);
                for (int t = 0; t < tracks; t++) {
                    if (r.imageVersion(t) != expected[t]) {
                        mismatches++;
                    }
                }
                applyDoneAt = Long.MAX_VALUE;
            }
            long closing = s.captureNumber();
            SwitchOutcome o = s.trySwitch(now, r.isApplyIdle());
            if (o.switched()) {
                primaryAtClose.put(closing, primary.clone());
            }
            if ((o.switched() || o == SwitchOutcome.SKIPPED_EMPTY) && r.canStartApply()) {
                r.startApply(now);
                applyDoneAt = now + 10L * r.applyingSlots();
            }
        }
        assertThat(mismatches).isZero();
        assertThat(s.switches()).isGreaterThan(20);
        assertThat(s.folded()).isPositive();
        assertThat(s.duplicates()).isPositive();
        assertThat(r.appliedCycles()).isGreaterThan(10);
        assertThat(s.bytesAfterFolding()).isEqualTo(r.appliedBytes() + r.unappliedBytes() + s.pendingBytes());
        assertThat(s.writes()).isEqualTo(1_000_000).isEqualTo(s.slotsCreated() + s.folded());
        // slow link: cycles stretch beyond minCycleTime
        double meanCycleNs = s.records().stream().mapToLong(CycleRecord::durationNs).average().orElseThrow();
        assertThat(meanCycleNs).isGreaterThan(minCycle);
    }
}
