package org.repsim.model.ordered;

import org.repsim.model.ordered.rules.OrderedDispatcher.Ordering;
import org.repsim.model.ordered.rules.OrderedDispatcher.Scan;

/**
 * Options of the ordered asynchronous replication engine (docs/model.md §4), one per primary box.
 *
 * @param source           how host writes feed the engine (see {@link Source}) [design]
 * @param scan             which reorder-queue entries an insertion examines ({@code scan: all | head}) [design]
 * @param ordering         {@code ON} reorders by seq; {@code OFF} dispatches in preparation order
 * @param preparePool      name of the box's processor pool that prepares subtasks (first stage)
 * @param senderPool       name of the box's processor pool that turns subtasks into write commands (second stage)
 * @param checkNsPerEntry  CPU time in ns charged to the preparation pool per reorder-queue entry examined (≥ 0)
 * @param maxInFlight      write commands unacknowledged per port (≥ 1)
 * @param spread           how subtasks are spread over a relationship's ports (see {@link Spread}) [design]
 * @param headerBytes      protocol bytes sent with each write command (≥ 0)
 * @param ackBytes         size of the secondary's acknowledgement (≥ 0)
 * @param passIntervalNs   copy passes: wait after a fully acknowledged pass before the next one may take
 *                         out-of-sync tracks (≥ 0; 0 = at once)
 * @param passMaxTracks    copy passes: most tracks one pass takes, the lowest-numbered first (≥ 0; 0 = all)
 * @param onCacheFull      what a host task's write does when its copies do not fit the primary's write-pending
 *                         limit (see {@link OnCacheFull})
 */
