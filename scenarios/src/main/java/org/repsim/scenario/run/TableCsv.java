package org.repsim.scenario.run;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of a record table's file ({@code <table>.csv}): a header line of the column names,
 * then one line per row, each value as {@link Numbers#csv} prints it (NaN and ±Infinity as an
 * empty field). Writing appends to a {@link StringBuilder}; reading streams the file one record
 * at a time, so neither needs memory proportional to the number of rows.
 */
final class TableCsv {
    private TableCsv() {
    }

    /** The header line, {@code \n}-terminated. */
    static String header(List<String> columns) {
        StringBuilder out = new StringBuilder();
        Csv.line(out, columns);
        return out.toString();
    }

    /** Appends one row's line; only ASCII characters are appended. */
    static void appendRow(StringBuilder out, double[] row) {
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                out.append(',');
            }
            out.append(Numbers.csv(row[c]));
        }
        out.append('\n');
    }

    /**
     * Checks that {@code file} starts with the header of {@code columns}.
     *
     * @throws IOException naming the file when it is missing, unreadable or has another header
     */
    static void checkHeader(Path file, List<String> columns) throws IOException {
        try (Csv.Records records = open(file)) {
            List<String> header = records.next();
            if (header == null || !header.equals(columns)) {
                throw new IOException(file.getFileName() + ": header is not " + columns);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": header is not " + columns);
        }
    }

    /**
     * Streams the rows of {@code file} to {@code visitor} in file order, parsed as
     * {@link Numbers#parseCsv} does (an empty field is NaN); the array passed is reused for the
     * next row.
     *
     * @return the number of rows
     * @throws ResultStoreException naming the file (and the line, the header being line 1) when it
     *         cannot be read, has another header, or a row has the wrong number of fields or a
     *         field that is not a number
     */
    static int forEachRow(Path file, List<String> columns, Consumer<double[]> visitor) {
        return forEachRow(file, Long.MAX_VALUE, columns, visitor);
    }

    /** {@link #forEachRow(Path, List, Consumer)} over the first {@code limitBytes} bytes of {@code file} only. */
    static int forEachRow(Path file, long limitBytes, List<String> columns, Consumer<double[]> visitor) {
        int line = 1;
        try (Csv.Records records = open(file, limitBytes)) {
            List<String> header = next(records, file, line);
            if (header == null || !header.equals(columns)) {
                throw bad(file, ": header is not " + columns);
            }
            double[] row = new double[columns.size()];
            for (List<String> fields = next(records, file, line + 1); fields != null;
                    fields = next(records, file, line + 1)) {
                line++;
                if (fields.size() != row.length) {
                    throw bad(file, " line " + line + ": " + fields.size() + " fields, header has " + row.length);
                }
                for (int c = 0; c < row.length; c++) {
                    row[c] = parse(file, line, fields.get(c));
                }
                visitor.accept(row);
            }
            return line - 1;
        } catch (NoSuchFileException e) {
            throw new ResultStoreException("cannot read " + file + ": missing", e);
        } catch (IOException e) {
            throw new ResultStoreException("cannot read " + file + ": " + Experiment.reason(e), e);
        }
    }

    private static List<String> next(Csv.Records records, Path file, int line) throws IOException {
        try {
            return records.next();
        } catch (IllegalArgumentException e) {
            throw bad(file, " line " + line + ": " + e.getMessage());
        }
    }

    private static double parse(Path file, int line, String field) {
        try {
            return Numbers.parseCsv(field);
        } catch (NumberFormatException e) {
            throw bad(file, " line " + line + ": '" + field + "' is not a number");
        }
    }

    private static ResultStoreException bad(Path file, String what) {
        return new ResultStoreException("cannot read " + file + what);
    }

    private static Csv.Records open(Path file) throws IOException {
        return open(file, Long.MAX_VALUE);
    }

    private static Csv.Records open(Path file, long limitBytes) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new Csv.Records(new InputStreamReader(limitBytes == Long.MAX_VALUE ? in : new Limited(in, limitBytes),
                StandardCharsets.UTF_8));
    }

    /**
     * The length of {@code file}'s text up to and including its last line break: the whole rows of
     * a part file that is being appended to (a row written halfway is left out).
     */
    static long wholeLines(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (end > 0) {
                long from = Math.max(0, end - buf.capacity());
                buf.clear().limit((int) (end - from));
                while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
                    // read the block fully
                }
                for (int i = buf.position() - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        return from + i + 1;
                    }
                }
                end = from;
            }
            return 0;
        }
    }

    /** The first {@code left} bytes of a stream. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
