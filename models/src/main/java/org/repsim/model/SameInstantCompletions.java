package org.repsim.model;

import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;

/**
 * Service completions that fall on the same instant share one kernel event, with results
 * identical to one event each (docs/model.md §1 back end, "one event per instant").
 *
 * <p>Use: a component {@link #open() opens} a window, lets its stations post their completions
 * here, and {@link #close() closes} it before running any other code. Within the window, the first
 * completion posted for an instant {@code t} posts one kernel event at {@code (t, DEPARTURE)}; every
 * later completion for {@code t} joins that event, which runs them in the order they were posted.
 * Outside a window, completions go to the kernel one by one.
 *
 * <p>Why the results cannot change: events of one instant and tie class fire in the order they
 * were posted. Inside a window only its own completions are posted (nothing else runs there), so
 * two of them posted for the same instant would have fired one right after the other — nothing
 * posted between them shares their instant — and whatever the first one posts for that instant
 * comes after both. The shared event, at the first one's place, runs exactly that sequence.
 *
 * <p>Invariants: an event runs each action it holds once, in posting order; an event is back in
 * the pool only after its last action ran; the window holds at most one event per instant.
 * Memory: events are pooled, so a window costs no allocation once the pool is warm.
 */
final class SameInstantCompletions {
    private final Scheduler scheduler;
    private boolean open;
    /** Events of the open window, one per distinct instant, in posting order. */
    private Shared[] window = new Shared[4];
    private int windowSize;
    private Shared[] idle = new Shared[8];
    private int idleCount;

    SameInstantCompletions(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts a window: until {@link #close()}, completions of the same instant share an event. */
    void open() {
        if (open) {
            throw new IllegalStateException("completion window already open");
        }
        open = true;
    }

    /** Ends the window: later completions post events of their own until the next window. */
    void close() {
        for (int i = 0; i < windowSize; i++) {
            window[i] = null;
        }
        windowSize = 0;
        open = false;
    }

    /** Runs {@code action} at {@code timeNs} with tie class {@link Tie#DEPARTURE}, sharing an event inside a window. */
    void post(long timeNs, Runnable action) {
        if (!open) {
            scheduler.post(timeNs, Tie.DEPARTURE, action);
            return;
        }
        for (int i = 0; i < windowSize; i++) {
            Shared s = window[i];
            if (s.timeNs == timeNs) {
                s.add(action);
                return;
            }
        }
        Shared s = idleCount > 0 ? idle[--idleCount] : new Shared();
        s.timeNs = timeNs;
        s.add(action);
        if (windowSize == window.length) {
            window = java.util.Arrays.copyOf(window, windowSize * 2);
        }
        window[windowSize++] = s;
        scheduler.post(timeNs, Tie.DEPARTURE, s);
    }

    /** True while a window is open. */
    boolean isOpen() {
        return open;
    }

    private void release(Shared s) {
        if (idleCount == idle.length) {
            idle = java.util.Arrays.copyOf(idle, idleCount * 2);
        }
        idle[idleCount++] = s;
    }

    /** One kernel event carrying the completions of one instant. */
    private final class Shared implements Runnable {
        private long timeNs;
        private Runnable[] actions = new Runnable[2];
        private int size;

        void add(Runnable action) {
            if (size == actions.length) {
                actions = java.util.Arrays.copyOf(actions, size * 2);
            }
            actions[size++] = action;
        }

        @Override
        public void run() {
            // the window that filled this event is closed: nothing joins it while it runs
            for (int i = 0; i < size; i++) {
                Runnable a = actions[i];
                actions[i] = null;
                a.run();
            }
            size = 0;
            release(this);
        }
    }
}
