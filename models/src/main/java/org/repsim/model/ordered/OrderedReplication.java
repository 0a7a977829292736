package org.repsim.model.ordered;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.HostIo;
import org.repsim.model.Processor;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.ordered.rules.OrderedDispatcher;
import org.repsim.model.ordered.OrderedConfig.Source;
import org.repsim.model.ordered.OrderedConfig.Spread;

/**
 * Ordered asynchronous replication (DOMAIN §4, seed US 7,137,033) for the pairs whose primary
 * volumes are on one box; built on {@link OrderedDispatcher}.
 *
 * <p>Path of one subtask (one track of a write data task):
 * <ol>
 *   <li><b>preparation</b> [design]: a server of the {@code preparePool} serves it (its service
 *       law), then reads the track from the primary cache; on a miss the track is staged from
 *       the back end (the server is released; the subtask is prepared when the disk read ends),
 *       so completions come out of order;</li>
 *   <li><b>reorder</b> [claim]: {@link OrderedDispatcher#offer}; the entries examined are charged
 *       as a job of {@code examined × checkNsPerEntry} ns to the preparation pool [design: the
 *       decision takes effect at the insertion instant, its CPU cost delays later preparations,
 *       so the check cost never reorders dispatches];</li>
 *   <li><b>sender</b> [claim]: a server of the {@code senderPool} turns the subtask into a write
 *       command; the command goes to a port (see {@link Spread}); a port keeps at most
 *       {@code maxInFlight} commands unacknowledged, further commands wait in FIFO order;</li>
 *   <li><b>link</b>: {@code bytes + headerBytes} over the port's link;</li>
 *   <li><b>secondary</b> [product]: remote adapter, cache write; then it checks the task's record
 *       {@code lastSeq}: an arrival with {@code seq ≠ lastSeq + 1} is an out-of-order arrival
 *       (a violation); the write is now secured; an acknowledgement of {@code ackBytes} goes
 *       back over the link and frees the port's slot.</li>
 * </ol>
 *
 * <p>Host writes complete locally: the host is acknowledged as soon as the write is in the local
 * cache (asynchronous). What the write feeds depends on {@link Source}.
 *
 * <p>Copy passes [product/design]: a relationship's pass takes all its out-of-sync tracks in
 * ascending track order as seq {@code 0..n-1} and clears them; a track written again while in
 * flight is marked again and goes into the next pass; the next pass starts only when the
 * previous one has been fully acknowledged (so an older copy never overtakes a newer one), and no
 * earlier than {@code passIntervalNs} after that; a pass takes at most {@code passMaxTracks}
 * tracks (lowest numbers first; 0 = all). Otherwise a pass starts as soon as a track is marked.
 *
 * <p>Recovery point [design]: the engine tracks the instant {@link #securedUpToNs()} up to
 * which every locally acknowledged write is written at a secondary: the local acknowledgement
 * time of the oldest write not yet secured (host tasks: a FIFO of unsecured tasks in
 * acknowledgement order; copy passes: {@link OutOfSyncSet}, O(1)). Memory: 2 bits per volume
 * track plus one node per outstanding track or task — bounded by the outstanding data and the
 * volume size, never by the run length or the number of rewrites.
 *
 * <p>Signals ({@code ordered.<box>.…}, times in ns): {@code reorder.depth}, {@code
 * reorder.activeTasks} (levels), {@code reorder.taskDepth} (observation: the inserted task's
 * subqueue depth after each insertion), {@code dispatch.wait} (observation: prepared →
 * dispatched), {@code dispatch.waited}, {@code dispatched}, {@code check.entries}, {@code
 * check.ns}, {@code outOfOrder}, {@code written} (counts), {@code backlog.tracks}, {@code
 * backlog.bytes} (levels: tracks/bytes owed to the secondary — out-of-sync tracks not yet taken
 * plus taken or tasked tracks not yet written there), {@code pass.duration} (observation),
 * {@code securedUpTo} (level: {@link #securedUpToNs()}, −1 when nothing is unsecured).
 *
 * <p>Stale or duplicate subtasks make {@link OrderedDispatcher#offer} throw; the engine does not
 * catch it — the run fails (DOMAIN §4).
 */
