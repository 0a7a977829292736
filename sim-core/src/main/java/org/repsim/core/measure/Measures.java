package org.repsim.core.measure;

import static org.repsim.core.measure.Hint.SAWTOOTH;
import static org.repsim.core.measure.Hint.ZERO_IS_GOOD;
import static org.repsim.core.measure.Unit.BYTES;
import static org.repsim.core.measure.Unit.COUNT;
import static org.repsim.core.measure.Unit.FRACTION;
import static org.repsim.core.measure.Unit.INDEX;
import static org.repsim.core.measure.Unit.RATIO;
import static org.repsim.core.measure.Unit.SECONDS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of what a run measures: every summary metric, time-series column and record
 * table, declared once with its unit and meaning. The models record under these descriptors,
 * the runner writes their names into the result files ({@code summary.json} names are a user
 * contract), and the reports read their names, order, units, hints and prose from here.
 *
 * <p>It lives in sim-core because both sides read it and neither sees the other: the models
 * (which fill it) and the reports (which may read results back from disk, where only names are
 * stored) depend on sim-core only.
 */
public final class Measures {
    private Measures() {
    }

    // ---------------------------------------------------------------- host

    public static final Statistics HOST_WRITE_LATENCY = new Statistics("host.write.latency", SECONDS,
            "the host write response time (issue to acknowledgement)");
    public static final Statistics HOST_READ_LATENCY = new Statistics("host.read.latency", SECONDS,
            "the host read response time");
    public static final Statistics HOST_HOLD_LATENCY = new Statistics("host.hold.latency", SECONDS,
            "the time a host write was held by the coordinated switch");
    public static final MetricType HOST_WRITES = new MetricType("host.writes", COUNT,
            "host writes completed after the warm-up");
    public static final MetricType HOST_READS = new MetricType("host.reads", COUNT,
            "host reads completed after the warm-up");
    public static final MetricType HOST_WRITE_BYTES = new MetricType("host.writeBytes", BYTES,
            "bytes of the host writes completed after the warm-up");

    // ---------------------------------------------------------------- components

    public static final MetricFamily LINK_UTILIZATION = new MetricFamily("link.<id>.utilization", FRACTION,
            "busy fraction of the link's busier direction");
    public static final MetricFamily LINK_DIRECTION_UTILIZATION = new MetricFamily("link.<id>.<from>-<to>.utilization",
            FRACTION, "busy fraction of one direction of the link");
    public static final MetricFamily REMOTE_ADAPTER_UTILIZATION = new MetricFamily("<box*>.remoteAdapters.utilization",
            FRACTION, "busy adapters ÷ adapters of a box's remote adapters: every replication transfer it sends or "
                    + "receives");
    public static final MetricFamily UTILIZATION = new MetricFamily("<component*>.utilization", FRACTION,
            "busy servers ÷ servers of a processor pool or disk group");
    public static final MetricFamily QUEUE = new MetricFamily("queue.<component*>", COUNT,
            "requests waiting or in service at a component (time average .mean, largest .max)");
    public static final MetricFamily CACHE_WRITE_PENDING = new MetricFamily("box.<box>.cache.writePending", BYTES,
            "write-pending bytes in the box's cache (time average .mean, largest .max)");
    public static final MetricFamily CACHE_READ_HITS = new MetricFamily("box.<box>.cache.read.hits", COUNT,
            "host reads of the box completed from its cache: every track they asked for was valid there (with "
                    + "cache.readStaging blocks, every block), counted when looked up after the warm-up");
    public static final MetricFamily CACHE_READ_MISSES = new MetricFamily("box.<box>.cache.read.misses", COUNT,
            "host reads of the box that read at least one track (with cache.readStaging blocks, one block) from "
                    + "the back end, counted when looked up after the warm-up");
    public static final MetricFamily CACHE_READ_HIT_RATIO = new MetricFamily("box.<box>.cache.read.hitRatio", FRACTION,
            "read hits ÷ (read hits + read misses) of the box's cache after the warm-up (absent without reads)");

    // ---------------------------------------------------------------- recovery point

