package org.repsim.model.ordered;

import java.util.ArrayDeque;
import org.repsim.model.RemotePath;
import org.repsim.model.WanLink;

/**
 * A remote adapter port bound to one link: at most {@code maxInFlight} unacknowledged commands, the
 * rest wait in FIFO order. Commands go through both boxes' remote adapters and the link in order
 * ({@code data}); acknowledgements come back over the link's direction {@code back} (docs/model.md §4, §7a).
 */
final class Port {
    final RemotePath data;
    final WanLink.Direction back;
    private final SecondaryWrites secondary;
    private final int maxInFlight;
    private final long headerBytes;
    private final ArrayDeque<Subtask> waiting = new ArrayDeque<>();
    private int unacked;

    Port(RemotePath data, WanLink.Direction back, SecondaryWrites secondary, int maxInFlight, long headerBytes) {
        this.data = data;
        this.back = back;
        this.secondary = secondary;
        this.maxInFlight = maxInFlight;
        this.headerBytes = headerBytes;
    }

    void submit(Subtask s) {
        s.port = this;
        if (unacked < maxInFlight) {
            transmit(s);
        } else {
            waiting.add(s);
        }
    }

    private void transmit(Subtask s) {
        unacked++;
        data.sendAcknowledged(s.bytes + headerBytes, () -> secondary.onArrival(s));
    }

    void release() {
        unacked--;
        Subtask next = waiting.poll();
        if (next != null) {
            transmit(next);
        }
    }
}
