package org.repsim.model;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.Scheduler;

/** A SimPy-style log of (simulated time ns, event) lines for component tests. */
public final class EventLog {
    private final Scheduler scheduler;
    private final List<String> lines = new ArrayList<>();

    public EventLog(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public void add(String event) {
        lines.add(scheduler.now() + " " + event);
    }

    /** A callback that logs {@code event} when run. */
    public Runnable on(String event) {
        return () -> add(event);
    }

    public List<String> lines() {
        return lines;
    }
}
