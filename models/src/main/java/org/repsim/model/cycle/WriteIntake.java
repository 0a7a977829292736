package org.repsim.model.cycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.collect.LongLongMap;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.signal.Signal;
import org.repsim.model.Box;
import org.repsim.model.HostIo;
import org.repsim.model.Volume;
import org.repsim.model.cycle.rules.CycleSwitcher;
import org.repsim.model.cycle.rules.WriteOutcome;

/**
 * Host-write intake and pacing of one cycle session (docs/model.md §5): the volume pairs, each
 * host write's tracks into the capture cycle ({@link CycleSwitcher#write}), the host
 * acknowledgement after the local cache write plus any spill write, pacing wait (policy
 * {@code pace}) or consistency-window hold; waiting writes proceed in arrival order. Keeps the
 * primary's version of every track (what a resynchronisation copies).
 */
final class WriteIntake {

    private final CycleSession session;
    private final Scheduler scheduler;
    private final CycleConfig config;
    private final Box primary;
    private final Box secondary;
    private final CycleSwitcher switcher;
    private final SpillPool spillPool;
    private final long trackSize;
    private final Signal pacedSignal;

    /** Per paired primary volume: the track offset to the secondary volume. */
    private final Map<Volume, TrackShift> shifts = new IdentityHashMap<>();
    private final List<Volume> pairedVolumes = new ArrayList<>();
    private Volume lastVolume;
    /** The paired volume of the slot sent last, and its track shift (most slots follow the one before). */
    private Volume lastSentVolume;
    private long lastSentShift;
    private TrackShift lastShift;
    private final LongLongMap versions = new LongLongMap(512);

    // host writes waiting (paced or held), in arrival order
    private final ArrayDeque<PendingWrite> waiting = new ArrayDeque<>();
    private boolean held;
    private boolean draining;
    private long versionCounter;
    /** Each write is credited to the slot of its last track (a shuttle group counts what transfers carry). */
    boolean creditHost;

    private WriteTagListener[] tagListeners = new WriteTagListener[0];

    private long pacedWrites;
    /** Times a write met a full session: a queued write that outlives one waited for cache space. */
    private long pacingStops;
    private long heldWrites;

    /** Secondary track = primary track + {@code tracks}. */
    private record TrackShift(long tracks) {
    }

    /** A host write on its way into the session. */
    private static final class PendingWrite {
        final HostIo io;
        final Runnable ack;
        final long shift;
        int next;
        long tag = CycleSession.UNTAGGED;
        /** It met a full session itself (its cached tracks from {@link #next} then uncovered). */
        boolean paced;
        /** Counted in {@link #pacedWrites}: it waited for cache space, itself or behind a write that did. */
        boolean counted;
        /** {@link #pacingStops} when it was queued. */
        long stopsWhenQueued;

        PendingWrite(HostIo io, Runnable ack, long shift) {
            this.io = io;
            this.ack = ack;
            this.shift = shift;
        }
    }

    WriteIntake(CycleSession session, Scheduler scheduler, CycleConfig config, Box primary, Box secondary,
                CycleSwitcher switcher, SpillPool spillPool, Signal pacedSignal) {
        this.session = session;
        this.scheduler = scheduler;
        this.config = config;
        this.primary = primary;
        this.secondary = secondary;
        this.switcher = switcher;
        this.spillPool = spillPool;
        this.trackSize = primary.cache().trackSizeBytes();
        this.pacedSignal = pacedSignal;
    }

    void addPair(Volume primaryVolume, Volume secondaryVolume) {
        primaryVolume.checkReplicatesTo(primary, secondaryVolume);
        if (secondaryVolume.box() != secondary) {
            throw new IllegalArgumentException("volume " + secondaryVolume + " is not on secondary box " + secondary.name());
        }
        if (shifts.containsKey(primaryVolume)) {
            throw new IllegalArgumentException("volume " + primaryVolume + " is already paired");
        }
        shifts.put(primaryVolume, new TrackShift(secondaryVolume.firstTrack() - primaryVolume.firstTrack()));
        lastVolume = null;
        pairedVolumes.add(primaryVolume);
    }

