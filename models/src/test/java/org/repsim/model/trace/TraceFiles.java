package org.repsim.model.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test helpers: write small trace files and collect what a reader replays. */
final class TraceFiles {
    private TraceFiles() {
    }

    /** A snapshot of one replayed record (the reader reuses its record instance). */
    record Io(long timeNs, long traceTimeNs, String device, String volume, long offsetBytes, long sizeBytes,
              boolean write, long line, int pass) {
    }

    static Path resource(String name) {
        try {
            return Path.of(TraceFiles.class.getResource("/traces/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String... lines) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path gzip(Path source, Path target) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static List<Io> readAll(Path file, TraceFormat format, TraceOptions options) {
        try (TraceReader reader = TraceReader.open(file, format, options)) {
            return drain(reader, Integer.MAX_VALUE);
        }
    }

    static List<Io> drain(TraceReader reader, int max) {
        List<Io> ios = new ArrayList<>();
        while (ios.size() < max && reader.next()) {
            TraceRecord r = reader.record();
            ios.add(new Io(r.timeNs(), r.traceTimeNs(), r.device(), r.volume(), r.offsetBytes(), r.sizeBytes(),
                    r.isWrite(), r.lineNumber(), r.pass()));
        }
        return ios;
    }

    static long[] times(List<Io> ios) {
        return ios.stream().mapToLong(Io::timeNs).toArray();
    }
}
