package org.repsim.model.ordered.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** docs/model.md §4: the per-track gate admits only the oldest undispatched subtask of a track. */
class TrackGateTest {

    @Test
    void theFirstSubtaskOfATrackStartsAtOnceLaterOnesAreHeld() {
        TrackGate<String> gate = new TrackGate<>();
        assertThat(gate.add(7, "a")).isTrue();
        assertThat(gate.add(7, "b")).isFalse();
        assertThat(gate.add(8, "x")).isTrue();
        assertThat(gate.add(7, "c")).isFalse();
        assertThat(gate.held()).isEqualTo(2);
        assertThat(gate.undispatched(7)).isEqualTo(3);
        assertThat(gate.undispatched(8)).isEqualTo(1);
        assertThat(gate.tracks()).isEqualTo(2);
    }

    @Test
    void eachDispatchAdmitsTheNextHeldSubtaskOfItsTrackInCreationOrder() {
        TrackGate<String> gate = new TrackGate<>();
        gate.add(7, "a");
        gate.add(7, "b");
        gate.add(8, "x");
        gate.add(7, "c");
        assertThat(gate.dispatched(8)).isNull();
        assertThat(gate.dispatched(7)).isEqualTo("b");
        assertThat(gate.dispatched(7)).isEqualTo("c");
        assertThat(gate.held()).isZero();
        assertThat(gate.dispatched(7)).isNull();
        assertThat(gate.tracks()).isZero();
        assertThat(gate.added()).isEqualTo(4);
        assertThat(gate.admitted()).isEqualTo(4);
        assertThat(gate.dispatchedCount()).isEqualTo(4);
        assertThat(gate.heldTotal()).isEqualTo(2);
        // the track is free again: the next subtask starts at once
        assertThat(gate.add(7, "d")).isTrue();
    }

    @Test
    void dispatchingATrackWithoutAnAdmittedSubtaskIsAnEngineError() {
        TrackGate<String> gate = new TrackGate<>();
        assertThatThrownBy(() -> gate.dispatched(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("3");
        gate.add(3, "a");
        gate.dispatched(3);
        assertThatThrownBy(() -> gate.dispatched(3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> gate.add(3, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyTracksAndDeepQueuesGrowAndReuseTheirStorage() {
        TrackGate<Integer> gate = new TrackGate<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(gate.add(i % 100 + (1L << 40), i)).isEqualTo(i < 100);
            }
            assertThat(gate.tracks()).isEqualTo(100);
            assertThat(gate.held()).isEqualTo(900);
            for (int i = 0; i < 1000; i++) {
                Integer next = gate.dispatched(i % 100 + (1L << 40));
                assertThat(next).isEqualTo(i + 100 < 1000 ? i + 100 : null);
            }
            assertThat(gate.tracks()).isZero();
            assertThat(gate.held()).isZero();
        }
    }
}
