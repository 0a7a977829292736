package org.repsim.model.trace;

import java.time.Instant;

/** MSR Cambridge CSV: {@code Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime} ({@link TraceFormat#MSR}). */
final class MsrLineParser extends LineParser {
    private static final int FIELDS = 7;
    /** Device of the previous line, reused while host and disk stay the same (the common case). */
    private String lastHost = "";
    private String lastDisk = "";
    private String lastDevice;
    private int lastDeviceIndex = -1;

    @Override
    boolean parse(String line, TraceRecord out) {
        if (isBlank(line)) {
            return false;
        }
        Fields f = fields;
        f.split(line);
        if (f.count() != FIELDS) {
            throw new BadLineException("expected " + FIELDS
                    + " comma-separated fields (Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime), found "
                    + f.count(), false);
        }
        long ticks = f.whole(0);
        if (ticks < 0) {
            throw new BadLineException("Timestamp \"" + f.text(0)
                    + "\" is not a whole number of 100 ns FILETIME ticks", false);
        }
        if (ticks < FileTime.YEAR_1990_TICKS) {
            throw new BadLineException("Timestamp " + ticks + " is before 1990 as a Windows FILETIME ("
                    + FileTime.toInstant(ticks) + "); MSR timestamps are 100 ns ticks since 1601-01-01,"
                    + " this looks like another unit (seconds?)", true);
        }
        if (f.isEmpty(1)) {
            throw new BadLineException("Hostname is empty", false);
        }
        long disk = f.whole(2);
        if (disk < 0) {
            throw new BadLineException("DiskNumber \"" + f.text(2) + "\" is not a whole number", false);
        }
        boolean write = f.isWrite(3, "Write", "Read", "Type");
        long offset = f.whole(4);
        if (offset < 0) {
            throw new BadLineException("Offset \"" + f.text(4) + "\" is not a whole number of bytes", false);
        }
        long size = f.whole(5);
        if (size < 0) {
            throw new BadLineException("Size \"" + f.text(5) + "\" is not a whole number of bytes", false);
        }
        if (size == 0) {
            throw new BadLineException("Size is 0 bytes; an I/O must transfer at least one byte", false);
        }
        long response = f.whole(6);
        if (response < 0 || response > Long.MAX_VALUE / FileTime.NS_PER_TICK) {
            throw new BadLineException("ResponseTime \"" + f.text(6)
                    + "\" is not a whole number of 100 ns ticks", false);
        }
        if (!(f.equalsText(1, lastHost) && f.equalsText(2, lastDisk))) {
            lastHost = f.text(1);
            lastDisk = f.text(2);
            lastDevice = lastHost + "/" + disk;
            lastDeviceIndex = devices.indexOf(lastDevice);
            lastDevice = devices.name(lastDeviceIndex);
        }
        out.rawTime = ticks;
        out.device = lastDevice;
        out.deviceIndex = lastDeviceIndex;
        out.write = write;
        out.offsetBytes = offset;
        out.sizeBytes = size;
        out.responseTimeNs = response * FileTime.NS_PER_TICK;
        return true;
    }

    @Override
    long nanosBetween(long originRaw, long raw) {
        return Math.multiplyExact(raw - originRaw, FileTime.NS_PER_TICK);
    }

    @Override
    Instant instant(long raw) {
        return FileTime.toInstant(raw);
    }

    @Override
    String describe(long raw) {
        return raw + " (" + FileTime.toInstant(raw) + ")";
    }
}
