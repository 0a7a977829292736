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
        @Min(1) @Default("1") @Doc("Back-end operations per host write (RAID write penalty), 1 to 100.") double raidWritePenalty) {
}
