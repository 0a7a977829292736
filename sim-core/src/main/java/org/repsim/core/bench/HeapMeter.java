package org.repsim.core.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures of a stretch of work, from the JVM's collectors and memory pools.
 *
 * <ul>
 *   <li>{@link #peakLiveBytes()}: the largest heap in use right after a collection since
 *       {@link #reset()} — the memory the work needed at its peak, garbage excluded (to the
 *       collector's granularity: objects promoted and dead since are counted until a collection
 *       of the old generation). Unlike the pools' own peak usage it does not grow with the young
 *       generation the collector chose, so it compares runs of different lengths.</li>
 *   <li>{@link #peakUsedBytes()}: the sum of the heap pools' peak usage, garbage included: how
 *       large the heap grew under this JVM's settings.</li>
 *   <li>{@link #usedAfterGcBytes()}: the live set now, after full collections.</li>
 * </ul>
 * For one stretch of work at a time (a benchmark's thread); the collector notifications are
 * received on a JVM thread.
 */
public final class HeapMeter {
    private static final AtomicLong PEAK_LIVE = new AtomicLong();
    private static final AtomicLong NOTIFIED = new AtomicLong();
    private static boolean listening;

    private HeapMeter() {
    }

    /** Starts a stretch of work: a full collection, then every peak starts from the live set. */
    public static synchronized void reset() {
        listen();
        System.gc();
        awaitNotifications();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        PEAK_LIVE.set(usedNow());
    }

    /** The largest heap in use after a collection since {@link #reset()}, in bytes. */
    public static long peakLiveBytes() {
        awaitNotifications();
        return PEAK_LIVE.get();
    }

    /** Sum of the heap pools' peak usage since the last {@link #reset()}, garbage included, in bytes. */
    public static long peakUsedBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Heap in use after full collections, in bytes: the live set (it also counts as a peak candidate). */
    public static long usedAfterGcBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long live = usedNow();
        awaitNotifications();
        PEAK_LIVE.accumulateAndGet(live, Math::max);
        return live;
    }

    private static long usedNow() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Subscribes once to every collector's notifications: the heap in use after each collection. */
    private static void listen() {
        if (listening) {
            return;
        }
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((Notification n, Object handback) -> {
                    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long after = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            after += e.getValue().getUsed();
                        }
                    }
                    PEAK_LIVE.accumulateAndGet(after, Math::max);
                    NOTIFIED.incrementAndGet();
                }, null, null);
            }
        }
        NOTIFIED.set(collections());
        listening = true;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Waits (up to a second) until every collection so far has been notified: they arrive on another thread. */
    private static void awaitNotifications() {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (NOTIFIED.get() < collections() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