    public static final MetricType RPO_LAG_MEAN = new MetricType("rpo.lag.mean", SECONDS,
            "time-average recovery-point lag: how far the secondary's recoverable image trails the primary");
    public static final MetricType RPO_LAG_MAX = new MetricType("rpo.lag.max", SECONDS,
            "largest recovery-point lag");
    public static final MetricType RPO_ABOVE_TARGET = new MetricType("rpo.aboveTarget.fraction", FRACTION,
            "share of time the recovery-point lag exceeds report.rpoTarget");

    // ---------------------------------------------------------------- ordered mode

    public static final Statistics ORDERED_REORDER_DEPTH = new Statistics("ordered.reorder.depth", COUNT,
            "the reorder-queue depth (subtasks queued)");
    public static final MetricType ORDERED_TASK_DEPTH_MAX = new MetricType("ordered.reorder.taskDepth.max", COUNT,
            "largest reorder depth seen by one task");
    public static final MetricType ORDERED_DEPTH_PER_TASK = new MetricType("ordered.reorder.depthPerTask.mean", COUNT,
            "time-average reorder depth per active task");
    public static final MetricType ORDERED_OUT_OF_ORDER = new MetricType("ordered.outOfOrder", COUNT,
            "writes that reached a secondary out of order", ZERO_IS_GOOD);
    public static final MetricType ORDERED_REJECTED = new MetricType("ordered.rejected", COUNT,
            "writes rejected by the ordered dispatcher");
    public static final Statistics ORDERED_WAIT = new Statistics("ordered.wait", SECONDS,
            "the time from prepared to dispatched");
    public static final Statistics ORDERED_TRACK_WAIT = new Statistics("ordered.trackWait", SECONDS,
            "the time a write waited, before its preparation, for an older write of its track to be dispatched");
    public static final MetricType ORDERED_WAITED = new MetricType("ordered.waited.fraction", FRACTION,
            "share of dispatched writes that had to wait");
    public static final MetricType ORDERED_DISPATCHED = new MetricType("ordered.dispatched", COUNT,
            "writes dispatched to the secondaries");
    public static final MetricType ORDERED_WRITTEN = new MetricType("ordered.written", COUNT,
            "writes applied at the secondaries");
    public static final MetricType ORDERED_CHECK_ENTRIES = new MetricType("ordered.check.entries", COUNT,
            "entries examined by the dependency check");
    public static final MetricType ORDERED_CHECK_CPU = new MetricType("ordered.check.cpu", SECONDS,
            "processor time spent in the dependency check");
    public static final MetricType ORDERED_PREPARE_UTILIZATION = new MetricType("ordered.prepare.utilization",
            FRACTION, "busy fraction of the prepare pool (mean over engines)");
    public static final MetricType ORDERED_SENDER_UTILIZATION = new MetricType("ordered.sender.utilization",
            FRACTION, "busy fraction of the sender pool (mean over engines)");
    public static final Statistics ORDERED_BACKLOG_TRACKS = new Statistics("ordered.backlog.tracks", COUNT,
            "the tracks owed to the secondaries");
    public static final Statistics ORDERED_BACKLOG_BYTES = new Statistics("ordered.backlog.bytes", BYTES,
            "the bytes owed to the secondaries");
    public static final Statistics ORDERED_PASS_DURATION = new Statistics("ordered.pass.duration", SECONDS,
            "the duration of a background copy pass");
    public static final MetricType ORDERED_PASS_COUNT = new MetricType("ordered.pass.count", COUNT,
            "background copy passes completed");
    public static final Statistics ORDERED_CACHE_BYTES = new Statistics("ordered.cache.bytes", BYTES,
            "bytes of the copies owed subtasks hold in the primary's cache (part of its write pending)");
    public static final MetricType ORDERED_PACED_WRITES = new MetricType("ordered.paced.writes", COUNT,
            "replicated host writes that waited for write-pending room for their copies (onCacheFull: pace)");
    public static final MetricType ORDERED_DEFERRED_WRITES = new MetricType("ordered.deferred.writes", COUNT,
            "replicated host writes left to the copy pass, their copies not fitting (onCacheFull: copy-pass)");

    // ---------------------------------------------------------------- cycle mode

