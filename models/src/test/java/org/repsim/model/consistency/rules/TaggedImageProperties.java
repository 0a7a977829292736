package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;
import org.repsim.model.SeededCases.Coverage;

/**
 * Properties of the dependent-write checker (docs/model.md §8.3) over random chains, boxes and applies;
 * each property runs 300 seeded cases (see {@link SeededCases}).
 */
class TaggedImageProperties {

    private static final int STREAMS = 4;
    private static final int BOXES = 3;

    /**
     * Consistent tagging — a dependent write's tag is ≥ its predecessor's and above what is
     * applied, applies go in tag order for the whole group — never gives a violation. Action
     * {@code a}: {@code a < 80} is a write of stream {@code a % 4} on box {@code (a / 4) % 3} with
     * tag raised by {@code (a / 12) % 3}; otherwise the group applies through a tag between the
     * applied one and the highest used. 0..300 actions.
     */
    @Test
    void consistentTaggingAndOrderedGroupAppliesGiveNoViolation() {
        SeededCases.forSeeds(300, seed ->
                consistentTaggingAndOrderedGroupAppliesGiveNoViolation(
                        SeededCases.ints(new SplittableRandom(seed), 0, 300, 0, 99)));
    }

    private static void consistentTaggingAndOrderedGroupAppliesGiveNoViolation(List<Integer> actions) {
        TaggedImage c = new TaggedImage(BOXES);
        long[] next = new long[STREAMS];
        long[] lastTag = new long[STREAMS];
        long applied = -1;
        long maxTag = 0;
        for (int a : actions) {
            if (a < 80) {
                int stream = a % STREAMS;
                long tag = Math.max(lastTag[stream], applied + 1) + (a / 12) % 3;
                c.onWriteTagged(stream, next[stream]++, (a / 4) % BOXES, tag, a, 0);
                lastTag[stream] = tag;
                maxTag = Math.max(maxTag, tag);
            } else if (maxTag > applied) {
                applied += 1 + (a % (maxTag - applied));
                assertThat(c.onGroupApplied(applied)).isZero();
                assertThat(c.consistentNow()).isTrue();
            }
        }
        c.onGroupApplied(Math.max(applied, maxTag));
        assertThat(c.violations()).isZero();
        assertThat(c.storedRecords()).as("nothing kept once all is applied").isZero();
        assertThat(c.pendingWrites()).isZero();
    }

