package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;

/**
 * Properties of the shuttle (docs/model.md §6b) over random write patterns and ring sizes. An action
 * {@code a} in 0..99 is a host write at entity {@code a % n} of {@code a + 1} bytes when
 * {@code a < 60}, otherwise one shuttle hop after {@code (a - 60) * 10} ns. Each property runs
 * seeded cases (see {@link SeededCases}: sizes and values mix in their bounds).
 */
class ShuttleProperties {

    private static final int WRITE_LIMIT = 60;

    /** 300 cases: ring of 1..8, minNumberTime 0..300 ns, 0..400 actions in 0..99. */
    @Test
    void numbersCloseConsecutivelyAfterAFullRoundNeverEmptyWithExactFinalTotals() {
        SeededCases.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int ringSize = SeededCases.intIn(r, 1, 8);
            int minNumberTimeNs = SeededCases.intIn(r, 0, 300);
            List<Integer> actions = SeededCases.ints(r, 0, 400, 0, 99);
            numbersCloseConsecutivelyAfterAFullRoundNeverEmptyWithExactFinalTotals(ringSize, minNumberTimeNs, actions);
        });
    }

    private static void numbersCloseConsecutivelyAfterAFullRoundNeverEmptyWithExactFinalTotals(
            int ringSize, int minNumberTimeNs, List<Integer> actions) {
        Shuttle shuttle = new Shuttle(ringSize, new ShuttleRules(minNumberTimeNs, AckRule.AFTER_ROUND));
        TreeMap<Long, long[]> tagged = new TreeMap<>(); // seq -> {bytes, writes} actually tagged
        List<ArrayDeque<Long>> unacked = new ArrayList<>();
        long[] lastTag = new long[ringSize];
        for (int e = 0; e < ringSize; e++) {
            unacked.add(new ArrayDeque<>());
        }
        Drive d = new Drive();
        for (int a : actions) {
            if (a < WRITE_LIMIT) {
                int e = a % ringSize;
                long tag = shuttle.onHostWrite(e, a + 1);
                assertThat(tag).as("tags of one entity never decrease").isGreaterThanOrEqualTo(lastTag[e]);
                lastTag[e] = tag;
                long[] t = tagged.computeIfAbsent(tag, k -> new long[2]);
                t[0] += a + 1;
                t[1]++;
                unacked.get(e).add(tag);
            } else {
                d.hop(shuttle, (a - WRITE_LIMIT) * 10L, tagged, unacked, minNumberTimeNs);
            }
        }
        // Without new writes the open number closes (if it has data) within one round and a
        // half, and every closed number becomes final one round after its close.
        for (int i = 0; i < 3 * ringSize + 2; i++) {
            d.hop(shuttle, minNumberTimeNs + 1, tagged, unacked, minNumberTimeNs);
        }
        assertThat(tagged.keySet()).as("every tagged number was closed").allMatch(s -> s < shuttle.seq());
        assertThat(d.finals).hasSize((int) shuttle.numbersClosed());
        assertThat(d.closes).hasSize((int) shuttle.numbersClosed());
        // Every closed number carried exactly the writes tagged with it, and nothing is tagged
        // with a number that is neither closed nor the current one.
        assertThat(tagged.keySet()).allMatch(s -> s <= shuttle.seq());
    }

    /** State of the property driver: what the test saw the shuttle do. */
    private static final class Drive {
        long nowNs;
        long visitIndex;
        long lastAdvanceNs = Long.MIN_VALUE;
        long seqOpenedAtVisit = 1;
        final List<Long> closes = new ArrayList<>();
        final List<NumberTotal> finals = new ArrayList<>();

        void hop(Shuttle shuttle, long delayNs, TreeMap<Long, long[]> tagged,
                 List<ArrayDeque<Long>> unacked, long minNumberTimeNs) {
            nowNs += delayNs;
            int e = shuttle.nextEntity();
            ShuttleVisit v = shuttle.onArrival(e, nowNs);
            visitIndex++;
            if (lastAdvanceNs == Long.MIN_VALUE) {
                lastAdvanceNs = nowNs; // the first number opens at the first arrival
            }
            if (v.advanced()) {
                long expected = closes.isEmpty() ? 0 : closes.get(closes.size() - 1) + 1;
                assertThat(v.closedSeq()).as("closed numbers are consecutive").isEqualTo(expected);
                assertThat(visitIndex - seqOpenedAtVisit)
                        .as("number %d closed only after a full round", v.closedSeq())
                        .isGreaterThanOrEqualTo(shuttle.entityCount());
                long[] t = tagged.get(v.closedSeq());
                assertThat(t).as("a closed number is never empty").isNotNull();
                assertThat(t[1]).isPositive();
                assertThat(nowNs - lastAdvanceNs).as("minNumberTime honoured").isGreaterThanOrEqualTo(minNumberTimeNs);
                assertThat(v.seq()).isEqualTo(v.closedSeq() + 1);
                closes.add(v.closedSeq());
                lastAdvanceNs = nowNs;
                seqOpenedAtVisit = visitIndex;
            }
            if (v.finalTotal() != null) {
                NumberTotal f = v.finalTotal();
                assertThat(f.seq()).as("finals in order").isEqualTo(finals.size());
                assertThat(closes).contains(f.seq());
                long[] t = tagged.get(f.seq());
                assertThat(new long[] {f.bytes(), f.writes()}).as("final total of %d", f.seq()).containsExactly(t);
                assertThat(shuttle.minCurSeq()).as("nothing can be tagged %d any more", f.seq())
                        .isGreaterThan(f.seq());
                finals.add(f);
            }
            // ack: after-round — the consistency argument of §6b.
            ArrayDeque<Long> waiting = unacked.get(e);
            assertThat(v.writesToAcknowledge()).isEqualTo(waiting.size());
            while (!waiting.isEmpty()) {
                long tag = waiting.poll();
                assertThat(tag).isEqualTo(v.acknowledgedTag());
                for (int other = 0; other < shuttle.entityCount(); other++) {
                    assertThat(shuttle.curSeq(other))
                            .as("at ack of a write tagged %d every entity tags >= it", tag)
                            .isGreaterThanOrEqualTo(tag);
                }
            }
        }
    }

    /**
     * End to end with dependent chains: shuttle (after-round) → transfers delivered in random
     * order → commit tracker → checker. Zero violations, and everything applied in the end.
     * Action {@code a}: {@code a < 50} issue/continue stream {@code a % 5} at entity
     * {@code (a / 5) % n}; {@code 50..79} one hop; {@code 80..99} deliver a random pending transfer.
     * 200 cases: ring of 1..6, 0..500 actions.
     */
    @Test
    void afterRoundChainsStayConsistentThroughCommit() {
        SeededCases.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int ringSize = SeededCases.intIn(r, 1, 6);
            List<Integer> actions = SeededCases.ints(r, 0, 500, 0, 99);
            Pipeline p = new Pipeline(ringSize, AckRule.AFTER_ROUND);
            for (int a : actions) {
                p.act(a);
            }
            p.drain();
            assertThat(p.checker.violations()).isZero();
            assertThat(p.checker.inconsistentApplies()).isZero();
            assertThat(p.checker.storedRecords()).isZero();
            assertThat(p.commits.pendingNumbers()).isZero();
        });
    }

    /** 200 cases: ring of 1..6, 0..500 actions. */
    @Test
    void immediateAckNeverBreaksTheCheckerBookkeeping() {
        SeededCases.forSeeds(200, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int ringSize = SeededCases.intIn(r, 1, 6);
            List<Integer> actions = SeededCases.ints(r, 0, 500, 0, 99);
            Pipeline p = new Pipeline(ringSize, AckRule.IMMEDIATE);
            for (int a : actions) {
                p.act(a);
            }
            p.drain();
            // Violations may or may not occur here; the image still ends complete and consistent.
            assertThat(p.checker.storedRecords()).isZero();
            assertThat(p.checker.consistentNow()).isTrue();
            assertThat(p.checker.writesApplied()).isEqualTo(p.checker.writesTagged());
        });
    }

    /** A tiny hand-driven engine around Shuttle, ShuttleCommitTracker and TaggedImage. */
    static final class Pipeline {
        static final int STREAMS = 5;
        final Shuttle shuttle;
        final ShuttleCommitTracker commits;
        final TaggedImage checker;
        final long[] nextIndex = new long[STREAMS];
        final boolean[] waitingAck = new boolean[STREAMS];
        final List<ArrayDeque<long[]>> heldAcks = new ArrayList<>(); // {stream, handle}
        final List<long[]> inFlight = new ArrayList<>(); // {entity, seq, bytes}
        final List<TreeMap<Long, Long>> receivedBySecondary = new ArrayList<>();
        final List<TreeMap<Long, Long>> writesBySecondary = new ArrayList<>();
        long nowNs;
        int pick;

        Pipeline(int ringSize, AckRule ack) {
            shuttle = new Shuttle(ringSize, new ShuttleRules(0, ack));
            commits = new ShuttleCommitTracker(ringSize, 0);
            checker = new TaggedImage(ringSize);
            for (int e = 0; e < ringSize; e++) {
                heldAcks.add(new ArrayDeque<>());
                receivedBySecondary.add(new TreeMap<>());
                writesBySecondary.add(new TreeMap<>());
            }
        }

        void act(int a) {
            nowNs += 7;
            int n = shuttle.entityCount();
            if (a < 50) {
                int stream = a % STREAMS;
                if (waitingAck[stream]) {
                    return;
                }
                int entity = (a / STREAMS) % n;
                long size = 1 + a;
                long tag = shuttle.onHostWrite(entity, size);
                long handle = checker.onWriteTagged(stream, nextIndex[stream]++, entity, tag, size, nowNs);
                if (shuttle.ackRule() == AckRule.IMMEDIATE) {
                    checker.onAcknowledged(handle, nowNs);
                } else {
                    waitingAck[stream] = true;
                    heldAcks.get(entity).add(new long[] {stream, handle});
                }
            } else if (a < 80) {
                hop();
            } else if (!inFlight.isEmpty()) {
                pick = (pick * 31 + a) % inFlight.size();
                deliver(inFlight.remove(pick));
            }
        }

        void hop() {
            int e = shuttle.nextEntity();
            ShuttleVisit v = shuttle.onArrival(e, nowNs);
            ArrayDeque<long[]> held = heldAcks.get(e);
            assertThat(v.writesToAcknowledge()).isEqualTo(held.size());
            while (!held.isEmpty()) {
                long[] h = held.poll();
                checker.onAcknowledged(h[1], nowNs);
                waitingAck[(int) h[0]] = false;
            }
            if (v.transferable() != null) {
                inFlight.add(new long[] {e, v.transferable().seq(), v.transferable().bytes(), v.transferable().writes()});
            }
            if (v.finalTotal() != null) {
                apply(commits.onFinalTotal(v.finalTotal()));
            }
        }

        void deliver(long[] transfer) {
            int secondary = (int) transfer[0];
            long total = receivedBySecondary.get(secondary).merge(transfer[1], transfer[2], Long::sum);
            long writes = writesBySecondary.get(secondary).merge(transfer[1], transfer[3], Long::sum);
            apply(commits.onReceivedCount(secondary, new NumberTotal(transfer[1], total, writes)));
        }

        void apply(int newlyCommitted) {
            if (newlyCommitted > 0) {
                checker.onGroupApplied(commits.committedThrough());
            }
        }

        /**
         * No new writes: a tagged number closes within two rounds (an entity first sees its
         * number, then closes it on the next visit), is final one round later, and commits once
         * its transfers are delivered.
         */
        void drain() {
            for (int i = 0; i < 4 * shuttle.entityCount() + 4; i++) {
                hop();
                while (!inFlight.isEmpty()) {
                    deliver(inFlight.remove(inFlight.size() - 1));
                }
            }
        }
    }
}
