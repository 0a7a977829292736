package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files of a run directory that several processes may write at the same time (the shards of
 * one run, on different machines of a shared file system). Unlike {@link AtomicFiles}, whose
 * fixed temporary name assumes one writer per file, each writer here uses a temporary name of
 * its own, so two writers never write into the same inode: a reader sees the file absent or
 * complete, never a mix.
 */
final class SharedFiles {

    private SharedFiles() {
    }

    /**
     * Creates {@code target} with {@code content} unless it exists. Returns null when the file
     * was created or already holds exactly {@code content}; otherwise the content found. The
     * creation is atomic and never replaces a file (a hard link from a complete temporary file,
     * which fails when the target exists — atomic on local and network file systems), so of two
     * writers racing, one creates and the other compares.
     */
    static String createOrCompare(Path target, String content) throws IOException {
        Path tmp = written(target, content);
        try {
            try {
                Files.createLink(target, tmp);
                return null;
            } catch (UnsupportedOperationException e) {
                // a file system without hard links: a move that refuses to replace
                Files.move(tmp, target);
                return null;
            }
        } catch (FileAlreadyExistsException e) {
            String existing;
            try {
                existing = Files.readString(target, StandardCharsets.UTF_8);
            } catch (NoSuchFileException gone) {
                return createOrCompare(target, content);
            }
            return existing.equals(content) ? null : existing;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code target} atomically with {@code content} (last writer wins, never a mix). */
    static void replace(Path target, String content) throws IOException {
        Path tmp = written(target, content);
        try {
            AtomicFiles.replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A complete, forced temporary file beside {@code target}, with a name no other writer uses. */
    private static Path written(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }
}
