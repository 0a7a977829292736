package org.repsim.model;

import java.util.Locale;

/**
 * How a disk group protects a write (docs/model.md §1 back end): the device operations of one
 * back-end write, in two phases that each run in parallel across devices. A pure rule: no clock,
 * no random numbers.
 *
 * <ul>
 *   <li>{@code none}: one write on the track's device;</li>
 *   <li>{@code raid1} [product]: two writes in parallel, the track's device and its mirror;</li>
 *   <li>{@code raid5} small write [product]: read old data and old parity in parallel, then write
 *       data and parity in parallel;</li>
 *   <li>{@code raid6} small write [product]: read old data, P and Q in parallel, then write the
 *       three in parallel.</li>
 * </ul>
 *
 * <p>Placement [design]: the {@code k}-th device of a write ({@code k = 0} the data, then the
 * mirror or parities) is {@code (d + k) mod devices}, {@code d} being the track's device — the
 * redundancy of each track sits on the next devices, so uniform traffic loads all devices alike.
 * Every write is a small write: a track lives on one device, so no write covers a full stripe.
 */
public enum RaidLevel {
    NONE(0, 1, 1),
    RAID1(0, 2, 2),
    RAID5(2, 2, 3),
    RAID6(3, 3, 4);

    private final int reads;
    private final int writes;
    private final int minDevices;

    RaidLevel(int reads, int writes, int minDevices) {
        this.reads = reads;
        this.writes = writes;
        this.minDevices = minDevices;
    }

    /** Device reads of the first phase of a write (0: the write phase starts at once). */
    public int readsPerWrite() {
        return reads;
    }

    /** Device writes of the second phase of a write. */
    public int writesPerWrite() {
        return writes;
    }

    /** Device operations per write (the classic RAID write penalty): 1, 2, 4 or 6. */
    public int operationsPerWrite() {
        return reads + writes;
    }

    /** Fewest devices a group of this level needs (each operation of a phase on its own device). */
    public int minDevices() {
        return minDevices;
    }

    /** The device of the {@code k}-th operation of a phase for a track on device {@code dataDevice}. */
    public static int device(int dataDevice, int k, int devices) {
        int d = dataDevice + k;
        return d >= devices ? d - devices : d;
    }

    /** The scenario name: {@code none}, {@code raid1}, {@code raid5}, {@code raid6}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code key} (as {@link #key()}). */
    public static RaidLevel of(String key) {
        for (RaidLevel l : values()) {
            if (l.key().equals(key)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no RAID level '" + key + "': none, raid1, raid5 or raid6");
    }

    /**
     * The level whose small write takes {@code operations} device operations (1 none, 2 raid1,
     * 4 raid5, 6 raid6): the reading of the former integer write penalty.
     *
     * @throws IllegalArgumentException for any other count
     */
    public static RaidLevel ofPenalty(double operations) {
        for (RaidLevel l : values()) {
            if (l.operationsPerWrite() == operations) {
                return l;
            }
        }
        throw new IllegalArgumentException("a RAID write penalty of " + operations
                + " names no RAID level: 1 (none), 2 (raid1), 4 (raid5) or 6 (raid6)");
    }
}
