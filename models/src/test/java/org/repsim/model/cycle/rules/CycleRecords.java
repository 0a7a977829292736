package org.repsim.model.cycle.rules;

/** Closed-cycle records made up for tests of what reads them. */
public final class CycleRecords {
    private CycleRecords() {
    }

    /**
     * A closed cycle: {@code writes} writes in {@code slots} slots of {@code bytes} bytes;
     * {@code sentNs} and {@code appliedNs} may be {@link CycleRecord#NOT_YET}.
     */
    public static CycleRecord of(long number, long openNs, long closeNs, long sentNs, long appliedNs, long writes,
                                 int slots, long bytes, long duplicates) {
        CycleRecord r = new CycleRecord(number, openNs, closeNs, writes, slots, bytes, writes - slots, duplicates,
                bytes);
        r.sentNs = sentNs;
        r.appliedNs = appliedNs;
        return r;
    }
}
