package org.repsim.model.measure;

import static org.repsim.core.measure.Unit.BYTES;
import static org.repsim.core.measure.Unit.COUNT;
import static org.repsim.core.measure.Unit.NANOSECONDS;

import org.repsim.core.signal.SignalKey;

/**
 * The signals the model components emit, declared once per kind: a component declares its
 * instance's signal under the key and its prefix, a recording looks it up with the same key
 * ({@link org.repsim.core.signal.Signals#get}). Times are in nanoseconds.
 */
public final class SignalKeys {
    private SignalKeys() {
    }

    public static final class Processor {
        private Processor() {
        }

        public static final SignalKey QUEUE = SignalKey.level(".queue", COUNT, "requests waiting for a server");
        public static final SignalKey BUSY = SignalKey.level(".busy", COUNT, "servers busy");
        public static final SignalKey IN_SYSTEM = SignalKey.level(".inSystem", COUNT, "requests waiting or in service");
        public static final SignalKey WAIT = SignalKey.observation(".wait", NANOSECONDS,
                "time a request waited for a server");
        public static final SignalKey RESPONSE = SignalKey.observation(".response", NANOSECONDS,
                "time from arrival to end of service");
    }

    public static final class DiskGroup {
        private DiskGroup() {
        }

        public static final SignalKey QUEUE = SignalKey.level(".queue", COUNT, "requests waiting for a device");
        public static final SignalKey BUSY = SignalKey.level(".busy", COUNT, "devices busy");
        public static final SignalKey IN_SYSTEM = SignalKey.level(".inSystem", COUNT, "requests waiting or in service");
        public static final SignalKey RESPONSE = SignalKey.observation(".response", NANOSECONDS,
                "time from arrival to end of service");
        public static final SignalKey READS = SignalKey.count(".reads", COUNT, "back-end reads");
        public static final SignalKey WRITES = SignalKey.count(".writes", COUNT, "back-end writes (destages)");
    }

    public static final class Cache {
        private Cache() {
        }

        public static final SignalKey WRITE_PENDING_BYTES = SignalKey.level(".writePendingBytes", BYTES,
                "bytes written but not yet destaged");
        public static final SignalKey READ_HITS = SignalKey.count(".readHits", COUNT,
                "host reads whose every track (blocks read staging: every block) was valid in cache");
        public static final SignalKey READ_MISSES = SignalKey.count(".readMisses", COUNT,
                "host reads that missed at least one track (blocks read staging: one block)");
        public static final SignalKey WRITE_HITS = SignalKey.count(".writeHits", COUNT,
                "writes to a track already in cache");
        public static final SignalKey WRITE_MISSES = SignalKey.count(".writeMisses", COUNT,
                "writes that took a new slot");
        public static final SignalKey WRITES_DELAYED = SignalKey.count(".writesDelayed", COUNT,
                "writes delayed by the write-pending limit");
    }

    public static final class Link {
        private Link() {
        }

        public static final SignalKey BUSY = SignalKey.level(".busy", COUNT,
                "1 while the direction is sending, else 0");
        public static final SignalKey QUEUED_BYTES = SignalKey.level(".queuedBytes", BYTES, "bytes waiting to be sent");
        public static final SignalKey IN_FLIGHT_BYTES = SignalKey.level(".inFlightBytes", BYTES,
                "bytes sent and not yet acknowledged");
        public static final SignalKey IN_SYSTEM = SignalKey.level(".inSystem", COUNT, "transfers queued or in flight");
        public static final SignalKey TRANSFER_TIME = SignalKey.observation(".transferTime", NANOSECONDS,
                "time from enqueue to arrival");
        public static final SignalKey SENT_BYTES = SignalKey.count(".sentBytes", BYTES, "bytes put on the wire");
    }

    public static final class Host {
        private Host() {
        }

        public static final SignalKey WRITE_LATENCY = SignalKey.observation(".write.latency", NANOSECONDS,
                "host write response time");
        public static final SignalKey READ_LATENCY = SignalKey.observation(".read.latency", NANOSECONDS,
                "host read response time");
        public static final SignalKey WRITES = SignalKey.count(".writes", COUNT, "host writes completed");
        public static final SignalKey READS = SignalKey.count(".reads", COUNT, "host reads completed");
        public static final SignalKey WRITE_BYTES = SignalKey.count(".writeBytes", BYTES,
                "bytes of host writes completed");
        public static final SignalKey READ_BYTES = SignalKey.count(".readBytes", BYTES,
                "bytes of host reads completed");
        public static final SignalKey OUTSTANDING = SignalKey.level(".outstanding", COUNT,
                "host I/Os issued and not completed");
    }

    public static final class Cycle {
        private Cycle() {
        }

        public static final SignalKey CACHE_BYTES = SignalKey.level(".cacheBytes", BYTES,
                "bytes the session holds in cache");
        public static final SignalKey SPILL_BYTES = SignalKey.level(".spillBytes", BYTES,
                "bytes the session holds in the spill pool");
        public static final SignalKey TRANSMIT_QUEUE = SignalKey.level(".transmitQueue", COUNT,
                "closed cycles waiting to be sent");
        public static final SignalKey CYCLE_DURATION = SignalKey.observation(".cycleDuration", NANOSECONDS,
                "duration of a closed cycle");
        public static final SignalKey DROPS = SignalKey.count(".drops", COUNT, "session drops");
        public static final SignalKey PACED_WRITES = SignalKey.count(".pacedWrites", COUNT,
                "host writes delayed by pacing");
    }

