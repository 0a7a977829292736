package org.repsim.model.trace;

import java.util.Locale;

/** The block-trace formats repsim replays (docs/model.md §2, trace replay with explicit units). */
public enum TraceFormat {
    /**
     * MSR Cambridge CSV, no header: Timestamp (Windows FILETIME, 100 ns ticks since
     * 1601-01-01 UTC), Hostname, DiskNumber, Type (Read/Write), Offset (bytes), Size (bytes),
     * ResponseTime (100 ns ticks). Device id = Hostname + "/" + DiskNumber.
     */
    MSR,
    /**
     * SPC (UMass/Storage Performance Council) CSV: ASU, LBA (512-byte blocks), Size (bytes),
     * Opcode (r/w), Timestamp (decimal seconds), then optional fields that are ignored.
     * Device id = the ASU number.
     */
    SPC;

    /** Parses the scenario spelling {@code "msr"} or {@code "spc"} (case-insensitive). */
    public static TraceFormat parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "msr":
                    return MSR;
                case "spc":
                    return SPC;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown trace format \"" + name + "\" (expected \"msr\" or \"spc\")");
    }

    /** The scenario spelling of this format. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
