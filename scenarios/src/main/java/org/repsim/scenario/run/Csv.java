package org.repsim.scenario.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as the result files use it, by jackson-dataformat-csv: comma separated, {@code \n}
 * line ends, a header line, fields quoted with {@code "} only when they contain a comma, a quote
 * or a line break (a quote inside is doubled). Reading accepts {@code \n}, {@code \r\n} and
 * {@code \r} line ends; a line without any character is a record of one empty field.
 */
final class Csv {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            // quote only what must be quoted (the default also quotes spaces and long values)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final CsvSchema LINES = CsvSchema.emptySchema().withLineSeparator("\n");
    private static final ObjectWriter LINE = MAPPER.writer(LINES);
    private static final ObjectReader RECORDS = MAPPER.readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY).with(LINES);

    private Csv() {
    }

    /** Appends one line of fields. */
    static void line(StringBuilder out, List<String> fields) {
        try {
            out.append(LINE.writeValueAsString(fields));
        } catch (JacksonException e) {
            throw new IllegalStateException("a list of strings cannot fail to serialize", e);
        }
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

    /** Reads records one at a time, so a file of any length is parsed in constant memory. */
    static final class Records implements Closeable {
        private final MappingIterator<List<String>> records;

        Records(Reader in) {
            try {
                records = RECORDS.readValues(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The next record's fields, or null after the last one.
         *
         * @throws IllegalArgumentException when the text is not CSV (it ends inside a quoted field)
         */
        List<String> next() throws IOException {
            try {
                if (!records.hasNextValue()) {
                    return null;
                }
                List<String> fields = records.nextValue();
                // Jackson reads a line without any character as no field
                return fields.isEmpty() ? new ArrayList<>(List.of("")) : fields;
            } catch (JacksonException e) {
                throw new IllegalArgumentException(e.getOriginalMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