    public static final class Ordered {
        private Ordered() {
        }

        public static final SignalKey REORDER_DEPTH = SignalKey.level(".reorder.depth", COUNT,
                "subtasks in the reorder queue");
        public static final SignalKey REORDER_ACTIVE_TASKS = SignalKey.level(".reorder.activeTasks", COUNT,
                "tasks with subtasks queued");
        public static final SignalKey REORDER_TASK_DEPTH = SignalKey.observation(".reorder.taskDepth", COUNT,
                "reorder depth a task saw");
        public static final SignalKey DISPATCH_WAIT = SignalKey.observation(".dispatch.wait", NANOSECONDS,
                "time from prepared to dispatched");
        public static final SignalKey TRACK_WAIT = SignalKey.observation(".trackWait", NANOSECONDS,
                "time a subtask waited for an older subtask of its track to be dispatched");
        public static final SignalKey DISPATCH_WAITED = SignalKey.count(".dispatch.waited", COUNT,
                "dispatches that had to wait");
        public static final SignalKey DISPATCHED = SignalKey.count(".dispatched", COUNT, "writes dispatched");
        public static final SignalKey CHECK_ENTRIES = SignalKey.count(".check.entries", COUNT,
                "entries the dependency check examined");
        public static final SignalKey CHECK_NS = SignalKey.count(".check.ns", NANOSECONDS,
                "processor time of the dependency check");
        public static final SignalKey OUT_OF_ORDER = SignalKey.count(".outOfOrder", COUNT,
                "writes arriving out of order at a secondary");
        public static final SignalKey WRITTEN = SignalKey.count(".written", COUNT, "writes applied at a secondary");
        public static final SignalKey BACKLOG_TRACKS = SignalKey.level(".backlog.tracks", COUNT,
                "tracks owed to the secondary");
        public static final SignalKey BACKLOG_BYTES = SignalKey.level(".backlog.bytes", BYTES,
                "bytes owed to the secondary");
        public static final SignalKey PASS_DURATION = SignalKey.observation(".pass.duration", NANOSECONDS,
                "duration of a background copy pass");
        public static final SignalKey SECURED_UP_TO = SignalKey.level(".securedUpTo", NANOSECONDS,
                "time before which every write is secured at the secondary");
        public static final SignalKey CACHE_BYTES = SignalKey.level(".cache.bytes", BYTES,
                "bytes the owed subtasks' copies hold in the primary's cache (counted in its write pending)");
        public static final SignalKey PACED_WRITES = SignalKey.count(".pacedWrites", COUNT,
                "replicated host writes that waited for write-pending room for their copies");
        public static final SignalKey DEFERRED_WRITES = SignalKey.count(".deferredWrites", COUNT,
                "replicated host writes left to the copy pass because their copies did not fit the cache");
    }

    public static final class Consistency {
        private Consistency() {
        }

        public static final SignalKey VIOLATIONS = SignalKey.count(".violations", COUNT,
                "dependent-write violations found");
        public static final SignalKey HOLD_LATENCY = SignalKey.observation(".holdLatency", NANOSECONDS,
                "time a host write was held");
        public static final SignalKey HELD_WRITES = SignalKey.count(".heldWrites", COUNT, "host writes held");
        public static final SignalKey SUSPENSIONS = SignalKey.count(".suspensions", COUNT, "group suspensions");
    }

    /** The coordinated switch of a host-mode consistency group (prefix: the group's). */
    public static final class HostSwitch {
        private HostSwitch() {
        }

        public static final SignalKey WINDOW_TIME = SignalKey.observation(".windowTime", NANOSECONDS,
                "duration of a coordinated-switch window");
        public static final SignalKey READINESS_SKEW = SignalKey.observation(".readinessSkew", NANOSECONDS,
                "skew between members ready to switch");
        public static final SignalKey SWITCH_DURATION = SignalKey.observation(".switchDuration", NANOSECONDS,
                "duration of a coordinated switch");
        public static final SignalKey SWITCHES = SignalKey.count(".switches", COUNT, "coordinated switches");
    }

    public static final class Shuttle {
        private Shuttle() {
        }

        public static final SignalKey ROUND_TIME = SignalKey.observation(".roundTime", NANOSECONDS,
                "shuttle round time");
        public static final SignalKey NUMBERS_PER_ROUND = SignalKey.observation(".numbersPerRound", COUNT,
                "numbers closed in a round");
        public static final SignalKey NUMBER_BYTES = SignalKey.observation(".numberBytes", BYTES,
                "bytes of a closed number");
        public static final SignalKey CLOSED_LATENCY = SignalKey.observation(".closedLatency", NANOSECONDS,
                "time from a write to the close of its number");
        public static final SignalKey APPLIED_LATENCY = SignalKey.observation(".appliedLatency", NANOSECONDS,
                "time from a write to the apply of its number");
        public static final SignalKey ACK_LATENCY = SignalKey.observation(".ackLatency", NANOSECONDS,
                "time from a write to its acknowledgement");
        public static final SignalKey NUMBERS_CLOSED = SignalKey.count(".numbersClosed", COUNT, "numbers closed");
        public static final SignalKey SKIPPED_EMPTY = SignalKey.count(".skippedEmpty", COUNT, "empty numbers skipped");
        public static final SignalKey COMMIT_WAIT = SignalKey.observation(".commitWait", NANOSECONDS,
                "time from a number's final total reaching the gatherer to its commit");
    }
}
