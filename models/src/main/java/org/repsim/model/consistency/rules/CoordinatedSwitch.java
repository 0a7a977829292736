package org.repsim.model.consistency.rules;

import java.util.Arrays;

/**
 * Host-coordinated cycle switch of a consistency group (docs/model.md §6a) as a pure state machine:
 * the coordinator (host software) and the window/cycle state of every primary box.
 *
 * <p>Protocol. The coordinator polls every box each {@code pollInterval}; when every box of one
 * poll reports ready (legacy conditions 2 and 3 of §5, evaluated by the box's cycle engine) and
 * {@code minCycleTime} has passed since the previous switch decision (or since {@code startNs}),
 * it runs three phases, each a message to every box and a wait for every confirmation:
 * (1) open a window on every box — host writes arriving at a box while its window is open are
 * held; (2) switch every box's cycle; (3) close every window — held writes proceed, tagged with
 * the new cycle. Since every window is open before any box switches and none closes before all
 * have switched, a write acknowledged in cycle k+1 can never be followed by a dependent write
 * tagged k. All boxes share the cycle number.
 *
 * <p>Call sequence for an event-driven engine (message latencies are the engine's):
 * <ol>
 *   <li>Every {@code pollInterval}: if {@link #onPollDue(long)} returns true, send a poll to every
 *       box; at each box evaluate readiness, reply; at the coordinator call
 *       {@link #onPollReply(int, boolean, long)}.</li>
 *   <li>Whenever a coordinator-side handler returns {@link SwitchCommand#OPEN_WINDOWS}, send "open"
 *       to every box; on its arrival at box b call {@link #onOpenWindow(int, long)} and send a
 *       confirmation; on the confirmation's arrival call {@link #onWindowOpenConfirmed(int, long)}.</li>
 *   <li>On {@link SwitchCommand#SWITCH_CYCLES}: send "switch"; at box b call
 *       {@link #onSwitchCycle(int, long)} and switch b's cycle engine (capture → transmit); confirm;
 *       at the coordinator {@link #onSwitchConfirmed(int, long)}.</li>
 *   <li>On {@link SwitchCommand#CLOSE_WINDOWS}: send "close"; at box b call
 *       {@link #onCloseWindow(int, long)}, release that many held writes of b (in arrival order)
 *       into cycle {@link #cycleOf(int)}; confirm; at the coordinator
 *       {@link #onWindowCloseConfirmed(int, long)}, which returns {@link SwitchCommand#SWITCH_DONE}
 *       after the last one ({@link #lastSwitch()} then holds the measurements).</li>
 *   <li>Host write arriving at box b: {@code long tag = onHostWrite(b, nowNs)}; if
 *       {@code tag == HELD} keep it in b's held queue, else put it in cycle {@code tag}.</li>
 * </ol>
 * Secondary-side coordinated apply is {@link GroupApplyGate}.
 */
public final class CoordinatedSwitch {

    /** Returned by {@link #onHostWrite(int, long)} when the write must wait for the window to close. */
    public static final long HELD = -1L;

    private enum Phase { IDLE, POLLING, OPENING, SWITCHING, CLOSING }

    private final int boxCount;
    private final long minCycleTimeNs;

    private Phase phase = Phase.IDLE;
    private final boolean[] answered;
    private int answers;
    private boolean allReadyInPoll;
    private final long[] firstReadyNs;

    private final boolean[] windowOpen;
    private final boolean[] switched;
    private final long[] cycle;
    private final long[] windowOpenedNs;
    private final long[] heldCount;
    /** Sum over held writes of (arrival − window opened), ns; bounded by window time × held count. */
    private final long[] heldOffsetSumNs;

    private long groupCycle;
    private long lastDecisionNs;
    private long decidedNs;
    private long decisionSkewNs;
    private long switchHeld;
    private long switchHoldSumNs;
    private long switchMaxWindowNs;
    private long switchSumWindowNs;
    private SwitchRecord lastSwitch;

    private long switches;
    private long heldWritesTotal;
    private long holdLatencySumNs;
    private long windowTimeSumNs;
    private long windowTimeMaxNs;
    private long windowsClosed;

    /**
     * @param boxCount       primary boxes in the group (≥ 1), indexed 0..n-1
     * @param minCycleTimeNs minimum time between two switch decisions (ns, ≥ 0)
     * @param startNs        when the first cycle opened (the first switch waits minCycleTime from here)
     * @param firstCycle     the cycle number every box tags with at the start (≥ 0)
     */
    public CoordinatedSwitch(int boxCount, long minCycleTimeNs, long startNs, long firstCycle) {
        if (boxCount < 1) {
            throw new IllegalArgumentException("consistency group needs at least 1 box, got " + boxCount);
        }
        if (minCycleTimeNs < 0) {
            throw new IllegalArgumentException("minCycleTime must be >= 0 ns, got " + minCycleTimeNs);
        }
        if (firstCycle < 0) {
            throw new IllegalArgumentException("first cycle number must be >= 0, got " + firstCycle);
        }
        this.boxCount = boxCount;
        this.minCycleTimeNs = minCycleTimeNs;
        this.answered = new boolean[boxCount];
        this.firstReadyNs = new long[boxCount];
        this.windowOpen = new boolean[boxCount];
        this.switched = new boolean[boxCount];
        this.cycle = new long[boxCount];
        this.windowOpenedNs = new long[boxCount];
        this.heldCount = new long[boxCount];
        this.heldOffsetSumNs = new long[boxCount];
        Arrays.fill(firstReadyNs, Long.MIN_VALUE);
        Arrays.fill(cycle, firstCycle);
        this.groupCycle = firstCycle;
        this.lastDecisionNs = startNs;
    }

