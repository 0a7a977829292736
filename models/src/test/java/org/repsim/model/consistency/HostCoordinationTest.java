package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.core.random.Distributions;
import org.repsim.core.result.Table;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.CycleSession;

/**
 * The host-coordinated switch on a timed run (docs/model.md §6a): all boxes share the cycle numbers; a
 * secondary finishes applying cycle k only after every secondary holding part of k received it
 * (group apply gate); cycles of one box are applied whole and in order; windows hold writes and
 * the measurements (window time, held writes, hold latency, readiness skew) are reported; the
 * group's {@code cycles} table has one row per box and cycle.
 */
class HostCoordinationTest {

    @Test
    void secondariesApplyCycleKOnlyAfterAllReceivedIt() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.HOST;
        k.thinkNs = 200 * US;
        k.sharedLink = false;
        k.linkBps = 400e6; // transfers take a while and differ between boxes
        GroupFixture f = new GroupFixture(k);
        // received[k] = {boxes that received k, time the last one did}; checked at each apply
        TreeMap<Long, long[]> received = new TreeMap<>();
        long[] violationsOfGate = {0};
        long[] appliesSeen = {0};
        for (CycleSession s : f.sessions) {
            s.addCommittedListener((n, now) -> received.computeIfAbsent(n, x -> new long[1])[0]++);
        }
        for (CycleSession s : f.sessions) {
            s.addAppliedListener((n, now) -> {
                appliesSeen[0]++;
                long holders = 0;
                for (CycleSession o : f.sessions) {
                    CycleRecord r = o.switcher().record(n);
                    if (r != null) {
                        holders++;
                    }
                }
                long got = received.containsKey(n) ? received.get(n)[0] : 0;
                if (got < holders) {
                    violationsOfGate[0]++;
                }
            });
        }
        f.dependentWrites(0, 500 * MS);
        f.runUntil(700 * MS);
        assertThat(appliesSeen[0]).isGreaterThan(40);
        assertThat(violationsOfGate[0]).isZero();
        long switches = f.group.coordinatedSwitch().switches();
        assertThat(switches).isGreaterThan(10);
        for (CycleSession s : f.sessions) {
            long expected = 0;
            long lastApplied = -1;
            for (CycleRecord r : f.records(s)) {
                assertThat(r.number()).as("common numbering at %s", s.name()).isEqualTo(expected++);
                assertThat(r.appliedNs()).isNotEqualTo(CycleRecord.NOT_YET).isGreaterThanOrEqualTo(lastApplied);
                lastApplied = r.appliedNs();
            }
            // every box had data in every cycle while the streams ran; the switches after they stopped
            // found every capture cycle empty and closed nothing (no empty cycle anywhere)
            assertThat(expected).isGreaterThan(switches / 2).isLessThan(switches);
            assertThat(s.conservation().holds()).isTrue();
        }
        // idle at the end: every closed cycle is applied everywhere (a switch in progress may already
        // have closed, empty, the next number at every box)
        assertThat(f.group.appliedEverywhere()).isBetween(switches - 1, switches);
        assertThat(f.group.image().violations()).isZero();
    }

    @Test
    void windowsHoldWritesAndTheSwitchIsMeasured() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.HOST;
        k.thinkNs = 100 * US;
        k.messageLatencyMeanNs = 500 * US;
        GroupFixture f = new GroupFixture(k);
        f.dependentWrites(0, 400 * MS);
        f.runUntil(400 * MS);
        double switches = f.metric("consistency.switches");
        assertThat(switches).isGreaterThan(5);
        assertThat(f.metric("consistency.window.count")).isEqualTo(switches * k.boxes);
        // a window is open from phase 1 to phase 3 at the box: at least two message round trips
        assertThat(f.metric("consistency.window.mean")).isGreaterThan(0.5e-3);
        assertThat(f.metric("consistency.heldWrites")).isPositive();
        assertThat(f.metric("host.hold.latency.mean")).isPositive()
                .isLessThanOrEqualTo(f.metric("consistency.window.max"));
        assertThat(f.metric("consistency.readinessSkew.max")).isGreaterThanOrEqualTo(0);
        assertThat(f.metric("group.cycle.duration.mean")).isGreaterThanOrEqualTo(k.minCycleTimeNs / 1e9);
        assertThat(f.metric("rpo.lag.max")).isGreaterThan(f.metric("group.cycle.duration.mean"));
        Table cycles = f.groupRecording.cycles();
        assertThat(cycles.columns()).contains("number", "box");
        assertThat(cycles.rows()).hasSize((int) (switches * k.boxes));
    }

    @Test
    void groupRejectsSessionsThatSwitchByThemselvesOrShareABox() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.NONE;
        GroupFixture f = new GroupFixture(k);
        HostCoordination hc = new HostCoordination(MS, MS, Distributions.deterministic(1000));
        assertThatThrownBy(() -> new ConsistencyGroup(f.kernel, f.signals, f.sessions, ConsistencyConfig.host("h", hc)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("external");
        assertThatThrownBy(() -> new ConsistencyGroup(f.kernel, f.signals,
                List.of(f.sessions.get(0), f.sessions.get(0)), ConsistencyConfig.none("n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share primary box");
        assertThatThrownBy(() -> new ConsistencyConfig("x", ConsistencyMode.SHUTTLE, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shuttle");
        assertThatThrownBy(() -> ConsistencyMode.ofLabel("strict"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'strict'");
        assertThatThrownBy(() -> new HostCoordination(0, MS, Distributions.deterministic(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
    }

    @Test
    void writesToVolumesOutsideTheGroupPassThroughUnchecked() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.HOST;
        GroupFixture f = new GroupFixture(k);
        org.repsim.model.Volume scratch = f.primaries.get(0).addVolume("scratch", 100, 0);
        long[] done = {0};
        for (int i = 0; i < 50; i++) {
            long at = i * MS;
            f.kernel.at(at, org.repsim.core.kernel.Tie.ARRIVAL, () -> f.host.issue(
                    f.host.newIo(scratch, 0, 1, 4_096, true, f.host.newStream(), -1), io -> done[0]++));
        }
        f.runUntil(100 * MS);
        assertThat(done[0]).isEqualTo(50);
        assertThat(f.group.image().rules().taggedWrites()).isZero();
        assertThat(f.sessions.get(0).switcher().lastClosed()).isNull();
    }
}
