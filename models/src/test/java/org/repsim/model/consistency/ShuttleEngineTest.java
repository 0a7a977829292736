package org.repsim.model.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repsim.model.consistency.GroupFixture.MS;
import static org.repsim.model.consistency.GroupFixture.US;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.NumberTotal;
import org.repsim.model.cycle.CycleSession;

/**
 * The shuttle engine's numbering on a timed run (docs/model.md §6b): numbers are closed in order, never
 * skipped nor reused, never empty; every final total equals the bytes and writes the sessions
 * actually tagged with that number (counted here by the test's own tag listeners); each session
 * closes, sends and applies its numbers in order; {@code minNumberTime} spaces the advances.
 */
class ShuttleEngineTest {

    /** What the group reports as it goes: (number, close time) of each close, each final total. */
    private record Watch(List<long[]> closes, List<NumberTotal> totals) {
        static Watch of(GroupFixture f) {
            Watch w = new Watch(new ArrayList<>(), new ArrayList<>());
            f.group.addCloseListener((number, now) -> w.closes.add(new long[] {number, now}));
            f.group.addFinalTotalListener(w.totals::add);
            return w;
        }
    }

    private static final java.util.Map<GroupFixture, Watch> WATCHES = new java.util.IdentityHashMap<>();

    /** Per number: {bytes, writes} tagged over all sessions, as the sessions reported them. */
    private static TreeMap<Long, long[]> tagTally(GroupFixture f) {
        WATCHES.put(f, Watch.of(f));
        TreeMap<Long, long[]> tally = new TreeMap<>();
        for (CycleSession s : f.sessions) {
            s.addWriteTagListener((io, number, now) -> {
                long[] t = tally.computeIfAbsent(number, k -> new long[2]);
                t[0] += io.sizeBytes();
                t[1]++;
            });
        }
        return tally;
    }

    private static GroupFixture.Knobs knobs(long seed) {
        GroupFixture.Knobs k = new GroupFixture.Knobs();
        k.mode = ConsistencyMode.SHUTTLE;
        k.ack = AckRule.AFTER_ROUND;
        k.seed = seed;
        k.streams = 32;
        k.thinkNs = 200 * US;
        k.writeBytes = 3_000; // not a divisor of the track: totals in host bytes, slots in written bytes
        return k;
    }

    private static void assertNumbering(GroupFixture f, TreeMap<Long, long[]> tally) {
        List<long[]> closes = WATCHES.get(f).closes();
        assertThat(closes).isNotEmpty();
        for (int i = 0; i < closes.size(); i++) {
            assertThat(closes.get(i)[0]).as("close #%d", i).isEqualTo(i); // never skipped, never reused
            if (i > 0) {
                assertThat(closes.get(i)[1]).isGreaterThanOrEqualTo(closes.get(i - 1)[1]);
            }
        }
        List<NumberTotal> totals = WATCHES.get(f).totals();
        // after the drain every closed number's total became final and was committed
        assertThat(totals).hasSize(closes.size());
        assertThat(f.group.commitTracker().committedThrough()).isEqualTo(closes.size() - 1);
        for (int i = 0; i < totals.size(); i++) {
            NumberTotal t = totals.get(i);
            assertThat(t.seq()).isEqualTo(i);
            assertThat(t.writes()).as("number %d is not empty", i).isPositive();
            long[] tagged = tally.get(t.seq());
            assertThat(tagged).as("number %d was tagged", i).isNotNull();
            assertThat(t.bytes()).as("total bytes of number %d", i).isEqualTo(tagged[0]);
            assertThat(t.writes()).as("total writes of number %d", i).isEqualTo(tagged[1]);
        }
        // nothing tagged with a number that was not closed, except the open one
        assertThat(tally.lastKey()).isLessThanOrEqualTo(f.group.shuttle().seq());
        // the cycles table (every record, handed out as cycles settled and at the end): each
        // session's numbers in close order, none empty, all applied, applied in order
        double[][] perBox = new double[f.sessions.size()][];
        for (int b = 0; b < perBox.length; b++) {
            perBox[b] = new double[] {-1, -1, 0};
        }
        f.groupRecording.cycles().forEachRow(row -> {
            double[] seen = perBox[(int) row[1]];
            String what = "session " + (int) row[1] + " number " + (long) row[0];
            assertThat(row[0]).as(what).isGreaterThan(seen[0]);
            assertThat(row[7]).as(what + " writes").isPositive();
            assertThat(row[5]).as(what + " applied").isNotNaN();
            assertThat(row[5]).as(what + " applied in order").isGreaterThanOrEqualTo(seen[1]);
            seen[0] = row[0];
            seen[1] = row[5];
            seen[2]++;
        });
        for (int b = 0; b < perBox.length; b++) {
            assertThat(perBox[b][2]).as("rows of session %d", b).isPositive();
        }
        for (CycleSession s : f.sessions) {
            assertThat(s.conservation().holds()).as("conservation %s", s.conservation()).isTrue();
        }
    }

