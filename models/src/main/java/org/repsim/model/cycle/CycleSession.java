package org.repsim.model.cycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.repsim.core.collect.LongLongMap;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.result.Interval;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.Cache;
import org.repsim.model.DiskGroup;
import org.repsim.model.HostIo;
import org.repsim.model.Processor;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.algo.cycle.CycleReceiver;
import org.repsim.model.algo.cycle.CycleRecord;
import org.repsim.model.algo.cycle.CycleSwitcher;
import org.repsim.model.algo.cycle.SessionState;
import org.repsim.model.algo.cycle.SwitchMode;
import org.repsim.model.algo.cycle.SwitchOutcome;
import org.repsim.model.algo.cycle.WriteOutcome;

/**
 * Timed engine of one cycle-based asynchronous replication session (DOMAIN §5): one primary box
 * → one secondary box over one or more WAN links, driving a {@link CycleSwitcher} (primary) and a
 * {@link CycleReceiver} (secondary). It installs itself as the primary box's
 * {@link ReplicationHandler}; volumes join it with {@link #addPair}.
 *
 * <h2>Timing</h2>
 * <ul>
 *   <li><b>Host write</b>: after the host adapter and local cache write, each track of the write
 *       enters the capture cycle ({@link CycleSwitcher#write}); slot bytes follow
 *       {@link SlotSizing}. The host is acknowledged when the last track is in, i.e. after the
 *       local cache write, plus the spill pool write if the write forced a spill, plus the pacing
 *       wait while the cache is full under {@code pace}, plus the hold while
 *       {@link #holdWrites()} is in force. Waiting writes (paced or held) proceed in arrival order.</li>
 *   <li><b>Transmit</b>: slots of the oldest transmit cycle first. Load sharing over links
 *       [design]: each link direction that is up keeps up to {@code ahead} bytes of this session's
 *       transfers outstanding (taken and not yet arrived), {@code ahead = bandwidth × (2 × delay +
 *       1 ms) + 4 slots}; every arrival pulls the next slot. Faster links therefore carry more. A
 *       spilled slot is read back from the spill pool's disk group before it is sent. A slot
 *       transfer is {@code slotBytes + slotHeaderBytes}. Once all slots of the cycle arrived, its
 *       commit ({@code commitBytes}) goes over the next link that is up; the secondary answers
 *       with an acknowledgement ({@code ackBytes}) over the same link.</li>
 *   <li><b>Apply</b>: a committed cycle is applied whole and in order: each slot takes one job of
 *       the apply pool (the secondary's remote adapters by default) then the secondary cache
 *       write (write pending, destaged later); as many slots at once as the pool has servers.
 *       Legacy mode releases the received cycle for apply at the switch (receive → apply);
 *       multi-cycle and external modes apply each cycle as soon as it is committed.</li>
 *   <li><b>Switch</b>: legacy / multi-cycle rules of {@link CycleSwitcher#trySwitch}; the timer is
 *       armed at {@link CycleSwitcher#nextSwitchNotBeforeNs()}, and a switch held back by condition
 *       2 or 3 (or a full multi-cycle queue) is retried when a commit is acknowledged or an apply
 *       finishes. No empty cycle is ever closed.</li>
 *   <li><b>Links</b>: the session listens to its links' state ({@link WanLink#addStateListener}).
 *       While every link is down nothing is sent (transfers already queued on a link wait there);
 *       after {@code transmitIdle} the session drops. Link loss is therefore seen exactly, whoever
 *       downs the link.</li>
 *   <li><b>Drop and resynchronisation</b>: on a drop (policy {@code drop}, transmit idle) the
 *       secondary discards uncommitted cycles and applies those it had committed; then, once a
 *       link is up, owed tracks are copied (one track, {@code trackSize} bytes, each) with the
 *       primary's current value, repeatedly until none is owed, and a fresh first cycle opens.
 *       Each drop is a {@code session-drop} interval from drop to the fresh cycle.</li>
 * </ul>
 *
 * <h2>External control (consistency groups, DOMAIN §6)</h2>
 * Unused hooks cost one null check each.
 * <ol>
 *   <li>{@link #readyToSwitch()}: legacy conditions 2 and 3.</li>
 *   <li>{@link #close(long)}, {@link #close(long, long)}: close now (use {@code SwitchRules.external()}
 *       so the session never switches by itself).</li>
 *   <li>{@link #holdWrites()} / {@link #releaseWrites()}: the consistency window.</li>
 *   <li>{@link #addWriteTagListener}: each host write with its cycle number.</li>
 *   <li>{@link #setApplyGate}, {@link #retryApply()}, {@link #addCommittedListener},
 *       {@link #addAppliedListener}: group-wide apply.</li>
 *   <li>{@link #setTransmitGate}, {@link #retryTransmit()}: the shuttle's transfer permission.</li>
 * </ol>
 *
 * <p>Signals ({@code cycle.<name>.…}): {@code cacheBytes}, {@code spillBytes}, {@code transmitQueue}
 * (levels), {@code cycleDuration} (observation, ns, at each close), {@code drops}, {@code pacedWrites}
 * (counts).
 */
