package org.repsim.core.kernel.dsol;

import nl.tudelft.simulation.dsol.SimRuntimeException;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.ErrorStrategy;
import nl.tudelft.simulation.dsol.simulators.RunState;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.SimulationFailure;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.Tie;

/**
 * The repsim kernel: DSOL's {@link DevsSimulator} with a primitive-time event list
 * ({@link EventHeap}) and a run loop of its own.
 *
 * <p>Why the loop is overridden: DSOL's stock loop runs on a worker thread, takes a lock, boxes
 * the clock into a {@code Long} and fires a time-changed event per event, and its default error
 * strategy ({@link ErrorStrategy#WARN_AND_PAUSE}) pauses the worker on an exception so that a
 * caller waiting for the end hangs. Here the loop runs on the caller's thread, the clock is a
 * {@code long}, and an exception ends the run at once as a {@link SimulationFailure}. DSOL's
 * scheduling API ({@code scheduleEventAbs}, {@code cancelEvent}, ...) still works and feeds the
 * same heap.
 *
 * <p>Not thread-safe: one kernel per replication, driven by one thread.
 */
public final class DsolKernel extends DevsSimulator<Long> implements SimulationKernel {
    private static final long serialVersionUID = 1L;

    private final EventHeap heap = new EventHeap();
    private long nowNs;
    private long seq;
    private long fired;
    private boolean stopRequested;
    /** {@link #fireNext()} is firing one event: a joined entry runs one action. */
    private boolean stepping;
    private final AdjacentPosts adjacent = new AdjacentPosts(this, heap);
    /** False only in the reference kernel of the tests: every post takes an entry of its own. */
    private boolean joinAdjacentPosts = true;
    private SimulationFailure failure;
    /** The event census, or null (the normal case: the run loop then counts nothing by kind). */
    private EventCensus census;

    /**
     * Construction is serialised: DSOL's {@code Simulator} constructor registers its logger in
     * djutils' {@code CategoryLogger}, whose shared maps are not thread-safe, and replications
     * build their kernels on several threads at once.
     */
    static final Object CONSTRUCTION = new Object();

    private DsolKernel(String id) {
        super(id);
        setEventList(heap);
        setErrorStrategy(ErrorStrategy.WARN_AND_THROW);
    }

    /** A kernel at time 0 with an empty event list (safe to call from several threads). */
    public static SimulationKernel create() {
        return create("repsim");
    }

    /** The reference for tests: a kernel where every post takes an entry of its own. */
    static DsolKernel createWithoutJoins() {
        DsolKernel k = create("repsim-reference");
        k.joinAdjacentPosts = false;
        return k;
    }

    /** A kernel with the given DSOL simulator id (safe to call from several threads). */
    public static DsolKernel create(String id) {
        synchronized (CONSTRUCTION) {
            return new DsolKernel(id);
        }
    }

    @Override
    public long now() {
        return nowNs;
    }

