package org.repsim.model.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.core.measure.Measures.Cycles;
import org.repsim.core.result.Table;
import org.repsim.model.cycle.rules.CycleRecord;
import org.repsim.model.cycle.rules.CycleRecords;

/**
 * {@link PerCycleRows}: seeded sessions hand over their records in number order, interleaved at
 * random, some numbers missing; the rows are the records summed per number (brute force), each
 * number once, in number order; with a session silent past {@link PerCycleRows#MAX_OPEN}
 * numbers the oldest are written as they stand and the totals per number still add up.
 */
class PerCycleRowsTest {

    private static Table table() {
        return new Table(Cycles.PER_NUMBER_SCHEMA.name(), Cycles.PER_NUMBER_SCHEMA.columnNames(),
                Cycles.PER_NUMBER_SCHEMA.units());
    }

    private record Handed(int box, CycleRecord record) {
    }

    /** Session {@code box}'s records: numbers from..to, each kept with probability {@code keep}. */
    private static List<Handed> session(Random rnd, int box, int from, int to, double keep) {
        List<Handed> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            if (rnd.nextDouble() >= keep) {
                continue;
            }
            long open = n * 1_000_000L - rnd.nextInt(1000);
            long close = open + 1_000_000L + rnd.nextInt(1000);
            long sent = rnd.nextInt(10) == 0 ? CycleRecord.NOT_YET : close + rnd.nextInt(500_000);
            long applied = sent == CycleRecord.NOT_YET || rnd.nextInt(10) == 0 ? CycleRecord.NOT_YET
                    : sent + rnd.nextInt(500_000);
            int slots = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(300);
            long writes = slots + (slots == 0 ? 0 : rnd.nextInt(100));
            out.add(new Handed(box, CycleRecords.of(n, open, close, sent, applied, writes, slots, slots * 8192L,
                    rnd.nextInt(5))));
        }
        return out;
    }

    /** Interleaves the sessions' lists at random, each kept in its order. */
    private static List<Handed> interleave(Random rnd, List<List<Handed>> sessions) {
        List<Handed> out = new ArrayList<>();
        int[] next = new int[sessions.size()];
        int left = sessions.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int s = rnd.nextInt(sessions.size());
            if (next[s] < sessions.get(s).size()) {
                out.add(sessions.get(s).get(next[s]++));
                left--;
            }
        }
        return out;
    }

    /** The records summed per number, by brute force, in PER_NUMBER_SCHEMA's column order. */
    private static Map<Long, double[]> expected(List<Handed> handed) {
        Map<Long, List<CycleRecord>> by = new TreeMap<>();
        for (Handed h : handed) {
            by.computeIfAbsent(h.record().number(), k -> new ArrayList<>()).add(h.record());
        }
        Map<Long, double[]> out = new TreeMap<>();
        by.forEach((n, rs) -> {
            double[] r = new double[12];
            r[0] = n;
            r[1] = rs.size();
            r[2] = rs.stream().mapToDouble(c -> c.openNs() / 1e9).min().orElseThrow();
            r[3] = rs.stream().mapToDouble(c -> c.closeNs() / 1e9).max().orElseThrow();
            r[4] = rs.stream().anyMatch(c -> c.sentNs() == CycleRecord.NOT_YET) ? Double.NaN
                    : rs.stream().mapToDouble(c -> c.sentNs() / 1e9).max().orElseThrow();
            r[5] = rs.stream().anyMatch(c -> c.appliedNs() == CycleRecord.NOT_YET) ? Double.NaN
                    : rs.stream().mapToDouble(c -> c.appliedNs() / 1e9).max().orElseThrow();
            r[6] = rs.stream().mapToDouble(c -> c.durationNs() / 1e9).max().orElseThrow();
            r[7] = rs.stream().mapToLong(CycleRecord::writes).sum();
            r[8] = rs.stream().mapToLong(CycleRecord::slots).sum();
            r[9] = rs.stream().mapToLong(CycleRecord::bytes).sum();
            r[10] = r[8] == 0 ? 0 : r[7] / r[8];
            r[11] = rs.stream().mapToLong(CycleRecord::duplicates).sum();
            out.put(n, r);
        });
        return out;
    }

    @Test
    void rowsAreTheRecordsSummedPerNumberEachNumberOnceInOrder() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            int boxes = 1 + rnd.nextInt(6);
            List<List<Handed>> sessions = new ArrayList<>();
            for (int b = 0; b < boxes; b++) {
                sessions.add(session(rnd, b, 1 + rnd.nextInt(3), 60 + rnd.nextInt(40), 0.8 + 0.2 * rnd.nextDouble()));
            }
            List<Handed> handed = interleave(rnd, sessions);
            Table t = table();
            PerCycleRows rows = new PerCycleRows(t, boxes);
            int writtenBeforeFlush = -1;
            for (int i = 0; i < handed.size(); i++) {
                rows.add(handed.get(i).box(), handed.get(i).record(), true);
            }
            writtenBeforeFlush = t.size();
            rows.flush();

            Map<Long, double[]> expected = expected(handed);
            List<double[]> got = t.rows();
            assertThat(got).as("seed %d", seed).hasSize(expected.size());
            int i = 0;
            for (double[] e : expected.values()) {
                assertThat(got.get(i++)).as("seed %d number %s", seed, e[0]).containsExactly(e);
            }
            // before the end, every number all sessions had passed was written
            long complete = sessions.stream().mapToLong(s -> s.isEmpty() ? Long.MIN_VALUE
                    : s.get(s.size() - 1).record().number()).min().orElseThrow();
            long due = expected.keySet().stream().filter(n -> n <= complete).count();
            assertThat(writtenBeforeFlush).as("seed %d", seed).isEqualTo((int) due);
        }
    }

    @Test
    void aRecordBeforeTheWarmUpTellsItsSessionIsPastItsNumberButMakesNoRow() {
        Table t = table();
        PerCycleRows rows = new PerCycleRows(t, 2);
        rows.add(0, CycleRecords.of(1, 0, 10, 20, 30, 5, 4, 4 * 8192, 0), false);
        rows.add(1, CycleRecords.of(1, 0, 10, 20, 30, 5, 4, 4 * 8192, 0), true);
        assertThat(t.rows()).singleElement().satisfies(r -> {
            assertThat(r[0]).isEqualTo(1);
            assertThat(r[1]).isEqualTo(1);
        });
        rows.add(0, CycleRecords.of(2, 10, 20, 25, 35, 1, 1, 8192, 0), true);
        rows.clear();
        rows.add(1, CycleRecords.of(2, 10, 20, 25, 35, 1, 1, 8192, 0), true);
        // the warm-up reset forgot box 0's number 2: the row holds box 1's only
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(1)[1]).isEqualTo(1);
    }

    @Test
    void aSilentSessionDoesNotHoldMoreThanMaxOpenNumbers() {
        Table t = table();
        PerCycleRows rows = new PerCycleRows(t, 2);
        int many = PerCycleRows.MAX_OPEN + 904;
        List<Handed> handed = new ArrayList<>();
        for (int n = 1; n <= many; n++) {
            handed.add(new Handed(1, CycleRecords.of(n, n * 10L, n * 10L + 10, n * 10L + 12, n * 10L + 15, 3, 2,
                    2 * 8192, 0)));
        }
        for (Handed h : handed) {
            rows.add(h.box(), h.record(), true);
        }
        assertThat(t.size()).isEqualTo(many - PerCycleRows.MAX_OPEN);
        // the silent session's late record of an already written number is a row of its own
        Handed late = new Handed(0, CycleRecords.of(7, 65, 80, 90, 95, 9, 3, 3 * 8192, 1));
        rows.add(late.box(), late.record(), true);
        handed.add(late);
        assertThat(t.size()).isEqualTo(many - PerCycleRows.MAX_OPEN + 1);
        assertThat(t.rows().get(t.size() - 1)).containsExactly(7, 1, 65e-9, 80e-9, 90e-9, 95e-9, 15e-9, 9, 3,
                3 * 8192, 3, 1);
        rows.flush();
        // every number's rows, summed, are its totals
        Map<Long, double[]> expected = expected(handed);
        Map<Long, double[]> summed = new TreeMap<>();
        for (double[] r : t.rows()) {
            summed.merge((long) r[0], new double[] {r[1], r[7], r[8], r[9], r[11]}, (a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] += b[i];
                }
                return a;
            });
        }
        assertThat(summed.keySet()).isEqualTo(expected.keySet());
        expected.forEach((n, e) -> assertThat(summed.get(n)).as("number %d", n)
                .containsExactly(e[1], e[7], e[8], e[9], e[11]));
    }
}
