package org.repsim.model.consistency;

/**
 * A cycle (host mode) or sequence number (shuttle mode) one member closed, waiting at that member
 * until its secondary applied it: the member's share of the number in host bytes and, in shuttle
 * mode, the tag times of its writes (for write → closed / applied latencies).
 */
final class ClosedNumber {
    final long number;
    /** Host bytes the member tagged with this number (shuttle: the entity's share of the total). */
    final long hostBytes;
    /** Tag times (ns) of the member's writes of this number, first {@code count} entries; null when not kept. */
    final long[] tagTimesNs;
    final int count;

    ClosedNumber(long number, long hostBytes, long[] tagTimesNs, int count) {
        this.number = number;
        this.hostBytes = hostBytes;
        this.tagTimesNs = tagTimesNs;
        this.count = count;
    }
}
