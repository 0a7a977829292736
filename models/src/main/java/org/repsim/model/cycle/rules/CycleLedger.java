package org.repsim.model.cycle.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records of a session's closed cycles until they can no longer change (docs/model.md §5,
 * "measure per cycle"), in close (= number) order. A record is settled once its cycle left the
 * transmit queue (commit acknowledged, or discarded by a drop) and its apply is decided (applied,
 * or a newer cycle was applied: applies go in number order); settled records are handed out
 * oldest first and forgotten, so memory follows the cycles in progress, not the run length.
 */
final class CycleLedger {
    /** Records not yet handed out: the entries from {@code head} on (the ones before are cleared). */
    private final ArrayList<CycleRecord> records = new ArrayList<>();
    private int head;
    /** The record of the cycle closed last, or null. */
    private CycleRecord lastClosed;
    /** Ascending numbers of discarded cycles whose records were handed out (drops only: a few per drop). */
    private long[] discardedOut = new long[0];
    private int discardedOutCount;
    private long closed;

    void add(CycleRecord r) {
        records.add(r);
        lastClosed = r;
        closed++;
    }

    List<CycleRecord> pending() {
        return Collections.unmodifiableList(records.subList(head, records.size()));
    }

    CycleRecord lastClosed() {
        return lastClosed;
    }

    long closed() {
        return closed;
    }

    /** The record of a closed cycle not yet handed out, or null. */
    CycleRecord find(long number) {
        int lo = head;
        int hi = records.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long n = records.get(mid).number();
            if (n == number) {
                return records.get(mid);
            }
            if (n < number) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    boolean isDiscarded(long number) {
        CycleRecord r = find(number);
        if (r != null) {
            return r.discarded();
        }
        return Arrays.binarySearch(discardedOut, 0, discardedOutCount, number) >= 0;
    }

    /** Hands out the settled records at the head; {@code lastAppliedNumber} decides the apply of older ones. */
    void drainSettled(Consumer<CycleRecord> out, long lastAppliedNumber) {
        while (head < records.size() && settled(records.get(head), lastAppliedNumber)) {
            handOut(out);
        }
        compact();
    }

    void drainAll(Consumer<CycleRecord> out) {
        while (head < records.size()) {
            handOut(out);
        }
        compact();
    }

    private static boolean settled(CycleRecord r, long lastAppliedNumber) {
        boolean leftTransmit = r.discarded || r.commitAckNs != CycleRecord.NOT_YET;
        boolean applyDecided = r.appliedNs != CycleRecord.NOT_YET || r.number() < lastAppliedNumber;
        return leftTransmit && applyDecided;
    }

    private void handOut(Consumer<CycleRecord> out) {
        CycleRecord r = records.set(head++, null);
        if (r.discarded) {
            if (discardedOutCount == discardedOut.length) {
                discardedOut = Arrays.copyOf(discardedOut, Math.max(8, 2 * discardedOutCount));
            }
            discardedOut[discardedOutCount++] = r.number();
        }
        out.accept(r);
    }

    private void compact() {
        if (head > 64 && head * 2 > records.size()) {
            records.subList(0, head).clear();
            head = 0;
        }
    }
}
