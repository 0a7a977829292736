package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.S;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * docs/model.md §5 "Apply timing": the same legacy session, applying committed cycles at the
 * primary's next switch or as soon as complete. Everything else being equal (same closes, same
 * commits, same apply durations, the apply pool being separate from the remote adapters), every cycle's image arrives later at-switch by exactly the wait
 * from its commit to the next switch, and so does each peak of the recovery-point lag.
 */
class ApplyTimingTest {

    private record Run(List<Long> closeNs, TreeMap<Long, Long> committedNs, TreeMap<Long, Long> appliedNs) {
    }

    private static Run run(ApplyTiming timing) {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(S);
        k.applyTiming = timing;
        // apply on its own pool, as scenarios do: on the remote adapters it would compete with the
        // next cycle's receive jobs, differently at-switch and when-complete
        k.applyPool = "apply";
        CycleFixture f = new CycleFixture(k);
        TreeMap<Long, Long> committed = new TreeMap<>();
        TreeMap<Long, Long> applied = new TreeMap<>();
        f.session.addCommittedListener((n, t) -> committed.put(n, t));
        f.session.addAppliedListener((n, t) -> applied.put(n, t));
        f.writes(0, 10 * S);
        f.runUntil(13 * S);
        assertThat(f.session.conservation().holds()).isTrue();
        return new Run(f.records(f.session).stream().map(CycleRecord::closeNs).toList(), committed, applied);
    }

    @Test
    void theLagDifferenceIsExactlyTheWaitFromCommitToTheNextSwitch() {
        Run atSwitch = run(ApplyTiming.AT_SWITCH);
        Run whenComplete = run(ApplyTiming.WHEN_COMPLETE);
        Run legacyDefault = run(null);

        assertThat(legacyDefault).as("legacy switching applies at the switch by default").isEqualTo(atSwitch);
        assertThat(atSwitch.closeNs()).hasSizeGreaterThanOrEqualTo(9).isEqualTo(whenComplete.closeNs());
        assertThat(atSwitch.committedNs()).isEqualTo(whenComplete.committedNs());

        List<Long> close = atSwitch.closeNs();
        int compared = 0;
        for (int n = 0; n + 1 < close.size(); n++) {
            long commit = whenComplete.committedNs().get((long) n);
            long nextSwitch = close.get(n + 1);
            assertThat(commit).as("cycle %d committed before the next switch", n).isLessThan(nextSwitch);
            long wait = nextSwitch - commit;
            long appliedLater = atSwitch.appliedNs().get((long) n) - whenComplete.appliedNs().get((long) n);
            assertThat(appliedLater).as("cycle %d applied later at-switch by its commit-to-switch wait", n).isEqualTo(wait);
            if (n > 0) {
                // lag peaks just before cycle n applies: now − close of cycle n − 1
                long peakAtSwitch = atSwitch.appliedNs().get((long) n) - close.get(n - 1);
                long peakWhenComplete = whenComplete.appliedNs().get((long) n) - close.get(n - 1);
                assertThat(peakAtSwitch - peakWhenComplete).isEqualTo(wait);
                assertThat(wait).isPositive();
            }
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(8);
    }
}