    // ---------------------------------------------------------------- coordinator side

    /**
     * The poll timer fired at the coordinator.
     *
     * @return true if a poll must now be sent to every box; false while a poll or switch is in
     *         progress (the coordinator skips this tick). The engine must deliver every reply and
     *         confirmation eventually: a poll or phase missing one stays in progress.
     */
    public boolean onPollDue(long nowNs) {
        if (phase != Phase.IDLE) {
            return false;
        }
        phase = Phase.POLLING;
        Arrays.fill(answered, false);
        answers = 0;
        allReadyInPoll = true;
        return true;
    }

    /**
     * A box's poll reply reached the coordinator. {@code ready}: legacy conditions 2 and 3 hold at
     * the box (transmit cycle fully sent and committed, previous apply finished).
     *
     * @return {@link SwitchCommand#OPEN_WINDOWS} when this was the last reply of a poll in which all
     *         boxes were ready and minCycleTime has passed; otherwise {@link SwitchCommand#NONE}
     */
    public SwitchCommand onPollReply(int box, boolean ready, long nowNs) {
        checkBox(box);
        if (phase != Phase.POLLING) {
            throw new IllegalStateException("poll reply from box " + box + " but no poll is outstanding");
        }
        if (answered[box]) {
            throw new IllegalStateException("box " + box + " replied twice to one poll");
        }
        answered[box] = true;
        answers++;
        if (ready) {
            if (firstReadyNs[box] == Long.MIN_VALUE) {
                firstReadyNs[box] = nowNs;
            }
        } else {
            firstReadyNs[box] = Long.MIN_VALUE; // readiness lost: it counts again from the next ready reply
            allReadyInPoll = false;
        }
        if (answers < boxCount) {
            return SwitchCommand.NONE;
        }
        if (!allReadyInPoll || nowNs - lastDecisionNs < minCycleTimeNs) {
            phase = Phase.IDLE;
            return SwitchCommand.NONE;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long t : firstReadyNs) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        decisionSkewNs = last - first;
        Arrays.fill(firstReadyNs, Long.MIN_VALUE);
        decidedNs = nowNs;
        lastDecisionNs = nowNs;
        switchHeld = 0;
        switchHoldSumNs = 0;
        switchMaxWindowNs = 0;
        switchSumWindowNs = 0;
        startPhase(Phase.OPENING);
        return SwitchCommand.OPEN_WINDOWS;
    }

    /** Phase 1 confirmation from a box reached the coordinator. */
    public SwitchCommand onWindowOpenConfirmed(int box, long nowNs) {
        return confirm(box, Phase.OPENING, Phase.SWITCHING, SwitchCommand.SWITCH_CYCLES);
    }

    /** Phase 2 confirmation from a box reached the coordinator. */
    public SwitchCommand onSwitchConfirmed(int box, long nowNs) {
        return confirm(box, Phase.SWITCHING, Phase.CLOSING, SwitchCommand.CLOSE_WINDOWS);
    }

    /** Phase 3 confirmation from a box reached the coordinator. */
    public SwitchCommand onWindowCloseConfirmed(int box, long nowNs) {
        SwitchCommand next = confirm(box, Phase.CLOSING, Phase.IDLE, SwitchCommand.SWITCH_DONE);
        if (next == SwitchCommand.SWITCH_DONE) {
            lastSwitch = new SwitchRecord(groupCycle, decidedNs, nowNs, decisionSkewNs, switchHeld,
                    switchHoldSumNs, switchMaxWindowNs, switchSumWindowNs);
            groupCycle++;
            switches++;
        }
        return next;
    }

    // ---------------------------------------------------------------- box side

    /** Phase 1 message arrived at {@code box}: its window opens; new host writes are held. */
    public void onOpenWindow(int box, long nowNs) {
        checkBox(box);
        if (phase != Phase.OPENING || windowOpen[box] || answered[box]) {
            throw new IllegalStateException("box " + box + " asked to open its window outside phase 1");
        }
        windowOpen[box] = true;
        windowOpenedNs[box] = nowNs;
        heldCount[box] = 0;
        heldOffsetSumNs[box] = 0;
    }