public final class CycleSession implements ReplicationHandler {

    /** Cycle number reported for a write that entered no cycle (session dropped or resynchronising). */
    public static final long UNTAGGED = -1;
    /** Slots of an apply whose secondary-cache look-ups are issued together (see anticipateApply). */
    private static final int APPLY_LOOKAHEAD = 16;
    private static final long NONE = CycleSwitcher.NONE;
    private static final long SPILL_READ_ALLOWANCE_NS = 1_000_000;

    private final Scheduler scheduler;
    private final CycleConfig config;
    private final Box primary;
    private final Box secondary;
    private final List<WanLink> links;
    private final CycleSwitcher switcher;
    private final CycleReceiver receiver;
    private final long startNs;
    private final long trackSize;
    private final Map<Volume, long[]> shifts = new IdentityHashMap<>();
    private final List<Volume> pairedVolumes = new ArrayList<>();
    private Volume lastVolume;
    private long[] lastShift;
    private final WanLink.Direction[] out;
    /** Per outbound direction: the slots sent on it and not yet arrived, and the action of their arrival. */
    private final SlotsOnLink[] slotsOnLink;
    private final Runnable[] slotArrived;
    private final WanLink.Direction[] back;
    private final long[] outstandingBytes;
    private final long[] aheadBytes;
    private final DiskGroup spillGroup;
    private final Processor applyPool;
    private final int applyParallelism;
    private final LongLongMap versions = new LongLongMap(512);

    // host writes waiting (paced or held), in arrival order
    private final ArrayDeque<PendingWrite> waiting = new ArrayDeque<>();
    private boolean held;
    private boolean draining;
    private long versionCounter;
    private long spillTrack;

    // closed cycles with slots not yet taken, oldest first (transmit gate)
    private final ArrayDeque<long[]> untaken = new ArrayDeque<>();
    private boolean pumping;
    private int commitNext;
    private boolean allDown;

    // secondary: committed cycles waiting to apply, in order; apply released up to this number
    private final ArrayDeque<Long> committed = new ArrayDeque<>();
    private long releasedUpTo;
    private long applyingNumber = NONE;
    private int applySlots;
    private int applyStarted;
    private int applyWriteNext;
    /** Slots of the cycle being applied whose secondary-cache entries were read ahead: [0, this). */
    private int applyAnticipated;
    private int applyDone;
    private final Runnable slotServiced = this::onSlotServiced;
    private final Runnable slotWritten = this::onSlotWritten;

    // timers
    private EventHandle switchTimer;
    private final Runnable switchFire = this::onSwitchTimer;
    private EventHandle idleTimer;

    // resynchronisation
    private long[] copyTracks = new long[0];
    private int copyNext;
    private int copiesOutstanding;
    private boolean resyncRequested;
    private long copiedTracks;
    private final List<long[]> dropSpans = new ArrayList<>();

    // hooks
    private LongPredicate applyGate;
    private LongPredicate transmitGate;
    private WriteTagListener[] tagListeners = new WriteTagListener[0];
    private final List<CycleEventListener> committedListeners = new ArrayList<>();
    private final List<CycleEventListener> appliedListeners = new ArrayList<>();

    // statistics
    private long pacedWrites;
    private long heldWrites;
    private long spillWrites;
    private long spillReads;

    private final Signal cacheSignal;
    private final Signal spillSignal;
    private final Signal queueSignal;
    private final Signal durationSignal;
    private final Signal dropSignal;
    private final Signal pacedSignal;
    /** Values last emitted on the level signals (none yet: -1). */
    private long emittedCache = -1;
    private long emittedSpill = -1;
    private int emittedQueue = -1;

    /** A host write on its way into the session. */
    private static final class PendingWrite {
        final HostIo io;
        final Runnable ack;
        final long shift;
        int next;
        long tag = UNTAGGED;
        boolean paced;

        PendingWrite(HostIo io, Runnable ack, long shift) {
            this.io = io;
            this.ack = ack;
            this.shift = shift;
        }
    }

