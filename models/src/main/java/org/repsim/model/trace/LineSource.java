package org.repsim.model.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a trace file, read sequentially with a fixed-size buffer; gzip-compressed
 * content is recognised by its magic bytes (0x1f 0x8b), whatever the file is called.
 */
final class LineSource implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;
    private final Path path;
    private final BufferedReader reader;
    private long lineNumber;

    LineSource(Path path) {
        this.path = path;
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
            try {
                InputStream content = isGzip(raw) ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
                this.reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.ISO_8859_1),
                        BUFFER_BYTES);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String nextLine() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(fileName() + ":" + (lineNumber + 1) + ": cannot read trace: "
                    + e.getMessage(), e);
        }
    }

    /** 1-based number of the line last returned. */
    long lineNumber() {
        return lineNumber;
    }

    String fileName() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close trace " + path + ": " + e.getMessage(), e);
        }
    }
}
