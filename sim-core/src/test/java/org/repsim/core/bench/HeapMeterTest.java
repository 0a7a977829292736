package org.repsim.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The peak live heap sees what was live at a collection during the work, and not what died before one. */
class HeapMeterTest {
    private static final int MIB = 1 << 20;

    @Test
    void thePeakLiveHeapCountsWhatWasLiveAtACollectionAndNotTheGarbage() {
        HeapMeter.reset();
        long start = HeapMeter.peakLiveBytes();
        for (int i = 0; i < 64; i++) {
            byte[] garbage = new byte[4 * MIB]; // 256 MiB allocated, never live at a collection
            garbage[i] = 1;
        }
        assertThat(HeapMeter.peakLiveBytes() - start).as("garbage alone").isLessThan(64L * MIB);
        byte[] live = new byte[128 * MIB];
        live[0] = 1;
        System.gc(); // a collection while it is live
        long peakWithIt = HeapMeter.peakLiveBytes();
        java.lang.ref.Reference.reachabilityFence(live);
        live = null;
        long end = HeapMeter.usedAfterGcBytes();
        assertThat(peakWithIt - start).as("the live array at a collection").isGreaterThanOrEqualTo(128L * MIB);
        assertThat(HeapMeter.peakLiveBytes()).isEqualTo(peakWithIt);
        assertThat(end).as("live at the end").isLessThan(peakWithIt - 100L * MIB);
        assertThat(HeapMeter.peakUsedBytes()).isGreaterThanOrEqualTo(peakWithIt);
    }
}
