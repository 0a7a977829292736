package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repsim.core.result.Metric;
import org.repsim.core.result.RowStore;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;

/** Tables spooled to part files while a replication runs end up exactly as in-memory tables are written. */
class SpooledTablesTest {
    private static final List<String> COLUMNS = List.of("number", "duration (s)", "é,\"quoted\"", "bytes");
    private static final List<String> UNITS = List.of("count", "s", "", "bytes");
    private static final double[] SPECIAL = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 4.9e-324, 1e-300,
            2.5E9, 0.1 + 0.2, 1048576.0, -7.0};

    @TempDir
    Path tmp;

    /** Row {@code i} of a deterministic mix of special and random values. */
    private static double[] row(int i, SplittableRandom random) {
        double[] r = new double[COLUMNS.size()];
        r[0] = i;
        r[1] = SPECIAL[i % SPECIAL.length];
        r[2] = Double.longBitsToDouble(random.nextLong());
        r[3] = Math.floor(random.nextDouble() * 1e12);
        return r;
    }

    /** A value as it reads back from a file: ±Infinity has no number form and reads as NaN. */
    private static long readBack(double v) {
        return Double.doubleToLongBits(Double.isInfinite(v) ? Double.NaN : v);
    }

    /** Every value of the table as it reads back, row after row, as bits (so NaN, -0.0 compare exactly). */
    private static long[] bits(Table t) {
        List<Long> out = new ArrayList<>();
        t.forEachRow(r -> {
            for (double v : r) {
                out.add(readBack(v));
            }
        });
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static RunResult resultWith(Table t) {
        return new RunResult(3, 42L, List.of(new Metric("host.writes", 1, "count")), null, List.of(t), List.of());
    }

    @Test
    void aSpooledTableIsWrittenByteForByteAsTheSameTableInMemory() throws IOException {
        Path dir = tmp.resolve("rep");
        Table memory = new Table("cycles", COLUMNS, UNITS);
        Table spooled;
        SplittableRandom random = new SplittableRandom(7);
        try (SpooledTables stores = new SpooledTables(dir)) {
            spooled = Table.open(stores, "cycles", COLUMNS, UNITS);
            // warm-up rows, beyond one flush, then the reset
            for (int i = 0; i < 3_000; i++) {
                spooled.add(row(i, random));
            }
            assertThat(Files.size(dir.resolve("cycles.csv.part"))).isGreaterThan(SpooledRowStore.FLUSH_CHARS);
            spooled.clear();
            assertThat(spooled.size()).isZero();
            assertThat(bits(spooled)).isEmpty();
            for (int i = 0; i < 20_000; i++) {
                double[] r = row(i, random);
                spooled.add(r);
                memory.add(r);
            }
            assertThat(spooled.size()).isEqualTo(20_000);
            // read back mid-run: flushes and parses the part
            assertThat(bits(spooled)).isEqualTo(bits(memory));

            RunFiles.write(dir, "p0", resultWith(spooled));
        }

        byte[] expected = RunFiles.tableCsv(memory).getBytes(StandardCharsets.UTF_8);
        byte[] actual = Files.readAllBytes(dir.resolve("cycles.csv"));
        assertThat(actual).isEqualTo(expected);
        Map<String, String> digests = Json.read(Files.readString(dir.resolve(RunFiles.DONE)), RunFiles.Done.class).files();
        assertThat(digests).containsEntry("cycles.csv", RunFiles.sha256(expected));
        assertThat(RunFiles.isComplete(dir)).isTrue();
        assertThat(names(dir)).containsExactlyInAnyOrder("metrics.json", "cycles.csv", "done.json");

        // the table now reads from the finished file, and so does a stored replication
        assertThat(bits(spooled)).isEqualTo(bits(memory));
        Table read = RunFiles.read(dir).tables().get("cycles");
        assertThat(read.columns()).isEqualTo(COLUMNS);
        assertThat(read.units()).isEqualTo(UNITS);
        assertThat(read.size()).isEqualTo(20_000);
        assertThat(bits(read)).isEqualTo(bits(memory));
        assertThatThrownBy(() -> spooled.add(row(0, random))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInMemoryTableIsStreamedToTheSameBytesAsBefore() throws IOException {
        Table memory = new Table("cycles", COLUMNS, UNITS);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            memory.add(row(i, random));
        }
        Path dir = tmp.resolve("memory");
        RunFiles.write(dir, "p0", resultWith(memory));
        assertThat(Files.readAllBytes(dir.resolve("cycles.csv")))
                .isEqualTo(RunFiles.tableCsv(memory).getBytes(StandardCharsets.UTF_8));
        assertThat(RunFiles.isComplete(dir)).isTrue();
    }

    @Test
    void closingDeletesThePartsOfTablesNotFinishedAndTheDirectoryItCreated() {
        Path dir = tmp.resolve("failed");
        try (SpooledTables stores = new SpooledTables(dir)) {
            Table t = Table.open(stores, "cycles", COLUMNS, UNITS);
            t.add(1, 2, 3, 4);
            assertThat(dir.resolve("cycles.csv.part")).exists();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aTableOpenedButNotReturnedLeavesNoPart() throws IOException {
        Path dir = tmp.resolve("rep");
        try (SpooledTables stores = new SpooledTables(dir)) {
            Table kept = Table.open(stores, "cycles", List.of("n"), List.of("count"));
            Table.open(stores, "scratch", List.of("n"), List.of("count")).add(1);
            kept.add(5);
            RunFiles.write(dir, "p0", resultWith(kept));
        }
        assertThat(names(dir)).containsExactlyInAnyOrder("metrics.json", "cycles.csv", "done.json");
        assertThat(RunFiles.isComplete(dir)).isTrue();
    }

    @Test
    void aTableIsOpenedOnceUnderAFileName() {
        try (SpooledTables stores = new SpooledTables(tmp.resolve("rep"))) {
            stores.open("cycles", List.of("n"));
            assertThatThrownBy(() -> stores.open("cycles", List.of("n")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opened twice");
            assertThatThrownBy(() -> stores.open("../escape", List.of("n")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be a file name");
            assertThatThrownBy(() -> stores.open("metrics", List.of("n")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be a file name");
        }
    }

    @Test
    void writeKeepsTheResultsOwnPartsButRemovesStaleFiles() throws IOException {
        Path dir = tmp.resolve("rep");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunFiles.DONE), "{\"files\": {}}");
        Files.writeString(dir.resolve("leftover.csv"), "a\n1\n");
        Files.writeString(dir.resolve("old.csv.part"), "a\n1\n");
        try (SpooledTables stores = new SpooledTables(dir)) {
            Table t = Table.open(stores, "cycles", List.of("n"), List.of("count"));
            t.add(1);
            RunFiles.write(dir, "p0", resultWith(t));
        }
        assertThat(names(dir)).containsExactlyInAnyOrder("metrics.json", "cycles.csv", "done.json");
        assertThat(dir.resolve("cycles.csv")).hasContent("n\n1\n");
    }

    @Test
    void prepareRemovesTheMarkerAndEveryFileOfAnEarlierAttempt() throws IOException {
        Path dir = tmp.resolve("rep");
        RunFiles.write(dir, "p0", ResultFormatTest.tiny());
        Files.writeString(dir.resolve("cycles.csv.part"), "start_s\n");
        RunFiles.prepare(dir);
        assertThat(dir).isEmptyDirectory();
        RunFiles.prepare(tmp.resolve("absent"));
        assertThat(tmp.resolve("absent")).doesNotExist();
    }

    @Test
    void aStoredTableReadsLazilyAndABadRowNamesTheFileAndLine() throws IOException {
        Path dir = tmp.resolve("rep");
        RunFiles.write(dir, "p0", ResultFormatTest.tiny());
        Path file = dir.resolve("cycles.csv");
        Files.writeString(file, "start_s,bytes\n0.0,1.0\n1.0,x\n");
        Table t = RunFiles.read(dir).tables().get("cycles");
        List<Double> seen = new ArrayList<>();
        assertThatThrownBy(() -> t.forEachRow(r -> seen.add(r[0])))
                .isInstanceOf(ResultStoreException.class)
                .hasMessage("cannot read " + file + " line 3: 'x' is not a number");
        assertThat(seen).containsExactly(0.0);

        Files.writeString(file, "start_s,bytes\n0.0,1.0\n1.0\n");
        assertThatThrownBy(() -> t.forEachRow(r -> { }))
                .isInstanceOf(ResultStoreException.class)
                .hasMessage("cannot read " + file + " line 3: 1 fields, header has 2");

        Files.writeString(file, "start,bytes\n0.0,1.0\n");
        assertThatThrownBy(() -> RunFiles.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("cycles.csv: header is not [start_s, bytes]");
        Files.delete(file);
        assertThatThrownBy(() -> RunFiles.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("missing cycles.csv");
    }

    @Test
    void aDiscardedStoreCannotBeUsed() throws IOException {
        Path part = tmp.resolve("t.csv.part");
        SpooledRowStore s = SpooledRowStore.create(part, List.of("a"));
        s.add(new double[] {1});
        s.discard();
        assertThat(part).doesNotExist();
        RowStore store = s;
        assertThatThrownBy(() -> store.add(new double[] {2})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("discarded");
        assertThatThrownBy(() -> store.forEach(r -> { })).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
