package org.repsim.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use of a stretch of work, from the JVM's memory pools: reset the pools' peaks,
 * run, read the sum of the heap pools' peak usage. The figure includes garbage not yet
 * collected, so benchmarks compare it between runs under the same heap settings; for the
 * live-set after a run use {@link #usedAfterGcBytes()}.
 */
public final class HeapMeter {
    private HeapMeter() {
    }

    /** Forgets the peaks seen so far (after a GC, so the next peak starts from the live set). */
    public static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last {@link #reset()}, in bytes. */
    public static long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Heap in use after a full collection, in bytes: the live set. */
    public static long usedAfterGcBytes() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