public final class OrderedReplication implements ReplicationHandler {

    /** Sees every dispatch (tracing, tests). */
    @FunctionalInterface
    public interface DispatchObserver {
        void onDispatch(long nowNs, long taskId, int seq, long track);
    }

    private static final Runnable NOTHING = () -> { };

    private final Box primary;
    private final Scheduler scheduler;
    private final OrderedConfig config;
    private final Processor prepare;
    private final Processor sender;
    private final Cache cache;
    private final long trackSizeBytes;
    private final OrderedDispatcher<Subtask> dispatcher;
    private final Map<Volume, Relationship> pairs = new IdentityHashMap<>();
    private final List<Relationship> relationships = new ArrayList<>();
    private final Map<WanLink, Port> ports = new IdentityHashMap<>();
    private final List<Port> portList = new ArrayList<>();
    private final ArrayDeque<Task> unsecuredHostTasks = new ArrayDeque<>();
    private DispatchObserver[] observers = new DispatchObserver[0];

    private long nextTaskId;
    private long backlogTracks;
    private long backlogBytes;
    private long securedUpTo = Long.MIN_VALUE;
    private long outOfOrder;
    private long written;
    private long checkEntries;
    private long passes;

    private final Signal depthSignal;
    private final Signal activeTasksSignal;
    private final Signal taskDepthSignal;
    private final Signal waitSignal;
    private final Signal waitedSignal;
    private final Signal dispatchedSignal;
    private final Signal checkEntriesSignal;
    private final Signal checkNsSignal;
    private final Signal outOfOrderSignal;
    private final Signal writtenSignal;
    private final Signal backlogTracksSignal;
    private final Signal backlogBytesSignal;
    private final Signal passDurationSignal;
    private final Signal securedUpToSignal;

    /** A write data task: a host write or a copy pass. Holds the secondary's record of it too. */
    private static final class Task {
        final long id;
        final Relationship rel;
        final int count;
        final boolean pass;
        final long startNs;
        final Port port;
        long handle;
        int writtenCount;
        int ackedCount;
        /** The secondary's record: last seq written [product]. */
        int lastSeqWritten = -1;
        boolean secured;

        Task(long id, Relationship rel, int count, boolean pass, long startNs, Port port) {
            this.id = id;
            this.rel = rel;
            this.count = count;
            this.pass = pass;
            this.startNs = startNs;
            this.port = port;
        }
    }

    /** One track of a task on its way to the secondary. */
    private static final class Subtask {
        final Task task;
        final int seq;
        final long track;
        final long bytes;
        /** Copy passes: the out-of-sync node of this track's in-flight copy; −1 for host tasks. */
        int node = -1;
        long preparedNs;
        Port port;

        Subtask(Task task, int seq, long track, long bytes) {
            this.task = task;
            this.seq = seq;
            this.track = track;
            this.bytes = bytes;
        }
    }

    /** A replication relationship: primary volume → secondary volume over one or more ports. */
    private static final class Relationship {
        final Volume primaryVolume;
        final Volume secondaryVolume;
        final long trackShift;
        final Port[] ports;
        final OutOfSyncSet outOfSync;
        Task currentPass;
        /** Earliest start of the next pass (previous pass acknowledged + passIntervalNs). */
        long nextPassNs;
        boolean passTimerSet;
        int nextPort;

        Relationship(Volume primaryVolume, Volume secondaryVolume, Port[] ports) {
            this.primaryVolume = primaryVolume;
            this.secondaryVolume = secondaryVolume;
            this.trackShift = secondaryVolume.firstTrack() - primaryVolume.firstTrack();
            this.ports = ports;
            this.outOfSync = new OutOfSyncSet(primaryVolume.trackCount());
        }

        Port roundRobin() {
            Port p = ports[nextPort];
            nextPort = nextPort + 1 == ports.length ? 0 : nextPort + 1;
            return p;
        }
    }

