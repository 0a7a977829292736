package org.repsim.model.cycle.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/model.md §6b: with host counting on, each slot carries the host bytes and writes credited to
 * it (writes whose last track it holds) — folded writes add up in one slot, a duplicate slot starts
 * from zero — and a cycle's slots together carry exactly what was credited to the cycle.
 */
class HostCreditTest {

    private static CycleSwitcher switcher() {
        CycleSwitcher s = new CycleSwitcher(SwitchRules.external(),
                new CachePressure(Long.MAX_VALUE / 4, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE), 0, 0);
        s.countHostWrites();
        return s;
    }

    private static void write(CycleSwitcher s, long track, long bytes, long version) {
        assertThat(s.write(track, bytes, version, version).inCycle()).isTrue();
        s.creditHostWrite(bytes);
    }

    @Test
    void foldedWritesAddUpInTheirSlotAndADuplicateSlotStartsAfresh() {
        CycleSwitcher s = switcher();
        write(s, 7, 100, 1);
        write(s, 7, 300, 2); // folds
        write(s, 9, 50, 3);
        assertThat(s.close(10, 1)).isEqualTo(SwitchOutcome.SWITCHED);
        write(s, 7, 20, 4); // duplicate slot of track 7 in cycle 1
        assertThat(s.close(20, 2)).isEqualTo(SwitchOutcome.SWITCHED);
        long[][] carried = new long[3][2];
        for (CycleSwitcher.TakenSlot t; (t = s.takeSlot(30)) != null; ) {
            long h = t.handle();
            long[] c = carried[(int) (t.number() * 2 + (t.track() == 9 ? 1 : 0))];
            c[0] += s.slotHostBytes(h);
            c[1] += s.slotHostWrites(h);
        }
        assertThat(carried[0]).containsExactly(400, 2); // cycle 0, track 7
        assertThat(carried[1]).containsExactly(50, 1);  // cycle 0, track 9
        assertThat(carried[2]).containsExactly(20, 1);  // cycle 1, track 7
    }

    @Test
    void creditsNeedAnAcceptedWriteAndCountingOn() {
        CycleSwitcher off = new CycleSwitcher(SwitchRules.external(),
                new CachePressure(Long.MAX_VALUE / 4, 0, List.of(PressurePolicy.PACE), Long.MAX_VALUE), 0, 0);
        off.write(1, 10, 1, 0);
        assertThatThrownBy(() -> off.creditHostWrite(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> switcher().creditHostWrite(10)).isInstanceOf(IllegalStateException.class);
    }
}
