package org.repsim.model.cycle;

import java.util.Arrays;

/**
 * Growable open-addressing map track (≥ 0) → version of the primary's latest write (no boxing):
 * resynchronisation copies a track with its current primary value (DOMAIN §5).
 */
final class TrackVersions {
    private static final long EMPTY = -1L;
    private long[] keys;
    private long[] values;
    private int mask;
    private int size;

    TrackVersions(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(4, initialCapacity) * 2 - 1);
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    void put(long track, long version) {
        int i = hash(track) & mask;
        while (true) {
            long k = keys[i];
            if (k == track) {
                values[i] = version;
                return;
            }
            if (k == EMPTY) {
                keys[i] = track;
                values[i] = version;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Version of the track, or −1 if never written. */
    long get(long track) {
        int i = hash(track) & mask;
        while (true) {
            long k = keys[i];
            if (k == track) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] ok = keys;
        long[] ov = values;
        keys = new long[ok.length * 2];
        values = new long[ok.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        size = 0;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != EMPTY) {
                put(ok[j], ov[j]);
            }
        }
    }
}
