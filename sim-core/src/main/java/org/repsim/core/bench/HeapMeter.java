package org.repsim.core.bench;

/**
 * The live heap of a benchmark's work, read after forced full collections: the objects still
 * reachable, garbage excluded, whatever generation sizes the collector chose. A benchmark samples
 * it at regular points of a run (its peak is the largest sample) and at the end. The collections
 * it forces disturb the timing of whatever runs next, so timed runs do not use it.
 */
public final class HeapMeter {
    private HeapMeter() {
    }

    /** Starts a stretch of work from a collected heap. */
    public static void reset() {
        System.gc();
    }

    /** Heap in use right after one full collection, in bytes: the live set now. */
    public static long liveBytes() {
        System.gc();
        return usedNow();
    }

    /** Heap in use after three full collections, in bytes: the live set at the end of the work. */
    public static long usedAfterGcBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return usedNow();
    }

    private static long usedNow() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