    /**
     * @param links     the links joining the primary's site to the secondary's (at least one)
     * @param config    session configuration; the spill disk group and apply pool are looked up on the boxes
     */
    public CycleSession(Scheduler scheduler, Signals signals, Box primary, Box secondary, List<WanLink> links,
                        CycleConfig config) {
        if (primary == secondary) {
            throw new IllegalArgumentException("cycle session " + config.name() + ": primary and secondary are the same box");
        }
        if (links == null || links.isEmpty()) {
            throw new IllegalArgumentException("cycle session " + config.name() + " needs at least one link");
        }
        this.scheduler = scheduler;
        this.config = config;
        this.receiver = new CycleReceiver(config.trackImages());
        this.primary = primary;
        this.secondary = secondary;
        this.links = List.copyOf(links);
        this.startNs = scheduler.now();
        this.trackSize = primary.cache().trackSizeBytes();
        this.switcher = new CycleSwitcher(config.rules(), config.pressure(), 0, startNs);
        int n = links.size();
        out = new WanLink.Direction[n];
        back = new WanLink.Direction[n];
        slotsOnLink = new SlotsOnLink[n];
        slotArrived = new Runnable[n];
        outstandingBytes = new long[n];
        aheadBytes = new long[n];
        for (int i = 0; i < n; i++) {
            WanLink l = links.get(i);
            out[i] = l.from(primary.site());
            back[i] = l.from(secondary.site());
            slotsOnLink[i] = new SlotsOnLink();
            int link = i;
            slotArrived[i] = () -> onSlotArrived(link);
            if (!out[i].toSite().equals(secondary.site())) {
                throw new IllegalArgumentException("link " + l.name() + " does not join " + primary.site().name()
                        + " to " + secondary.site().name());
            }
            double bytesPerNs = out[i].bandwidthBps() / 1e9;
            aheadBytes[i] = (long) (bytesPerNs * (2 * out[i].delayNs() + SPILL_READ_ALLOWANCE_NS))
                    + 4 * (trackSize + config.slotHeaderBytes());
            l.addStateListener(this::onLinkStateChanged);
        }
        if (config.spillDiskGroup() >= 0) {
            List<DiskGroup> groups = primary.backEnd().groups();
            if (config.spillDiskGroup() >= groups.size()) {
                throw new IllegalArgumentException("cycle session " + config.name() + ": spill disk group "
                        + config.spillDiskGroup() + " does not exist on box " + primary.name() + " (" + groups.size() + " groups)");
            }
            spillGroup = groups.get(config.spillDiskGroup());
        } else {
            spillGroup = null;
        }
        applyPool = config.applyPool() == null ? secondary.remoteAdapters() : secondary.processor(config.applyPool());
        if (applyPool.serviceLaw() == null) {
            throw new IllegalArgumentException("cycle session " + config.name() + ": apply pool " + applyPool.name()
                    + " has no service-time law");
        }
        applyParallelism = applyPool.servers();
        releasedUpTo = config.rules().mode() == SwitchMode.LEGACY ? NONE : Long.MAX_VALUE;
        String p = "cycle." + config.name();
        cacheSignal = signals.level(p + ".cacheBytes", "bytes");
        spillSignal = signals.level(p + ".spillBytes", "bytes");
        queueSignal = signals.level(p + ".transmitQueue", "count");
        durationSignal = signals.observation(p + ".cycleDuration", "ns");
        dropSignal = signals.count(p + ".drops", "count");
        pacedSignal = signals.count(p + ".pacedWrites", "count");
        primary.setReplicationHandler(this);
        armSwitchTimer();
    }

    /** Replicates {@code primaryVolume} (on the primary box) to {@code secondaryVolume} (on the secondary box, at least as large). */
    public void addPair(Volume primaryVolume, Volume secondaryVolume) {
        primaryVolume.checkReplicatesTo(primary, secondaryVolume);
        if (secondaryVolume.box() != secondary) {
            throw new IllegalArgumentException("volume " + secondaryVolume + " is not on secondary box " + secondary.name());
        }
        if (shifts.containsKey(primaryVolume)) {
            throw new IllegalArgumentException("volume " + primaryVolume + " is already paired");
        }
        shifts.put(primaryVolume, new long[] {secondaryVolume.firstTrack() - primaryVolume.firstTrack()});
        lastVolume = null;
        pairedVolumes.add(primaryVolume);
    }

    /** Primary volumes replicated by this session, in pairing order. */
    public List<Volume> pairedVolumes() {
        return java.util.Collections.unmodifiableList(pairedVolumes);
    }

    // ---------------------------------------------------------------- host writes

