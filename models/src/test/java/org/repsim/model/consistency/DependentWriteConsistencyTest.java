package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.S;
import static org.repsim.model.consistency.GroupFixture.US;

import org.junit.jupiter.api.Test;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * docs/model.md §8.3 on the timed engines: the dependent-write checker, fed by the engine (tags at
 * capture, acknowledgements to the host, group commits or per-box applies), finds no violation
 * under {@code host} and under {@code shuttle} with {@code ack: after-round} over more than 10^6
 * dependent writes on 4 boxes with random (exponential) message, hop and visit latencies; and it
 * does find violations under {@code shuttle, ack: immediate} and under {@code none}.
 *
 * <p>Load: 64 closed-loop streams (512 under the shuttle's after-round acknowledgement) with exponential think time (mean 100 µs), every write to a
 * random box, 4 KiB writes on 1 024 tracks per box (heavy folding keeps the transfers short).
 */
class DependentWriteConsistencyTest {

    private static GroupFixture.Knobs knobs(ConsistencyMode mode, AckRule ack, long seed) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = mode;
        k.ack = ack;
        k.seed = seed;
        k.thinkNs = 100 * US;
        k.minCycleTimeNs = 10 * MS;
        return k;
    }

    /** Runs until at least {@code writes} writes were tagged and the dependent streams stopped, then drains. */
    private static GroupFixture runDependent(GroupFixture.Knobs k, long untilNs) {
        GroupFixture f = new GroupFixture(k);
        f.dependentWrites(0, untilNs);
        f.runUntil(untilNs + 200 * MS);
        return f;
    }

    private static void assertConsistentAfterDrain(GroupFixture f) {
        TrackImage c = f.group.image().rules();
        assertThat(c.taggedWrites()).as("dependent writes tagged").isGreaterThanOrEqualTo(1_000_000);
        assertThat(c.chains().violations()).as("violations").isZero();
        assertThat(c.chains().inconsistentSettles()).isZero();
        assertThat(c.chains().beyondHole()).isZero();
        assertThat(f.group.appliedEverywhere()).as("group commits").isGreaterThan(50);
        // after the streams stopped everything was committed and applied everywhere
        assertThat(c.pendingTaggedWrites()).isZero();
        assertThat(f.metric("consistency.violations")).isZero();
    }

    @Test
    void hostCoordinatedSwitchKeepsEveryDependentWriteChain() {
        GroupFixture f = runDependent(knobs(ConsistencyMode.HOST, AckRule.AFTER_ROUND, 21), 2_000 * MS);
        assertConsistentAfterDrain(f);
        // windows really held writes and cycles really were common to all boxes
        assertThat(f.group.coordinatedSwitch().heldWritesTotal()).isPositive();
        assertThat(f.metric("consistency.switches")).isGreaterThan(50);
        assertThat(f.metric("group.cycle.bytes.mean")).isPositive();
        long switches = f.group.coordinatedSwitch().switches();
        for (var s : f.sessions) {
            assertThat(s.switcher().captureNumber()).isEqualTo(switches);
        }
    }

    @Test
    void shuttleWithAckAfterRoundKeepsEveryDependentWriteChain() {
        GroupFixture.Knobs k = knobs(ConsistencyMode.SHUTTLE, AckRule.AFTER_ROUND, 22);
        k.streams = 512; // each write waits up to a ring round (~1.3 ms) for its acknowledgement
        GroupFixture f = runDependent(k, 1_800 * MS);
        assertConsistentAfterDrain(f);
        assertThat(f.group.shuttle().numbersClosed()).isGreaterThan(500);
        assertThat(f.group.heldAcknowledgements()).isZero();
    }

    @Test
    void shuttleWithImmediateAckViolatesDependentWriteOrder() {
        GroupFixture.Knobs k = knobs(ConsistencyMode.SHUTTLE, AckRule.IMMEDIATE, 23);
        // a slow ring: dependent writes reach boxes the shuttle has not visited yet
        k.hopLatencyMeanNs = 2 * MS;
        GroupFixture f = runDependent(k, 300 * MS);
        assertThat(f.group.image().violations()).isPositive();
        assertThat(f.metric("consistency.violations")).isEqualTo(f.group.image().violations());
        assertThat(f.group.image().rules().chains().inconsistentSettles()).isPositive();
    }

    @Test
    void independentSwitchingViolatesDependentWriteOrder() {
        GroupFixture.Knobs k = knobs(ConsistencyMode.NONE, AckRule.AFTER_ROUND, 24);
        k.noneSkew = 0.37; // box i switches every 10 ms × (1 + 0.37 i): switches drift apart
        GroupFixture f = runDependent(k, 300 * MS);
        assertThat(f.group.image().violations()).isPositive();
        assertThat(f.metric("consistency.violations")).isEqualTo(f.group.image().violations());
    }
}
