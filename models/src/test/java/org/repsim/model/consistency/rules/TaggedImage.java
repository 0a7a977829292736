package org.repsim.model.consistency.rules;

import java.util.Arrays;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * Test driver of {@link TrackImage}'s cycle spaces (docs/model.md §7) in the vocabulary of the pure
 * consistency rules: one space per box, a write tagged with a box and a number, applies per box or
 * group-wide. The shuttle and coordinated-switch properties drive it as their oracle.
 */
final class TaggedImage {
    static final int INDEPENDENT = -1;

    private final TrackImage image = new TrackImage();
    private final long[] appliedThrough;
    private TrackImage.Run[] runs = new TrackImage.Run[64];
    private long[] bytes = new long[64];
    private final java.util.BitSet acknowledged = new java.util.BitSet();
    private int writes;
    private long applies;

    TaggedImage(int boxes) {
        appliedThrough = new long[boxes];
        Arrays.fill(appliedThrough, -1);
        for (int b = 0; b < boxes; b++) {
            image.cycleSpace(b);
        }
    }

    long onWriteTagged(int stream, long index, int box, long tag, long bytes, long nowNs) {
        if (tag <= appliedThrough[box]) {
            throw new IllegalArgumentException("tag " + tag + " at or below the applied " + appliedThrough[box]);
        }
        if (writes == runs.length) {
            runs = Arrays.copyOf(runs, writes * 2);
            this.bytes = Arrays.copyOf(this.bytes, writes * 2);
        }
        runs[writes] = image.tagged(box, tag, stream, index, bytes);
        this.bytes[writes] = bytes;
        return writes++;
    }

    /** Acknowledges the write; a second acknowledgement of it is ignored. */
    void onAcknowledged(long handle, long nowNs) {
        int w = (int) handle;
        if (!acknowledged.get(w)) {
            acknowledged.set(w);
            image.acknowledged(runs[w], bytes[w], nowNs);
        }
    }

    int onApplied(int box, long through) {
        appliedThrough[box] = Math.max(appliedThrough[box], through);
        image.landThrough(box, through);
        applies++;
        return image.settleChains();
    }

    int onGroupApplied(long through) {
        for (int b = 0; b < appliedThrough.length; b++) {
            if (through > appliedThrough[b]) {
                appliedThrough[b] = through;
                image.landThrough(b, through);
            }
        }
        applies++;
        return image.settleChains();
    }

    DataLoss lossAt(long t) {
        return image.lossAt(t);
    }

    long violations() {
        return image.chains().violations();
    }

    long inconsistentApplies() {
        return image.chains().inconsistentSettles();
    }

    boolean consistentNow() {
        return image.chains().beyondHole() == 0;
    }

    long pendingWrites() {
        return image.pendingTaggedWrites();
    }

    long storedRecords() {
        return image.pendingTaggedWrites() + image.chains().beyondHole();
    }

    long writesTagged() {
        return image.taggedWrites();
    }

    long writesApplied() {
        return image.taggedWrites() - image.pendingTaggedWrites();
    }

    long appliedThrough(int box) {
        return appliedThrough[box];
    }

    long applies() {
        return applies;
    }
}