    @Override
    public void anticipate(HostIo io) {
        Volume v = io.volume();
        long[] shift = v == lastVolume ? lastShift : shifts.get(v);
        if (shift != null) {
            switcher.anticipate(io.firstTrack() + shift[0]);
        }
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Volume v = io.volume();
        long[] shift;
        if (v == lastVolume) {
            shift = lastShift; // most writes go to the volume of the write before
        } else {
            shift = shifts.get(v);
            lastVolume = v;
            lastShift = shift;
        }
        if (shift == null) {
            acknowledgeHost.run();
            return;
        }
        if (held || !waiting.isEmpty()) {
            if (held) {
                heldWrites++;
            }
            waiting.addLast(new PendingWrite(io, acknowledgeHost, shift[0]));
            return;
        }
        PendingWrite w = enter(io, acknowledgeHost, shift[0], null);
        if (w != null) {
            waiting.addLast(w);
        }
    }

    /**
     * Puts the write's remaining tracks into the session, from where {@code w} stopped ({@code w}
     * null: a write that has not waited, from its first track). Returns null once the write is
     * acknowledged or continues after a spill write; otherwise the pending write that must wait
     * for cache space (pace) — {@code w}, or a new one for a write that had none. Most writes
     * never wait and so cost no pending-write object.
     */
    private PendingWrite enter(HostIo io, Runnable ack, long shift, PendingWrite w) {
        int next = w == null ? 0 : w.next;
        long tag = w == null ? UNTAGGED : w.tag;
        long now = scheduler.now();
        while (next < io.trackCount()) {
            long track = io.firstTrack() + next + shift;
            long bytes = slotBytes(io, next);
            long version = versionCounter + 1;
            WriteOutcome o = switcher.write(track, bytes, version, now);
            if (o == WriteOutcome.PACED) {
                w = progress(w, io, ack, shift, next, tag);
                if (!w.paced) {
                    w.paced = true;
                    pacedWrites++;
                    pacedSignal.emit(now, 1);
                }
                return w;
            }
            versionCounter = version;
            if (config.trackImages()) {
                versions.put(track, version);
            }
            next++;
            tag = o.inCycle() ? switcher.captureNumber() : UNTAGGED;
            if (o == WriteOutcome.DROPPED) {
                onDropped(now);
            }
            long spilled = switcher.lastSpilledBytes();
            if (spilled > 0) {
                spillWrites++;
                emitLevels(now);
                PendingWrite spilling = progress(w, io, ack, shift, next, tag);
                spillGroup.write(spillTrack++, spilled, () -> afterSpillWrite(spilling));
                return null;
            }
        }
        emitLevels(now);
        for (WriteTagListener l : tagListeners) {
            l.onTagged(io, tag, now);
        }
        ack.run();
        return null;
    }

    /** The write's progress kept in {@code w} (made now if the write had none). */
    private static PendingWrite progress(PendingWrite w, HostIo io, Runnable ack, long shift, int next, long tag) {
        PendingWrite p = w != null ? w : new PendingWrite(io, ack, shift);
        p.next = next;
        p.tag = tag;
        return p;
    }

    /** Continues {@code w} from where it stopped; false if it must wait (again) for cache space. */
    private boolean enter(PendingWrite w) {
        return enter(w.io, w.ack, w.shift, w) == null;
    }

    private void afterSpillWrite(PendingWrite w) {
        if (!enter(w)) {
            waiting.addFirst(w);
        }
    }

    /** Bytes of track {@code i} of the write (track-aligned volumes: offset = trackInVolume × trackSize). */
    private long slotBytes(HostIo io, int i) {
        if (config.slotSizing() == SlotSizing.TRACK) {
            return trackSize;
        }
        long trackStart = (io.firstTrack() - io.volume().firstTrack() + i) * trackSize;
        long end = Math.min(io.offsetBytes() + io.sizeBytes(), trackStart + trackSize);
        long begin = Math.max(io.offsetBytes(), trackStart);
        return Math.max(1, Math.min(trackSize, end - begin));
    }

    /** Lets waiting writes in, in order, while they fit (after space freed, a release or a drop). */
    private void drainWaiting() {
        if (held || draining) {
            return;
        }
        draining = true;
        try {
            while (!waiting.isEmpty() && !held) {
                PendingWrite w = waiting.peekFirst();
                if (!enter(w)) {
                    return;
                }
                waiting.pollFirst();
            }
        } finally {
            draining = false;
        }
    }

