package org.repsim.model.trace;

import java.time.Instant;

/** SPC CSV: {@code ASU,LBA,Size,Opcode,Timestamp[,ignored...]} ({@link TraceFormat#SPC}). */
final class SpcLineParser extends LineParser {
    private static final int MIN_FIELDS = 5;
    private static final long SECTOR_BYTES = 512;
    /** ASU numbers below this have their device string cached in an array; larger ones go through the table. */
    private static final int DIRECT_ASUS = 4096;
    /** Device strings of ASU numbers seen so far, so a line allocates no device string. */
    private String[] asuDevices = new String[16];
    private int[] asuIndexes = new int[16];

    @Override
    boolean parse(String line, TraceRecord out) {
        if (isBlank(line)) {
            return false;
        }
        Fields f = fields;
        f.split(line);
        if (f.count() < MIN_FIELDS) {
            throw new BadLineException("expected at least " + MIN_FIELDS
                    + " comma-separated fields (ASU,LBA,Size,Opcode,Timestamp), found " + f.count(), false);
        }
        long asu = f.whole(0);
        if (asu < 0 || asu > Integer.MAX_VALUE) {
            throw new BadLineException("ASU \"" + f.text(0) + "\" is not a whole number", false);
        }
        long lba = f.whole(1);
        if (lba < 0 || lba > Long.MAX_VALUE / SECTOR_BYTES) {
            throw new BadLineException("LBA \"" + f.text(1) + "\" is not a whole number of 512-byte blocks", false);
        }
        long size = f.whole(2);
        if (size < 0) {
            throw new BadLineException("Size \"" + f.text(2) + "\" is not a whole number of bytes", false);
        }
        if (size == 0) {
            throw new BadLineException("Size is 0 bytes; an I/O must transfer at least one byte", false);
        }
        boolean write = f.isWrite(3, "w", "r", "Opcode");
        long timeNs = f.secondsAsNs(4);
        if (timeNs < 0) {
            throw new BadLineException("Timestamp \"" + f.text(4) + "\" is not a decimal number of seconds", false);
        }
        int asuNumber = (int) asu;
        if (asuNumber >= DIRECT_ASUS) {
            String device = Integer.toString(asuNumber);
            int index = devices.indexOf(device);
            out.device = devices.name(index);
            out.deviceIndex = index;
        } else {
            cachedDevice(asuNumber, out);
        }
        out.rawTime = timeNs;
        out.write = write;
        out.offsetBytes = lba * SECTOR_BYTES;
        out.sizeBytes = size;
        out.responseTimeNs = -1;
        return true;
    }

    private void cachedDevice(int asuNumber, TraceRecord out) {
        if (asuNumber >= asuDevices.length) {
            int length = Math.max(asuDevices.length * 2, asuNumber + 1);
            asuDevices = java.util.Arrays.copyOf(asuDevices, length);
            asuIndexes = java.util.Arrays.copyOf(asuIndexes, length);
        }
        if (asuDevices[asuNumber] == null) {
            String device = Integer.toString(asuNumber);
            asuIndexes[asuNumber] = devices.indexOf(device);
            asuDevices[asuNumber] = device;
        }
        out.device = asuDevices[asuNumber];
        out.deviceIndex = asuIndexes[asuNumber];
    }

    @Override
    long nanosBetween(long originRaw, long raw) {
        return raw - originRaw;
    }

    @Override
    Instant instant(long raw) {
        return null;
    }

    @Override
    String describe(long raw) {
        return raw / 1_000_000_000L + "." + String.format("%09d", raw % 1_000_000_000L) + " s";
    }
}
