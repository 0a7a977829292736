package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoordinatedSwitchTest {

    /** Runs one switch of two boxes by hand, checking each phase and the measurements. */
    @Test
    void threePhasesHoldWritesAndReleaseThemIntoTheNewCycle() {
        CoordinatedSwitch sw = new CoordinatedSwitch(2, 100, 0, 1);
        assertThat(sw.onPollDue(50)).isTrue();
        assertThat(sw.onPollReply(0, true, 60)).isEqualTo(SwitchCommand.NONE);
        assertThat(sw.onPollReply(1, true, 60)).as("minCycleTime not elapsed").isEqualTo(SwitchCommand.NONE);

        assertThat(sw.onPollDue(150)).isTrue();
        sw.onPollReply(0, true, 160);
        assertThat(sw.onPollReply(1, false, 161)).isEqualTo(SwitchCommand.NONE);

        assertThat(sw.onPollDue(250)).isTrue();
        assertThat(sw.onPollReply(0, true, 260)).isEqualTo(SwitchCommand.NONE);
        assertThat(sw.onPollReply(1, true, 270)).isEqualTo(SwitchCommand.OPEN_WINDOWS);
        assertThat(sw.onPollDue(275)).as("no poll during a switch").isFalse();

        sw.onOpenWindow(0, 280);
        assertThat(sw.onHostWrite(0, 285)).isEqualTo(CoordinatedSwitch.HELD);
        assertThat(sw.onHostWrite(1, 286)).isEqualTo(1);
        assertThatThrownBy(() -> sw.onSwitchCycle(0, 287))
                .as("no box switches before all windows are confirmed open")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("phase 2");
        assertThat(sw.onWindowOpenConfirmed(0, 290)).isEqualTo(SwitchCommand.NONE);
        sw.onOpenWindow(1, 291);
        assertThat(sw.onWindowOpenConfirmed(1, 300)).isEqualTo(SwitchCommand.SWITCH_CYCLES);

        assertThat(sw.onSwitchCycle(1, 310)).isEqualTo(2);
        assertThat(sw.onHostWrite(1, 311)).isEqualTo(CoordinatedSwitch.HELD);
        assertThat(sw.onSwitchConfirmed(1, 315)).isEqualTo(SwitchCommand.NONE);
        assertThatThrownBy(() -> sw.onCloseWindow(1, 316))
                .as("no window closes before all boxes switched")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("phase 3");
        assertThat(sw.cycleOf(0)).isEqualTo(1);
        assertThat(sw.onSwitchCycle(0, 312)).isEqualTo(2);
        assertThat(sw.onSwitchConfirmed(0, 320)).isEqualTo(SwitchCommand.CLOSE_WINDOWS);

        assertThat(sw.onCloseWindow(0, 330)).isEqualTo(1);
        assertThat(sw.cycleOf(0)).isEqualTo(2);
        assertThat(sw.onHostWrite(0, 331)).isEqualTo(2);
        assertThat(sw.onWindowCloseConfirmed(0, 335)).isEqualTo(SwitchCommand.NONE);
        assertThat(sw.onCloseWindow(1, 340)).isEqualTo(1);
        assertThat(sw.onWindowCloseConfirmed(1, 350)).isEqualTo(SwitchCommand.SWITCH_DONE);

        assertThat(sw.lastSwitch()).isEqualTo(new SwitchRecord(1, 270, 350, 270 - 60, 2, 45 + 29, 50, 99));
        assertThat(sw.lastSwitch().newCycle()).isEqualTo(2);
        assertThat(sw.lastSwitch().durationNs()).isEqualTo(80);
        assertThat(sw.groupCycle()).isEqualTo(2);
        assertThat(sw.switches()).isEqualTo(1);
        assertThat(sw.heldWritesTotal()).isEqualTo(2);
        assertThat(sw.holdLatencySumNs()).isEqualTo(74);
        assertThat(sw.windowTimeMaxNs()).isEqualTo(50);
        assertThat(sw.busy()).isFalse();

        // minCycleTime counts from the previous decision (270).
        assertThat(sw.onPollDue(360)).isTrue();
        sw.onPollReply(0, true, 365);
        assertThat(sw.onPollReply(1, true, 365)).isEqualTo(SwitchCommand.NONE);
        assertThat(sw.onPollDue(370)).isTrue();
        sw.onPollReply(0, true, 371);
        assertThat(sw.onPollReply(1, true, 371)).isEqualTo(SwitchCommand.OPEN_WINDOWS);
        assertThat(sw.switching()).isTrue();
    }

    @Test
    void rejectsConfirmationsThatDidNotHappenAndDuplicates() {
        CoordinatedSwitch sw = new CoordinatedSwitch(2, 0, 0, 0);
        assertThatThrownBy(() -> sw.onPollReply(0, true, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no poll");
        sw.onPollDue(0);
        sw.onPollReply(0, true, 1);
        assertThatThrownBy(() -> sw.onPollReply(0, true, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThat(sw.onPollReply(1, true, 3)).isEqualTo(SwitchCommand.OPEN_WINDOWS);
        assertThatThrownBy(() -> sw.onWindowOpenConfirmed(0, 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before doing it");
        assertThatThrownBy(() -> sw.onSwitchConfirmed(0, 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("OPENING");
        sw.onOpenWindow(0, 5);
        assertThatThrownBy(() -> sw.onOpenWindow(0, 6))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("phase 1");
        assertThatThrownBy(() -> sw.onHostWrite(2, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> new CoordinatedSwitch(0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 box");
    }

    /** The randomised driver of {@link CoordinatedSwitchProperties} with a fixed seed really switches. */
    @Test
    void randomDriverExercisesManySwitchesAndHeldWrites() {
        CoordinatedSwitchProperties.Driver driver = new CoordinatedSwitchProperties.Driver(42L, 4, 6, 50);
        driver.run(20_000);
        assertThat(driver.sw.switches()).isGreaterThan(20);
        assertThat(driver.sw.heldWritesTotal()).isPositive();
        assertThat(driver.checker.applies()).isGreaterThan(10);
        assertThat(driver.checker.violations()).isZero();
    }
}
