package org.repsim.model.recovery.rules;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Dependent-write chains against the recoverable image (docs/model.md §2, §6, §8.3): whether the
 * image holds a prefix of every chain. A pure rule fed by {@link TrackImage}, which knows when a
 * write enters the image; it keeps nothing of the image itself.
 *
 * <p><b>Model.</b> A stream's writes w0, w1, w2, … are registered in chain order ({@link #register}).
 * The chain followed is that of the replicated writes: a host index skipped (a write of the stream
 * to a volume no engine replicates) is not part of it, so {@link #register} numbers the registered
 * writes 0, 1, 2, … per stream and returns the key {@link #enter} and {@link #leave} take.
 * Writes enter the image in batches (one landing: a cycle applied, a group commit across boxes, a
 * transfer written at a sync or ordered secondary); after a batch ({@link #settle}) each write that
 * entered while an earlier write of its chain is still absent is one <i>violation</i> — writes
 * entering together never count against each other. A write can also leave the image (ordered
 * mode: an older transfer rolled one of its tracks back, docs/model.md §4, §7): the chain's prefix
 * then ends before it, and the writes of the chain in the image after it are beyond a hole.
 *
 * <p><b>Invariants.</b> Per stream, {@code firstAbsent} is the lowest registered index not in the
 * image (= the registered count when all are in); {@code beyond} holds the indices in the image
 * above it; {@link #beyondHole()} is the total of those sets. Memory: two longs per stream plus the
 * writes beyond a hole (none while the image is consistent).
 */
public final class ChainPrefix {
    private static final int MAX_STREAMS = 1 << 24;

    private long[] registered = new long[0];
    private long[] lastHostIndex = new long[0];
    private long[] firstAbsent = new long[0];
    private TreeSet<Long>[] beyond = newSets(0);
    private long[] batch = new long[64];
    private int batchCount;
    private long beyondHole;
    private long violations;
    private long inconsistentSettles;

    @SuppressWarnings("unchecked")
    private static TreeSet<Long>[] newSets(int n) {
        return (TreeSet<Long>[]) new TreeSet[n];
    }

    /** Packs a chained write for {@link #enter}: stream and index in chain. */
    public static long key(int stream, long index) {
        return (long) stream << 40 | index;
    }

    /**
     * Write {@code index} of {@code stream} (its host chain index) was made: it must come after the
     * stream's last registered one. Returns its key in the followed chain (for {@link #enter},
     * {@link #leave}): the stream's registered writes numbered 0, 1, 2, …
     */
    public long register(int stream, long index) {
        if (stream < 0 || stream >= MAX_STREAMS) {
            throw new IllegalArgumentException("stream id must be in 0.." + (MAX_STREAMS - 1) + ", got " + stream);
        }
        if (index < 0 || index >= 1L << 40) {
            throw new IllegalArgumentException("chain index out of range: " + index);
        }
        ensure(stream);
        if (index <= lastHostIndex[stream]) {
            throw new IllegalArgumentException("stream " + stream + " write has chain index " + index
                    + " but the last one registered is " + lastHostIndex[stream]);
        }
        lastHostIndex[stream] = index;
        return key(stream, registered[stream]++);
    }

    /** Writes registered so far, over all streams. */
    public long registered() {
        long n = 0;
        for (long r : registered) {
            n += r;
        }
        return n;
    }

    /** A registered write (its {@link #key}) entered the image in the current batch. */
    public void enter(long key) {
        int stream = (int) (key >>> 40);
        long index = key & ((1L << 40) - 1);
        if (stream >= registered.length || index >= registered[stream]) {
            throw new IllegalArgumentException("write " + index + " of stream " + stream + " was never registered");
        }
        if (index == firstAbsent[stream]) {
            long next = index + 1;
            TreeSet<Long> set = beyond[stream];
            while (set != null && !set.isEmpty() && set.first() == next) {
                set.pollFirst();
                beyondHole--;
                next++;
            }
            firstAbsent[stream] = next;
        } else {
            if (beyond[stream] == null) {
                beyond[stream] = new TreeSet<>();
            }
            if (!beyond[stream].add(index)) {
                throw new IllegalStateException("write " + index + " of stream " + stream + " entered twice");
            }
            beyondHole++;
        }
        if (batchCount == batch.length) {
            batch = Arrays.copyOf(batch, batchCount * 2);
        }
        batch[batchCount++] = key;
    }

    /**
     * A write (its {@link #key}) in the image left it (one of its tracks was rolled back): it is
     * absent again; the chain's writes in the image after it are now beyond a hole. Not a violation
     * by itself (the regression is counted by the image).
     */
    public void leave(long key) {
        int stream = (int) (key >>> 40);
        long index = key & ((1L << 40) - 1);
        if (stream >= registered.length || index >= registered[stream]) {
            throw new IllegalArgumentException("write " + index + " of stream " + stream + " was never registered");
        }
        if (index < firstAbsent[stream]) {
            if (beyond[stream] == null) {
                beyond[stream] = new TreeSet<>();
            }
            for (long i = index + 1; i < firstAbsent[stream]; i++) {
                beyond[stream].add(i);
                beyondHole++;
            }
            firstAbsent[stream] = index;
        } else if (beyond[stream] != null && beyond[stream].remove(index)) {
            beyondHole--;
        } else {
            throw new IllegalStateException("write " + index + " of stream " + stream + " left the image it was not in");
        }
    }

    /** Ends a batch: returns the violations it found (writes of it still behind a hole of their chain). */
    public int settle() {
        int found = 0;
        for (int i = 0; i < batchCount; i++) {
            int stream = (int) (batch[i] >>> 40);
            long index = batch[i] & ((1L << 40) - 1);
            if (index > firstAbsent[stream]) {
                found++;
            }
        }
        batchCount = 0;
        violations += found;
        if (beyondHole > 0) {
            inconsistentSettles++;
        }
        return found;
    }

    /** Writes that entered the image while an earlier write of their chain was absent. */
    public long violations() {
        return violations;
    }

    /** Writes in the image behind a missing earlier write of their chain (0: the image is consistent). */
    public long beyondHole() {
        return beyondHole;
    }

    /** Batches after which the image did not hold a prefix of every chain. */
    public long inconsistentSettles() {
        return inconsistentSettles;
    }

    private void ensure(int stream) {
        if (stream < registered.length) {
            return;
        }
        int n = Math.max(stream + 1, Math.max(16, registered.length * 2));
        registered = Arrays.copyOf(registered, n);
        int old = lastHostIndex.length;
        lastHostIndex = Arrays.copyOf(lastHostIndex, n);
        Arrays.fill(lastHostIndex, old, n, -1);
        firstAbsent = Arrays.copyOf(firstAbsent, n);
        beyond = Arrays.copyOf(beyond, n);
    }
}
