package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupApplyGateTest {

    @Test
    void appliesACycleOnlyWhenEverySecondaryReceivedIt() {
        GroupApplyGate gate = new GroupApplyGate(3, 1);
        assertThat(gate.appliableThrough()).isZero();
        assertThat(gate.onCycleReceived(0, 1)).isZero();
        assertThat(gate.onCycleReceived(0, 2)).isZero();
        assertThat(gate.onCycleReceived(1, 1)).isZero();
        assertThat(gate.onCycleReceived(2, 1)).isEqualTo(1);
        assertThat(gate.appliableThrough()).isEqualTo(1);
        assertThat(gate.onCycleReceived(1, 2)).isZero();
        assertThat(gate.onCycleReceived(2, 2)).isEqualTo(1);
        assertThat(gate.onCycleReceived(1, 3)).isZero();
        assertThat(gate.appliableThrough()).isEqualTo(2);
    }

    @Test
    void aLaggingSecondaryReleasesSeveralCyclesAtOnce() {
        GroupApplyGate gate = new GroupApplyGate(2, 0);
        for (long k = 0; k < 4; k++) {
            assertThat(gate.onCycleReceived(0, k)).isZero();
        }
        assertThat(gate.onCycleReceived(1, 0)).isEqualTo(1);
        assertThat(gate.onCycleReceived(1, 1)).isEqualTo(1);
        assertThat(gate.receivedThrough(0)).isEqualTo(3);
    }

    @Test
    void cyclesMustArriveInOrder() {
        GroupApplyGate gate = new GroupApplyGate(2, 0);
        assertThatThrownBy(() -> gate.onCycleReceived(0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected cycle 0");
        assertThatThrownBy(() -> gate.onCycleReceived(2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
    }
}
