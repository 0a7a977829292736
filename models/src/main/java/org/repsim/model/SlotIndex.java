package org.repsim.model;

/**
 * A cache's index, track → slot, in four bytes a place: the slot number and a few bits of the
 * track's hash (a tag), never the track itself, which the cache already keeps per slot
 * ({@link Tracks}). A look-up that meets an entry with its tag reads that slot's track to be sure;
 * other entries it passes over cost no read. Linear probing, load ≤ 1/2, growing by doubling
 * until the table has the room the cache's slot count needs at load 2/3 (at most one track a
 * slot, so it never grows past that), backward-shift deletion (which reads the track of each entry
 * it considers moving). A track's home is found by a multiply, not a mask, so that the last size
 * need not be a power of two.
 *
 * <p>Why not a map of (track, slot) pairs: a full cache of 2 M slots needed a 32 MiB table of
 * 8-byte entries, three quarters of the cache's memory, and a 64-box consistency group holds 128
 * such caches; with the slot's own track as the key the table is half that, and 12 MiB with its
 * last size capped at load 2/3 (see "The heap of a long run" in {@code docs/performance.md}). The
 * price is one read of the slot's track per hit, in an array the caller reads next to anyway.
 *
 * <p>Invariants: an entry is {@code tag << slotBits | (slot + 1)}, 0 an empty place; every entry's
 * slot holds, per {@link Tracks}, the track it was put under, from {@link #put} to
 * {@link #remove} (the cache changes a slot's track only after removing it); no track twice.
 */
final class SlotIndex {
    /** The track each slot in the index holds. */
    interface Tracks {
        long trackIn(int slot);
    }

    private static final long PHI = 0x9E3779B97F4A7C15L;

    private final Tracks tracks;
    private final int slots;
    /** Bits of an entry for slot + 1; the rest, from the top, hold the tag. */
    private final int slotBits;
    private final int slotField;
    private final int tagShift;
    private int[] table;
    private int capacity;
    /** The largest table: room for every slot's track at load 2/3 (at least one place left empty). */
    private final int maxCapacity;
    private int size;
    /** Keeps the reads of {@link #touch} (a read whose value nobody uses would be dropped by the JIT). */
    private int touched;

    /**
     * An index for slots {@code 0 .. slots - 1} ({@code slots} ≤ 2^30 − 1, so that at least two bits
     * are left for the tag), sized for {@code expected} tracks without growing.
     */
    SlotIndex(int slots, int expected, Tracks tracks) {
        if (slots < 1 || slots >= (1 << 30)) {
            throw new IllegalArgumentException("slots must be in [1, 2^30), was " + slots);
        }
        this.tracks = tracks;
        this.slots = slots;
        this.slotBits = 32 - Integer.numberOfLeadingZeros(slots);
        this.slotField = (1 << slotBits) - 1;
        this.tagShift = 64 - (32 - slotBits);
        this.maxCapacity = maxCapacity(slots);
        allocate(initialCapacity(slots, expected));
    }

    private static int maxCapacity(int slots) {
        return Math.max(4, slots + (slots + 1) / 2);
    }

    private static int initialCapacity(int slots, int expected) {
        return Math.min(maxCapacity(slots), Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1);
    }

    private static int grownCapacity(int slots, int capacity) {
        return (int) Math.min(maxCapacity(slots), 2L * capacity);
    }

    /**
     * The places of an index for {@code slots} slots, sized for {@code expected}, once it has held
     * {@code tracks} tracks at once (at most {@code slots}): the table only grows, so this is its
     * size from then on. What {@link #put} does to the table, without a table.
     */
    static int capacityHolding(int slots, int expected, int tracks) {
        int capacity = initialCapacity(slots, expected);
        int max = maxCapacity(slots);
        while ((long) tracks * 2 > capacity && capacity < max) {
            capacity = grownCapacity(slots, capacity);
        }
        return capacity;
    }

    private void allocate(int places) {
        table = new int[places];
        capacity = places;
    }

    int size() {
        return size;
    }

    /** Places in the table: at least twice the size, or {@link #maxCapacity() the most} it takes. */
    int capacity() {
        return capacity;
    }