    /** A remote adapter port bound to one link: at most maxInFlight unacknowledged commands. */
    private final class Port {
        final WanLink.Direction out;
        final WanLink.Direction back;
        final ArrayDeque<Subtask> waiting = new ArrayDeque<>();
        int unacked;

        Port(WanLink.Direction out, WanLink.Direction back) {
            this.out = out;
            this.back = back;
        }

        void submit(Subtask s) {
            s.port = this;
            if (unacked < config.maxInFlight()) {
                transmit(s);
            } else {
                waiting.add(s);
            }
        }

        void transmit(Subtask s) {
            unacked++;
            out.send(s.bytes + config.headerBytes(), () -> onArrival(s));
        }

        void release() {
            unacked--;
            Subtask next = waiting.poll();
            if (next != null) {
                transmit(next);
            }
        }
    }

    /**
     * @param primary the box whose host writes are replicated; this handler installs itself on it
     * @param signals where the engine's signals are declared
     * @param config  options; the two processor pools must already exist on {@code primary}
     */
    public OrderedReplication(Box primary, Signals signals, OrderedConfig config) {
        this.primary = primary;
        this.scheduler = primary.scheduler();
        this.config = config;
        this.prepare = primary.processor(config.preparePool());
        this.sender = primary.processor(config.senderPool());
        if (prepare == sender) {
            throw new IllegalArgumentException("ordered replication on box " + primary.name()
                    + ": preparePool and senderPool must be different pools");
        }
        if (prepare.serviceLaw() == null || sender.serviceLaw() == null) {
            throw new IllegalArgumentException("ordered replication on box " + primary.name()
                    + ": pools " + config.preparePool() + " and " + config.senderPool() + " need service-time laws");
        }
        this.cache = primary.cache();
        this.trackSizeBytes = cache.trackSizeBytes();
        this.dispatcher = new OrderedDispatcher<>(config.scan(), config.ordering(), this::onDispatch);
        String p = "ordered." + primary.name() + ".";
        depthSignal = signals.level(p + "reorder.depth", "count");
        activeTasksSignal = signals.level(p + "reorder.activeTasks", "count");
        taskDepthSignal = signals.observation(p + "reorder.taskDepth", "count");
        waitSignal = signals.observation(p + "dispatch.wait", "ns");
        waitedSignal = signals.count(p + "dispatch.waited", "count");
        dispatchedSignal = signals.count(p + "dispatched", "count");
        checkEntriesSignal = signals.count(p + "check.entries", "count");
        checkNsSignal = signals.count(p + "check.ns", "ns");
        outOfOrderSignal = signals.count(p + "outOfOrder", "count");
        writtenSignal = signals.count(p + "written", "count");
        backlogTracksSignal = signals.level(p + "backlog.tracks", "count");
        backlogBytesSignal = signals.level(p + "backlog.bytes", "bytes");
        passDurationSignal = signals.observation(p + "pass.duration", "ns");
        securedUpToSignal = signals.level(p + "securedUpTo", "ns");
        primary.setReplicationHandler(this);
    }

    /**
     * Pairs {@code primaryVolume} with {@code secondaryVolume} (at least as large, on another
     * box) over {@code links} — one remote adapter port per link; a link used by several pairs
     * is one port shared by them.
     *
     * @param initialCopy true to start with every track out-of-sync (initial synchronisation by copy passes)
     */
    public void addPair(Volume primaryVolume, Volume secondaryVolume, List<WanLink> links, boolean initialCopy) {
        primaryVolume.checkReplicatesTo(primary, secondaryVolume);
        if (pairs.containsKey(primaryVolume)) {
            throw new IllegalArgumentException("volume " + primaryVolume + " is already paired");
        }
        if (links == null || links.isEmpty()) {
            throw new IllegalArgumentException("pair " + primaryVolume + " → " + secondaryVolume + " needs at least one link");
        }
        Port[] relPorts = new Port[links.size()];
        for (int i = 0; i < relPorts.length; i++) {
            relPorts[i] = portFor(links.get(i), secondaryVolume.box());
        }
        Relationship rel = new Relationship(primaryVolume, secondaryVolume, relPorts);
        pairs.put(primaryVolume, rel);
        relationships.add(rel);
        if (initialCopy) {
            long now = scheduler.now();
            for (int t = 0; t < rel.outOfSync.trackCount(); t++) {
                rel.outOfSync.mark(t, now);
            }
            addBacklog(now, rel.outOfSync.trackCount(), rel.outOfSync.trackCount() * trackSizeBytes);
            updateSecuredUpTo(now);
            startPassIfDue(rel, now);
        }
    }