    @Test
    void numbersAreClosedInOrderNeverEmptyAndTotalsEqualTheTaggedBytes() {
        GroupFixture f = new GroupFixture(knobs(31));
        TreeMap<Long, long[]> tally = tagTally(f);
        f.dependentWrites(0, 400 * MS);
        f.runUntil(500 * MS);
        assertNumbering(f, tally);
        assertThat(WATCHES.get(f).totals()).hasSizeGreaterThan(200);
        assertThat(f.metric("shuttle.round.mean")).isPositive();
        assertThat(f.metric("shuttle.numbersClosed")).isEqualTo(WATCHES.get(f).closes().size());
    }

    @Test
    void sparseWritesSkipEmptyNumbersInsteadOfClosingThem() {
        GroupFixture.Knobs k = knobs(32);
        k.streams = 2;
        k.thinkNs = 5 * MS; // most visits find the entity with nothing tagged
        GroupFixture f = new GroupFixture(k);
        TreeMap<Long, long[]> tally = tagTally(f);
        f.dependentWrites(0, 400 * MS);
        f.runUntil(500 * MS);
        assertNumbering(f, tally);
        assertThat(f.group.shuttle().skippedEmpty()).isPositive();
        assertThat(f.metric("shuttle.skippedEmpty")).isEqualTo(f.group.shuttle().skippedEmpty());
        assertThat(f.metric("shuttle.numbersPerRound.mean")).isLessThan(1.0);
    }

    @Test
    void minNumberTimeSpacesTheAdvances() {
        GroupFixture.Knobs k = knobs(33);
        k.minNumberTimeNs = 10 * MS;
        GroupFixture f = new GroupFixture(k);
        TreeMap<Long, long[]> tally = tagTally(f);
        f.dependentWrites(0, 400 * MS);
        f.runUntil(500 * MS);
        assertNumbering(f, tally);
        List<long[]> closes = WATCHES.get(f).closes();
        assertThat(closes.get(0)[1]).isGreaterThanOrEqualTo(10 * MS);
        for (int i = 1; i < closes.size(); i++) {
            assertThat(closes.get(i)[1] - closes.get(i - 1)[1]).isGreaterThanOrEqualTo(10 * MS);
        }
        assertThat(f.group.shuttle().deferredByMinNumberTime()).isPositive();
        // more than one round per number: folding and bytes per number grow with the number time
        assertThat(f.metric("shuttle.numbersPerRound.mean")).isLessThan(0.5);
    }

    @Test
    void immediateAcknowledgementDoesNotWaitForTheShuttle() {
        GroupFixture.Knobs k = knobs(34);
        k.ack = AckRule.IMMEDIATE;
        GroupFixture f = new GroupFixture(k);
        TreeMap<Long, long[]> tally = tagTally(f);
        f.dependentWrites(0, 200 * MS);
        f.runUntil(300 * MS);
        assertNumbering(f, tally);
        GroupFixture.Knobs after = knobs(34);
        GroupFixture g = new GroupFixture(after);
        g.dependentWrites(0, 200 * MS);
        g.runUntil(300 * MS);
        // after-round adds about half a ring round (4 hops of ~320 µs) to every write
        assertThat(g.metric("host.write.latency.mean") - f.metric("host.write.latency.mean"))
                .isGreaterThan(0.3e-3);
        assertThat(g.metric("shuttle.ack.latency.mean")).isGreaterThan(0.3e-3);
    }
}
