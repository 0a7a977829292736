package org.repsim.model.consistency.rules;

/**
 * Bytes and host writes tagged with one sequence number (docs/model.md §6b, claims 5 and 7): either one
 * entity's share or, when reported as final by the {@link Shuttle}, the whole group's.
 *
 * @param seq        the sequence number
 * @param bytes      bytes tagged with {@code seq}
 * @param writes     host writes tagged with {@code seq}
 */
public record NumberTotal(long seq, long bytes, long writes) {
    public NumberTotal {
        if (bytes < 0 || writes < 0) {
            throw new IllegalArgumentException(
                    "number " + seq + ": bytes and writes must be >= 0, got " + bytes + " bytes, " + writes + " writes");
        }
    }
}
