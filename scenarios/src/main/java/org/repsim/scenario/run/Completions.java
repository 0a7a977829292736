package org.repsim.scenario.run;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many replications of a run (or of a shard) are complete, as it goes: those found complete
 * at the start ({@code --resume}) and each one whose {@code done.json} has been written since.
 * Read from any thread, e.g. by a shutdown hook telling an interrupted user what is on disk
 * (a replication counts only once its files are all written, so the figure never runs ahead of
 * the directory).
 */
public final class Completions {
    private final AtomicInteger complete = new AtomicInteger();
    private volatile int total = -1;

    /** The run is about to execute its replications: {@code total} in all, {@code alreadyComplete} found complete. */
    void start(int total, int alreadyComplete) {
        complete.set(alreadyComplete);
        this.total = total;
    }

    /** One more replication's files are written, {@code done.json} last. */
    void completed() {
        complete.incrementAndGet();
    }

    /** True once the replications to run are known. */
    public boolean started() {
        return total >= 0;
    }

    /** Replications of the run (or shard); -1 before {@link #started()}. */
    public int total() {
        return total;
    }

    /** Replications complete on disk so far. */
    public int complete() {
        return complete.get();
    }
}