public record OrderedConfig(Source source, Scan scan, Ordering ordering, String preparePool, String senderPool,
                            long checkNsPerEntry, int maxInFlight, Spread spread, long headerBytes, long ackBytes,
                            long passIntervalNs, int passMaxTracks, OnCacheFull onCacheFull) {

    /**
     * A host task's subtasks keep copies of the write's tracks in the primary's cache, counted in its
     * write pending, until the secondary has written them (docs/model.md §4). When a replicated host
     * write's copies do not fit the write-pending limit [option {@code onCacheFull}]:
     * <ul>
     *   <li>{@code PACE} (default) [product: write pacing]: the write waits in the cache's FIFO for room
     *       (the secondary writing older subtasks, or destaging), so host latency rises and the host
     *       write rate falls to what the link carries;</li>
     *   <li>{@code COPY_PASS} [product: an asynchronous copy that falls behind records the tracks instead
     *       of their data]: the write is cached as a plain write, acknowledged at once and only marks its
     *       tracks out-of-sync; a background copy pass carries them (as with {@code source: copy-passes}),
     *       so write order is not kept for them.</li>
     * </ul>
     */
    public enum OnCacheFull { PACE, COPY_PASS }

    /** Options with {@code onCacheFull} {@link OnCacheFull#PACE}. */
    public OrderedConfig(Source source, Scan scan, Ordering ordering, String preparePool, String senderPool,
                         long checkNsPerEntry, int maxInFlight, Spread spread, long headerBytes, long ackBytes,
                         long passIntervalNs, int passMaxTracks) {
        this(source, scan, ordering, preparePool, senderPool, checkNsPerEntry, maxInFlight, spread, headerBytes, ackBytes,
                passIntervalNs, passMaxTracks, OnCacheFull.PACE);
    }

    /**
     * How host writes feed the engine [design, option {@code source}].
     * <ul>
     *   <li>{@code HOST_TASKS}: every replicated host write becomes its own write data task, one
     *       subtask per track it spans, seq in track order (docs/model.md §4 (a)).</li>
     *   <li>{@code COPY_PASSES}: a host write only marks its tracks out-of-sync (pure asynchronous
     *       copy); background copy passes carry them (docs/model.md §4 (b)). Rewrites of a track before
     *       the next pass fold into one copy.</li>
     * </ul>
     * In both modes, tracks put out-of-sync by {@link OrderedReplication#addPair} with
     * {@code initialCopy} (the initial synchronisation) are carried by copy passes, so
     * {@code HOST_TASKS} with an initial copy runs both task sources at once.
     */
    public enum Source { HOST_TASKS, COPY_PASSES }

    /**
     * How a relationship with several ports (remote adapter ports, one link each) spreads its
     * write commands [design, option {@code spread}].
     * <ul>
     *   <li>{@code PER_TASK} (default): each task is pinned to one port, tasks go round-robin over
     *       the ports. A port's link is FIFO, so a task's subtasks cannot overtake each other.</li>
     *   <li>{@code PER_SUBTASK}: each command goes to the next port round-robin — more parallelism
     *       for one large task, but subtasks of a task can overtake on links with different
     *       delays or queues, which the secondary counts as out-of-order arrivals.</li>
     * </ul>
     */
    public enum Spread { PER_TASK, PER_SUBTASK }

    public OrderedConfig {
        if (source == null || scan == null || ordering == null || spread == null || onCacheFull == null) {
            throw new IllegalArgumentException("ordered replication: source, scan, ordering, spread and onCacheFull must be given");
        }
        if (preparePool == null || preparePool.isBlank() || senderPool == null || senderPool.isBlank()) {
            throw new IllegalArgumentException("ordered replication: preparePool and senderPool must name processor pools");
        }
        if (checkNsPerEntry < 0) {
            throw new IllegalArgumentException("ordered replication: checkNsPerEntry must be ≥ 0 ns, got " + checkNsPerEntry);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("ordered replication: maxInFlight must be ≥ 1, got " + maxInFlight);
        }
        if (passIntervalNs < 0) {
            throw new IllegalArgumentException("ordered replication: copy pass interval must be ≥ 0 ns, got " + passIntervalNs);
        }
        if (passMaxTracks < 0) {
            throw new IllegalArgumentException("ordered replication: copy pass maxTracks must be ≥ 0 (0 = all), got " + passMaxTracks);
        }
        if (headerBytes < 0 || ackBytes < 0) {
            throw new IllegalArgumentException("ordered replication: header and ack sizes must be ≥ 0 bytes, got "
                    + headerBytes + ", " + ackBytes);
        }
    }

    /**
     * Defaults: scan head, ordering on, pools {@code prepare} and {@code sender}, 100 ns per entry,
     * 32 in flight, per-task spread, 512 B header, 128 B ack, passes back to back taking all tracks,
     * writes paced when the cache is full.
     */
    public static OrderedConfig defaults(Source source) {
        return new OrderedConfig(source, Scan.HEAD, Ordering.ON, "prepare", "sender", 100, 32, Spread.PER_TASK, 512, 128, 0, 0,
                OnCacheFull.PACE);
    }

    public OrderedConfig withScan(Scan s) {
        return new OrderedConfig(source, s, ordering, preparePool, senderPool, checkNsPerEntry, maxInFlight, spread, headerBytes, ackBytes, passIntervalNs, passMaxTracks, onCacheFull);
    }

    public OrderedConfig withOrdering(Ordering o) {
        return new OrderedConfig(source, scan, o, preparePool, senderPool, checkNsPerEntry, maxInFlight, spread, headerBytes, ackBytes, passIntervalNs, passMaxTracks, onCacheFull);
    }

    public OrderedConfig withCheckNsPerEntry(long ns) {
        return new OrderedConfig(source, scan, ordering, preparePool, senderPool, ns, maxInFlight, spread, headerBytes, ackBytes, passIntervalNs, passMaxTracks, onCacheFull);
    }

    public OrderedConfig withMaxInFlight(int n) {
        return new OrderedConfig(source, scan, ordering, preparePool, senderPool, checkNsPerEntry, n, spread, headerBytes, ackBytes, passIntervalNs, passMaxTracks, onCacheFull);
    }

    public OrderedConfig withSpread(Spread s) {
        return new OrderedConfig(source, scan, ordering, preparePool, senderPool, checkNsPerEntry, maxInFlight, s, headerBytes, ackBytes, passIntervalNs, passMaxTracks, onCacheFull);
    }

    public OrderedConfig withCopyPasses(long intervalNs, int maxTracks) {
        return new OrderedConfig(source, scan, ordering, preparePool, senderPool, checkNsPerEntry, maxInFlight, spread, headerBytes, ackBytes, intervalNs, maxTracks, onCacheFull);
    }

    public OrderedConfig withOnCacheFull(OnCacheFull o) {
        return new OrderedConfig(source, scan, ordering, preparePool, senderPool, checkNsPerEntry, maxInFlight, spread, headerBytes, ackBytes, passIntervalNs, passMaxTracks, o);
    }
}
