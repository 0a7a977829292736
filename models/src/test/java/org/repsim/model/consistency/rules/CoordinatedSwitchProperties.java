package org.repsim.model.consistency.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repsim.model.SeededCases;

/**
 * Host-coordinated switch (docs/model.md §6a) under random message latencies: the test keeps a bag of
 * messages in flight (polls, phase messages and confirmations, host write issues and
 * acknowledgements, secondaries' cycle receipts) and delivers them in random order.
 */
class CoordinatedSwitchProperties {

    /**
     * 150 cases of 3,000 deliveries each: 1..5 boxes, 1..8 streams, minCycleTime 0..200 ns, and a
     * delivery-order seed over the whole long range (0, ±1 and the extremes mixed in).
     */
    @Test
    void noDependentWriteIsTaggedBelowAnAcknowledgedPredecessor() {
        SeededCases.forSeeds(150, caseSeed -> {
            SplittableRandom r = new SplittableRandom(caseSeed);
            long seed = r.nextInt(10) == 0
                    ? SeededCases.oneOf(r, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)
                    : r.nextLong();
            int boxes = SeededCases.intIn(r, 1, 5);
            int streams = SeededCases.intIn(r, 1, 8);
            int minCycleTimeNs = SeededCases.intIn(r, 0, 200);
            Driver driver = new Driver(seed, boxes, streams, minCycleTimeNs);
            driver.run(3_000);
            assertThat(driver.checker.violations()).isZero();
            assertThat(driver.checker.consistentNow()).isTrue();
        });
    }

    private enum Kind {
        POLL_TICK, POLL_AT_BOX, POLL_REPLY, OPEN_AT_BOX, OPEN_CONF, SWITCH_AT_BOX, SWITCH_CONF,
        CLOSE_AT_BOX, CLOSE_CONF, RECEIVED, ISSUE, ACK
    }

    private record Message(Kind kind, int box, int stream, long handle, long tag, boolean ready) {
        static Message of(Kind kind, int box) {
            return new Message(kind, box, -1, 0, 0, false);
        }
    }

    /** A randomised engine driving CoordinatedSwitch, GroupApplyGate and TaggedImage. */
    static final class Driver {
        final Random random;
        final int boxes;
        final CoordinatedSwitch sw;
        final GroupApplyGate gate;
        final TaggedImage checker;
        final List<Message> inFlight = new ArrayList<>();
        final long[] nextIndex;
        final long[] lastAckedTag;
        final List<ArrayDeque<Integer>> held = new ArrayList<>();
        final List<ArrayDeque<Long>> toReceive = new ArrayList<>();
        long nowNs;

        Driver(long seed, int boxes, int streams, long minCycleTimeNs) {
            this.random = new Random(seed);
            this.boxes = boxes;
            this.sw = new CoordinatedSwitch(boxes, minCycleTimeNs, 0, 0);
            this.gate = new GroupApplyGate(boxes, 0);
            this.checker = new TaggedImage(boxes);
            this.nextIndex = new long[streams];
            this.lastAckedTag = new long[streams];
            for (int b = 0; b < boxes; b++) {
                held.add(new ArrayDeque<>());
                toReceive.add(new ArrayDeque<>());
            }
            inFlight.add(Message.of(Kind.POLL_TICK, -1));
            for (int s = 0; s < streams; s++) {
                inFlight.add(new Message(Kind.ISSUE, -1, s, 0, 0, false));
            }
        }

        void run(int steps) {
            for (int i = 0; i < steps && !inFlight.isEmpty(); i++) {
                nowNs += random.nextInt(10);
                int pick = random.nextInt(inFlight.size());
                Message m = inFlight.get(pick);
                inFlight.set(pick, inFlight.get(inFlight.size() - 1));
                inFlight.remove(inFlight.size() - 1);
                deliver(m);
            }
        }

        private void toAllBoxes(Kind kind) {
            for (int b = 0; b < boxes; b++) {
                inFlight.add(Message.of(kind, b));
            }
        }