    public static final MetricType CYCLE_COUNT = new MetricType("cycle.count", COUNT,
            "cycles closed after the warm-up (all sessions, discarded ones excluded)");
    public static final Statistics CYCLE_DURATION = new Statistics("cycle.duration", SECONDS,
            "the cycle duration (open to close)");
    public static final MetricType CYCLE_BYTES_MEAN = new MetricType("cycle.bytes.mean", BYTES,
            "mean bytes a cycle carried");
    public static final MetricType CYCLE_FOLDING_MEAN = new MetricType("cycle.folding.mean", RATIO,
            "mean writes ÷ slots of a cycle (rewrites of a track folded into one slot)");
    public static final MetricType CYCLE_BYTE_FOLDING_MEAN = new MetricType("cycle.byteFolding.mean", RATIO,
            "mean bytes written by hosts ÷ bytes sent of a cycle (rewrites of the same blocks folded)");
    public static final MetricType CYCLE_DUPLICATES_MEAN = new MetricType("cycle.duplicates.mean", COUNT,
            "mean duplicate slots per cycle");
    public static final MetricType CACHE_SESSION_PEAK = new MetricType("cache.session.peak", BYTES,
            "largest cache occupancy of one replication session");
    public static final MetricType SPILL_PEAK = new MetricType("spill.peak", BYTES,
            "largest spill-pool occupancy of one replication session");
    public static final MetricType SESSION_DROPS = new MetricType("session.drops", COUNT,
            "cycle-mode session drops", ZERO_IS_GOOD);
    public static final MetricType SESSION_PACED_WRITES = new MetricType("session.paced.writes", COUNT,
            "host writes delayed by cache-pressure pacing, themselves or behind one that was");
    public static final MetricType SPILL_WRITES = new MetricType("spill.writes", COUNT,
            "disk writes to the spill pool: one per host write that moved slots there or folded into a spilled slot");
    public static final MetricType GROUP_CYCLE_COUNT = new MetricType("group.cycle.count", COUNT,
            "group cycle numbers closed after the warm-up");
    public static final Statistics GROUP_CYCLE_DURATION = new Statistics("group.cycle.duration", SECONDS,
            "the time between successive group closes");
    public static final MetricType GROUP_CYCLE_BYTES_MEAN = new MetricType("group.cycle.bytes.mean", BYTES,
            "mean bytes of a group cycle number, summed over boxes");

    // ---------------------------------------------------------------- consistency

    public static final MetricType CONSISTENCY_VIOLATIONS = new MetricType("consistency.violations", COUNT,
            "dependent writes that entered the secondary's recoverable image while an earlier write of their "
                    + "chain was absent (every mode); sync and ordered add the transfers that rolled a track of the "
                    + "image back (an older write landing after a newer one), ordered the subtasks written before an "
                    + "earlier one of their task", ZERO_IS_GOOD);
    public static final MetricType CONSISTENCY_SUSPENSIONS = new MetricType("consistency.suspensions", COUNT,
            "consistency-group suspensions");
    public static final MetricType SYNC_SUSPENSIONS = new MetricType("sync.suspensions", COUNT,
            "sync pairs suspended after their link failed (replication.sync.onLinkFailure: suspend)");
    public static final MetricType CONSISTENCY_UNPROTECTED = new MetricType("consistency.unprotected", SECONDS,
            "time without a current consistent group image: from a member's drop to the group's first commit"
                    + " after it resumed (frozen image, then resynchronisation)", ZERO_IS_GOOD);
    public static final Statistics CONSISTENCY_WINDOW = new Statistics("consistency.window", SECONDS,
            "the coordinated-switch window");
    public static final Statistics CONSISTENCY_READINESS_SKEW = new Statistics("consistency.readinessSkew", SECONDS,
            "the skew between members' readiness to switch");
    public static final Statistics CONSISTENCY_SWITCH_DURATION = new Statistics("consistency.switch.duration",
            SECONDS, "the duration of a coordinated switch");
    public static final MetricType CONSISTENCY_SWITCHES = new MetricType("consistency.switches", COUNT,
            "coordinated switches");
    public static final MetricType CONSISTENCY_HELD_WRITES = new MetricType("consistency.heldWrites", COUNT,
            "host writes held by a coordinated switch");
    public static final Statistics SHUTTLE_ROUND = new Statistics("shuttle.round", SECONDS,
            "the shuttle round time");
    public static final Statistics SHUTTLE_NUMBERS_PER_ROUND = new Statistics("shuttle.numbersPerRound", COUNT,
            "the numbers a shuttle round closed");
    public static final Statistics SHUTTLE_NUMBER_BYTES = new Statistics("shuttle.number.bytes", BYTES,
            "the bytes of one shuttle number");
    public static final Statistics SHUTTLE_CLOSED_LATENCY = new Statistics("shuttle.closed.latency", SECONDS,
            "the time from a write to the close of its number");
    public static final Statistics SHUTTLE_APPLIED_LATENCY = new Statistics("shuttle.applied.latency", SECONDS,
            "the time from a write to the apply of its number");
    public static final Statistics SHUTTLE_ACK_LATENCY = new Statistics("shuttle.ack.latency", SECONDS,
            "the time from a write to its acknowledgement after the round");
    public static final MetricType SHUTTLE_NUMBERS_CLOSED = new MetricType("shuttle.numbersClosed", COUNT,
            "shuttle numbers closed");
    public static final MetricType SHUTTLE_SKIPPED_EMPTY = new MetricType("shuttle.skippedEmpty", COUNT,
            "shuttle numbers skipped because empty");
    public static final Statistics SHUTTLE_COMMIT_WAIT = new Statistics("shuttle.commit.wait", SECONDS,
            "the time from a number's final total reaching the gatherer to its commit (received counts complete)");

