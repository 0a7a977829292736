package org.repsim.scenario.run;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as the result files use it: comma separated, {@code \n} line ends, a header
 * line, fields quoted with {@code "} only when they contain a comma, a quote or a line break
 * (a quote inside is doubled).
 */
final class Csv {
    private Csv() {
    }

    /** Appends one line of fields. */
    static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append('\n');
    }

    static String field(String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** Parses a whole text into lines of fields; a final line end is optional. */
    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        try (Records records = new Records(new StringReader(text))) {
            for (List<String> r = records.next(); r != null; r = records.next()) {
                lines.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string cannot fail to read", e);
        }
        return lines;
    }

    /**
     * Reads records one at a time, so a file of any length is parsed in constant memory. Line
     * ends are {@code \n}, {@code \r\n} or {@code \r} (inside quotes they belong to the field); a
     * final line end is optional; a line without any character is a record of one empty field,
     * except at the very end of the text.
     */
    static final class Records implements Closeable {
        private static final int END = -1;
        private final Reader in;
        private final char[] buffer = new char[1 << 14];
        private final StringBuilder cell = new StringBuilder();
        private int position;
        private int limit;

        Records(Reader in) {
            this.in = in;
        }

        /**
         * The next record's fields, or null after the last one.
         *
         * @throws IllegalArgumentException when the text ends inside a quoted field
         */
        List<String> next() throws IOException {
            List<String> fields = new ArrayList<>();
            cell.setLength(0);
            boolean quoted = false;
            boolean lineHasContent = false;
            for (int c = read(); c != END; c = read()) {
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            cell.append('"');
                            read();
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    lineHasContent = true;
                } else if (c == ',') {
                    fields.add(cell.toString());
                    cell.setLength(0);
                    lineHasContent = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    fields.add(cell.toString());
                    return fields;
                } else {
                    cell.append((char) c);
                    lineHasContent = true;
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("unterminated quoted field");
            }
            if (lineHasContent) {
                fields.add(cell.toString());
                return fields;
            }
            return null;
        }

        private int read() throws IOException {
            int c = peek();
            if (c != END) {
                position++;
            }
            return c;
        }

        private int peek() throws IOException {
            while (position == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    return END;
                }
                position = 0;
                limit = n;
            }
            return buffer[position];
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
