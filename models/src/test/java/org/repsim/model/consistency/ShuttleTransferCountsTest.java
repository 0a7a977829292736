package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.cycle.TransferFault;

/**
 * docs/model.md §6b: the secondaries commit a number on the host bytes and writes their transfers
 * actually carried. Replayed from the event log with a fixed gatherer latency L: number S commits
 * at max(commit of S-1, its final total's visit + L, every secondary's commit message of S + L),
 * for every number; a delayed transfer holds its number until it arrived; a lost one holds it for
 * ever; with the rule bypassed (each secondary reporting its primary's share) the lost transfer's
 * number commits and the checker finds the violations.
 */
class ShuttleTransferCountsTest {

    private static final long L = 200 * US;
    private static final int BOX = 1;

    /** The run's events: final totals (visit ns), commit messages per box, group commits, the fault's slot. */
    private static final class Log {
        final TreeMap<Long, Long> finalVisitNs = new TreeMap<>();
        final List<Map<Long, Long>> commitMessageNs = new ArrayList<>();
        final TreeMap<Long, Long> groupCommitNs = new TreeMap<>();
        long faultNumber = -1;
        long deliveredNs = -1;

        Log(GroupFixture f) {
            f.group.addFinalTotalListener(t -> finalVisitNs.put(t.seq(), f.kernel.now()));
            for (int b = 0; b < f.sessions.size(); b++) {
                Map<Long, Long> m = new HashMap<>();
                commitMessageNs.add(m);
                f.sessions.get(b).addCommittedListener((k, now) -> m.put(k, now));
            }
            long[] last = {-1};
            f.group.addCommitListener((through, now) -> {
                for (long k = last[0] + 1; k <= through; k++) {
                    groupCommitNs.put(k, now);
                }
                last[0] = through;
            });
        }

        /** Commit time of every number by the rule, up to {@code through}; the group's must equal it. */
        void assertReplay(long through) {
            long previous = Long.MIN_VALUE;
            for (long k = 0; k <= through; k++) {
                long ready = finalVisitNs.get(k) + L;
                for (Map<Long, Long> box : commitMessageNs) {
                    Long at = box.get(k);
                    if (at != null) {
                        ready = Math.max(ready, at + L);
                    }
                }
                long expected = Math.max(previous, ready);
                assertThat(groupCommitNs.get(k)).as("commit of number %d", k).isEqualTo(expected);
                previous = expected;
            }
        }
    }

    private static GroupFixture fixture() {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.SHUTTLE;
        k.ack = AckRule.AFTER_ROUND;
        k.boxes = 3;
        k.sharedLink = false;
        k.streams = 32;
        k.thinkNs = 200 * US;
        k.writeBytes = 3_000; // writes across two tracks: credited once, to the slot of their last track
        k.messageLatencyMeanNs = L;
        k.fixedMessageLatency = true;
        k.seed = 41;
        return new GroupFixture(k);
    }

    /** The first slot of box 1 arriving after 100 ms gets {@code what} (a delay or lost). */
    private static void faultOnce(GroupFixture f, Log log, long what) {
        f.group.injectTransferFault(BOX, (number, index) -> {
            if (log.faultNumber >= 0 || f.kernel.now() < 100 * MS) {
                return 0;
            }
            log.faultNumber = number;
            log.deliveredNs = what > 0 ? f.kernel.now() + what : -1;
            return what;
        });
    }

    @Test
    void withoutFaultsEveryNumberCommitsWhenTheCountsOfAllItsTransfersAreIn() {
        GroupFixture f = fixture();
        Log log = new Log(f);
        f.dependentWrites(0, 300 * MS);
        f.runUntil(400 * MS);
        long through = f.group.commitTracker().committedThrough();
        assertThat(through).isEqualTo(log.finalVisitNs.lastKey()).isGreaterThan(100);
        log.assertReplay(through);
        assertThat(f.group.image().violations()).isZero();
        assertThat(f.group.image().rules().pendingTaggedWrites()).isZero();
        assertThat(f.metric("shuttle.commit.wait.mean")).isPositive();
    }

    @Test
    void aDelayedTransferHoldsItsNumberUntilItArrived() {
        GroupFixture f = fixture();
        Log log = new Log(f);
        faultOnce(f, log, 30 * MS);
        f.dependentWrites(0, 300 * MS);
        f.runUntil(400 * MS);
        long s = log.faultNumber;
        assertThat(s).isPositive();
        // its box's commit message for S waited for the slot, and S for that message's count
        assertThat(log.commitMessageNs.get(BOX).get(s)).isGreaterThanOrEqualTo(log.deliveredNs);
        assertThat(log.groupCommitNs.get(s)).isGreaterThanOrEqualTo(log.deliveredNs + L)
                .isGreaterThan(log.finalVisitNs.get(s) + L + 20 * MS);
        log.assertReplay(f.group.commitTracker().committedThrough());
        assertThat(f.group.commitTracker().committedThrough()).isEqualTo(log.finalVisitNs.lastKey());
        assertThat(f.group.image().violations()).isZero();
        assertThat(f.metric("shuttle.commit.wait.max")).isGreaterThan(0.02);
    }

    @Test
    void aLostTransferKeepsItsNumberAndEveryLaterOneUncommitted() {
        GroupFixture f = fixture();
        Log log = new Log(f);
        faultOnce(f, log, TransferFault.LOST);
        f.dependentWrites(0, 300 * MS);
        f.runUntil(400 * MS);
        long s = log.faultNumber;
        assertThat(s).isPositive();
        assertThat(log.commitMessageNs.get(BOX)).as("the primary believed it sent").containsKey(s);
        assertThat(f.group.commitTracker().committedThrough()).isEqualTo(s - 1);
        assertThat(log.finalVisitNs.lastKey()).isGreaterThan(s + 20);
        assertThat(f.group.commitTracker().pendingNumbers()).isGreaterThan(20);
        log.assertReplay(s - 1);
        assertThat(f.group.image().violations()).isZero();
    }

    @Test
    void bypassingTheRuleCommitsTheIncompleteNumberAndTheCheckerSeesTheHole() {
        GroupFixture f = fixture();
        Log log = new Log(f);
        f.group.trustPrimaryCounts();
        faultOnce(f, log, TransferFault.LOST);
        f.dependentWrites(0, 300 * MS);
        f.runUntil(400 * MS);
        long s = log.faultNumber;
        assertThat(s).isPositive();
        assertThat(f.group.commitTracker().committedThrough()).isGreaterThan(s + 20);
        assertThat(f.group.image().violations()).isPositive();
    }
}
