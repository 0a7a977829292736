package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A back-end disk group: devices that are FIFO servers (docs/model.md §1). */
public record DiskGroup(
        @Doc("Group id, unique within the box.") String id,
        @Positive @Default("8") @Doc("Number of devices (at most 100000).") int devices,
        @OneOf({"ssd", "hdd"}) @Default("\"ssd\"")
        @Doc("ssd: latency + bytes/throughput; hdd: seek + half a rotation + bytes/throughput.") String kind,
        @Quantity(TIME) @Default("\"100 us\"") @Doc("Fixed latency per operation (ssd).") long latencyNs,
        @Positive @Quantity(DATA_RATE) @Default("\"500 MB/s\"") @Doc("Transfer rate per device.") double throughputBps,
        @Quantity(TIME) @Default("\"4 ms\"") @Doc("Average seek time (hdd).") long seekNs,
        @Positive @Default("10000") @Doc("Rotation speed in revolutions per minute (hdd).") int rpm,
        @OptionalKey @OneOf({"none", "raid1", "raid5", "raid6"})
        @Doc("RAID level; a write runs as parallel phases across devices: none one write; raid1 two writes (device and mirror); raid5 reads data and parity, then writes both; raid6 reads data, P and Q, then writes the three. Needs 1, 2, 3 or 4 devices. Absent: the level raidWritePenalty names, else none.")
        String raid,
        @OptionalKey @Min(1)
        @Doc("Older way to name the RAID level by its small-write penalty (device operations per write): 1 none, 2 raid1, 4 raid5, 6 raid6; other values are refused. With raid given it must agree. The resolved scenario writes raid instead.")
        Double raidWritePenalty) {

    /**
     * Reads the older {@code raidWritePenalty} as the level it names (docs/model.md §1): a valid
     * group leaves binding with {@code raid} set and {@code raidWritePenalty} null. A penalty
     * that names no level, or contradicts {@code raid}, is kept for validation to report.
     */
    public DiskGroup {
        String named = raidWritePenalty == null ? null : levelOfPenalty(raidWritePenalty);
        if (named != null && (raid == null || raid.equals(named))) {
            raid = named;
            raidWritePenalty = null;
        }
        if (raid == null && raidWritePenalty == null) {
            raid = "none";
        }
    }

    /** The RAID level whose small write takes {@code operations} device operations, or null. */
    public static String levelOfPenalty(double operations) {
        return operations == 1 ? "none" : operations == 2 ? "raid1" : operations == 4 ? "raid5"
                : operations == 6 ? "raid6" : null;
    }
}
