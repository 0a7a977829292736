package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.repsim.core.result.RowStore;

/**
 * The rows of a finished table file, read from the file each time they are visited: a stored
 * replication's table costs no memory however many rows it has. Read-only.
 *
 * <p>The header is checked when the store is opened; a row that cannot be parsed fails when it
 * is streamed, with a {@link ResultStoreException} naming the file and the line.
 */
final class StoredRows implements RowStore {
    private static final int UNKNOWN = -1;

    private final Path file;
    /** Bytes of the file that hold its rows (Long.MAX_VALUE: all of them). */
    private final long limitBytes;
    private final List<String> columns;
    private int size;

    private StoredRows(Path file, long limitBytes, List<String> columns, int size) {
        this.file = file;
        this.limitBytes = limitBytes;
        this.columns = List.copyOf(columns);
        this.size = size;
    }

    /**
     * The rows of {@code file}, whose header must be {@code columns}.
     *
     * @throws IOException naming the file when it is missing or its header differs
     */
    static StoredRows open(Path file, List<String> columns) throws IOException {
        TableCsv.checkHeader(file, columns);
        return new StoredRows(file, Long.MAX_VALUE, columns, UNKNOWN);
    }

    /**
     * The whole rows of {@code part}, a table file a running replication is appending to, as
     * they are now: its text up to its last line break (a row written halfway is left out, rows
     * appended later are not read), whose header must be {@code columns}.
     *
     * @throws IOException naming the file when it is missing or its header differs
     */
    static StoredRows part(Path part, List<String> columns) throws IOException {
        TableCsv.checkHeader(part, columns);
        return new StoredRows(part, TableCsv.wholeLines(part), columns, UNKNOWN);
    }

    /** The rows of a file just written with {@code size} rows (no check). */
    static StoredRows written(Path file, List<String> columns, int size) {
        return new StoredRows(file, Long.MAX_VALUE, columns, size);
    }

    /** The file the rows are read from. */
    Path file() {
        return file;
    }

    @Override
    public void add(double[] row) {
        throw new UnsupportedOperationException("the rows of " + file + " are read-only");
    }

    /** The number of rows; the first call on an opened file reads it through once. */
    @Override
    public int size() {
        if (size == UNKNOWN) {
            size = TableCsv.forEachRow(file, limitBytes, columns, row -> { });
        }
        return size;
    }

    @Override
    public void forEach(Consumer<double[]> visitor) {
        size = TableCsv.forEachRow(file, limitBytes, columns, visitor);
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("the rows of " + file + " are read-only");
    }
}