    // ---------------------------------------------------------------- disaster

    public static final MetricType DISASTER_LOST_WRITES = new MetricType("disaster.lost.writes", COUNT,
            "acknowledged writes missing from the secondary's recoverable image at the disaster",
            ZERO_IS_GOOD);
    public static final MetricType DISASTER_LOST_BYTES = new MetricType("disaster.lost.bytes", BYTES,
            "bytes of the writes lost at the disaster", ZERO_IS_GOOD);
    public static final MetricType DISASTER_LOST_SPAN = new MetricType("disaster.lost.span", SECONDS,
            "time span of the writes lost at the disaster", ZERO_IS_GOOD);
    public static final MetricType DISASTER_RECOVERY_POINT = new MetricType("disaster.recoveryPoint", SECONDS,
            "measured recovery point: disaster time minus the acknowledgement of the oldest lost write (the "
                    + "recovery-point lag at that instant; 0 when nothing is lost)");
    public static final MetricType DISASTER_UNPROTECTED = new MetricType("disaster.unprotected", SECONDS,
            "time the primary runs without a remote copy after losing its secondary site: from the disaster to "
                    + "the run's planned end (0 when the primary site is lost)", ZERO_IS_GOOD);
    public static final MetricType DISASTER_BEYOND_HOLE = new MetricType("disaster.beyondHole", COUNT,
            "at the disaster, writes the recoverable image holds without being a consistent state: dependent "
                    + "writes present while an earlier write of their chain is missing, plus multi-track writes "
                    + "present on some of their tracks only (torn)");

    // ---------------------------------------------------------------- time-series columns

    /** Per sample interval: the statistic {@code stat} of the host writes or reads completed in it. */
    public static SeriesColumn hostLatencyColumn(Statistics latency, String stat) {
        return new SeriesColumn(latency.base() + "." + stat, SECONDS,
                stat + " of " + latency.description() + " in each sample interval");
    }

