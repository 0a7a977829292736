package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.List;
import org.repsim.model.Cache;
import org.repsim.scenario.spec.Scenario;

/**
 * The memory the caches of a scenario's boxes take once each holds every track it can: its slot
 * count, or its box's tracks if those are fewer (docs/performance.md "Memory"). A cache's slot
 * arrays and index grow with the tracks it has held and never shrink, so this is the most they
 * take in a run of any length, and what they take in a run long enough to fill them. It is most of
 * such a run's heap (a consistency group's caches, full, are three quarters to nearly all of it),
 * not all: the rest of the model comes on top.
 */
public final class CacheMemory {
    private CacheMemory() {
    }

    /** One box's cache: its slots, the tracks of its box's volumes, and the bytes it takes when full. */
    public record BoxCache(String box, int slots, long tracks, long bytes) {
    }

    /** Every box's cache, in the scenario's order of boxes (the scenario must be valid). */
    public static List<BoxCache> of(Scenario scenario) {
        List<BoxCache> caches = new ArrayList<>();
        for (var b : scenario.boxes()) {
            long trackSize = b.cache().trackSizeBytes();
            int slots = (int) (b.cache().sizeBytes() / trackSize);
            long tracks = 0;
            for (var v : b.volumes()) {
                tracks += Math.max(1, (v.sizeBytes() + trackSize - 1) / trackSize);
            }
            // tracks are numbered from 0 over the box's volumes in turn (Topology): numbers from 2^32 on take a long a slot
            boolean wide = tracks > (1L << 32);
            long bytes = Cache.slotMemoryBytes(slots, tracks, Topology.cachePolicy(b.cache()), wide);
            caches.add(new BoxCache(b.id(), slots, tracks, bytes));
        }
        return caches;
    }

    /** A scenario's caches together: how many, their slots, their bytes when full, and the largest. */
    public record Totals(int caches, long slots, long bytes, BoxCache largest) {
    }

    /** {@link Totals} of the scenario's caches (the first of equal ones is the largest). */
    public static Totals totals(Scenario scenario) {
        List<BoxCache> caches = of(scenario);
        long slots = 0;
        long bytes = 0;
        BoxCache largest = caches.get(0);
        for (BoxCache c : caches) {
            slots += c.slots();
            bytes += c.bytes();
            if (c.bytes() > largest.bytes()) {
                largest = c;
            }
        }
        return new Totals(caches.size(), slots, bytes, largest);
    }

    /** The bytes of all the scenario's caches when full. */
    public static long bytes(Scenario scenario) {
        return totals(scenario).bytes();
    }
}