    /**
     * Whether a host write to {@code v} arriving now enters this session's capture cycle without
     * waiting behind held or paced writes (docs/model.md §7a): its cached data is then the slot's.
     */
    boolean entersAtOnce(Volume v) {
        return !held && waiting.isEmpty() && (v == lastVolume ? lastShift != null : shifts.containsKey(v));
    }

    /**
     * A slot of {@code secondaryTrack} was sent: if it was the session's last slot of the track,
     * the primary's cached copy of the track, if still dirty, counts as the box's own write
     * pending again (docs/model.md §7a). The cache is asked first: most tracks are destaged by
     * the time their slot is sent, and the cache answers that without reading its index
     * ({@link org.repsim.model.Cache#isCoveredDirty}).
     */
    void slotSent(long secondaryTrack) {
        Volume p = lastSentVolume;
        if (p == null || !contains(p, secondaryTrack - lastSentShift)) {
            p = null;
            for (int i = 0; i < pairedVolumes.size(); i++) {
                Volume v = pairedVolumes.get(i);
                long shift = shifts.get(v).tracks();
                if (contains(v, secondaryTrack - shift)) {
                    p = v;
                    lastSentVolume = v;
                    lastSentShift = shift;
                    break;
                }
            }
            if (p == null) {
                return;
            }
        }
        long t = secondaryTrack - lastSentShift;
        if (primary.cache().isCoveredDirty(t) && !switcher.holdsTrack(secondaryTrack)) {
            primary.cache().uncover(t);
        }
    }

    /**
     * The slot of {@code secondaryTrack} will reach {@link #slotSent} soon (it is the next one on
     * its link): a performance hint ({@link org.repsim.core.collect.Prefetch}) that reads now the
     * primary cache's index entry {@code slotSent} will look up, if the cache's count of covered
     * dirty tracks leaves the question open (seldom: the track was mostly destaged long ago), so
     * that its miss of the processor's caches overlaps the work of the slot arriving now. Changes
     * no state.
     */
    void anticipateSlotSent(long secondaryTrack) {
        Volume p = lastSentVolume;
        if (p != null && contains(p, secondaryTrack - lastSentShift)) {
            primary.cache().anticipateCoveredDirty(secondaryTrack - lastSentShift);
        }
    }

    private static boolean contains(Volume v, long track) {
        return track >= v.firstTrack() && track < v.firstTrack() + v.trackCount();
    }

    /** A drop: no cached track of the paired volumes is the session's any more. */
    void uncoverAll() {
        for (Volume p : pairedVolumes) {
            primary.cache().uncoverRange(p.firstTrack(), p.firstTrack() + p.trackCount());
        }
    }

    List<Volume> pairedVolumes() {
        return java.util.Collections.unmodifiableList(pairedVolumes);
    }

    void anticipate(HostIo io) {
        Volume v = io.volume();
        TrackShift shift = v == lastVolume ? lastShift : shifts.get(v);
        if (shift != null) {
            switcher.anticipate(io.firstTrack() + shift.tracks());
        }
    }