    /**
     * Deliberately inconsistent tagging: somewhere in a chain a write gets a smaller tag than its
     * predecessor (on another box or the same). Applying tag by tag then shows violations; a chain
     * without a drop shows none. 300 cases of 2..60 tags in 0..20; every fourth case sorts its tags
     * (so chains without a drop are as common as with), plus the size-2 edges.
     */
    @Test
    void aTagDropAlongAChainIsDetected() {
        Coverage coverage = new Coverage();
        List<List<Integer>> edges = List.of(List.of(0, 0), List.of(20, 0), List.of(0, 20), List.of(20, 20));
        for (List<Integer> tags : edges) {
            coverage.count("drop", aTagDropAlongAChainIsDetected(tags, 0));
            coverage.endCase();
        }
        SeededCases.forSeeds(300, seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> tags = new ArrayList<>(SeededCases.ints(r, 2, 60, 0, 20));
            if (seed % 4 == 0) {
                tags.sort(null);
            }
            int boxSeed = SeededCases.intIn(r, 0, 1000);
            coverage.count("drop", aTagDropAlongAChainIsDetected(tags, boxSeed));
            coverage.endCase();
        });
        coverage.assertPercentAbove("drop", 50);
        assertThat(coverage.hits("drop")).as("chains without a drop").isLessThan(304 - 50);
    }

    /** Returns whether the chain had a drop. */
    private static boolean aTagDropAlongAChainIsDetected(List<Integer> tags, int boxSeed) {
        boolean drops = false;
        for (int i = 1; i < tags.size(); i++) {
            drops |= tags.get(i) < tags.get(i - 1);
        }
        TaggedImage c = new TaggedImage(BOXES);
        List<Integer> boxes = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            int box = (boxSeed + i * 7) % BOXES;
            boxes.add(box);
            c.onWriteTagged(0, i, box, tags.get(i), 1, i);
        }
        for (long t = 0; t <= 20; t++) {
            c.onGroupApplied(t);
        }
        if (drops) {
            assertThat(c.violations()).isPositive();
        } else {
            assertThat(c.violations()).isZero();
        }
        assertThat(c.storedRecords()).isZero();
        assertThat(boxes).hasSize(tags.size());
        return drops;
    }

    /**
     * Mode {@code none} cross-check against a brute-force image: after every per-box apply the
     * checker's "consistent now" equals a direct prefix test on the full write list. 300 cases of
     * 0..200 actions; some per-box applies must leave the image inconsistent.
     */
    @Test
    void perBoxAppliesMatchABruteForcePrefixCheck() {
        Coverage coverage = new Coverage();
        SeededCases.forSeeds(300, seed -> {
            coverage.count("violation", perBoxAppliesMatchABruteForcePrefixCheck(
                    SeededCases.ints(new SplittableRandom(seed), 0, 200, 0, 99)) > 0);
            coverage.endCase();
        });
        coverage.assertSeen("violation");
        assertThat(coverage.hits("violation")).as("cases without a violation").isLessThan(300);
    }

    /** Returns the number of violations seen. */
    private static long perBoxAppliesMatchABruteForcePrefixCheck(List<Integer> actions) {
        TaggedImage c = new TaggedImage(BOXES);
        long[] next = new long[STREAMS];
        long[] boxTag = new long[BOXES];
        long[] applied = {-1, -1, -1};
        List<long[]> all = new ArrayList<>(); // {stream, index, box, tag}
        long expectedViolations = 0;
        for (int a : actions) {
            if (a < 70) {
                int stream = a % STREAMS;
                int box = (a / 4) % BOXES;
                all.add(new long[] {stream, next[stream], box, boxTag[box]});
                c.onWriteTagged(stream, next[stream]++, box, boxTag[box], 1, 0);
            } else if (a < 85) {
                boxTag[a % BOXES]++; // a box switches its own cycle
            } else {
                int box = a % BOXES;
                long through = boxTag[box] - 1;
                if (through > applied[box]) {
                    // brute force: writes entering now whose chain has an earlier write outside the image
                    long[] after = applied.clone();
                    after[box] = through;
                    for (long[] w : all) {
                        boolean enters = w[2] == box && w[3] > applied[box] && w[3] <= through;
                        if (enters && hasEarlierAbsent(all, w, after)) {
                            expectedViolations++;
                        }
                    }
                    applied[box] = through;
                    c.onApplied(box, through);
                    assertThat(c.violations()).isEqualTo(expectedViolations);
                    assertThat(c.consistentNow()).isEqualTo(prefixImage(all, applied));
                }
            }
        }
        return expectedViolations;
    }

    private static boolean inImage(long[] w, long[] applied) {
        return w[3] <= applied[(int) w[2]];
    }

    private static boolean hasEarlierAbsent(List<long[]> all, long[] w, long[] applied) {
        for (long[] v : all) {
            if (v[0] == w[0] && v[1] < w[1] && !inImage(v, applied)) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefixImage(List<long[]> all, long[] applied) {
        for (long[] w : all) {
            if (inImage(w, applied) && hasEarlierAbsent(all, w, applied)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Data loss from the per-tag counts of independent writes equals a brute-force count over
     * every write: at each step a write is tagged on a random box (tags mostly growing, now and
     * then an older one, or a far larger one as an owed write's), a random write awaiting
     * acknowledgement is acknowledged, or a box (or the group) applies through a random tag;
     * after each step the loss at the current time matches writes acknowledged and not applied.
     * Chained writes on a stream are mixed in. 300 cases of 0..400 steps.
     */
    @Test
    void dataLossOfIndependentWritesMatchesABruteForceCount() {
        SeededCases.forSeeds(300, seed -> dataLossMatchesBruteForce(new SplittableRandom(seed)));
    }

    private static final long OWED = 1L << 40;

    private static void dataLossMatchesBruteForce(SplittableRandom r) {
        TaggedImage c = new TaggedImage(BOXES);
        // brute force: per write {box, tag, bytes, ackNs (-1 before)}, and its handle
        List<long[]> writes = new ArrayList<>();
        List<Long> handles = new ArrayList<>();
        long[] applied = {-1, -1, -1};
        long[] topTag = new long[BOXES];
        long chainNext = 0;
        long now = 0;
        int steps = r.nextInt(401);
        for (int step = 0; step < steps; step++) {
            now += r.nextInt(3);
            int kind = r.nextInt(10);
            if (kind < 5) {
                int box = r.nextInt(BOXES);
                int pick = r.nextInt(40);
                long tag = pick < 5 ? applied[box] + 1 // older than the newest: out of order
                        : pick == 5 ? OWED // far above the others, as an owed write's
                        : Math.max(topTag[box], applied[box] + 1) + r.nextInt(2);
                if (tag != OWED) {
                    topTag[box] = Math.max(topTag[box], tag);
                }
                long bytes = 1 + r.nextInt(1000);
                boolean chained = r.nextInt(4) == 0;
                long h = chained ? c.onWriteTagged(0, chainNext++, box, tag, bytes, now)
                        : c.onWriteTagged(TaggedImage.INDEPENDENT, 0, box, tag, bytes, now);
                writes.add(new long[] {box, tag, bytes, -1});
                handles.add(h);
            } else if (kind < 8) {
                List<Integer> unacked = new ArrayList<>();
                for (int w = 0; w < writes.size(); w++) {
                    if (writes.get(w)[3] < 0) {
                        unacked.add(w);
                    }
                }
                if (!unacked.isEmpty()) {
                    int w = unacked.get(r.nextInt(unacked.size()));
                    writes.get(w)[3] = now;
                    c.onAcknowledged(handles.get(w), now);
                }
            } else if (kind == 8) {
                int box = r.nextInt(BOXES);
                applied[box] = Math.max(applied[box], applied[box] + r.nextInt(3));
                c.onApplied(box, applied[box]);
            } else {
                long through = applied[r.nextInt(BOXES)] + r.nextInt(3);
                for (int b = 0; b < BOXES; b++) {
                    applied[b] = Math.max(applied[b], through);
                }
                c.onGroupApplied(through);
            }
            long lost = 0;
            long bytes = 0;
            long oldest = Long.MAX_VALUE;
            long newest = Long.MIN_VALUE;
            for (long[] w : writes) {
                if (w[3] >= 0 && w[1] > applied[(int) w[0]]) {
                    lost++;
                    bytes += w[2];
                    oldest = Math.min(oldest, w[3]);
                    newest = Math.max(newest, w[3]);
                }
            }
            DataLoss d = c.lossAt(now);
            assertThat(d.lostWrites()).as("lost writes after step %d", step).isEqualTo(lost);
            assertThat(d.lostBytes()).as("lost bytes after step %d", step).isEqualTo(bytes);
            assertThat(d.oldestLostAckNs()).isEqualTo(lost == 0 ? -1 : oldest);
            assertThat(d.newestLostAckNs()).isEqualTo(lost == 0 ? -1 : newest);
        }
    }
}
