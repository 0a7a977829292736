package org.repsim.model.trace;

import java.util.Arrays;

/**
 * The comma-separated fields of one line as index ranges into the line (no substrings on the
 * hot path); surrounding blanks of each field are excluded. Reused from line to line.
 */
final class Fields {
    private String line = "";
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    void split(String text) {
        line = text;
        count = 0;
        int start = 0;
        int length = text.length();
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            add(start, end);
            if (comma < 0) {
                return;
            }
            start = comma + 1;
        }
    }

    private void add(int start, int end) {
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    int count() {
        return count;
    }

    String text(int field) {
        return line.substring(starts[field], ends[field]);
    }

    boolean isEmpty(int field) {
        return starts[field] == ends[field];
    }

    /** The field as a non-negative whole number, or -1 when it is not one (or overflows a long). */
    long whole(int field) {
        int start = starts[field];
        int end = ends[field];
        if (start == end) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The field as non-negative decimal seconds ({@code 12}, {@code 0.551706}, {@code .5}) converted
     * to whole nanoseconds (digits below 1 ns are dropped), or -1 when it is not such a number.
     */
    long secondsAsNs(int field) {
        int start = starts[field];
        int end = ends[field];
        long seconds = 0;
        long fractionNs = 0;
        long scale = 100_000_000L;
        boolean digits = false;
        boolean point = false;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                digits = true;
                if (point) {
                    fractionNs += (c - '0') * scale;
                    scale /= 10;
                } else {
                    if (seconds > (Long.MAX_VALUE / 1_000_000_000L - 9) / 10) {
                        return -1;
                    }
                    seconds = seconds * 10 + (c - '0');
                }
            } else {
                return -1;
            }
        }
        return digits ? seconds * 1_000_000_000L + fractionNs : -1;
    }

    /** Whether the field equals {@code word} ignoring ASCII case. */
    boolean equalsIgnoreCase(int field, String word) {
        int start = starts[field];
        return ends[field] - start == word.length() && line.regionMatches(true, start, word, 0, word.length());
    }

    /**
     * Whether the field names a write: {@code writeWord} gives true, {@code readWord} false (ASCII
     * case ignored); anything else is a bad line naming the column {@code column}.
     */
    boolean isWrite(int field, String writeWord, String readWord, String column) {
        if (equalsIgnoreCase(field, writeWord)) {
            return true;
        }
        if (equalsIgnoreCase(field, readWord)) {
            return false;
        }
        throw new BadLineException(column + " \"" + text(field) + "\" is neither " + readWord + " nor " + writeWord, false);
    }

    /** Whether the field equals {@code text} exactly. */
    boolean equalsText(int field, String text) {
        int start = starts[field];
        return ends[field] - start == text.length() && line.regionMatches(start, text, 0, text.length());
    }
}
