package org.repsim.model.ordered;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repsim.core.collect.LongIntMap;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.HostIo;
import org.repsim.model.Processor;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.RemotePath;
import org.repsim.model.WanLink;
import org.repsim.model.ordered.rules.OrderedDispatcher;
import org.repsim.model.measure.SignalKeys;
import org.repsim.model.ordered.OrderedConfig.OnCacheFull;
import org.repsim.model.ordered.OrderedConfig.Source;
import org.repsim.model.ordered.OrderedConfig.Spread;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * Ordered asynchronous replication (docs/model.md §4, seed US 7,137,033) for the pairs whose primary
 * volumes are on one box; built on {@link OrderedDispatcher}.
 *
 * <p>Path of one subtask (one track of a write data task):
 * <ol>
 *   <li><b>per-track gate</b> [design, with {@code ordering: on}]: the subtask is added to the
 *       {@link org.repsim.model.ordered.rules.TrackGate} when its task is created; it starts its
 *       preparation only once every older subtask of its track (an earlier task's, host task or
 *       copy pass) has been dispatched, so per track the data dispatched never gets older;</li>
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
 * <p>Recoverable image (docs/model.md §7): every replicated host write is reported to the shared
 * {@link RecoverableImage} when it reaches the primary cache and when the host is acknowledged;
 * each subtask reads its track's version when it is prepared (the track is read from the cache
 * then) and lands it when the secondary wrote it, so the image follows arrival order. The
 * recovery-point lag and the data lost come from the image; a dependent write carries its chain
 * identity, and the image checks the chains at each landing (docs/model.md §7, §8.3).
 *
 * <p>Backlog [design]: the engine also tracks the instant {@link #securedUpToNs()} up to
 * which every locally acknowledged write is written at a secondary: the local acknowledgement
 * time of the oldest write not yet secured (host tasks: a FIFO of unsecured tasks in
 * acknowledgement order; copy passes: {@link OutOfSyncSet}, O(1)). Memory: 2 bits per volume
 * track plus one node per outstanding track or task — bounded by the outstanding data and the
 * volume size, never by the run length or the number of rewrites.
 *
 * <p>Cache [product/design] (docs/model.md §1, §4): a host task's subtasks keep copies of the write's
 * tracks in the primary's cache, counted in its write pending, from the cache write until the
 * secondary has written them: {@link Cache#copyBytes} each (the whole track with {@code slotAllocation:
 * track}, the written blocks with {@code blocks}). The cache admits the write only with room for
 * them ({@link Cache#writeCopied}); the write's new dirty slot is counted once, in the copies, until
 * the last owed copy of its track is written ({@link Cache#releaseCopy}). When they do not fit, {@link
 * OnCacheFull} says what the write does: wait for room (pace) or mark its tracks out-of-sync for the
 * copy pass. Copy-pass subtasks carry tracks the box holds anyway (on its back end, or in its dirty
 * slot) and keep no copy counted in write pending [design].
 *
 * <p>Signals ({@code ordered.<box>.…}, times in ns): {@code reorder.depth}, {@code
 * reorder.activeTasks} (levels), {@code reorder.taskDepth} (observation: the inserted task's
 * subqueue depth after each insertion), {@code dispatch.wait} (observation: prepared →
 * dispatched), {@code trackWait} (observation: created → admitted by the per-track gate, ordering
 * on only), {@code dispatch.waited}, {@code dispatched}, {@code check.entries}, {@code
 * check.ns}, {@code outOfOrder}, {@code written} (counts), {@code backlog.tracks}, {@code
 * backlog.bytes} (levels: tracks/bytes owed to the secondary — out-of-sync tracks not yet taken
 * plus taken or tasked tracks not yet written there), {@code pass.duration} (observation),
 * {@code securedUpTo} (level: {@link #securedUpToNs()}, −1 when nothing is unsecured), {@code
 * cache.bytes} (level: the copies' bytes in the primary's cache), {@code pacedWrites}, {@code
 * deferredWrites} (counts: writes that waited for room for their copies; writes left to the copy pass).
 *
 * <p>A thin coordinator (pairs, ports, host writes, queries) over collaborators with one job
 * each: {@link TwoStageDispatch} (preparation, reorder, sender), {@link SecondaryWrites} (the
 * secondary's write, record and acknowledgement, over {@link Port}s), {@link CopyPasses} and
 * {@link SecuredBacklog} (backlog); recovery point and data lost come from the shared {@link RecoverableImage}.
 *
 * <p>Stale or duplicate subtasks make {@link OrderedDispatcher#offer} throw; the engine does not
 * catch it — the run fails (docs/model.md §4).
 */
public final class OrderedReplication implements ReplicationHandler {

    /** Sees every dispatch (tracing, tests). */
    @FunctionalInterface
    public interface DispatchObserver {
        void onDispatch(long nowNs, long taskId, int seq, long track);
    }

    private final Box primary;
    private final Scheduler scheduler;
    private final OrderedConfig config;
    private final Processor prepare;
    private final Processor sender;
    private final long trackSizeBytes;
    private final Map<Volume, Relationship> pairs = new IdentityHashMap<>();
    private final List<Relationship> relationships = new ArrayList<>();
    /** Ports by link, then by secondary box (a port's path ends at one box's remote adapters). */
    private final Map<WanLink, Map<Box, Port>> ports = new IdentityHashMap<>();
    private final List<Port> portList = new ArrayList<>();
    private final Cache cache;
    /** Per track, the host-task copies owed to the secondary (docs/model.md §4). */
    private final LongIntMap copies = new LongIntMap(1024);
    /** Ids of host writes whose copies did not fit ({@code onCacheFull: copy-pass}), until they reach the engine. */
    private final Set<Long> deferred = new HashSet<>();
    private long copyBytes;
    private long pacedWrites;
    private long deferredWrites;
    private final Signal cacheBytesSignal;
    private final Signal pacedSignal;
    private final Signal deferredSignal;

    // collaborators, one job each (package-private: they reach each other through the engine)
    final TwoStageDispatch dispatch;
    final SecondaryWrites secondaryWrites;
    final CopyPasses passes;
    final SecuredBacklog backlog;
    final RecoverableImage image;
    final int space;

    /**
     * @param primary the box whose host writes are replicated; this handler installs itself on it
     * @param signals where the engine's signals are declared
     * @param config  options; the two processor pools must already exist on {@code primary}
     */
    public OrderedReplication(Box primary, Signals signals, OrderedConfig config) {
        this(primary, signals, config, new RecoverableImage(primary.scheduler()));
    }

    /**
     * @param image the run's recoverable image, shared by every engine (docs/model.md §7)
     */
    public OrderedReplication(Box primary, Signals signals, OrderedConfig config, RecoverableImage image) {
        this.image = image;
        this.space = image.newSpace();
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
        String p = "ordered." + primary.name();
        Signal depthSignal = signals.declare(p, SignalKeys.Ordered.REORDER_DEPTH);
        Signal activeTasksSignal = signals.declare(p, SignalKeys.Ordered.REORDER_ACTIVE_TASKS);
        Signal taskDepthSignal = signals.declare(p, SignalKeys.Ordered.REORDER_TASK_DEPTH);
        Signal waitSignal = signals.declare(p, SignalKeys.Ordered.DISPATCH_WAIT);
        Signal waitedSignal = signals.declare(p, SignalKeys.Ordered.DISPATCH_WAITED);
        Signal dispatchedSignal = signals.declare(p, SignalKeys.Ordered.DISPATCHED);
        Signal checkEntriesSignal = signals.declare(p, SignalKeys.Ordered.CHECK_ENTRIES);
        Signal checkNsSignal = signals.declare(p, SignalKeys.Ordered.CHECK_NS);
        Signal outOfOrderSignal = signals.declare(p, SignalKeys.Ordered.OUT_OF_ORDER);
        Signal writtenSignal = signals.declare(p, SignalKeys.Ordered.WRITTEN);
        Signal backlogTracksSignal = signals.declare(p, SignalKeys.Ordered.BACKLOG_TRACKS);
        Signal backlogBytesSignal = signals.declare(p, SignalKeys.Ordered.BACKLOG_BYTES);
        Signal passDurationSignal = signals.declare(p, SignalKeys.Ordered.PASS_DURATION);
        Signal securedUpToSignal = signals.declare(p, SignalKeys.Ordered.SECURED_UP_TO);
        Signal trackWaitSignal = signals.declare(p, SignalKeys.Ordered.TRACK_WAIT);
        this.cacheBytesSignal = signals.declare(p, SignalKeys.Ordered.CACHE_BYTES);
        this.pacedSignal = signals.declare(p, SignalKeys.Ordered.PACED_WRITES);
        this.deferredSignal = signals.declare(p, SignalKeys.Ordered.DEFERRED_WRITES);
        this.dispatch = new TwoStageDispatch(this, scheduler, config, primary, prepare, sender, depthSignal,
                activeTasksSignal, taskDepthSignal, waitSignal, waitedSignal, dispatchedSignal, checkEntriesSignal,
                checkNsSignal, trackWaitSignal);
        this.secondaryWrites = new SecondaryWrites(this, scheduler, config, trackSizeBytes, outOfOrderSignal,
                writtenSignal);
        this.passes = new CopyPasses(this, scheduler, config, trackSizeBytes, passDurationSignal);
        this.backlog = new SecuredBacklog(relationships, backlogTracksSignal, backlogBytesSignal, securedUpToSignal);
        primary.setReplicationHandler(this);
    }

    /**
     * Pairs {@code primaryVolume} with {@code secondaryVolume} (at least as large, on another
     * box) over {@code links} — one remote adapter port per link and secondary box; a link used by
     * several pairs toward one box is one port shared by them.
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
            backlog.add(now, rel.outOfSync.trackCount(), rel.outOfSync.trackCount() * trackSizeBytes);
            backlog.updateSecuredUpTo(now);
            passes.startIfDue(rel, now);
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
        Map<Box, Port> bySecondary = ports.computeIfAbsent(link, l -> new IdentityHashMap<>());
        Port port = bySecondary.get(secondary);
        if (port == null) {
            port = new Port(RemotePath.between(primary, secondary, out), link.from(secondary.site()), secondaryWrites,
                    config.maxInFlight(), config.headerBytes());
            bySecondary.put(secondary, port);
            portList.add(port);
        }
        return port;
    }

    /** Adds an observer of every dispatch (in dispatch order). */
    public void addDispatchObserver(DispatchObserver observer) {
        dispatch.addObserver(observer);
    }

    // ---------------------------------------------------------------- host side

    /**
     * Host tasks keep copies in the cache (docs/model.md §4): the cache admits the write with room
     * for them; with {@code onCacheFull: copy-pass}, a write whose copies, plus its own data counted
     * as new dirty slots, do not fit now is a plain cache write and goes to the copy pass (so the
     * copies leave room for the data of a write of its size).
     */
    @Override
    public boolean copiesIntoCache(HostIo io) {
        if (config.source() != Source.HOST_TASKS || !pairs.containsKey(io.volume())) {
            return false;
        }
        if (config.onCacheFull() == OnCacheFull.COPY_PASS && !cache.fitsCopiedAndPlain(io.firstTrack(), io.trackCount(),
                io.offsetBytes() - (io.firstTrack() - io.volume().firstTrack()) * trackSizeBytes, io.sizeBytes())) {
            deferred.add(io.id());
            return false;
        }
        return true;
    }

    /** A write with copies waits for write-pending room: it is paced (docs/model.md §4). */
    @Override
    public void waitsForCache(HostIo io) {
        if (config.source() == Source.HOST_TASKS && pairs.containsKey(io.volume()) && !deferred.contains(io.id())) {
            pacedWrites++;
            pacedSignal.emit(scheduler.now(), 1);
        }
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Relationship rel = pairs.get(io.volume());
        if (rel == null) {
            acknowledgeHost.run();
            return;
        }
        long now = scheduler.now();
        TrackImage.Write write = image.write(space, io.firstTrack(), io.trackCount(), io.sizeBytes(),
                io.isDependent() ? io.streamId() : -1, io.chainIndex());
        boolean deferredWrite = !deferred.isEmpty() && deferred.remove(io.id());
        if (deferredWrite) {
            deferredWrites++;
            deferredSignal.emit(now, 1);
        }
        if (config.source() == Source.HOST_TASKS && !deferredWrite) {
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
                backlog.add(now, added, added * trackSizeBytes);
                backlog.updateSecuredUpTo(now);
            }
            passes.startIfDue(rel, now);
        }
        // asynchronous: the host is acknowledged after the local cache write (docs/model.md §4)
        image.acknowledged(write);
        acknowledgeHost.run();
    }

    private void createHostTask(Relationship rel, HostIo io, long now) {
        int n = io.trackCount();
        Task task = dispatch.newTask(rel, n, false, now);
        backlog.addHostTask(task);
        long ioStart = io.volume().firstTrack() * trackSizeBytes + io.offsetBytes();
        long ioEnd = ioStart + io.sizeBytes();
        long bytesTotal = 0;
        long copiesTotal = 0;
        Subtask[] subtasks = new Subtask[n];
        for (int seq = 0; seq < n; seq++) {
            long track = io.firstTrack() + seq;
            // bytes of the host write inside this track (at least one)
            long begin = Math.max(ioStart, track * trackSizeBytes);
            long bytes = Math.max(1, Math.min(ioEnd, (track + 1) * trackSizeBytes) - begin);
            Subtask s = new Subtask(task, seq, track, bytes);
            // its copy, which the cache counted when it admitted the write (Cache#writeCopied)
            s.cacheBytes = cache.copyBytes(begin - track * trackSizeBytes, bytes);
            copies.increment(track);
            copiesTotal += s.cacheBytes;
            subtasks[seq] = s;
            bytesTotal += bytes;
        }
        copyBytes += copiesTotal;
        cacheBytesSignal.emit(now, copyBytes);
        backlog.add(now, n, bytesTotal);
        backlog.updateSecuredUpTo(now);
        dispatch.emitActiveTasks(now);
        for (Subtask s : subtasks) {
            dispatch.prepare(s);
        }
    }

    /**
     * The secondary wrote {@code s}: its copy leaves the primary's cache; after the last owed copy of
     * its track, the track's dirty slot, if still counted in the copies, counts as the box's own
     * write pending again (docs/model.md §4). Frees room, so writes waiting for it may enter now.
     */
    void releaseCopy(Subtask s) {
        copies.decrement(s.track);
        copyBytes -= s.cacheBytes;
        cacheBytesSignal.emit(scheduler.now(), copyBytes);
        cache.releaseCopy(s.cacheBytes, s.track, copies.get(s.track) == LongIntMap.MISSING);
    }

    // ---------------------------------------------------------------- queries

    /** Bytes the owed host-task subtasks' copies hold in the primary's cache (in its write pending). */
    public long cacheBytes() {
        return copyBytes;
    }

    /** Replicated host writes that waited for write-pending room for their copies ({@code onCacheFull: pace}). */
    public long pacedWrites() {
        return pacedWrites;
    }

    /** Replicated host writes left to the copy pass because their copies did not fit ({@code onCacheFull: copy-pass}). */
    public long deferredWrites() {
        return deferredWrites;
    }

    /**
     * Local acknowledgement time of the oldest write not yet written at a secondary, or
     * {@code Long.MIN_VALUE} (= {@code LagMeter.NONE}) when every write is secured.
     */
    public long securedUpToNs() {
        return backlog.securedUpToNs();
    }

    /**
     * Backlog in writes: host tasks not fully written at a secondary, plus out-of-sync tracks (marked
     * or in flight; rewrites of a track while out of sync count once). Not the data a disaster loses,
     * which is measured on the image ({@link #image()}, docs/model.md §7).
     */
    public long unsecuredWrites() {
        return backlog.unsecuredWrites();
    }

    /** Bytes the secondaries still lack: the backlog (host-task subtasks and out-of-sync tracks). */
    public long unsecuredBytes() {
        return backlog.bytes();
    }

    /** The recoverable image this engine reports to (docs/model.md §7). */
    public RecoverableImage image() {
        return image;
    }

    /** Out-of-order arrivals counted by the secondaries. */
    public long outOfOrder() {
        return secondaryWrites.outOfOrder();
    }

    /** Subtasks rejected by the dispatcher as stale or duplicate (each also failed the run). */
    public long rejected() {
        return dispatch.dispatcher.rejected();
    }

    /** Subtasks written at a secondary. */
    public long written() {
        return secondaryWrites.written();
    }

    /** Reorder-queue entries examined over the run. */
    public long checkEntries() {
        return dispatch.checkEntries();
    }

    /** Tracks owed to the secondaries: out-of-sync not yet taken, plus taken or tasked and not yet written there. */
    public long backlogTracks() {
        return backlog.tracks();
    }

    public long backlogBytes() {
        return backlog.bytes();
    }

    /**
     * Bytes hosts wrote for the secondaries, after folding (docs/model.md §8.4): each host task's
     * bytes per track, plus one track for each track newly marked out-of-sync (the initial copy
     * included; rewrites of a marked track fold into it). Equals {@link #writtenBytes()} +
     * {@link #backlogBytes()} at every instant.
     */
    public long replicatedBytes() {
        return backlog.addedBytes();
    }

    /** Bytes written at the secondaries: host-task subtasks' bytes and whole-track copy-pass subtasks. */
    public long writtenBytes() {
        return backlog.securedBytes();
    }

    /** Copy passes started. */
    public long passes() {
        return passes.passes();
    }

    /** Subtasks queued in the reorder queue now. */
    public long reorderDepth() {
        return dispatch.dispatcher.depth();
    }

    public OrderedDispatcher<?> dispatcher() {
        return dispatch.dispatcher;
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

    /** Number of remote adapter ports (distinct links and secondary boxes) in use. */
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
