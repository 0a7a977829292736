package org.repsim.scenario.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that it is either absent, the previous version or complete: the bytes go to
 * a temporary file in the same directory (same file system, so the rename is atomic), are
 * forced to the device, and the temporary file is renamed over the target with
 * {@code ATOMIC_MOVE}. A crash leaves at most a {@code .name.tmp} file behind, never a
 * truncated {@code name}.
 */
final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /** Produces a file's bytes. */
    @FunctionalInterface
    interface Content {
        /** Writes the whole content to {@code out} (buffered; the caller flushes and closes it). */
        void writeTo(OutputStream out) throws IOException;
    }

    static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes what {@code content} produces, streamed through a buffer: it need not fit in memory. */
    static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // one writer per target at a time (each replication owns its directory), so a fixed
        // temporary name suffices; CREATE + TRUNCATE_EXISTING reuses one left by a crash
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER_BYTES);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code written}, a complete file the caller has already forced to the device, over
     * {@code target} in the same directory, with {@code ATOMIC_MOVE}.
     */
    static void replace(Path written, Path target) throws IOException {
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