        private void deliver(Message m) {
            switch (m.kind()) {
                case POLL_TICK -> {
                    if (sw.onPollDue(nowNs)) {
                        toAllBoxes(Kind.POLL_AT_BOX);
                    }
                    inFlight.add(Message.of(Kind.POLL_TICK, -1));
                }
                case POLL_AT_BOX -> inFlight.add(new Message(Kind.POLL_REPLY, m.box(), -1, 0, 0,
                        random.nextInt(10) < 8));
                case POLL_REPLY -> {
                    if (sw.onPollReply(m.box(), m.ready(), nowNs) == SwitchCommand.OPEN_WINDOWS) {
                        toAllBoxes(Kind.OPEN_AT_BOX);
                    }
                }
                case OPEN_AT_BOX -> {
                    sw.onOpenWindow(m.box(), nowNs);
                    inFlight.add(Message.of(Kind.OPEN_CONF, m.box()));
                }
                case OPEN_CONF -> {
                    if (sw.onWindowOpenConfirmed(m.box(), nowNs) == SwitchCommand.SWITCH_CYCLES) {
                        for (int b = 0; b < boxes; b++) {
                            assertThat(sw.windowOpen(b)).as("window of box %d open before any switch", b).isTrue();
                        }
                        toAllBoxes(Kind.SWITCH_AT_BOX);
                    }
                }
                case SWITCH_AT_BOX -> {
                    for (int b = 0; b < boxes; b++) {
                        assertThat(sw.windowOpen(b)).as("box %d window open while box %d switches", b, m.box())
                                .isTrue();
                    }
                    assertThat(sw.onSwitchCycle(m.box(), nowNs)).isEqualTo(sw.groupCycle() + 1);
                    inFlight.add(Message.of(Kind.SWITCH_CONF, m.box()));
                }
                case SWITCH_CONF -> {
                    if (sw.onSwitchConfirmed(m.box(), nowNs) == SwitchCommand.CLOSE_WINDOWS) {
                        toAllBoxes(Kind.CLOSE_AT_BOX);
                    }
                }
                case CLOSE_AT_BOX -> {
                    for (int b = 0; b < boxes; b++) {
                        assertThat(sw.cycleOf(b)).as("box %d switched before any window closes", b)
                                .isEqualTo(sw.groupCycle() + 1);
                    }
                    long released = sw.onCloseWindow(m.box(), nowNs);
                    ArrayDeque<Integer> queue = held.get(m.box());
                    assertThat(released).isEqualTo(queue.size());
                    while (!queue.isEmpty()) {
                        tag(queue.poll(), m.box(), sw.cycleOf(m.box()));
                    }
                    inFlight.add(Message.of(Kind.CLOSE_CONF, m.box()));
                }
                case CLOSE_CONF -> {
                    if (sw.onWindowCloseConfirmed(m.box(), nowNs) == SwitchCommand.SWITCH_DONE) {
                        long closed = sw.lastSwitch().closedCycle();
                        for (int b = 0; b < boxes; b++) {
                            toReceive.get(b).add(closed);
                            inFlight.add(Message.of(Kind.RECEIVED, b));
                        }
                    }
                }
                case RECEIVED -> {
                    // Each secondary receives its cycles in order; the message only says "next one".
                    long cycle = toReceive.get(m.box()).poll();
                    if (gate.onCycleReceived(m.box(), cycle) > 0) {
                        checker.onGroupApplied(gate.appliableThrough());
                    }
                }
                case ISSUE -> {
                    int box = random.nextInt(boxes);
                    long tag = sw.onHostWrite(box, nowNs);
                    if (tag == CoordinatedSwitch.HELD) {
                        held.get(box).add(m.stream());
                    } else {
                        tag(m.stream(), box, tag);
                    }
                }
                case ACK -> {
                    checker.onAcknowledged(m.handle(), nowNs);
                    lastAckedTag[m.stream()] = m.tag();
                    inFlight.add(new Message(Kind.ISSUE, -1, m.stream(), 0, 0, false));
                }
                default -> throw new IllegalStateException("unknown message " + m);
            }
        }

        private void tag(int stream, int box, long tag) {
            assertThat(tag).as("stream %d: dependent write tagged below its acknowledged predecessor", stream)
                    .isGreaterThanOrEqualTo(lastAckedTag[stream]);
            long handle = checker.onWriteTagged(stream, nextIndex[stream]++, box, tag, 4096, nowNs);
            inFlight.add(new Message(Kind.ACK, box, stream, handle, tag, false));
        }
    }
}
