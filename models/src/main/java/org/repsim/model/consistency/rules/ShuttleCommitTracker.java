package org.repsim.model.consistency.rules;

import java.util.ArrayDeque;

/**
 * Secondary-side commit of shuttle numbers (docs/model.md §6b, [design]): each secondary counts the
 * host bytes and writes its slot transfers actually carried for number S; the secondaries together
 * commit S when their counts add up to S's final totals (from {@link ShuttleVisit#finalTotal()}),
 * bytes and writes both. A transfer that is late holds the commit back until it arrives; one that
 * never arrives keeps S (and every later number) uncommitted. Numbers commit whole and in order,
 * so when S commits every secondary may apply S (after S-1). A pure bookkeeper: the receiver-side
 * gatherer that collects the counts, and its message latency, belong to the timed engine.
 *
 * <p>Call sequence: create with the number of secondaries and the first number
 * (the {@code firstSeq} of {@link Shuttle}). When a secondary's counts for S reach the gatherer,
 * call {@link #onReceivedCount(int, NumberTotal)} with its cumulative counts; when S's final total
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
        final long[] receivedBytes;
        final long[] receivedWrites;
        long bytesSum;
        long writesSum;
        long finalBytes = -1;
        long finalWrites = -1;

        Pending(int secondaries) {
            receivedBytes = new long[secondaries];
            receivedWrites = new long[secondaries];
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
     * Secondary {@code secondary} reports the host bytes and writes it has received for number
     * {@code received.seq()} so far, as its transfers carried them (cumulative counts; a stale
     * report, smaller in both, is ignored).
     *
     * @return how many numbers became committed by this report (0 if none)
     * @throws IllegalStateException if the secondaries together received more than a final total
     */
    public int onReceivedCount(int secondary, NumberTotal received) {
        if (secondary < 0 || secondary >= secondaryCount) {
            throw new IllegalArgumentException(
                    "secondary index must be in 0.." + (secondaryCount - 1) + ", got " + secondary);
        }
        long seq = received.seq();
        if (seq <= committedThrough) {
            throw new IllegalStateException("secondary " + secondary + " reported counts for number " + seq
                    + " which is already committed (through " + committedThrough + ")");
        }
        Pending p = pendingFor(seq);
        long db = Math.max(0, received.bytes() - p.receivedBytes[secondary]);
        long dw = Math.max(0, received.writes() - p.receivedWrites[secondary]);
        if (db > 0 || dw > 0) {
            checkNotOver(seq, p.bytesSum + db, p.writesSum + dw, p.finalBytes, p.finalWrites);
            p.receivedBytes[secondary] += db;
            p.receivedWrites[secondary] += dw;
            p.bytesSum += db;
            p.writesSum += dw;
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
        checkNotOver(total.seq(), p.bytesSum, p.writesSum, total.bytes(), total.writes());
        p.finalBytes = total.bytes();
        p.finalWrites = total.writes();
        return commitReady();
    }

    /** The highest committed number ({@code firstSeq - 1} before any commit). */
    public long committedThrough() {
        return committedThrough;
    }

    /** Bytes the secondaries together received so far for a not yet committed number. */
    public long receivedBytes(long seq) {
        Pending p = pendingOrNull(seq);
        return p == null ? 0 : p.bytesSum;
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
        return nth(offset);
    }

    /** Rejects (before any state changes) more received bytes or writes than a known final total. */
    private static void checkNotOver(long seq, long bytesSum, long writesSum, long finalBytes, long finalWrites) {
        if (finalBytes >= 0 && (bytesSum > finalBytes || writesSum > finalWrites)) {
            throw new IllegalStateException("secondaries received " + bytesSum + " bytes and " + writesSum
                    + " writes for number " + seq + " but its final total is " + finalBytes + " bytes and "
                    + finalWrites + " writes");
        }
    }

    private int commitReady() {
        int committed = 0;
        while (!pending.isEmpty()) {
            Pending head = pending.peekFirst();
            if (head.finalBytes < 0 || head.bytesSum != head.finalBytes || head.writesSum != head.finalWrites) {
                break;
            }
            pending.removeFirst();
            committedThrough++;
            committed++;
        }
        return committed;
    }

    /** Host writes the secondaries together received so far for a not yet committed number. */
    public long receivedWrites(long seq) {
        Pending p = pendingOrNull(seq);
        return p == null ? 0 : p.writesSum;
    }

    /** The record of a not yet committed number already held, else null. */
    private Pending pendingOrNull(long seq) {
        long offset = seq - committedThrough - 1;
        return offset < 0 || offset >= pending.size() ? null : nth(offset);
    }

    private Pending nth(long offset) {
        int i = 0;
        for (Pending p : pending) {
            if (i++ == offset) {
                return p;
            }
        }
        throw new IllegalStateException("unreachable: pending record " + offset + " missing");
    }
}
