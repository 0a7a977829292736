package org.repsim.scenario.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two processes from running the same shard into one directory at once (a task resubmitted
 * while the first is still running): while a shard runs it holds an exclusive lock on one byte of
 * {@code run.json}, at offset {@link #BASE} + K, far beyond the text, which it never changes. Shards
 * lock different bytes, so they never wait for each other. Advisory and best effort: where the
 * file system has no locks the shard runs unguarded.
 */
final class ShardLock implements AutoCloseable {
    static final long BASE = 1L << 40;

    private final FileChannel channel;

    private ShardLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks shard {@code shard}'s byte of {@code out/run.json}.
     *
     * @throws ResultStoreException when another process (or thread) runs the shard
     */
    static ShardLock acquire(Path out, Shard shard) {
        Path file = out.resolve(RunDescription.FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return new ShardLock(null);
        }
        FileLock lock;
        try {
            lock = ch.tryLock(BASE + shard.index(), 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | UnsupportedOperationException e) {
            return new ShardLock(ch);
        }
        if (lock == null) {
            close(ch);
            throw new ResultStoreException("shard " + shard + " is already running into " + out
                    + " (another process holds its lock on " + file + "): let it finish, or stop it, first");
        }
        return new ShardLock(ch);
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing releases the lock; nothing was written through the channel
            }
        }
    }
}
