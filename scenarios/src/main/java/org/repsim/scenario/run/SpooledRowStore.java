package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.repsim.core.result.RowStore;

/**
 * The rows of one table of a running replication, appended to a part file
 * ({@code <table>.csv.part}) as they are added, so the heap holds at most one buffer of text
 * ({@value #FLUSH_CHARS} characters) whatever the number of rows.
 *
 * <p>Invariant: the part file followed by the pending buffer is exactly the text
 * {@link RunFiles#tableCsv} gives for the rows added since the last {@link #clear} (header, then
 * one {@link TableCsv#appendRow} line per row), so the finished file is byte-identical to what an
 * in-memory table of the same rows would be written as.
 *
 * <p>Life: open (rows may be added, cleared and read back) → {@link #finish} (the part is moved
 * to the table's file, which later reads come from; read-only) or {@link #discard} (the part is
 * deleted; nothing can be read). Not thread-safe: a replication uses its stores on its own thread.
 */
final class SpooledRowStore implements RowStore {
    /** Suffix of a table file still being written: never mistaken for a result. */
    static final String PART = ".part";
    static final int FLUSH_CHARS = 1 << 16;

    private final Path part;
    private final List<String> columns;
    private final long headerBytes;
    private final StringBuilder pending = new StringBuilder();
    /** Open while rows may be added; null once finished, discarded or failed to finish. */
    private FileChannel channel;
    private int rows;
    /** The finished file's rows; null until {@link #finish} succeeded. */
    private StoredRows finished;
    private boolean discarded;

    private SpooledRowStore(Path part, List<String> columns, FileChannel channel, long headerBytes) {
        this.part = part;
        this.columns = List.copyOf(columns);
        this.channel = channel;
        this.headerBytes = headerBytes;
    }

    /** Creates (or empties) {@code part} and writes the header of {@code columns} to it. */
    static SpooledRowStore create(Path part, List<String> columns) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table has at least one column");
        }
        FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        byte[] header = TableCsv.header(columns).getBytes(StandardCharsets.UTF_8);
        try {
            writeFully(ch, header);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(part);
            throw e;
        }
        return new SpooledRowStore(part, columns, ch, header.length);
    }

    @Override
    public void add(double[] row) {
        requireOpen();
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, table has " + columns.size()
                    + " columns");
        }
        TableCsv.appendRow(pending, row);
        rows++;
        if (pending.length() >= FLUSH_CHARS) {
            try {
                flush();
            } catch (IOException e) {
                throw new ResultStoreException("cannot write " + part + ": " + Experiment.reason(e), e);
            }
        }
    }

    @Override
    public int size() {
        return rows;
    }

    /** Reads the rows back from the file (the part, or the finished file), exactly as written. */
    @Override
    public void forEach(Consumer<double[]> visitor) {
        if (finished != null) {
            finished.forEach(visitor);
            return;
        }
        requireOpen();
        try {
            flush();
        } catch (IOException e) {
            throw new ResultStoreException("cannot write " + part + ": " + Experiment.reason(e), e);
        }
        TableCsv.forEachRow(part, columns, visitor);
    }

    /** Drops every row: the part file is truncated back to its header. */
    @Override
    public void clear() {
        requireOpen();
        pending.setLength(0);
        try {
            channel.truncate(headerBytes);
            channel.position(headerBytes);
        } catch (IOException e) {
            throw new ResultStoreException("cannot write " + part + ": " + Experiment.reason(e), e);
        }
        rows = 0;
    }

    /** The file the rows are in now: the part while open, the table's file once finished. */
    Path file() {
        return finished != null ? finished.file() : part;
    }

    /** True while rows may still be added (neither finished nor discarded). */
    boolean isOpen() {
        return channel != null;
    }

    /**
     * Completes the file: writes what is pending, forces it to the device, closes it, computes
     * its SHA-256 by streaming it, and renames it atomically to {@code target}; later reads come
     * from {@code target}.
     *
     * @return the file's SHA-256, lower-case hex
     */
    String finish(Path target) throws IOException {
        requireOpen();
        FileChannel ch = channel;
        channel = null;
        try (ch) {
            writeFully(ch, pendingBytes());
            ch.force(true);
        }
        String digest = RunFiles.sha256(part);
        AtomicFiles.replace(part, target);
        finished = StoredRows.written(target, columns, rows);
        return digest;
    }

    /** Deletes the part file, best effort, unless the store was finished. Idempotent. */
    void discard() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // deleting is what matters
            }
            channel = null;
        }
        discarded = true;
        if (finished == null) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // best effort: a .part file is never taken for a result
            }
        }
    }

    private void flush() throws IOException {
        writeFully(channel, pendingBytes());
    }

    /**
     * Writes the rows added so far to the part now (a partial report reads the part: rows held
     * back until a block fills would not show); a store no longer open has nothing to write.
     */
    void flushRows() throws IOException {
        if (channel != null && pending.length() > 0) {
            flush();
        }
    }

    /** The pending text as bytes (row text is ASCII), emptying the buffer. */
    private byte[] pendingBytes() {
        byte[] bytes = pending.toString().getBytes(StandardCharsets.US_ASCII);
        pending.setLength(0);
        return bytes;
    }

    private void requireOpen() {
        if (channel == null) {
            String state = finished != null ? "finished" : discarded ? "discarded" : "failed to finish";
            throw new IllegalStateException("table file " + part + " is no longer open (" + state + ")");
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
