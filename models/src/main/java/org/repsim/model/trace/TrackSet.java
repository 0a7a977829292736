package org.repsim.model.trace;

import java.util.Arrays;

/** A set of (device index, track number) pairs with open addressing: no boxing, cleared in place. */
final class TrackSet {
    private int[] devices;
    private long[] tracks;
    private int size;
    private int mask;

    TrackSet() {
        allocate(1 << 10);
    }

    private void allocate(int capacity) {
        devices = new int[capacity];
        Arrays.fill(devices, -1);
        tracks = new long[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Adds the pair; returns true if it was not yet in the set. */
    boolean add(int device, long track) {
        if (2 * (size + 1) > devices.length) {
            grow();
        }
        int i = slot(device, track);
        while (devices[i] >= 0) {
            if (devices[i] == device && tracks[i] == track) {
                return false;
            }
            i = (i + 1) & mask;
        }
        devices[i] = device;
        tracks[i] = track;
        size++;
        return true;
    }

    private int slot(int device, long track) {
        long h = track * 0x9E3779B97F4A7C15L + device * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        int[] oldDevices = devices;
        long[] oldTracks = tracks;
        allocate(oldDevices.length * 2);
        for (int i = 0; i < oldDevices.length; i++) {
            if (oldDevices[i] >= 0) {
                add(oldDevices[i], oldTracks[i]);
            }
        }
    }

    int size() {
        return size;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(devices, -1);
            size = 0;
        }
    }
}
