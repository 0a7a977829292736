package org.repsim.scenario.validate;

/**
 * Bounds on values whose cost grows with the value itself, so that a scenario that validates
 * cannot make a run's memory or time explode out of proportion to what it describes (a
 * processor pool of 2^31 servers, a time series sampled every nanosecond). Each is checked at
 * the key that sets it, with a message naming the bound.
 */
public final class Limits {

    /** Most servers of one processor pool (host or remote adapters, named pools, prepare) or devices of one disk group. */
    public static final int MAX_SERVERS = 100_000;

    /** Most streams of one closed-loop workload. */
    public static final int MAX_STREAMS = 100_000;

    /**
     * Most time-series samples per replication ({@code run.duration / report.sampleEvery}): the
     * series are held in memory, each sample with every column (a day sampled every second fits).
     */
    public static final long MAX_SAMPLES = 100_000;

    /** Most host I/Os one open-loop workload may be expected to issue in one replication (rate × peak factor × duration). */
    public static final double MAX_HOST_IOS = 1e10;

    /** Largest I/O size a workload may ask for (the largest value of its size distribution, or its mean when unbounded). */
    public static final long MAX_IO_BYTES = 1L << 30;

    private Limits() {
    }
}
