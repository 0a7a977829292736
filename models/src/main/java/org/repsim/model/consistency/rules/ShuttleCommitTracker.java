package org.repsim.model.consistency.rules;

import java.util.ArrayDeque;

/**
 * Secondary-side commit of shuttle numbers (docs/model.md §6b, [design]): the secondaries together
 * commit number S when the bytes they received for S add up to S's final total (from
 * {@link ShuttleVisit#finalTotal()}); numbers commit whole and in order, so when S commits every
 * secondary may apply S (after S-1). A pure bookkeeper: the receiver-side shuttle or coordinator
 * that gathers the counts, and its message latency, belong to the timed engine.
 *
 * <p>Call sequence: create with the number of secondaries and the first number
 * (the {@code firstSeq} of {@link Shuttle}). When a secondary's receive count for S reaches the gatherer,
 * call {@link #onReceivedCount(int, long, long)} with its cumulative count; when S's final total
 * arrives, call {@link #onFinalTotal(NumberTotal)}. Each call returns how many further numbers
 * became committed; the engine then lets every secondary apply numbers
 * {@code committedThrough() - returned + 1 .. committedThrough()} in order.
 *
 * <p>Memory: one record per number not yet committed (received or announced ahead of commit).
 */
public final class ShuttleCommitTracker {

    private final int secondaryCount;
    /** Records of numbers committedThrough+1, +2, … in order; grown on demand. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long committedThrough;

    private static final class Pending {
        final long[] received;
        long receivedSum;
        long finalBytes = -1;

        Pending(int secondaries) {
            received = new long[secondaries];
        }
    }

    /**
     * @param secondaryCount number of secondaries that receive data (≥ 1)
     * @param firstSeq       the first number the shuttle hands out
     */
    public ShuttleCommitTracker(int secondaryCount, long firstSeq) {
        if (secondaryCount < 1) {
            throw new IllegalArgumentException("commit tracker needs at least 1 secondary, got " + secondaryCount);
        }
        if (firstSeq < 0) {
            throw new IllegalArgumentException("first sequence number must be >= 0, got " + firstSeq);
        }
        this.secondaryCount = secondaryCount;
        this.committedThrough = firstSeq - 1;
    }

    /**
     * Secondary {@code secondary} reports it has received {@code receivedBytes} bytes of number
     * {@code seq} in total so far (a cumulative count; a stale smaller report is ignored).
     *
     * @return how many numbers became committed by this report (0 if none)
     * @throws IllegalStateException if the secondaries together received more than the final total
     */
    public int onReceivedCount(int secondary, long seq, long receivedBytes) {
        if (secondary < 0 || secondary >= secondaryCount) {
            throw new IllegalArgumentException(
                    "secondary index must be in 0.." + (secondaryCount - 1) + ", got " + secondary);
        }
        if (receivedBytes < 0) {
            throw new IllegalArgumentException("received bytes must be >= 0, got " + receivedBytes);
        }
        if (seq <= committedThrough) {
            throw new IllegalStateException("secondary " + secondary + " reported bytes for number " + seq
                    + " which is already committed (through " + committedThrough + ")");
        }
        Pending p = pendingFor(seq);
        long before = p.received[secondary];
        if (receivedBytes > before) {
            checkNotOver(seq, p.receivedSum + receivedBytes - before, p.finalBytes);
            p.received[secondary] = receivedBytes;
            p.receivedSum += receivedBytes - before;
        }
        return commitReady();
    }

    /**
     * The final group total of a number arrived (from the primary side's shuttle).
     *
     * @return how many numbers became committed (0 if none)
     */
    public int onFinalTotal(NumberTotal total) {
        if (total == null) {
            throw new IllegalArgumentException("final total must be given");
        }
        if (total.seq() <= committedThrough) {
            throw new IllegalStateException("final total for number " + total.seq()
                    + " arrived after it was committed (through " + committedThrough + ")");
        }
        Pending p = pendingFor(total.seq());
        if (p.finalBytes >= 0) {
            throw new IllegalStateException("final total for number " + total.seq() + " arrived twice");
        }
        checkNotOver(total.seq(), p.receivedSum, total.bytes());
        p.finalBytes = total.bytes();
        return commitReady();
    }

    /** The highest committed number ({@code firstSeq - 1} before any commit). */
    public long committedThrough() {
        return committedThrough;
    }

    /** Bytes the secondaries together received so far for a not yet committed number. */
    public long receivedBytes(long seq) {
        long offset = seq - committedThrough - 1;
        if (offset < 0 || offset >= pending.size()) {
            return 0;
        }
        int i = 0;
        for (Pending p : pending) {
            if (i++ == offset) {
                return p.receivedSum;
            }
        }
        return 0;
    }

    /** Numbers held in memory: announced or partly received but not committed. */
    public int pendingNumbers() {
        return pending.size();
    }

    public int secondaryCount() {
        return secondaryCount;
    }

    private Pending pendingFor(long seq) {
        long offset = seq - committedThrough - 1;
        if (offset > Integer.MAX_VALUE / 2) {
            throw new IllegalStateException("number " + seq + " is too far ahead of the committed number "
                    + committedThrough);
        }
        while (pending.size() <= offset) {
            pending.addLast(new Pending(secondaryCount));
        }
        int i = 0;
        for (Pending p : pending) {
            if (i++ == offset) {
                return p;
            }
        }
        throw new IllegalStateException("unreachable: pending record " + offset + " missing");
    }

    /** Rejects (before any state changes) more received bytes than a known final total. */
    private static void checkNotOver(long seq, long receivedSum, long finalBytes) {
        if (finalBytes >= 0 && receivedSum > finalBytes) {
            throw new IllegalStateException("secondaries received " + receivedSum + " bytes for number " + seq
                    + " but its final total is " + finalBytes + " bytes");
        }
    }

    private int commitReady() {
        int committed = 0;
        while (!pending.isEmpty()) {
            Pending head = pending.peekFirst();
            if (head.finalBytes < 0 || head.receivedSum != head.finalBytes) {
                break;
            }
            pending.removeFirst();
            committedThrough++;
            committed++;
        }
        return committed;
    }
}
