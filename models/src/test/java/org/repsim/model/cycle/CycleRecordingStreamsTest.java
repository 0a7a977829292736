package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.cycle.CycleFixture.MS;
import static org.repsim.model.cycle.CycleFixture.S;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.Table;
import org.repsim.model.cycle.rules.SwitchRules;

/**
 * The cycles table streams (docs/performance.md "Memory": memory must not grow with simulated time): a session
 * keeps only the cycles in progress, each settled cycle's row goes to the table's store as the
 * run proceeds, and the table and metrics at the end cover every cycle closed.
 */
class CycleRecordingStreamsTest {

    @Test
    void aLongRunKeepsOnlyTheCyclesInProgressAndTheTableGetsEveryCycle() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(50 * MS);
        k.poissonArrivals = true;
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 30 * S);
        int mostInProgress = 0;
        List<Integer> rowsSeen = new ArrayList<>();
        for (long t = S; t <= 30 * S; t += S) {
            f.runUntil(t);
            mostInProgress = Math.max(mostInProgress, f.session.switcher().records().size());
            rowsSeen.add(f.cycleRecords.handedOut(0).size());
        }
        long closed = f.session.switcher().cyclesClosed();
        assertThat(closed).as("cycles closed").isGreaterThan(400);
        // legacy switching: the capture cycle's predecessor in transmit or apply, and the one before
        assertThat(mostInProgress).as("records held by the session at any second").isLessThanOrEqualTo(3);
        assertThat(rowsSeen.get(rowsSeen.size() - 1)).as("rows added while running").isGreaterThan((int) closed - 4);
        assertThat(rowsSeen).isSorted();

        Table t = f.cycleRecording.cycles();
        assertThat(t.size()).isEqualTo((int) closed);
        assertThat(f.session.switcher().records()).isEmpty();
        double[] previous = {-1};
        t.forEachRow(row -> {
            assertThat(row[0]).as("close order").isGreaterThan(previous[0]);
            previous[0] = row[0];
        });
        double count = f.metric("cycle.count");
        assertThat(count).isEqualTo(closed);
    }

    @Test
    void theWarmUpResetDropsTheRowsOfCyclesClosedBeforeIt() {
        CycleFixture.Knobs k = new CycleFixture.Knobs();
        k.rules = SwitchRules.legacy(100 * MS);
        CycleFixture f = new CycleFixture(k);
        f.writes(0, 5 * S);
        f.runUntil(2 * S);
        assertThat(f.cycleRecords.handedOut(0)).as("rows before the reset").isNotEmpty();
        long resetAt = f.kernel.now();
        f.recording.reset(resetAt);
        f.runUntil(5 * S);
        Table t = f.cycleRecording.cycles();
        assertThat(t.size()).isPositive();
        t.forEachRow(row -> assertThat(row[3]).as("close time of a row").isGreaterThanOrEqualTo(resetAt / 1e9));
        double count = f.metric("cycle.count");
        assertThat(count).isEqualTo(t.size());
    }
}