    /** Pairs over one link without initial copy. */
    public void addPair(Volume primaryVolume, Volume secondaryVolume, WanLink link) {
        addPair(primaryVolume, secondaryVolume, List.of(link), false);
    }

    private Port portFor(WanLink link, Box secondary) {
        WanLink.Direction out = link.from(primary.site());
        if (!out.toSite().equals(secondary.site())) {
            throw new IllegalArgumentException("link " + link.name() + " does not join " + primary.site().name()
                    + " to " + secondary.site().name());
        }
        Port port = ports.get(link);
        if (port == null) {
            port = new Port(out, link.from(secondary.site()));
            ports.put(link, port);
            portList.add(port);
        }
        return port;
    }

    /** Adds an observer of every dispatch (in dispatch order). */
    public void addDispatchObserver(DispatchObserver observer) {
        DispatchObserver[] grown = java.util.Arrays.copyOf(observers, observers.length + 1);
        grown[observers.length] = observer;
        observers = grown;
    }

    // ---------------------------------------------------------------- host side

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Relationship rel = pairs.get(io.volume());
        if (rel == null) {
            acknowledgeHost.run();
            return;
        }
        long now = scheduler.now();
        if (config.source() == Source.HOST_TASKS) {
            createHostTask(rel, io, now);
        } else {
            int first = (int) (io.firstTrack() - rel.primaryVolume.firstTrack());
            int added = 0;
            for (int i = 0; i < io.trackCount(); i++) {
                if (rel.outOfSync.mark(first + i, now)) {
                    added++;
                }
            }
            if (added > 0) {
                addBacklog(now, added, added * trackSizeBytes);
                updateSecuredUpTo(now);
            }
            startPassIfDue(rel, now);
        }
        // asynchronous: the host is acknowledged after the local cache write (DOMAIN §4)
        acknowledgeHost.run();
    }

    private void createHostTask(Relationship rel, HostIo io, long now) {
        int n = io.trackCount();
        Task task = new Task(nextTaskId++, rel, n, false, now, portForNewTask(rel));
        task.handle = dispatcher.registerTask(task.id, n);
        unsecuredHostTasks.add(task);
        long ioStart = io.volume().firstTrack() * trackSizeBytes + io.offsetBytes();
        long ioEnd = ioStart + io.sizeBytes();
        long bytesTotal = 0;
        Subtask[] subtasks = new Subtask[n];
        for (int seq = 0; seq < n; seq++) {
            long track = io.firstTrack() + seq;
            // bytes of the host write inside this track (at least one)
            long bytes = Math.max(1, Math.min(ioEnd, (track + 1) * trackSizeBytes) - Math.max(ioStart, track * trackSizeBytes));
            subtasks[seq] = new Subtask(task, seq, track, bytes);
            bytesTotal += bytes;
        }
        addBacklog(now, n, bytesTotal);
        updateSecuredUpTo(now);
        activeTasksSignal.emit(now, dispatcher.activeTasks());
        for (Subtask s : subtasks) {
            prepare(s);
        }
    }

    private void startPassIfDue(Relationship rel, long now) {
        if (rel.currentPass != null || rel.outOfSync.markedCount() == 0) {
            return;
        }
        if (now < rel.nextPassNs) {
            if (!rel.passTimerSet) {
                rel.passTimerSet = true;
                scheduler.at(rel.nextPassNs, Tie.NORMAL, () -> {
                    rel.passTimerSet = false;
                    startPassIfDue(rel, scheduler.now());
                });
            }
            return;
        }
        OutOfSyncSet.Taken taken = rel.outOfSync.take(config.passMaxTracks());
        int[] tracks = taken.tracks();
        int n = tracks.length;
        Task pass = new Task(nextTaskId++, rel, n, true, now, portForNewTask(rel));
        pass.handle = dispatcher.registerTask(pass.id, n);
        rel.currentPass = pass;
        passes++;
        activeTasksSignal.emit(now, dispatcher.activeTasks());
        long base = rel.primaryVolume.firstTrack();
        for (int seq = 0; seq < n; seq++) {
            Subtask sub = new Subtask(pass, seq, base + tracks[seq], trackSizeBytes);
            sub.node = taken.nodes()[seq];
            prepare(sub);
        }
    }

    private Port portForNewTask(Relationship rel) {
        return config.spread() == Spread.PER_TASK ? rel.roundRobin() : null;
    }

    // ---------------------------------------------------------------- first stage

    private void prepare(Subtask s) {
        prepare.submit(() -> {
            if (cache.read(s.track)) {
                onPrepared(s);
            } else {
                primary.backEnd().read(s.track, trackSizeBytes, () -> {
                    cache.fill(s.track);
                    onPrepared(s);
                });
            }
        });
    }

    private void onPrepared(Subtask s) {
        long now = scheduler.now();
        s.preparedNs = now;
        Task task = s.task;
        int examined = dispatcher.offer(task.handle, s.seq, s);
        if (examined > 0) {
            checkEntries += examined;
            checkEntriesSignal.emit(now, examined);
            long cpuNs = examined * config.checkNsPerEntry();
            if (cpuNs > 0) {
                checkNsSignal.emit(now, cpuNs);
                prepare.submit(cpuNs, NOTHING);
            }
        }
        depthSignal.emit(now, dispatcher.depth());
        activeTasksSignal.emit(now, dispatcher.activeTasks());
        taskDepthSignal.emit(now, dispatcher.isActive(task.handle) ? dispatcher.depth(task.handle) : 0);
    }

    /** Dispatcher listener: called inside offer, in dispatch order. */
    private void onDispatch(long taskId, int seq, Subtask s, boolean taskComplete) {
        long now = scheduler.now();
        long waitNs = now - s.preparedNs;
        waitSignal.emit(now, waitNs);
        dispatchedSignal.emit(now, 1);
        if (waitNs > 0) {
            waitedSignal.emit(now, 1);
        }
        for (DispatchObserver o : observers) {
            o.onDispatch(now, taskId, seq, s.track);
        }
        sender.submit(() -> {
            Task task = s.task;
            Port port = task.port != null ? task.port : task.rel.roundRobin();
            port.submit(s);
        });
    }

    // ---------------------------------------------------------------- secondary side

    private void onArrival(Subtask s) {
        Relationship rel = s.task.rel;
        rel.secondaryVolume.box().receiveReplicatedWrite(s.track + rel.trackShift, 1, s.bytes + config.headerBytes(),
                () -> onWrittenAtSecondary(s));
    }

    private void onWrittenAtSecondary(Subtask s) {
        long now = scheduler.now();
        Task task = s.task;
        // the secondary's record per task [product]: anything but lastSeq + 1 is out of order
        if (s.seq != task.lastSeqWritten + 1) {
            outOfOrder++;
            outOfOrderSignal.emit(now, 1);
        }
        task.lastSeqWritten = Math.max(task.lastSeqWritten, s.seq);
        task.writtenCount++;
        written++;
        writtenSignal.emit(now, 1);
        if (task.pass) {
            task.rel.outOfSync.secure(s.node);
            addBacklog(now, -1, -trackSizeBytes);
        } else {
            addBacklog(now, -1, -s.bytes);
            if (task.writtenCount == task.count) {
                task.secured = true;
                while (!unsecuredHostTasks.isEmpty() && unsecuredHostTasks.peekFirst().secured) {
                    unsecuredHostTasks.pollFirst();
                }
            }
        }
        updateSecuredUpTo(now);
        Port port = s.port;
        port.back.send(config.ackBytes(), () -> onAcknowledged(s));
    }

    private void onAcknowledged(Subtask s) {
        s.port.release();
        Task task = s.task;
        task.ackedCount++;
        if (task.pass && task.ackedCount == task.count) {
            long now = scheduler.now();
            passDurationSignal.emit(now, now - task.startNs);
            Relationship rel = task.rel;
            rel.currentPass = null;
            rel.nextPassNs = now + config.passIntervalNs();
            startPassIfDue(rel, now);
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void addBacklog(long now, long tracks, long bytes) {
        backlogTracks += tracks;
        backlogBytes += bytes;
        backlogTracksSignal.emit(now, backlogTracks);
        backlogBytesSignal.emit(now, backlogBytes);
    }

    private void updateSecuredUpTo(long now) {
        long oldest = Long.MAX_VALUE;
        Task head = unsecuredHostTasks.peekFirst();
        if (head != null) {
            oldest = head.startNs;
        }
        for (int i = 0; i < relationships.size(); i++) {
            long since = relationships.get(i).outOfSync.oldestSinceNs();
            if (since != Long.MIN_VALUE && since < oldest) {
                oldest = since;
            }
        }
        long ref = oldest == Long.MAX_VALUE ? Long.MIN_VALUE : oldest;
        if (ref != securedUpTo) {
            securedUpTo = ref;
            securedUpToSignal.emit(now, ref == Long.MIN_VALUE ? -1 : ref);
        }
    }

    // ---------------------------------------------------------------- queries

    /**
     * Local acknowledgement time of the oldest write not yet written at a secondary, or
     * {@code Long.MIN_VALUE} (= {@code LagMeter.NONE}) when every write is secured.
     */
    public long securedUpToNs() {
        return securedUpTo;
    }

    /**
     * What a disaster now would lose (DOMAIN §7): host writes acknowledged but not yet written at
     * a secondary — host tasks not fully written, plus out-of-sync tracks (marked or in flight;
     * rewrites of a track while out of sync count once, since only its last value is owed).
     */
    public long unsecuredWrites() {
        long n = 0;
        for (Task t : unsecuredHostTasks) {
            if (!t.secured) {
                n++;
            }
        }
        for (int i = 0; i < relationships.size(); i++) {
            OutOfSyncSet set = relationships.get(i).outOfSync;
            n += set.markedCount() + set.inFlightCount();
        }
        return n;
    }

    /** Bytes the secondaries still lack: the backlog (host-task subtasks and out-of-sync tracks). */
    public long unsecuredBytes() {
        return backlogBytes;
    }

    /** Out-of-order arrivals counted by the secondaries. */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Subtasks rejected by the dispatcher as stale or duplicate (each also failed the run). */
    public long rejected() {
        return dispatcher.rejected();
    }

    /** Subtasks written at a secondary. */
    public long written() {
        return written;
    }

    /** Reorder-queue entries examined over the run. */
    public long checkEntries() {
        return checkEntries;
    }

    /** Tracks owed to the secondaries: out-of-sync not yet taken, plus taken or tasked and not yet written there. */
    public long backlogTracks() {
        return backlogTracks;
    }

    public long backlogBytes() {
        return backlogBytes;
    }

    /** Copy passes started. */
    public long passes() {
        return passes;
    }

    /** Subtasks queued in the reorder queue now. */
    public long reorderDepth() {
        return dispatcher.depth();
    }

    public OrderedDispatcher<?> dispatcher() {
        return dispatcher;
    }

    public Processor preparePool() {
        return prepare;
    }

    public Processor senderPool() {
        return sender;
    }

    public OrderedConfig config() {
        return config;
    }

    public Box primary() {
        return primary;
    }

    /** Number of remote adapter ports (distinct links) in use. */
    public int portCount() {
        return portList.size();
    }

    /** Primary volumes paired, in the order they were added. */
    public List<Volume> pairedVolumes() {
        List<Volume> out = new ArrayList<>(relationships.size());
        for (Relationship r : relationships) {
            out.add(r.primaryVolume);
        }
        return Collections.unmodifiableList(out);
    }
}