    public static final SeriesFamily QUEUE_COLUMN = new SeriesFamily("queue.<component*>", COUNT,
            "mean number of requests waiting or in service over the sample interval");
    public static final SeriesColumn REORDER_QUEUE_COLUMN = QUEUE_COLUMN.of("reorder");
    public static final SeriesFamily LINK_UTILIZATION_COLUMN = new SeriesFamily("link.<id*>.utilization", FRACTION,
            "busy fraction of the link's busier direction over the sample interval");
    public static final SeriesColumn CACHE_SESSION_BYTES = new SeriesColumn("cache.session.bytes", BYTES,
            "bytes the replication sessions hold in cache; when they reach the session limit the cache-pressure "
                    + "policy (spill, pace or drop) takes over", SAWTOOTH);
    public static final SeriesColumn CACHE_SESSION_LIMIT = new SeriesColumn("cache.session.limit", BYTES,
            "the sessions' cache limit");
    public static final SeriesColumn SPILL_BYTES = new SeriesColumn("spill.bytes", BYTES,
            "bytes the replication sessions hold in the spill pool", SAWTOOTH);
    public static final SeriesColumn TRANSMIT_QUEUE = new SeriesColumn("cycle.transmitQueue", COUNT,
            "closed cycles not yet acknowledged by the secondary, summed over the sessions (legacy switching holds "
                    + "at most one per session, multi-cycle up to maxTransmitCycles); a queue that keeps growing means "
                    + "the links are slower than the folded write rate");
    public static final SeriesColumn RPO_LAG = new SeriesColumn("rpo.lag", SECONDS,
            "how far the secondary's recoverable image trails the primary: the writes of this many seconds would "
                    + "be lost by a disaster at that moment", SAWTOOTH);
    public static final SeriesColumn ORDERED_BACKLOG_TRACKS_COLUMN = new SeriesColumn("ordered.backlog.tracks", COUNT,
            "tracks owed to the secondaries now");
    public static final SeriesColumn ORDERED_BACKLOG_BYTES_COLUMN = new SeriesColumn("ordered.backlog.bytes", BYTES,
            "bytes owed to the secondaries now");

    // ---------------------------------------------------------------- record tables

    /** Table {@code cycles}: one row per closed cycle (shuttle: number) of each session. */
    public static final class Cycles {
        private Cycles() {
        }

        public static final Column NUMBER = new Column("number", COUNT, "cycle number");
        public static final Column BOX = new Column("box", INDEX, "the session's index");
        public static final Column OPEN = new Column("openS", SECONDS, "simulated time the cycle opened");
        public static final Column CLOSE = new Column("closeS", SECONDS, "simulated time the cycle closed");
        public static final Column SENT = new Column("sentS", SECONDS, "simulated time its last slot was sent");
        public static final Column APPLIED = new Column("appliedS", SECONDS, "simulated time it was applied");
        public static final Column DURATION = new Column("durationS", SECONDS, "how long the cycle was open "
                + "(longer than minCycleTime: the link or the secondary could not keep up)");
        public static final Column WRITES = new Column("writes", COUNT, "host writes the cycle took");
        public static final Column SLOTS = new Column("slots", COUNT, "slots (tracks) the cycle carried");
        public static final Column BYTES_COLUMN = new Column("bytes", BYTES, "bytes the cycle carried");
        public static final Column FOLDING = new Column("folding", RATIO,
                "writes per slot (above 1, rewrites of a track folded into one slot)");
        public static final Column DUPLICATES = new Column("duplicates", COUNT, "duplicate slots");

        public static final TableSchema SCHEMA = new TableSchema("cycles", NUMBER, BOX, OPEN, CLOSE, SENT, APPLIED,
                DURATION, WRITES, SLOTS, BYTES_COLUMN, FOLDING, DUPLICATES);

        /** Boxes whose rows a group-wide row sums ({@link #PER_NUMBER_SCHEMA}). */
        public static final Column BOXES = new Column("boxes", COUNT, "boxes whose cycle of this number the row sums");

        /**
         * One row per group-wide cycle number: the boxes' rows of that number summed (writes, slots,
         * bytes, duplicates), the earliest open, the latest close, send and apply, the longest
         * duration; folding = writes ÷ slots.
         */
        public static final TableSchema PER_NUMBER_SCHEMA = new TableSchema("cycles", NUMBER, BOXES, OPEN, CLOSE,
                SENT, APPLIED, DURATION, WRITES, SLOTS, BYTES_COLUMN, FOLDING, DUPLICATES);
    }

    // ---------------------------------------------------------------- report order