    void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Volume v = io.volume();
        TrackShift shift;
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
            PendingWrite w = new PendingWrite(io, acknowledgeHost, shift.tracks());
            if (held) {
                heldWrites++;
            } else if (!draining) {
                // behind a write that waits for cache space (nothing else queues writes): paced too
                countPaced(w, scheduler.now());
            }
            w.stopsWhenQueued = pacingStops;
            waiting.addLast(w);
            return;
        }
        PendingWrite w = enter(io, acknowledgeHost, shift.tracks(), null);
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
        long tag = w == null ? CycleSession.UNTAGGED : w.tag;
        long now = scheduler.now();
        while (next < io.trackCount()) {
            long track = io.firstTrack() + next + shift;
            long version = versionCounter + 1;
            WriteOutcome o = enterTrack(io, next, track, version, now);
            if (o == WriteOutcome.PACED) {
                session.emitLevels(now); // the write's earlier tracks are in the cache
                w = progress(w, io, ack, shift, next, tag);
                pacingStops++;
                if (!w.paced) {
                    w.paced = true;
                    countPaced(w, now);
                    // while it waits, the write's cached tracks count as the box's own write pending
                    for (int i = next; i < io.trackCount(); i++) {
                        primary.cache().uncover(io.firstTrack() + i);
                    }
                }
                return w;
            }
            versionCounter = version;
            if (config.trackImages()) {
                versions.put(track, version);
            }
            next++;
            tag = o.inCycle() ? switcher.captureNumber() : CycleSession.UNTAGGED;
            if (creditHost && next == io.trackCount() && o.inCycle()) {
                switcher.creditHostWrite(io.sizeBytes()); // carried by the last track's slot (docs/model.md §6b)
            }
            if (o == WriteOutcome.DROPPED) {
                session.onDropped(now);
            }
            // slots moved to the pool, or the write folded into a spilled capture slot (docs/model.md §5)
            long spilled = switcher.lastPoolWriteBytes();
            if (spilled > 0) {
                session.emitLevels(now);
                PendingWrite spilling = progress(w, io, ack, shift, next, tag);
                spillPool.write(spilled, () -> afterSpillWrite(spilling));
                return null;
            }
        }
        session.emitLevels(now);
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

    /** Counts {@code w} among the paced writes, once (docs/model.md §5, cache pressure). */
    private void countPaced(PendingWrite w, long now) {
        if (!w.counted) {
            w.counted = true;
            pacedWrites++;
            pacedSignal.emit(now, 1);
        }
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

    /**
     * Track {@code i} of the write into the capture cycle (docs/model.md §5): the write's bytes
     * inside that track, as an extent of the track; sizing {@code track} dirties the whole track.
     */
    private WriteOutcome enterTrack(HostIo io, int i, long track, long version, long now) {
        if (config.slotSizing() == SlotSizing.TRACK) {
            return switcher.write(track, 0, trackSize, version, now);
        }
        long trackStart = (io.firstTrack() - io.volume().firstTrack() + i) * trackSize;
        long begin = Math.max(io.offsetBytes(), trackStart);
        long end = Math.min(io.offsetBytes() + io.sizeBytes(), trackStart + trackSize);
        return switcher.write(track, begin - trackStart, end - begin, version, now);
    }

    /** Lets waiting writes in, in order, while they fit (after space freed, a release or a drop). */
    void drainWaiting() {
        if (held || draining) {
            return;
        }
        draining = true;
        try {
            while (!waiting.isEmpty() && !held) {
                PendingWrite w = waiting.peekFirst();
                if (pacingStops != w.stopsWhenQueued) {
                    // queued while held or during a drain, it then waited through a full session
                    countPaced(w, scheduler.now());
                }
                if (!enter(w)) {
                    return;
                }
                waiting.pollFirst();
            }
        } finally {
            draining = false;
        }
    }

    // ---------------------------------------------------------------- consistency window (docs/model.md §6a)

    void hold() {
        held = true;
    }

    void release() {
        held = false;
        drainWaiting();
    }

    boolean isHolding() {
        return held;
    }

    void addWriteTagListener(WriteTagListener listener) {
        WriteTagListener[] n = java.util.Arrays.copyOf(tagListeners, tagListeners.length + 1);
        n[tagListeners.length] = listener;
        tagListeners = n;
    }

    // ---------------------------------------------------------------- what a copy sends, observation

    /** The value a resynchronisation copies for {@code track}: its version, or the newest write's without images. */
    long copyVersion(long track) {
        return config.trackImages() ? versions.getOrDefault(track, -1) : versionCounter;
    }

    long primaryVersion(long secondaryTrack) {
        if (!config.trackImages()) {
            throw new IllegalStateException("session " + config.name() + " does not track images (trackImages = false)");
        }
        return versions.getOrDefault(secondaryTrack, -1);
    }

    long pacedWrites() {
        return pacedWrites;
    }

    long heldWrites() {
        return heldWrites;
    }

    int waitingWrites() {
        return waiting.size();
    }
}
