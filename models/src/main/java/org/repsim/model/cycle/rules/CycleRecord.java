package org.repsim.model.cycle.rules;

/**
 * Measurements of one closed cycle (docs/model.md §5 "measure per cycle"). Times are ns; a time not
 * reached yet is {@link #NOT_YET}. Counts are final once the cycle is closed.
 */
public final class CycleRecord {

    /** Marks a time the cycle has not reached. */
    public static final long NOT_YET = -1;

    private final long number;
    private final long openNs;
    private final long closeNs;
    private final long writes;
    private final int slots;
    private final long bytes;
    private final long folded;
    private final long duplicates;
    private final long writtenBytes;
    long spilledSlots;
    long sentNs = NOT_YET;
    long commitSentNs = NOT_YET;
    long commitAckNs = NOT_YET;
    long appliedNs = NOT_YET;
    boolean discarded;

    CycleRecord(long number, long openNs, long closeNs, long writes, int slots, long bytes, long folded,
                long duplicates, long writtenBytes) {
        this.number = number;
        this.openNs = openNs;
        this.closeNs = closeNs;
        this.writes = writes;
        this.slots = slots;
        this.bytes = bytes;
        this.folded = folded;
        this.duplicates = duplicates;
        this.writtenBytes = writtenBytes;
    }

    public long number() {
        return number;
    }

    public long openNs() {
        return openNs;
    }

    public long closeNs() {
        return closeNs;
    }

    /** Capture duration: close − open, ns. */
    public long durationNs() {
        return closeNs - openNs;
    }

    /** Host writes that landed in this cycle. */
    public long writes() {
        return writes;
    }

    /** Slots (distinct tracks) of the cycle; {@code writes == slots + folded}. */
    public int slots() {
        return slots;
    }

    /** Bytes held by the cycle's slots: what is transmitted and applied. */
    public long bytes() {
        return bytes;
    }

    /** Writes that overwrote a slot of this cycle in place. */
    public long folded() {
        return folded;
    }

    /** Slots allocated while an older cycle still held an unsent slot of the same track. */
    public long duplicates() {
        return duplicates;
    }

    /** writes / slots. */
    public double foldingRatio() {
        return slots == 0 ? 0 : (double) writes / slots;
    }

    /** Bytes hosts wrote into this cycle, before folding (docs/model.md §5). */
    public long writtenBytes() {
        return writtenBytes;
    }

    /**
     * Byte folding: bytes written ÷ bytes sent (the slots' dirty bytes, headers excluded); 1 when
     * no byte was written twice (docs/model.md §5).
     */
    public double byteFoldingRatio() {
        return bytes == 0 ? 0 : (double) writtenBytes / bytes;
    }

    /** Slots of this cycle moved to the spill pool. */
    public long spilledSlots() {
        return spilledSlots;
    }

    /** When its last slot was reported sent. */
    public long sentNs() {
        return sentNs;
    }

    public long commitSentNs() {
        return commitSentNs;
    }

    public long commitAckNs() {
        return commitAckNs;
    }

    /** When the secondary finished applying it. */
    public long appliedNs() {
        return appliedNs;
    }

    /**
     * True if a session drop discarded the cycle before its commit was acknowledged (its tracks
     * became owed); a capture cycle discarded by a drop is recorded with the drop time as close.
     */
    public boolean discarded() {
        return discarded;
    }

    @Override
    public String toString() {
        return "Cycle#" + number + "[open=" + openNs + ", close=" + closeNs + ", writes=" + writes
                + ", slots=" + slots + ", bytes=" + bytes + ", folded=" + folded + ", duplicates=" + duplicates
                + ", sent=" + sentNs + ", ack=" + commitAckNs + ", applied=" + appliedNs + "]";
    }
}