    // ---------------------------------------------------------------- transmit

    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            long now = scheduler.now();
            for (int d = 0; d < out.length; d++) {
                WanLink.Direction dir = out[d];
                while (dir.isUp() && outstandingBytes[d] < aheadBytes[d]) {
                    if (copyNext < copyTracks.length) {
                        sendCopy(d, copyTracks[copyNext++]);
                        continue;
                    }
                    if (!mayTakeSlot()) {
                        break;
                    }
                    long h = switcher.takeSlot(now);
                    if (h == CycleSwitcher.NO_SLOT) {
                        break;
                    }
                    noteTaken();
                    sendSlot(d, h);
                }
            }
            sendCommits();
        } finally {
            pumping = false;
        }
    }

    private boolean mayTakeSlot() {
        if (transmitGate == null) {
            return true;
        }
        long[] head = untaken.peekFirst();
        return head != null && transmitGate.test(head[0]);
    }

    /** untaken entries: {number, slots, taken}; takeSlot serves the oldest cycle with untaken slots. */
    private void noteTaken() {
        long[] head = untaken.peekFirst();
        if (head != null && ++head[2] == head[1]) {
            untaken.pollFirst();
        }
    }

    private void sendSlot(int d, long h) {
        long number = switcher.slotCycle(h);
        long track = switcher.slotTrack(h);
        long version = switcher.slotVersion(h);
        long bytes = switcher.slotBytes(h);
        outstandingBytes[d] += bytes + config.slotHeaderBytes();
        if (switcher.slotSpilled(h)) {
            spillReads++;
            spillGroup.read(spillTrack++, bytes, () -> sendOnLink(d, h, number, track, version, bytes));
        } else {
            sendOnLink(d, h, number, track, version, bytes);
        }
    }

    private void sendOnLink(int d, long h, long number, long track, long version, long bytes) {
        slotsOnLink[d].add(h, number, track, version, bytes);
        out[d].send(bytes + config.slotHeaderBytes(), slotArrived[d]);
    }

    /** The oldest slot sent on direction {@code d} arrived (a direction delivers in send order). */
    private void onSlotArrived(int d) {
        long now = scheduler.now();
        SlotsOnLink slots = slotsOnLink[d];
        long handle = slots.oldestHandle();
        long bytes = slots.oldestBytes();
        outstandingBytes[d] -= bytes + config.slotHeaderBytes();
        if (switcher.onSlotSent(handle, now)) {
            receiver.onSlotReceived(slots.oldestNumber(), slots.oldestTrack(), slots.oldestVersion(), bytes);
        }
        slots.removeOldest();
        emitLevels(now);
        drainWaiting();
        pump();
    }

    private void sendCommits() {
        while (true) {
            long n = switcher.commitReady();
            if (n == NONE) {
                return;
            }
            int d = nextUpLink();
            if (d < 0) {
                return;
            }
            switcher.onCommitSent(n, scheduler.now());
            out[d].send(config.commitBytes(), () -> onCommitArrived(n, d));
        }
    }

    private int nextUpLink() {
        for (int i = 0; i < out.length; i++) {
            int d = (commitNext + i) % out.length;
            if (out[d].isUp()) {
                commitNext = (d + 1) % out.length;
                return d;
            }
        }
        return -1;
    }

    private void onCommitArrived(long n, int d) {
        long now = scheduler.now();
        if (switcher.isDiscarded(n)) {
            return; // a drop discarded the cycle while its commit travelled: the secondary never commits it
        }
        receiver.onCommit(n, now);
        committed.addLast(n);
        for (CycleEventListener l : committedListeners) {
            l.onCycle(n, now);
        }
        tryApply();
        back[d].send(config.ackBytes(), () -> onAckArrived(n));
    }

    private void onAckArrived(long n) {
        if (switcher.onCommitAcknowledged(n, scheduler.now())) {
            emitLevels(scheduler.now());
            conditionChanged();
            pump();
        }
    }

    // ---------------------------------------------------------------- apply

    private void tryApply() {
        if (applyingNumber != NONE || committed.isEmpty()) {
            return;
        }
        long n = committed.peekFirst();
        if (n > releasedUpTo || applyGate != null && !applyGate.test(n) || !receiver.canStartApply()) {
            return;
        }
        committed.pollFirst();
        applyingNumber = receiver.startApply(scheduler.now());
        applySlots = receiver.applyingSlots();
        applyStarted = 0;
        applyWriteNext = 0;
        applyAnticipated = 0;
        applyDone = 0;
        if (applySlots == 0) {
            finishApply();
            return;
        }
        int first = Math.min(applyParallelism, applySlots);
        for (int i = 0; i < first; i++) {
            applyStarted++;
            applyPool.submit(slotServiced);
        }
    }

    private void onSlotServiced() {
        int i = applyWriteNext++;
        if (Prefetch.ENABLED && i >= applyAnticipated) {
            anticipateApply(i);
        }
        secondary.cache().write(receiver.applyingTrack(i), 1, slotWritten);
    }

    /**
     * A performance hint: reads the secondary cache's index entries of the next
     * {@value #APPLY_LOOKAHEAD} slots to apply, from slot {@code i}, together with those of the
     * slots their misses would evict, then their slots' states — each batch of cache misses
     * overlaps, where one by one each write would wait for its own.
     */
    private void anticipateApply(int i) {
        int end = Math.min(applySlots, i + APPLY_LOOKAHEAD);
        Cache cache = secondary.cache();
        for (int j = i; j < end; j++) {
            cache.anticipateIndex(receiver.applyingTrack(j));
        }
        cache.anticipateEvictions(end - i);
        for (int j = i; j < end; j++) {
            cache.anticipateSlot(receiver.applyingTrack(j));
        }
        applyAnticipated = end;
    }

    private void onSlotWritten() {
        applyDone++;
        if (applyStarted < applySlots) {
            applyStarted++;
            applyPool.submit(slotServiced);
        }
        if (applyDone == applySlots) {
            finishApply();
        }
    }

    private void finishApply() {
        long now = scheduler.now();
        long n = receiver.finishApply(now);
        applyingNumber = NONE;
        switcher.onApplied(n, now);
        for (CycleEventListener l : appliedListeners) {
            l.onCycle(n, now);
        }
        conditionChanged();
        tryApply();
        tryResync();
    }

    /** Legacy: the switch moves the received (committed) cycle to apply. */
    private void releaseForApply() {
        releasedUpTo = receiver.lastCommitted();
        tryApply();
    }

    /** Condition 3: no apply in progress and no cycle released for apply still waiting to start. */
    private boolean applyIdle() {
        return applyingNumber == NONE && (committed.isEmpty() || committed.peekFirst() > releasedUpTo);
    }

    // ---------------------------------------------------------------- switching

    private void armSwitchTimer() {
        if (config.rules().mode() == SwitchMode.EXTERNAL || switcher.state() != SessionState.ACTIVE) {
            return;
        }
        long t = switcher.nextSwitchNotBeforeNs();
        if (t == Long.MAX_VALUE) {
            return;
        }
        if (switchTimer != null) {
            if (switchTimer.isPending() && switchTimer.timeNs() == Math.max(t, scheduler.now())) {
                return;
            }
            scheduler.cancel(switchTimer);
        }
        switchTimer = scheduler.at(Math.max(t, scheduler.now()), Tie.NORMAL, switchFire);
    }

    private void onSwitchTimer() {
        switchTimer = null;
        attemptSwitch();
    }

    /** A switch condition may have changed (commit acknowledged, apply finished). */
    private void conditionChanged() {
        if (config.rules().mode() == SwitchMode.EXTERNAL || switchTimer != null
                || switcher.state() != SessionState.ACTIVE) {
            return;
        }
        if (scheduler.now() >= switcher.nextSwitchNotBeforeNs()) {
            attemptSwitch();
        } else {
            armSwitchTimer();
        }
    }

    private void attemptSwitch() {
        long now = scheduler.now();
        SwitchOutcome o = switcher.trySwitch(now, applyIdle());
        boolean legacy = config.rules().mode() == SwitchMode.LEGACY;
        switch (o) {
            case SWITCHED -> {
                onClosed(now);
                if (legacy) {
                    releaseForApply();
                }
                armSwitchTimer();
                pump();
            }
            case SKIPPED_EMPTY -> {
                if (legacy) {
                    releaseForApply();
                }
                armSwitchTimer();
            }
            case TOO_EARLY -> armSwitchTimer();
            default -> {
                // held back by condition 2 or 3 (or a full queue): retried by conditionChanged()
            }
        }
    }

    private void onClosed(long now) {
        CycleRecord r = switcher.lastClosed();
        untaken.addLast(new long[] {r.number(), r.slots(), 0});
        durationSignal.emit(now, r.durationNs());
        queueSignal.emit(now, switcher.transmitCycles());
    }

    // ---------------------------------------------------------------- external control (DOMAIN §6)

    /**
     * Legacy conditions 2 and 3 hold: every closed cycle is fully sent and its commit acknowledged
     * (the transmit queue is empty), no apply is in progress at the secondary and no cycle released
     * for apply waits to start. The session is active. A coordinator polls this before a switch.
     */
    public boolean readyToSwitch() {
        return switcher.state() == SessionState.ACTIVE && switcher.transmitCycles() == 0 && applyIdle();
    }

    /**
     * Closes the capture cycle now whatever the time rules say (next number = current + 1); an
     * empty capture cycle is not closed ({@link SwitchOutcome#SKIPPED_EMPTY}). In legacy mode the
     * received cycle is released for apply, as at a timed switch.
     */
    public SwitchOutcome close(long nowNs) {
        return afterClose(switcher.close(nowNs), nowNs);
    }

    /** As {@link #close(long)}, the next capture cycle being numbered {@code nextNumber} (a shuttle sequence number). */
    public SwitchOutcome close(long nowNs, long nextNumber) {
        return afterClose(switcher.close(nowNs, nextNumber), nowNs);
    }

    private SwitchOutcome afterClose(SwitchOutcome o, long nowNs) {
        if (o == SwitchOutcome.SWITCHED) {
            onClosed(nowNs);
        }
        if (o == SwitchOutcome.SWITCHED || o == SwitchOutcome.SKIPPED_EMPTY) {
            if (config.rules().mode() == SwitchMode.LEGACY) {
                releaseForApply();
            }
            armSwitchTimer();
            pump();
        }
        return o;
    }

    /** Opens the consistency window: host writes arriving from now wait (not tagged, not acknowledged). */
    public void holdWrites() {
        held = true;
    }

    /** Closes the window: waiting writes enter the then-open capture cycle, in arrival order. */
    public void releaseWrites() {
        held = false;
        drainWaiting();
    }

    public boolean isHoldingWrites() {
        return held;
    }

    public void addWriteTagListener(WriteTagListener listener) {
        WriteTagListener[] n = java.util.Arrays.copyOf(tagListeners, tagListeners.length + 1);
        n[tagListeners.length] = listener;
        tagListeners = n;
    }

    /**
     * The secondary starts applying committed cycle {@code k} only when {@code gate.test(k)} (and,
     * in legacy mode, after the switch released it). Call {@link #retryApply()} when the gate's
     * answer may have changed. Null removes the gate.
     */
    public void setApplyGate(LongPredicate gate) {
        this.applyGate = gate;
        tryApply();
    }

    public void retryApply() {
        tryApply();
    }

    /** Runs when cycle {@code k} is fully received and its commit arrived at the secondary (before the acknowledgement leaves). */
    public void addCommittedListener(CycleEventListener listener) {
        committedListeners.add(listener);
    }

    /** Runs when the secondary finished applying cycle {@code k} (the recovery point moved to its close time). */
    public void addAppliedListener(CycleEventListener listener) {
        appliedListeners.add(listener);
    }

    /**
     * Slots of closed cycle {@code k} are taken for transfer only when {@code gate.test(k)} (the
     * oldest cycle with untransferred slots is asked; later cycles wait behind it). Call
     * {@link #retryTransmit()} when the answer may have changed. Null removes the gate.
     */
    public void setTransmitGate(LongPredicate gate) {
        this.transmitGate = gate;
        pump();
    }

    public void retryTransmit() {
        pump();
    }

    // ---------------------------------------------------------------- links, drop, resync

    private void onLinkStateChanged() {
        long now = scheduler.now();
        boolean anyUp = false;
        for (WanLink.Direction d : out) {
            anyUp |= d.isUp();
        }
        if (!anyUp) {
            if (!allDown) {
                allDown = true;
                if (switcher.onAllLinksDown(now)) {
                    onDropped(now);
                } else {
                    long deadline = switcher.transmitIdleDeadlineNs();
                    if (deadline != Long.MAX_VALUE) {
                        idleTimer = scheduler.at(deadline, Tie.CONTROL, this::onTransmitIdleTimer);
                    }
                }
            }
            return;
        }
        if (allDown) {
            allDown = false;
            switcher.onLinksUp(now);
            if (idleTimer != null) {
                scheduler.cancel(idleTimer);
                idleTimer = null;
            }
        }
        pump();
        tryResync();
    }

    private void onTransmitIdleTimer() {
        idleTimer = null;
        if (switcher.onTransmitIdleTimer(scheduler.now())) {
            onDropped(scheduler.now());
        }
    }

    /** The switcher dropped the session: stop cycles, let the secondary apply what it committed. */
    private void onDropped(long now) {
        receiver.discardUncommitted();
        untaken.clear();
        dropSpans.add(new long[] {now, -1});
        dropSignal.emit(now, 1);
        releasedUpTo = Long.MAX_VALUE;
        if (switchTimer != null) {
            scheduler.cancel(switchTimer);
            switchTimer = null;
        }
        emitLevels(now);
        // continue outside the write being processed
        scheduler.after(0, Tie.NORMAL, () -> {
            tryApply();
            drainWaiting();
            tryResync();
        });
    }

    /** Starts resynchronisation now when {@code autoResync} is off (no effect on an active session). */
    public void resynchronise() {
        resyncRequested = true;
        tryResync();
    }

    private void tryResync() {
        if (switcher.state() == SessionState.ACTIVE || !config.autoResync() && !resyncRequested || allDown) {
            return;
        }
        if (applyingNumber != NONE || !committed.isEmpty() || copyNext < copyTracks.length || copiesOutstanding > 0) {
            return;
        }
        long[] tracks = switcher.takeOwedTracks();
        long now = scheduler.now();
        if (tracks.length == 0) {
            switcher.resynchronised(now);
            resyncRequested = false;
            dropSpans.get(dropSpans.size() - 1)[1] = now;
            releasedUpTo = config.rules().mode() == SwitchMode.LEGACY ? receiver.lastCommitted() : Long.MAX_VALUE;
            armSwitchTimer();
            drainWaiting();
            return;
        }
        copyTracks = tracks;
        copyNext = 0;
        pump();
    }

    private void sendCopy(int d, long track) {
        long wire = trackSize + config.slotHeaderBytes();
        outstandingBytes[d] += wire;
        copiesOutstanding++;
        out[d].send(wire, () -> {
            outstandingBytes[d] -= wire;
            copiesOutstanding--;
            copiedTracks++;
            receiver.onTrackCopied(track, config.trackImages() ? versions.getOrDefault(track, -1) : versionCounter, trackSize);
            secondary.cache().write(track, 1, NOTHING);
            if (copyNext == copyTracks.length && copiesOutstanding == 0) {
                tryResync();
            }
            pump();
        });
    }

    private static final Runnable NOTHING = () -> { };

    /** Emits the session's levels that changed since they were last emitted (a level holds until it changes). */
    private void emitLevels(long now) {
        long cache = switcher.cacheBytes();
        if (cache != emittedCache) {
            emittedCache = cache;
            cacheSignal.emit(now, cache);
        }
        long spill = switcher.poolBytes();
        if (spill != emittedSpill) {
            emittedSpill = spill;
            spillSignal.emit(now, spill);
        }
        int queue = switcher.transmitCycles();
        if (queue != emittedQueue) {
            emittedQueue = queue;
            queueSignal.emit(now, queue);
        }
    }

    // ---------------------------------------------------------------- observation

    public String name() {
        return config.name();
    }

    public CycleConfig config() {
        return config;
    }

    public Box primary() {
        return primary;
    }

    public Box secondary() {
        return secondary;
    }

    public List<WanLink> links() {
        return links;
    }

    /** The primary-side state machine (read-only use: records, counters). */
    public CycleSwitcher switcher() {
        return switcher;
    }

    /** The secondary-side state machine (read-only use: image, applied bytes). */
    public CycleReceiver receiver() {
        return receiver;
    }

    public long startNs() {
        return startNs;
    }

    public SessionState state() {
        return switcher.state();
    }

    /** Bytes of the session's slots in the primary cache. */
    public long cacheBytes() {
        return switcher.cacheBytes();
    }

    public long cacheLimitBytes() {
        return config.pressure().limitBytes();
    }

    public long spillBytes() {
        return switcher.poolBytes();
    }

    public int transmitQueue() {
        return switcher.transmitCycles();
    }

    /** Close time of the newest cycle applied at the secondary (session start before any): the recovery point. */
    public long recoveryPointNs() {
        return switcher.newestAppliedCloseNs();
    }

    /** Host writes that had to wait for cache space at least once (pace). */
    public long pacedWrites() {
        return pacedWrites;
    }

    /** Host writes that arrived while {@link #holdWrites()} was in force. */
    public long heldWrites() {
        return heldWrites;
    }

    /** Host writes waiting (paced or held) right now. */
    public int waitingWrites() {
        return waiting.size();
    }

    public long spillWrites() {
        return spillWrites;
    }

    public long spillReads() {
        return spillReads;
    }

    public long copiedTracks() {
        return copiedTracks;
    }

    /** Primary's version of a track (secondary box numbering) as last written, or −1. */
    public long primaryVersion(long secondaryTrack) {
        if (!config.trackImages()) {
            throw new IllegalStateException("session " + config.name() + " does not track images (trackImages = false)");
        }
        return versions.getOrDefault(secondaryTrack, -1);
    }

    /** Drops as {@code session-drop} intervals; an unfinished one ends at {@code endNs}. */
    public List<Interval> dropIntervals(long endNs) {
        List<Interval> out = new ArrayList<>(dropSpans.size());
        for (long[] s : dropSpans) {
            long end = s[1] < 0 ? endNs : s[1];
            out.add(new Interval("session-drop", config.name(), s[0] / 1e9, end / 1e9));
        }
        return out;
    }

    /** The byte balance of DOMAIN §8.4 as of now. */
    public Conservation conservation() {
        return new Conservation(switcher.bytesAfterFolding(), receiver.appliedBytes(), switcher.pendingBytes(),
                receiver.unappliedBytes(), switcher.discardedBytes() + receiver.discardedBytes());
    }
}