    /** The largest table this index takes: {@code slots × 3/2} places (load ≤ 2/3 when every slot holds a track). */
    int maxCapacity() {
        return maxCapacity;
    }

    /** The slot holding {@code track}, or −1. */
    int get(long track) {
        if (size == 0) {
            return -1; // an emptied index keeps its large table: do not touch it
        }
        int i = placeOf(track, true);
        return i < 0 ? -1 : slotOf(table[i]);
    }

    /**
     * The place of {@code track}'s entry, or −1: the first entry on its probe path with its tag
     * whose slot holds it — or, unless {@code verify}, whose tag is the track's, without reading any
     * slot's track.
     */
    private int placeOf(long track, boolean verify) {
        long h = track * PHI;
        int tag = (int) (h >>> tagShift);
        int i = home(h);
        int e;
        while ((e = table[i]) != 0) {
            if (e >>> slotBits == tag && (!verify || tracks.trackIn(slotOf(e)) == track)) {
                return i;
            }
            i = next(i);
        }
        return -1;
    }

    /**
     * Reads the place where the track's entry is or would go, and nothing more: a performance
     * hint for a caller that will look the track up soon (its miss of the processor's caches then
     * overlaps with others). Changes nothing.
     */
    void touch(long track) {
        touched += table[home(track * PHI)];
    }

    /**
     * The slot of the first entry on {@code track}'s probe path whose tag is the track's, or −1:
     * the slot that {@link #get} would most likely return, found without reading any slot's track
     * (a performance hint for a caller that reads ahead, so that its reads do not wait on each
     * other; the answer may be wrong and must not be used for anything else).
     */
    int likelySlot(long track) {
        int i = placeOf(track, false);
        return i < 0 ? -1 : slotOf(table[i]);
    }

    /** Indexes {@code track} at {@code slot} (which holds it per {@link Tracks}), replacing its old slot if any. */
    void put(long track, int slot) {
        if (slot < 0 || slot >= slotField) {
            throw new IllegalArgumentException("slot " + slot + " outside [0, " + (slotField - 1) + "]");
        }
        long h = track * PHI;
        int tag = (int) (h >>> tagShift);
        int entry = tag << slotBits | (slot + 1);
        int i = home(h);
        int e;
        while ((e = table[i]) != 0) {
            if (e >>> slotBits == tag && tracks.trackIn(slotOf(e)) == track) {
                table[i] = entry;
                return;
            }
            i = next(i);
        }
        table[i] = entry;
        if (++size * 2 > capacity && capacity < maxCapacity) {
            grow();
        }
    }

    /** Removes {@code track}, whose slot must still hold it; returns that slot or −1. */
    int remove(long track) {
        if (size == 0) {
            return -1;
        }
        int hole = placeOf(track, true);
        if (hole < 0) {
            return -1;
        }
        int e = table[hole];
        int slot = slotOf(e);
        size--;
        int j = hole;
        while (true) {
            j = next(j);
            int moved = table[j];
            if (moved == 0) {
                break;
            }
            int home = home(tracks.trackIn(slotOf(moved)) * PHI);
            // entry j may stay if its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                table[hole] = moved;
                hole = j;
            }
        }
        table[hole] = 0;
        return slot;
    }

    private void grow() {
        int[] old = table;
        allocate(grownCapacity(slots, old.length));
        for (int e : old) {
            if (e != 0) {
                int i = home(tracks.trackIn(slotOf(e)) * PHI);
                while (table[i] != 0) {
                    i = next(i);
                }
                table[i] = e;
            }
        }
    }

    /** The slot an entry names. */
    private int slotOf(int entry) {
        return (entry & slotField) - 1;
    }

    /** The place of a hash: its mixed 32 bits scaled to the table's size (a multiply, so any size works). */
    private int home(long h) {
        return (int) (((h ^ (h >>> 32)) & 0xFFFF_FFFFL) * capacity >>> 32);
    }

    /** The place after {@code i}, cyclically. */
    private int next(int i) {
        return ++i == capacity ? 0 : i;
    }
}
