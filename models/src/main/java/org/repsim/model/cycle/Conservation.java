package org.repsim.model.cycle;

/**
 * Byte balance of a session (docs/model.md §8.4): what hosts wrote into cycles after folding equals
 * what the secondary applied, plus what is still pending at the primary (cache, spill pool, in
 * flight), plus what the secondary received and has not applied, plus what a drop discarded
 * (those tracks are owed and recopied by resynchronisation).
 */
public record Conservation(long writtenAfterFoldingBytes, long appliedBytes, long pendingPrimaryBytes,
                           long unappliedSecondaryBytes, long discardedBytes) {

    public long accountedBytes() {
        return appliedBytes + pendingPrimaryBytes + unappliedSecondaryBytes + discardedBytes;
    }

    public boolean holds() {
        return writtenAfterFoldingBytes == accountedBytes();
    }
}
