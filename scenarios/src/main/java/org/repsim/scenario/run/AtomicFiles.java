package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.ByteBuffer;
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
    private AtomicFiles() {
    }

    static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // one writer per target at a time (each replication owns its directory), so a fixed
        // temporary name suffices; CREATE + TRUNCATE_EXISTING reuses one left by a crash
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
