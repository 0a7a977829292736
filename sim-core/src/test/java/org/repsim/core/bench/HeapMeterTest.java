package org.repsim.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live heap counts what is reachable, not the garbage allocated before. */
class HeapMeterTest {
    private static final int MIB = 1 << 20;

    @Test
    void theLiveHeapCountsWhatIsReachableAndNotTheGarbage() {
        HeapMeter.reset();
        long start = HeapMeter.liveBytes();
        for (int i = 0; i < 64; i++) {
            byte[] garbage = new byte[4 * MIB]; // 256 MiB allocated, all unreachable by the next read
            garbage[i] = 1;
        }
        assertThat(HeapMeter.liveBytes() - start).as("after garbage").isLessThan(32L * MIB);
        byte[] live = new byte[128 * MIB];
        live[0] = 1;
        long withIt = HeapMeter.liveBytes();
        java.lang.ref.Reference.reachabilityFence(live);
        live = null;
        assertThat(withIt - start).as("with a reachable array").isGreaterThanOrEqualTo(128L * MIB);
        assertThat(HeapMeter.usedAfterGcBytes()).as("after it became garbage").isLessThan(withIt - 100L * MIB);
    }
}
