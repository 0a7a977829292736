package org.repsim.model.ordered;

import java.util.ArrayDeque;
import org.repsim.model.WanLink;

/** A remote adapter port bound to one link: at most {@code maxInFlight} unacknowledged commands, the rest wait in FIFO order. */
final class Port {
    final WanLink.Direction out;
    final WanLink.Direction back;
    private final SecondaryWrites secondary;
    private final int maxInFlight;
    private final long headerBytes;
    private final ArrayDeque<Subtask> waiting = new ArrayDeque<>();
    private int unacked;

    Port(WanLink.Direction out, WanLink.Direction back, SecondaryWrites secondary, int maxInFlight, long headerBytes) {
        this.out = out;
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
        out.send(s.bytes + headerBytes, () -> secondary.onArrival(s));
    }

    void release() {
        unacked--;
        Subtask next = waiting.poll();
        if (next != null) {
            transmit(next);
        }
    }
}