    /**
     * The headline metrics in the order a report lists them; a {@link MetricFamily} stands for
     * its members (sorted by name).
     */
    public static final List<MetricSelector> HEADLINES = List.of(
            HOST_WRITE_LATENCY.mean(), HOST_WRITE_LATENCY.p50(), HOST_WRITE_LATENCY.p99(), HOST_WRITE_LATENCY.p999(),
            HOST_READ_LATENCY.mean(), HOST_READ_LATENCY.p99(), HOST_WRITES, LINK_UTILIZATION, LINK_DIRECTION_UTILIZATION,
            REMOTE_ADAPTER_UTILIZATION, RPO_LAG_MEAN, RPO_LAG_MAX, RPO_ABOVE_TARGET,
            ORDERED_REORDER_DEPTH.mean(), ORDERED_REORDER_DEPTH.max(), ORDERED_OUT_OF_ORDER,
            CYCLE_DURATION.mean(), CYCLE_DURATION.max(), CYCLE_BYTES_MEAN, CYCLE_FOLDING_MEAN,
            CYCLE_BYTE_FOLDING_MEAN, CACHE_SESSION_PEAK, SPILL_PEAK, SESSION_DROPS, CONSISTENCY_VIOLATIONS, SHUTTLE_ROUND.mean(),
            DISASTER_LOST_WRITES, DISASTER_LOST_BYTES, DISASTER_LOST_SPAN);

    /** The overall host latency a report tabulates, in column order. */
    public static final List<MetricType> OVERALL_LATENCY = List.of(HOST_WRITE_LATENCY.mean(), HOST_WRITE_LATENCY.p50(),
            HOST_WRITE_LATENCY.p99(), HOST_WRITE_LATENCY.p999(), HOST_READ_LATENCY.mean(), HOST_READ_LATENCY.p99());

    /** The consistency and data-loss figures a report tabulates, in row order. */
    public static final List<MetricType> CONSISTENCY_AND_LOSS = List.of(CONSISTENCY_VIOLATIONS, ORDERED_OUT_OF_ORDER,
            SESSION_DROPS, CONSISTENCY_UNPROTECTED, DISASTER_LOST_WRITES, DISASTER_LOST_BYTES, DISASTER_LOST_SPAN,
            DISASTER_UNPROTECTED);

    /** Every single metric of the catalogue (members of statistics included, families excluded). */
    public static List<MetricType> metrics() {
        return All.METRICS;
    }

    /** Collected once, after every constant above is set. */
    private static final class All {
        static final List<MetricType> METRICS = collect();

        private static List<MetricType> collect() {
            List<MetricType> out = new ArrayList<>();
            for (java.lang.reflect.Field f : Measures.class.getFields()) {
                try {
                    Object v = f.get(null);
                    if (v instanceof MetricType m) {
                        out.add(m);
                    } else if (v instanceof Statistics s) {
                        out.addAll(s.latencyMembers());
                        out.add(s.count());
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return List.copyOf(out);
        }
    }

    /** Every family of the catalogue. */
    public static List<MetricFamily> families() {
        return List.of(LINK_UTILIZATION, LINK_DIRECTION_UTILIZATION, REMOTE_ADAPTER_UTILIZATION, UTILIZATION,
                CACHE_WRITE_PENDING, CACHE_READ_HITS, CACHE_READ_MISSES, CACHE_READ_HIT_RATIO, QUEUE);
    }

    /** The descriptor of a time-series column met in results by name, when the catalogue has it. */
    public static Optional<SeriesColumn> column(String name) {
        for (SeriesColumn c : List.of(CACHE_SESSION_BYTES, CACHE_SESSION_LIMIT, SPILL_BYTES, TRANSMIT_QUEUE, RPO_LAG,
                ORDERED_BACKLOG_TRACKS_COLUMN, ORDERED_BACKLOG_BYTES_COLUMN)) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        for (SeriesFamily f : List.of(QUEUE_COLUMN, LINK_UTILIZATION_COLUMN)) {
            if (f.matches(name)) {
                return Optional.of(new SeriesColumn(name, f.unit(), f.description(), f.hints()));
            }
        }
        return Optional.empty();
    }

    /** The descriptor of a metric met in results by name, when the catalogue has it. */
    public static Optional<MetricType> metric(String name) {
        for (MetricType m : metrics()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        for (MetricFamily f : families()) {
            if (f.matches(name)) {
                return Optional.of(new MetricType(name, f.unit(), f.description(), f.hints()));
            }
        }
        return Optional.empty();
    }
}