    /**
     * Phase 2 message arrived at {@code box}: it switches to the next cycle.
     *
     * @return the box's new cycle number (the one held and new writes will get)
     * @throws IllegalStateException if the protocol would be broken (window not open, or not all
     *                               windows confirmed open)
     */
    public long onSwitchCycle(int box, long nowNs) {
        checkBox(box);
        if (phase != Phase.SWITCHING || !windowOpen[box] || switched[box]) {
            throw new IllegalStateException("box " + box + " asked to switch its cycle outside phase 2");
        }
        switched[box] = true;
        cycle[box] = groupCycle + 1;
        return cycle[box];
    }

    /**
     * Phase 3 message arrived at {@code box}: its window closes.
     *
     * @return how many held writes of the box to release now, in arrival order, all into cycle
     *         {@link #cycleOf(int)}
     */
    public long onCloseWindow(int box, long nowNs) {
        checkBox(box);
        if (phase != Phase.CLOSING || !windowOpen[box] || !switched[box]) {
            throw new IllegalStateException("box " + box + " asked to close its window outside phase 3");
        }
        windowOpen[box] = false;
        switched[box] = false;
        long windowNs = nowNs - windowOpenedNs[box];
        long held = heldCount[box];
        long holdNs = held * windowNs - heldOffsetSumNs[box];
        switchHeld += held;
        switchHoldSumNs += holdNs;
        switchMaxWindowNs = Math.max(switchMaxWindowNs, windowNs);
        switchSumWindowNs += windowNs;
        heldWritesTotal += held;
        holdLatencySumNs += holdNs;
        windowTimeSumNs += windowNs;
        windowTimeMaxNs = Math.max(windowTimeMaxNs, windowNs);
        windowsClosed++;
        heldCount[box] = 0;
        heldOffsetSumNs[box] = 0;
        return held;
    }

    /**
     * A host write arrived at {@code box}.
     *
     * @return {@link #HELD} if the box's window is open (release it at {@link #onCloseWindow}),
     *         otherwise the cycle to tag it with
     */
    public long onHostWrite(int box, long nowNs) {
        checkBox(box);
        if (windowOpen[box]) {
            heldCount[box]++;
            heldOffsetSumNs[box] += nowNs - windowOpenedNs[box];
            return HELD;
        }
        return cycle[box];
    }

    // ---------------------------------------------------------------- queries

    /** The cycle {@code box} tags new (not held) writes with. */
    public long cycleOf(int box) {
        checkBox(box);
        return cycle[box];
    }

    /** The group's current capture cycle before the ongoing switch (if any) completes. */
    public long groupCycle() {
        return groupCycle;
    }

    public boolean windowOpen(int box) {
        checkBox(box);
        return windowOpen[box];
    }

    /** Whether a poll or a switch is in progress. */
    public boolean busy() {
        return phase != Phase.IDLE;
    }

    /** Whether phases 1–3 are in progress. */
    public boolean switching() {
        return phase == Phase.OPENING || phase == Phase.SWITCHING || phase == Phase.CLOSING;
    }

    /** The most recent completed switch, or {@code null} before the first. */
    public SwitchRecord lastSwitch() {
        return lastSwitch;
    }

    public long switches() {
        return switches;
    }

    public long heldWritesTotal() {
        return heldWritesTotal;
    }

    /** Sum of hold latencies of all released writes (ns). */
    public long holdLatencySumNs() {
        return holdLatencySumNs;
    }

    /** Sum over all closed windows of their open time (ns). */
    public long windowTimeSumNs() {
        return windowTimeSumNs;
    }

    public long windowTimeMaxNs() {
        return windowTimeMaxNs;
    }

    public long windowsClosed() {
        return windowsClosed;
    }

    public int boxCount() {
        return boxCount;
    }

    private SwitchCommand confirm(int box, Phase expected, Phase next, SwitchCommand command) {
        checkBox(box);
        if (phase != expected) {
            throw new IllegalStateException("confirmation from box " + box + " for phase " + expected
                    + " but the coordinator is in " + phase);
        }
        if (answered[box]) {
            throw new IllegalStateException("box " + box + " confirmed phase " + expected + " twice");
        }
        boolean done = switch (expected) {
            case OPENING -> windowOpen[box];
            case SWITCHING -> switched[box];
            case CLOSING -> !windowOpen[box];
            default -> false;
        };
        if (!done) {
            throw new IllegalStateException("box " + box + " confirmed phase " + expected + " before doing it");
        }
        answered[box] = true;
        if (++answers < boxCount) {
            return SwitchCommand.NONE;
        }
        startPhase(next);
        return command;
    }

    private void startPhase(Phase next) {
        phase = next;
        Arrays.fill(answered, false);
        answers = 0;
    }

    private void checkBox(int box) {
        if (box < 0 || box >= boxCount) {
            throw new IllegalArgumentException("box index must be in 0.." + (boxCount - 1) + ", got " + box);
        }
    }
}