    @Override
    public EventHandle at(long timeNs, Tie tie, Runnable action) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException("cannot schedule in the past: t=" + SimulationFailure.formatTime(timeNs)
                    + " < now=" + SimulationFailure.formatTime(nowNs));
        }
        adjacent.scheduling(timeNs, tie.ordinal(), nowNs);
        adjacent.scheduledWithHandle(timeNs, tie.ordinal());
        KernelEvent e = new KernelEvent(timeNs, KernelEvent.order(tie, seq++), action);
        heap.push(e);
        return e;
    }

    @Override
    public void post(long timeNs, Tie tie, Runnable action) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException("cannot schedule in the past: t=" + SimulationFailure.formatTime(timeNs)
                    + " < now=" + SimulationFailure.formatTime(nowNs));
        }
        adjacent.scheduling(timeNs, tie.ordinal(), nowNs);
        long s = seq++;
        long order = KernelEvent.order(tie, s);
        // joins the entry of the last post of its key while that one waits (AdjacentPosts: same results)
        adjacent.post(timeNs, order, action, timeNs > nowNs && joinAdjacentPosts);
    }

    @Override
    public boolean cancel(EventHandle event) {
        return event instanceof KernelEvent && heap.delete((KernelEvent) event);
    }

    @Override
    public void runUntil(long endNs) {
        checkUsable();
        stopRequested = false;
        this.runState = RunState.STARTED;
        try {
            final EventHeap h = heap;
            long t;
            if (census == null) {
                while (!stopRequested && h.count() > 0 && (t = h.peekTimeNs()) <= endNs) {
                    nowNs = t;
                    fire(h.pollAction());
                }
            } else {
                // the same loop, counting each action by kind (a loop of its own, so that the
                // normal one carries no test per event)
                final EventCensus c = census;
                while (!stopRequested && h.count() > 0 && (t = h.peekTimeNs()) <= endNs) {
                    nowNs = t;
                    Runnable action = h.pollAction();
                    c.count(t, AdjacentPosts.nextActionOf(action));
                    fire(action);
                }
            }
            if (!stopRequested && endNs > nowNs) {
                nowNs = endNs;
            }
        } finally {
            this.runState = RunState.STOPPED;
        }
    }

    @Override
    public boolean fireNext() {
        checkUsable();
        if (heap.count() == 0) {
            return false;
        }
        nowNs = heap.peekTimeNs();
        Runnable action = heap.pollAction();
        if (census != null) {
            census.count(nowNs, AdjacentPosts.nextActionOf(action));
        }
        stepping = true;
        try {
            fire(action);
        } finally {
            stepping = false;
        }
        return true;
    }

    /** Runs the action of the event just taken off the list; the clock is already at its time. */
    private void fire(Runnable action) {
        fired++;
        try {
            action.run();
        } catch (RuntimeException | Error error) {
            if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
                throw error;
            }
            Throwable cause = error instanceof SimRuntimeException && error.getCause() != null ? error.getCause() : error;
            failure = new SimulationFailure(SimulationFailure.componentOf(cause), nowNs, cause);
            throw failure;
        }
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("kernel already failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    /**
     * Starts counting the events fired from now on by kind (a developer's tool: {@code repsim
     * bench model --census}) and returns the census; a second call returns the same one.
     */
    public EventCensus census() {
        if (census == null) {
            census = new EventCensus();
        }
        return census;
    }

    /** True when a running joined entry must put its remaining actions back (a stop, or one step). */
    boolean pauseRequested() {
        return stopRequested || stepping;
    }

    /** A joined action beyond an entry's first ran (counted like an event of its own). */
    void firedJoined(long timeNs, Runnable action) {
        fired++;
        if (census != null) {
            census.count(timeNs, action);
        }
    }

    /** Posts that joined the entry of the post before them (a figure for developers). */
    public long joinedPosts() {
        return adjacent.joined();
    }

    /** Joined entries put back with actions left (an earlier-class event at the instant, a stop, a step). */
    long joinedEntriesPutBack() {
        return adjacent.requeued();
    }

    @Override
    public long eventsFired() {
        return fired;
    }

    @Override
    public int pendingEvents() {
        return heap.count() + adjacent.pendingJoined();
    }

    // ---- DSOL's view of the clock and the list, kept consistent with the primitive clock ----

    @Override
    public Long getSimulatorTime() {
        return nowNs;
    }

    @Override
    public SimEventInterface<Long> scheduleEvent(SimEventInterface<Long> event) throws SimRuntimeException {
        if (event.getAbsoluteExecutionTime() < nowNs) {
            throw new SimRuntimeException("cannot schedule event " + event + " in the past, now=" + nowNs);
        }
        adjacent.schedulingForeign();
        heap.add(event);
        return event;
    }

    /** The stock loop is never used: runs go through {@link #runUntil(long)} on the caller's thread. */
    @Override
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    @Override
    protected void stepImpl() {
        fireNext();
    }
}
