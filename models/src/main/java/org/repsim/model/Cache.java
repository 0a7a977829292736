package org.repsim.model;

import java.util.ArrayDeque;
import org.repsim.core.collect.ColumnRing;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.EventHandle;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.core.signal.Signal;
import org.repsim.core.signal.Signals;
import org.repsim.core.stats.TimeWeighted;
import org.repsim.model.cycle.rules.BlockMap;
import org.repsim.model.measure.SignalKeys;

/**
 * A box's cache (docs/model.md §1): {@code capacity / trackSize} slots of one track each.
 *
 * <p>Residency: an open-addressing track→slot map plus CLOCK (second chance) over slot arrays;
 * memory grows with the slots used, up to the number of slots (the slot arrays double as the
 * never-used slots are handed out, so a short run of a large cache holds what it touched), nothing
 * grows per I/O.
 *
 * <p>Write pending (docs/model.md §1, §7a): a written track's slot is dirty until destaged to the
 * back end. Write-pending bytes = the dirty slots' bytes (a whole track each, or their dirty
 * blocks with {@link CachePolicy.SlotAllocation#BLOCKS}) + the bytes replication holds in this
 * cache ({@link #hold}: cycle slots on a primary, received cycles on a secondary). A dirty slot
 * written by a replicated host write is <i>covered</i>: its bytes are counted once, in the
 * replication slot holding the same data, until {@link #uncover}. A write to a dirty slot folds
 * into it. A write that would take write-pending above the limit ({@code writePendingLimit} ×
 * capacity), or that finds no clean slot to evict, waits in FIFO order until destaging (or a
 * release of held bytes) frees room; later writes queue behind it.
 *
 * <p>Destage [design]: a track is queued for destage when it becomes dirty and may start
 * {@code destageDelay} later (rewrites meanwhile fold into it: destaged once), at once while
 * write pending is at or above {@code destagePressure} × the limit or a write waits; at most
 * {@code maxDestages} destage writes (the whole track, or its dirty blocks) are outstanding to
 * the back end. A track rewritten while its destage is in progress stays dirty and is destaged
 * again, one delay later.
 *
 * <p>Reads (docs/model.md §1): a host read miss reads each missing track whole and then fills it
 * ({@link CachePolicy.ReadStaging#TRACK}), or reads only the blocks asked for and not valid, and
 * only those become valid ({@link CachePolicy.ReadStaging#BLOCKS}: a slot keeps a valid-block map,
 * the blocks read into it and those written to it, on the geometry of the dirty-block map).
 *
 * <p>Signals ({@code <prefix>.…}): {@code writePendingBytes} (level, bytes), {@code readHits},
 * {@code readMisses} (host reads, {@link #countHostRead}), {@code writeHits}, {@code writeMisses},
 * {@code writesDelayed} (counts).
 */
public final class Cache {
    private static final byte DIRTY = 1;
    private static final byte REFERENCED = 2;
    private static final byte DESTAGING = 4;
    private static final byte REDIRTY = 8;
    /** Dirty data counted in replication's held bytes, not in the local write pending. */
    private static final byte COVERED = 16;
    /** Slots from the CLOCK hand {@link #anticipateEviction} looks at (per eviction anticipated). */
    /** Most slots (tracks) a cache holds: its slot arrays are indexed by int. Scenario validation checks it too. */
    public static final int MAX_SLOTS = Integer.MAX_VALUE / 4;

    private static final int EVICTION_LOOKAHEAD = 64;
    /** Queued destages whose slot states are read ahead together. */
    private static final int DESTAGE_LOOKAHEAD = 16;
    /** Tracks below this fit a slot's narrow (unsigned int) track entry. */
    private static final long NARROW_TRACK_LIMIT = 1L << 32;
    /** Tracks the slot arrays and the index have room for at first; both double as the cache fills. */
    private static final int FIRST_ROOM = 1 << 16;
    /** log2 of the buckets of {@link #coveredDirty}. */
    private static final int COVERED_DIRTY_BITS = 9;

    private final String name;
    private final Scheduler scheduler;
    private final BackEnd backEnd;
    private final long trackSizeBytes;
    private final long capacityBytes;
    private final long writePendingLimitBytes;
    private final int maxDestages;
    private final CachePolicy policy;
    private final boolean blockSlots;
    private final boolean blockDestage;
    private final long destageDelayNs;
    private final long pressureBytes;
    /** Block geometry of the dirty- and valid-block maps, or null when the policy needs neither. */
    private final BlockMap blockMap;
    /** Every bit of {@link #blockMap}: a whole track (0 without block maps). */
    private final long fullMask;
    /** Dirty blocks of each used slot (null without dirty-block maps). */
    private long[] slotMask;
    /**
     * Valid blocks of each used slot — those a host read finds (docs/model.md §1): the blocks
     * read from the back end into it and those written to it; null unless read staging is
     * {@link CachePolicy.ReadStaging#BLOCKS} (with {@code track}, a resident slot is valid whole).
     */
    private long[] slotValid;
    /** Bytes of dirty slots not covered by replication (counted locally). */
    private long localBytes;
    /** Bytes replication holds in this cache ({@link #hold}). */
    private long heldBytes;
    private EventHandle destageTimer;
    private final Runnable destageTimerFire = this::onDestageTimer;
    /**
     * Destage jobs made so far (at most maxDestages, reused) and a stack of the numbers of the idle
     * ones (ints: no reference is stored per destage).
     */
    private Destage[] destageJobs = new Destage[4];
    private int jobsMade;
    private int[] idleJobs = new int[4];
    private int idleCount;

    private final int slots;
    /**
     * The track of each used slot, as an unsigned int while every track is below 2^32 (a box's
     * tracks, unless its volumes hold more than 2^32 tracks): half the memory of a {@code long}
     * per slot, in the largest array of a cache but its index. The first larger track moves them
     * all to {@link #slotTrackWide}; exactly one of the two is non-null.
     */
    private int[] slotTrack;
    private long[] slotTrackWide;
    /** Slot arrays are as long as the slots handed out so far need, doubling up to {@link #slots}. */
    private byte[] slotState;
    /** Track → slot, keyed on the slots' own tracks ({@link #trackIn}): four bytes a place. */
    private final SlotIndex index;
    /**
     * Covered dirty slots counted by a hash of their track: bucket {@link #coveredDirtyBucket}(t)
     * holds the number of used slots whose state has both {@code COVERED} and {@code DIRTY} and
     * whose track hashes there; null until the first covered write (a box that is only ever a
     * secondary never has one). Kept at every change of either bit. A zero bucket proves that no track hashing to
     * it is covered dirty, so {@link #isCoveredDirty} answers most questions from this small
     * array without a look-up in the index, whose entries miss the processor's caches:
     * replication asks for every slot it sends, and by then the track has almost always been
     * destaged (docs/model.md §7a), so that few tracks are covered dirty and most buckets are
     * zero. 512 buckets (2 KiB): every covered write and its destage update a bucket, and the
     * counts of a 64-box group's caches together must stay in the processor's caches too (16 KiB
     * each made those updates miss).
     */
    private int[] coveredDirty;
    private int neverUsed;
    /** The track of the host write anticipated last ({@link #anticipate}); -1 before any. */
    private long lastAnticipated = -1;
    /** Keeps the reads of {@link #anticipateSlot} (a read whose value nobody uses would be dropped). */
    private int touchedStates;
    private int hand;

    // destage queue: slots and their tracks (carried along, so starting a destage reads no slot array)
    /** Slot (int0), track (long0) and, with a destage delay, when the destage may start (long1). */
    private final ColumnRing destageQueue;
    /** Destage starts until the next read-ahead of queued slot states. */
    private int destagesUntilLookahead;
    private int destaging;
    private long dirtySlots;

    private final ArrayDeque<BlockedWrite> blocked = new ArrayDeque<>();

    private final Signal writePending;
    private final Signal readHits;
    private final Signal readMisses;
    private final Signal writeHits;
    private final Signal writeMisses;
    private final Signal writesDelayed;
    // Where the emits go, in the cache's own fields (copied by seal()): the signal before the
    // registry is sealed; once sealed null for an unrecorded signal and the statistic itself for
    // a level recorded by one, so that an emit loads no object that does not record it.
    private TimeWeighted writePendingLevel;
    private Signal writePendingOut;
    private Signal readHitsOut;
    private Signal readMissesOut;
    private Signal writeHitsOut;
    private Signal writeMissesOut;
    private Signal writesDelayedOut;

    /** A write waiting for cache room: the tracks still to admit. */
    private static final class BlockedWrite {
        final long firstTrack;
        long nextTrack;
        final long endTrack;
        final long offsetBytes;
        final long sizeBytes;
        /** {@link #LOCAL}, {@link #COVER} or {@link #COPY}. */
        final byte mode;
        final Runnable admitted;

        BlockedWrite(long firstTrack, long nextTrack, long endTrack, long offsetBytes, long sizeBytes, byte mode,
                     Runnable admitted) {
            this.firstTrack = firstTrack;
            this.nextTrack = nextTrack;
            this.endTrack = endTrack;
            this.offsetBytes = offsetBytes;
            this.sizeBytes = sizeBytes;
            this.mode = mode;
            this.admitted = admitted;
        }
    }

    /**
     * @param capacityBytes      cache size in bytes (at least one track)
     * @param trackSizeBytes     slot size, e.g. 131072
     * @param writePendingLimit  fraction of the capacity that may be write pending, in (0, 1]
     * @param maxDestages        destage writes outstanding at once, ≥ 1
     */
    public Cache(Scheduler scheduler, Signals signals, String prefix, long capacityBytes, long trackSizeBytes,
                 double writePendingLimit, int maxDestages, BackEnd backEnd) {
        this(scheduler, signals, prefix, capacityBytes, trackSizeBytes, writePendingLimit, maxDestages, backEnd,
                trackSizeBytes, CachePolicy.DEFAULT);
    }

    /**
     * @param blockSizeBytes granularity of the dirty-block maps (used when {@code policy} needs them)
     * @param policy         slot allocation and destage policy
     */
    public Cache(Scheduler scheduler, Signals signals, String prefix, long capacityBytes, long trackSizeBytes,
                 double writePendingLimit, int maxDestages, BackEnd backEnd, long blockSizeBytes, CachePolicy policy) {
        if (trackSizeBytes <= 0) {
            throw new IllegalArgumentException("cache " + prefix + ": trackSize must be positive, got " + trackSizeBytes);
        }
        long n = capacityBytes / trackSizeBytes;
        if (n < 1 || n > MAX_SLOTS) {
            throw new IllegalArgumentException("cache " + prefix + ": capacity " + capacityBytes
                    + " B must hold between 1 and " + MAX_SLOTS + " tracks of " + trackSizeBytes + " B");
        }
        if (!(writePendingLimit > 0 && writePendingLimit <= 1)) {
            throw new IllegalArgumentException("cache " + prefix + ": writePendingLimit must be in (0, 1], got " + writePendingLimit);
        }
        if (maxDestages < 1) {
            throw new IllegalArgumentException("cache " + prefix + ": maxDestages must be ≥ 1, got " + maxDestages);
        }
        this.name = prefix;
        this.scheduler = scheduler;
        this.backEnd = backEnd;
        this.trackSizeBytes = trackSizeBytes;
        this.slots = (int) n;
        this.capacityBytes = n * trackSizeBytes;
        this.writePendingLimitBytes = Math.max(trackSizeBytes,
                (long) Math.floor(writePendingLimit * this.capacityBytes / trackSizeBytes) * trackSizeBytes);
        this.maxDestages = maxDestages;
        this.policy = policy;
        this.blockSlots = policy.slotAllocation() == CachePolicy.SlotAllocation.BLOCKS;
        this.blockDestage = policy.destage() == CachePolicy.DestageExtent.BLOCKS;
        this.destageDelayNs = policy.destageDelayNs();
        this.pressureBytes = (long) Math.ceil(policy.destagePressure() * writePendingLimitBytes);
        this.blockMap = policy.needsBlockMaps() || policy.needsValidMaps()
                ? BlockMap.of(trackSizeBytes, blockSizeBytes) : null;
        this.fullMask = blockMap == null ? 0 : blockMap.mask(0, trackSizeBytes);
        this.destageQueue = new ColumnRing(destageDelayNs > 0 ? 2 : 1, 1, false, 64);
        // the slot arrays grow as never-used slots are handed out (victim()), like the index
        this.slotTrack = new int[Math.min(slots, FIRST_ROOM)];
        this.slotState = new byte[slotTrack.length];
        if (policy.needsBlockMaps()) {
            this.slotMask = new long[slotTrack.length];
        }
        if (policy.needsValidMaps()) {
            this.slotValid = new long[slotTrack.length];
        }
        // the index grows with the tracks resident (up to the slot count), so a run that touches
        // few tracks keeps a small, cache-friendly table
        this.index = new SlotIndex(slots, Math.min(slots, FIRST_ROOM), this::trackIn);
        this.writePending = signals.declare(prefix, SignalKeys.Cache.WRITE_PENDING_BYTES);
        this.readHits = signals.declare(prefix, SignalKeys.Cache.READ_HITS);
        this.readMisses = signals.declare(prefix, SignalKeys.Cache.READ_MISSES);
        this.writeHits = signals.declare(prefix, SignalKeys.Cache.WRITE_HITS);
        this.writeMisses = signals.declare(prefix, SignalKeys.Cache.WRITE_MISSES);
        this.writesDelayed = signals.declare(prefix, SignalKeys.Cache.WRITES_DELAYED);
        this.writePendingOut = writePending;
        this.readHitsOut = readHits;
        this.readMissesOut = readMisses;
        this.writeHitsOut = writeHits;
        this.writeMissesOut = writeMisses;
        this.writesDelayedOut = writesDelayed;
        signals.onSeal(this::seal);
    }

    /** Copies where each signal's emits go into the cache's own fields ({@link Signals#onSeal}). */
    private void seal() {
        writePendingLevel = writePending.soleLevel();
        writePendingOut = writePending.ifRecordedBeyondSoleLevel();
        readHitsOut = readHits.ifRecorded();
        readMissesOut = readMisses.ifRecorded();
        writeHitsOut = writeHits.ifRecorded();
        writeMissesOut = writeMisses.ifRecorded();
        writesDelayedOut = writesDelayed.ifRecorded();
    }

    /**
     * Lookup of {@code track} by a replication engine reading it to send it (the ordered engine's
     * preparation, docs/model.md §4): true when it is resident, whatever blocks of it are valid
     * (the slot is then marked recently used). Counts nothing: host reads are looked up by
     * {@link #readMissBytes} and counted by {@link #countHostRead}.
     */
    public boolean read(long track) {
        int s = index.get(track);
        if (s >= 0) {
            slotState[s] |= REFERENCED;
            return true;
        }
        return false;
    }

    /**
     * Host read lookup of bytes [{@code offsetInTrack}, {@code offsetInTrack + length}) of
     * {@code track} (docs/model.md §1): 0 on a hit (the slot is marked recently used), else the
     * bytes the miss reads from the back end — the whole track with {@code track} read staging, the
     * blocks asked for that are not valid with {@code blocks}. Counts nothing ({@link #countHostRead}).
     */
    public long readMissBytes(long track, long offsetInTrack, long length) {
        int s = index.get(track);
        if (slotValid == null) {
            if (s >= 0) {
                slotState[s] |= REFERENCED;
                return 0;
            }
            return trackSizeBytes;
        }
        long asked = blockMap.mask(offsetInTrack, length);
        long valid = s >= 0 ? slotValid[s] : 0;
        if ((asked & ~valid) == 0) {
            slotState[s] |= REFERENCED;
            return 0;
        }
        return blockMap.dirtyBytes(asked & ~valid);
    }

    /**
     * Counts one host read (signals {@code readHits}, {@code readMisses}): a hit when every track
     * (with {@code blocks} read staging, every block) it asked for was valid in the cache.
     */
    public void countHostRead(boolean hit) {
        Signal.emit(hit ? readHitsOut : readMissesOut, scheduler.now(), 1);
    }

    /** After a back-end read of the whole track: keeps {@code track} as a clean resident slot, valid whole, when a clean slot can be evicted. */
    public void fill(long track) {
        int s = index.get(track);
        if (s < 0) {
            s = installInVictim(track);
        }
        if (s >= 0 && slotValid != null) {
            slotValid[s] = fullMask;
        }
    }

    /** Installs {@code track} in a clean slot evicted for it; its slot, or -1 when every slot is dirty. */
    private int installInVictim(long track) {
        int s = victim();
        if (s >= 0) {
            install(s, track);
        }
        return s;
    }

    /**
     * After the back-end read of a host read miss ({@link #readMissBytes}) of bytes
     * [{@code offsetInTrack}, {@code offsetInTrack + length}) of {@code track}: the whole track
     * becomes valid ({@code track} read staging), or the blocks asked for ({@code blocks}), in a
     * resident slot or in a clean slot evicted for it; nothing is kept when every slot is dirty.
     */
    public void fill(long track, long offsetInTrack, long length) {
        if (slotValid == null) {
            fill(track);
            return;
        }
        long asked = blockMap.mask(offsetInTrack, length);
        int s = index.get(track);
        if (s >= 0) {
            slotState[s] |= REFERENCED;
        } else {
            s = installInVictim(track);
        }
        if (s >= 0) {
            slotValid[s] |= asked;
        }
    }

    /**
     * A host write of {@code track} will reach {@link #write} soon (after its host-adapter
     * service): a performance hint that reads now what {@code write} will look up, so that the
     * misses of the processor's caches overlap — with each other and with the replication
     * engine's look-ups of the same write — instead of following each other. It reads the
     * track's index entry ({@link SlotIndex#touch}) and the state of the slot of the host write
     * anticipated before this one (a read that needs the slot number, from an index entry read
     * one write ago and so in cache by now). Changes no state.
     */
    public void anticipate(long track) {
        if (lastAnticipated >= 0) {
            anticipateSlot(lastAnticipated);
        }
        index.touch(track);
        lastAnticipated = track;
    }

    /**
     * First half of {@link #anticipate} for a batch of writes known in advance (the slots of a
     * cycle being applied): reads the track's index entry. Call it for every track of the batch,
     * then {@link #anticipateSlot} for every track, so each half's misses overlap.
     */
    public void anticipateIndex(long track) {
        index.touch(track);
    }

    /**
     * Second half: reads the state and the track of the track's slot, if it has one (the slot
     * its index entry most likely names: no read waits on another). Changes no state.
     */
    public void anticipateSlot(long track) {
        int s = index.likelySlot(track);
        if (s >= 0) {
            touchedStates += slotState[s] + (int) trackIn(s);
        }
    }

    /**
     * A host write will reach {@link #write} soon: once every slot has been used, a write miss
     * evicts the next slot the CLOCK hand finds and removes that slot's track from the index — a
     * read of an index entry of its own. This performance hint reads it now, beside the write's
     * other anticipated look-ups, so the misses overlap. The slot is predicted without moving the
     * hand or clearing reference bits (the first slot from the hand neither dirty, destaging nor
     * referenced, within {@value #EVICTION_LOOKAHEAD} slots); a wrong prediction costs a wasted
     * read only. Changes no state.
     */
    public void anticipateEviction() {
        anticipateEvictions(1);
    }

    /**
     * {@link #anticipateEviction} for the next {@code count} write misses (a batch of writes
     * known in advance): reads the index entries of the next {@code count} slots the hand would
     * evict, in one go, so that their misses overlap. Changes no state.
     */
    public void anticipateEvictions(int count) {
        if (neverUsed < slots) {
            return; // free slots are used first: nothing is evicted
        }
        int s = hand;
        int found = 0;
        for (int step = 0; step < count * EVICTION_LOOKAHEAD && found < count; step++) {
            if ((slotState[s] & (DIRTY | DESTAGING | REFERENCED)) == 0) {
                index.touch(trackIn(s));
                found++;
            }
            s = s + 1 == slots ? 0 : s + 1;
        }
    }

    /**
     * Writes tracks [{@code firstTrack}, {@code firstTrack + trackCount}) into the cache;
     * {@code admitted} runs once every track holds its data — at once (synchronously) when there
     * is room, later when the write had to wait for destaging.
     */
    public void write(long firstTrack, int trackCount, Runnable admitted) {
        if (trackCount < 1) {
            throw new IllegalArgumentException("a write covers at least one track: " + trackCount);
        }
        write(firstTrack, trackCount, 0, trackCount * trackSizeBytes, false, admitted);
    }

    /**
     * Writes bytes [{@code offsetBytes}, {@code offsetBytes + sizeBytes}) counted from the start of
     * {@code firstTrack}, which cover tracks [{@code firstTrack}, {@code firstTrack + trackCount});
     * {@code admitted} runs once every track holds its data. {@code covered}: a replicated host
     * write, whose dirty data replication counts in its held bytes (docs/model.md §7a).
     */
    public void write(long firstTrack, int trackCount, long offsetBytes, long sizeBytes, boolean covered,
                      Runnable admitted) {
        write(firstTrack, trackCount, offsetBytes, sizeBytes, covered ? COVER : LOCAL, admitted);
    }

    /**
     * As {@link #write(long, int, long, long, boolean, Runnable)} for a host write that replication
     * also keeps as a copy per track until the secondary has it (ordered mode, docs/model.md §1, §4):
     * each track is admitted only with room for its copy, {@link #copyBytes} of the write's bytes in
     * it, which the cache adds to the held bytes as the track is admitted; the replication releases
     * it with {@link #releaseCopy}. A new dirty slot is covered (counted once, in the copy); a rewrite of a
     * dirty slot leaves its cover as it was, its growth counted as usual.
     */
    public void writeCopied(long firstTrack, int trackCount, long offsetBytes, long sizeBytes, Runnable admitted) {
        write(firstTrack, trackCount, offsetBytes, sizeBytes, COPY, admitted);
    }

    /**
     * Whether write pending has room for the copies {@link #writeCopied} of these bytes would add
     * and, besides, for the write's own data counted as new dirty slots, with no write waiting and a
     * slot for every track not resident. Then {@code writeCopied} is admitted at once, and the copies
     * leave room for a plain write of the same size (docs/model.md §4, {@code onCacheFull: copy-pass}).
     * Changes nothing.
     */
    public boolean fitsCopiedAndPlain(long firstTrack, int trackCount, long offsetBytes, long sizeBytes) {
        if (!blocked.isEmpty()) {
            return false;
        }
        long need = 0;
        int fresh = 0;
        for (long t = firstTrack; t < firstTrack + trackCount; t++) {
            // the copy, and the write's own data as new dirty slots (never less than a plain write adds)
            need += 2 * slotBytes(maskOf(firstTrack, t, offsetBytes, sizeBytes));
            if (index.get(t) < 0) {
                fresh++;
            }
        }
        return room(need) && slots - dirtySlots >= fresh;
    }

    /**
     * The bytes a copy of {@code lengthBytes} written at {@code beginInTrack} of one track takes in
     * this cache (docs/model.md §1): the whole track with {@code slotAllocation: track}, the blocks
     * the bytes touch with {@code blocks}.
     */
    public long copyBytes(long beginInTrack, long lengthBytes) {
        return slotBytes(blockMap == null ? 0 : blockMap.mask(beginInTrack, lengthBytes));
    }

    private static final byte LOCAL = 0;
    private static final byte COVER = 1;
    private static final byte COPY = 2;

    private void write(long firstTrack, int trackCount, long offsetBytes, long sizeBytes, byte mode, Runnable admitted) {
        if (trackCount < 1) {
            throw new IllegalArgumentException("a write covers at least one track: " + trackCount);
        }
        long end = firstTrack + trackCount;
        long t = firstTrack;
        if (blocked.isEmpty()) {
            while (t < end && admit(t, maskOf(firstTrack, t, offsetBytes, sizeBytes), mode)) {
                t++;
            }
            if (t == end) {
                admitted.run();
                return;
            }
        }
        Signal.emit(writesDelayedOut, scheduler.now(), 1);
        blocked.addLast(new BlockedWrite(firstTrack, t, end, offsetBytes, sizeBytes, mode, admitted));
    }

    /** The dirty blocks of {@code track} written by bytes [offset, offset + size) from {@code firstTrack}'s start; 0 without block maps. */
    private long maskOf(long firstTrack, long track, long offsetBytes, long sizeBytes) {
        if (blockMap == null) {
            return 0;
        }
        long trackStart = (track - firstTrack) * trackSizeBytes;
        long begin = Math.max(offsetBytes, trackStart);
        long finish = Math.min(offsetBytes + sizeBytes, trackStart + trackSizeBytes);
        if (finish <= begin) {
            return blockMap.mask(0, trackSizeBytes); // a write given by whole tracks
        }
        return blockMap.mask(begin - trackStart, finish - begin);
    }

    /** Bytes a dirty slot of dirty blocks {@code mask} occupies (docs/model.md §1). */
    private long slotBytes(long mask) {
        return blockSlots ? blockMap.dirtyBytes(mask) : trackSizeBytes;
    }

    /**
     * Makes {@code track} dirty with blocks {@code mask} if there is room; false when the write must
     * wait. Room: the bytes the write adds to the slot as if it were not covered.
     */
    private boolean admit(long track, long mask, byte mode) {
        if (mode == COPY) {
            return admitCopy(track, mask);
        }
        boolean covered = mode == COVER;
        long now = scheduler.now();
        int s = index.get(track);
        if (s >= 0) {
            byte st = slotState[s];
            if ((st & DIRTY) != 0) {
                // write folding: the slot already holds a pending write of this track
                long oldMask = slotMask == null ? 0 : slotMask[s];
                long newMask = oldMask | mask;
                long oldBytes = slotBytes(oldMask);
                long newBytes = slotBytes(newMask);
                if (newBytes > oldBytes && !room(newBytes - oldBytes)) {
                    return false;
                }
                boolean wasCounted = (st & COVERED) == 0;
                if (slotMask != null) {
                    slotMask[s] = newMask;
                }
                if (slotValid != null) {
                    slotValid[s] |= mask; // written blocks are valid for later reads
                }
                byte ns = (byte) (st | REFERENCED | ((st & DESTAGING) != 0 ? REDIRTY : 0));
                slotState[s] = covered ? (byte) (ns | COVERED) : (byte) (ns & ~COVERED);
                if (covered == wasCounted) {
                    countCoveredDirty(track, covered ? 1 : -1); // the dirty slot gained or lost its cover
                }
                long delta = (covered ? 0 : newBytes) - (wasCounted ? oldBytes : 0);
                if (delta != 0) {
                    localBytes += delta;
                    emitWritePending(now);
                }
                Signal.emit(writeHitsOut, now, 1);
                return true;
            }
            if (!room(slotBytes(mask))) {
                return false;
            }
            Signal.emit(writeHitsOut, now, 1);
            makeDirty(s, track, mask, covered, now);
            return true;
        }
        if (!room(slotBytes(mask))) {
            return false;
        }
        int v = victim();
        if (v < 0) {
            return false;
        }
        Signal.emit(writeMissesOut, now, 1);
        install(v, track);
        makeDirty(v, track, mask, covered, now);
        return true;
    }

    /**
     * {@link #admit} of a track of a {@link #writeCopied} write: room for the copy (and, for a
     * rewrite of a dirty slot counted locally, its growth); the copy joins the held bytes.
     */
    private boolean admitCopy(long track, long mask) {
        long now = scheduler.now();
        long copy = slotBytes(mask);
        int s = index.get(track);
        if (s >= 0 && (slotState[s] & DIRTY) != 0) {
            byte st = slotState[s];
            boolean wasCounted = (st & COVERED) == 0;
            long oldMask = slotMask == null ? 0 : slotMask[s];
            long newMask = oldMask | mask;
            long growth = wasCounted ? slotBytes(newMask) - slotBytes(oldMask) : 0;
            if (!room(copy + growth)) {
                return false;
            }
            if (slotMask != null) {
                slotMask[s] = newMask;
            }
            if (slotValid != null) {
                slotValid[s] |= mask; // written blocks are valid for later reads
            }
            slotState[s] = (byte) (st | REFERENCED | ((st & DESTAGING) != 0 ? REDIRTY : 0));
            localBytes += growth;
            heldBytes += copy;
            emitWritePending(now);
            Signal.emit(writeHitsOut, now, 1);
            return true;
        }
        if (!room(copy)) {
            return false;
        }
        if (s < 0) {
            s = victim();
            if (s < 0) {
                return false;
            }
            Signal.emit(writeMissesOut, now, 1);
            install(s, track);
        } else {
            Signal.emit(writeHitsOut, now, 1);
        }
        heldBytes += copy;
        makeDirty(s, track, mask, true, now);
        emitWritePending(now);
        return true;
    }

    private boolean room(long bytes) {
        return localBytes + heldBytes + bytes <= writePendingLimitBytes;
    }

    private void makeDirty(int s, long track, long mask, boolean covered, long now) {
        slotState[s] = (byte) ((slotState[s] & ~COVERED) | DIRTY | REFERENCED | (covered ? COVERED : 0));
        if (slotMask != null) {
            slotMask[s] = mask;
        }
        if (slotValid != null) {
            slotValid[s] |= mask; // written blocks are valid for later reads
        }
        dirtySlots++;
        if (!covered) {
            localBytes += slotBytes(mask);
            emitWritePending(now);
        } else {
            countCoveredDirty(track, 1); // the slot was clean
        }
        queueDestage(s, track, now + destageDelayNs);
        pumpDestage();
    }

    private void emitWritePending(long now) {
        Signal.emit(writePendingLevel, writePendingOut, now, localBytes + heldBytes);
    }

    private void queueDestage(int s, long track, long dueNs) {
        destageQueue.addIntAndLong(s, track);
        if (destageDelayNs > 0) {
            destageQueue.setLong1(destageQueue.last(), dueNs);
        }
    }

    // ---------------------------------------------------------------- replication's share (docs/model.md §7a)

    /**
     * Replication's bytes in this cache change by {@code deltaBytes} (a cycle slot taken or
     * released, a received cycle arriving or applied): they count against the write-pending limit
     * with the dirty slots. A release lets waiting writes in.
     */
    public void hold(long deltaBytes) {
        if (deltaBytes == 0) {
            return;
        }
        heldBytes += deltaBytes;
        if (heldBytes < 0) {
            throw new IllegalStateException("cache " + name + ": replication released more than it held (" + heldBytes + " B)");
        }
        emitWritePending(scheduler.now());
        if (deltaBytes < 0) {
            releaseBlocked();
        } else {
            pumpDestage();
        }
    }

    /**
     * Replication no longer holds a copy of {@code track}'s dirty data: if still dirty, its bytes
     * count locally again until destaged.
     */
    public void uncover(long track) {
        if (uncoverQuietly(track)) {
            emitWritePending(scheduler.now());
            pumpDestage();
        }
    }

    /** {@link #uncover} without emitting or destaging; true if a dirty slot counts locally again. */
    private boolean uncoverQuietly(long track) {
        int s = index.get(track);
        if (s < 0) {
            return false;
        }
        byte st = slotState[s];
        if ((st & COVERED) == 0) {
            return false;
        }
        slotState[s] = (byte) (st & ~COVERED);
        if ((st & DIRTY) != 0) {
            countCoveredDirty(track, -1);
            localBytes += slotBytes(slotMask == null ? 0 : slotMask[s]);
            return true;
        }
        return false;
    }

    /**
     * A copy of {@code bytes} made by {@link #writeCopied} of {@code track} leaves the cache (the
     * secondary has it); {@code lastCopy}: no other copy of the track is kept, so the track's dirty
     * slot, if still covered, counts locally again ({@link #uncover}) — in the same step, so write
     * pending never shows the slot twice (docs/model.md §4). Lets waiting writes in.
     */
    public void releaseCopy(long bytes, long track, boolean lastCopy) {
        heldBytes -= bytes;
        if (heldBytes < 0) {
            throw new IllegalStateException("cache " + name + ": replication released more than it held (" + heldBytes + " B)");
        }
        if (lastCopy) {
            uncoverQuietly(track);
        }
        emitWritePending(scheduler.now());
        pumpDestage();
        releaseBlocked();
    }

    /**
     * Whether {@code track} is dirty with its data counted in replication's held bytes. Reads the
     * index only if {@link #coveredDirty} leaves the question open.
     */
    public boolean isCoveredDirty(long track) {
        return mayBeCoveredDirty(track) && coveredDirtyByIndex(track);
    }

    /** {@link #isCoveredDirty} read from the index and the slot state alone (what the shortcut must agree with). */
    boolean coveredDirtyByIndex(long track) {
        int s = index.get(track);
        return s >= 0 && (slotState[s] & (COVERED | DIRTY)) == (COVERED | DIRTY);
    }

    /**
     * {@link #isCoveredDirty} of {@code track} will be asked soon: a performance hint that reads
     * now the index entry that call will look up, if it will look one up. Changes no state.
     */
    public void anticipateCoveredDirty(long track) {
        if (mayBeCoveredDirty(track)) {
            index.touch(track);
        }
    }

    /** False when no covered dirty slot's track hashes where {@code track} does (so it is not covered dirty). */
    boolean mayBeCoveredDirty(long track) {
        int[] counts = coveredDirty;
        return counts != null && counts[coveredDirtyBucket(track)] != 0;
    }

    /** A slot of {@code track} became covered dirty ({@code delta} 1) or stopped being so (-1). */
    private void countCoveredDirty(long track, int delta) {
        if (coveredDirty == null) {
            coveredDirty = new int[1 << COVERED_DIRTY_BITS];
        }
        coveredDirty[coveredDirtyBucket(track)] += delta;
    }

    static int coveredDirtyBucket(long track) {
        return (int) ((track * 0x9E3779B97F4A7C15L) >>> (64 - COVERED_DIRTY_BITS));
    }

    /**
     * Whether {@link #coveredDirty} holds what it states: recounted from every used slot (a test
     * of the bookkeeping; linear in the slots used).
     */
    boolean coveredDirtyCountsHold() {
        int[] expected = new int[1 << COVERED_DIRTY_BITS];
        boolean any = false;
        for (int s = 0; s < neverUsed; s++) {
            if ((slotState[s] & (COVERED | DIRTY)) == (COVERED | DIRTY)) {
                expected[coveredDirtyBucket(trackIn(s))]++;
                any = true;
            }
        }
        return coveredDirty == null ? !any : java.util.Arrays.equals(expected, coveredDirty);
    }

    /** {@link #uncover} for every resident track in [{@code firstTrack}, {@code endTrack}) (a session drop). */
    public void uncoverRange(long firstTrack, long endTrack) {
        for (int s = 0; s < neverUsed; s++) {
            if ((slotState[s] & COVERED) != 0) {
                long t = trackIn(s);
                if (t >= firstTrack && t < endTrack && index.get(t) == s) {
                    uncover(t);
                }
            }
        }
    }

    private void install(int s, long track) {
        if (slotTrack != null && track < NARROW_TRACK_LIMIT) {
            slotTrack[s] = (int) track;
        } else {
            if (slotTrack != null) {
                widenSlotTracks();
            }
            slotTrackWide[s] = track;
        }
        slotState[s] = REFERENCED;
        if (slotValid != null) {
            slotValid[s] = 0;
        }
        index.put(track, s);
    }

    /** The track held in used slot {@code s}. */
    private long trackIn(int s) {
        int[] narrow = slotTrack;
        return narrow != null ? Integer.toUnsignedLong(narrow[s]) : slotTrackWide[s];
    }

    private void widenSlotTracks() {
        long[] wide = new long[slotTrack.length];
        for (int i = 0; i < slotTrack.length; i++) {
            wide[i] = Integer.toUnsignedLong(slotTrack[i]);
        }
        slotTrackWide = wide;
        slotTrack = null;
    }

    /** Doubles the slot arrays, up to {@link #slots}; every slot index handed out stays below their length. */
    private void growSlotArrays() {
        int length = (int) Math.min(slots, 2L * slotState.length);
        slotState = java.util.Arrays.copyOf(slotState, length);
        if (slotMask != null) {
            slotMask = java.util.Arrays.copyOf(slotMask, length);
        }
        if (slotValid != null) {
            slotValid = java.util.Arrays.copyOf(slotValid, length);
        }
        if (slotTrack != null) {
            slotTrack = java.util.Arrays.copyOf(slotTrack, length);
        } else {
            slotTrackWide = java.util.Arrays.copyOf(slotTrackWide, length);
        }
    }

    /** A free or clean slot to reuse (CLOCK second chance), removed from the index; −1 when every slot is dirty. */
    private int victim() {
        if (neverUsed < slots) {
            if (neverUsed == slotState.length) {
                growSlotArrays();
            }
            return neverUsed++;
        }
        for (int step = 0; step < 2 * slots; step++) {
            int s = hand;
            hand = hand + 1 == slots ? 0 : hand + 1;
            byte st = slotState[s];
            if ((st & (DIRTY | DESTAGING)) != 0) {
                continue;
            }
            if ((st & REFERENCED) != 0) {
                slotState[s] = (byte) (st & ~REFERENCED);
                continue;
            }
            index.remove(trackIn(s));
            return s;
        }
        return -1;
    }

    private void pumpDestage() {
        while (destaging < maxDestages && !destageQueue.isEmpty()) {
            if (destageDelayNs > 0 && !underPressure()) {
                long due = destageQueue.long1(destageQueue.first());
                if (due > scheduler.now()) {
                    armDestageTimer(due);
                    return;
                }
            }
            if (Prefetch.ENABLED && --destagesUntilLookahead <= 0) {
                anticipateDestages();
            }
            int h = destageQueue.first();
            int s = destageQueue.int0(h);
            long track = destageQueue.long0(h);
            destageQueue.removeFirst();
            slotState[s] |= DESTAGING;
            destaging++;
            Destage d = idleCount > 0 ? destageJobs[idleJobs[--idleCount]] : newDestageJob();
            d.slot = s;
            d.track = track;
            backEnd.write(track, blockDestage ? Math.max(1, blockMap.dirtyBytes(slotMask[s])) : trackSizeBytes, d);
        }
    }

    /** Write pending at or above {@code destagePressure} × the limit, or a write waiting for room: the delay is ignored. */
    private boolean underPressure() {
        return localBytes + heldBytes >= pressureBytes || !blocked.isEmpty();
    }

    private void armDestageTimer(long dueNs) {
        if (destageTimer != null && destageTimer.isPending()) {
            if (destageTimer.timeNs() <= dueNs) {
                return;
            }
            scheduler.cancel(destageTimer);
        }
        destageTimer = scheduler.at(dueNs, Tie.NORMAL, destageTimerFire);
    }

    private void onDestageTimer() {
        destageTimer = null;
        pumpDestage();
    }

    /**
     * A performance hint: reads the states of the slots of the next {@value #DESTAGE_LOOKAHEAD}
     * queued destages in one go (starting a destage marks its slot), so that their misses overlap
     * instead of each start waiting for its own. Changes no state.
     */
    private void anticipateDestages() {
        int n = Math.min(destageQueue.size(), DESTAGE_LOOKAHEAD);
        for (int j = 0; j < n; j++) {
            touchedStates += slotState[destageQueue.int0(destageQueue.slotAt(j))];
        }
        destagesUntilLookahead = n;
    }

    private Destage newDestageJob() {
        if (jobsMade == destageJobs.length) {
            destageJobs = java.util.Arrays.copyOf(destageJobs, jobsMade * 2);
            idleJobs = java.util.Arrays.copyOf(idleJobs, jobsMade * 2);
        }
        Destage d = new Destage(jobsMade);
        destageJobs[jobsMade++] = d;
        return d;
    }

    /** A destage write in progress: its slot and track (kept for reuse, at most maxDestages exist). */
    private final class Destage implements Runnable {
        private final int number;
        private int slot;
        private long track;

        Destage(int number) {
            this.number = number;
        }

        @Override
        public void run() {
            int s = slot;
            long t = track;
            idleJobs[idleCount++] = number;
            onDestaged(s, t);
        }
    }

    private void onDestaged(int s, long track) {
        long now = scheduler.now();
        destaging--;
        byte st = slotState[s];
        if ((st & REDIRTY) != 0) {
            // rewritten during its destage: still pending, destage again one delay later
            slotState[s] = (byte) (st & ~(REDIRTY | DESTAGING));
            queueDestage(s, track, now + destageDelayNs);
        } else {
            slotState[s] = (byte) (st & ~(DIRTY | DESTAGING));
            dirtySlots--;
            if ((st & COVERED) == 0) {
                localBytes -= slotBytes(slotMask == null ? 0 : slotMask[s]);
                emitWritePending(now);
            } else {
                countCoveredDirty(track, -1);
            }
            if (slotMask != null) {
                slotMask[s] = 0;
            }
        }
        pumpDestage();
        releaseBlocked();
    }

    private void releaseBlocked() {
        while (!blocked.isEmpty()) {
            BlockedWrite w = blocked.peekFirst();
            while (w.nextTrack < w.endTrack
                    && admit(w.nextTrack, maskOf(w.firstTrack, w.nextTrack, w.offsetBytes, w.sizeBytes), w.mode)) {
                w.nextTrack++;
            }
            if (w.nextTrack < w.endTrack) {
                return;
            }
            blocked.pollFirst();
            w.admitted.run();
        }
    }

    public String name() {
        return name;
    }

    public int slots() {
        return slots;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    public long trackSizeBytes() {
        return trackSizeBytes;
    }

    /** Write-pending bytes: dirty slots not covered by replication + replication's held bytes. */
    public long writePendingBytes() {
        return localBytes + heldBytes;
    }

    /** Bytes replication holds in this cache (cycle slots, received cycles). */
    public long heldBytes() {
        return heldBytes;
    }

    /** Dirty slots (tracks awaiting destage), covered or not. */
    public long dirtySlots() {
        return dirtySlots;
    }

    public CachePolicy policy() {
        return policy;
    }

    public long writePendingLimitBytes() {
        return writePendingLimitBytes;
    }

    /** Writes waiting for cache room. */
    public int blockedWrites() {
        return blocked.size();
    }

    /** Destage writes outstanding to the back end. */
    public int destagesInProgress() {
        return destaging;
    }

    public boolean isResident(long track) {
        return index.get(track) >= 0;
    }

    public boolean isWritePending(long track) {
        int s = index.get(track);
        return s >= 0 && (slotState[s] & DIRTY) != 0;
    }

    /** Tracks resident (bounded by {@link #slots()}). */
    public int residentTracks() {
        return index.size();
    }

    /**
     * Bytes of the memory that grows with the tracks this cache has held: its slot arrays (each
     * slot's track, state and, with block maps, dirty blocks and valid blocks) and its index (docs/performance.md
     * "Memory"). Array contents only, without the JVM's few bytes of header per array.
     */
    public long slotMemoryBytes() {
        long trackBytes = slotTrack != null ? 4L * slotTrack.length : 8L * slotTrackWide.length;
        long maskBytes = slotMask != null ? 8L * slotMask.length : 0;
        long validBytes = slotValid != null ? 8L * slotValid.length : 0;
        return slotState.length + trackBytes + maskBytes + validBytes + 4L * index.capacity();
    }

    /**
     * What {@link #slotMemoryBytes()} is for a cache of {@code slots} slots under {@code policy}
     * once it has held {@code tracks} tracks (distinct tracks written or read into it, counted up to
     * its slots; its arrays and index never shrink): the most it ever takes when {@code tracks} is
     * every track its box can hold. {@code wideTracks}: the box has tracks numbered from 2^32 on
     * (more than 2^32 tracks in its volumes), which take 8 bytes a slot instead of 4.
     */
    public static long slotMemoryBytes(int slots, long tracks, CachePolicy policy, boolean wideTracks) {
        if (slots < 1 || slots > MAX_SLOTS || tracks < 0) {
            throw new IllegalArgumentException("slots must be in [1, " + MAX_SLOTS + "] and tracks ≥ 0, were "
                    + slots + ", " + tracks);
        }
        int used = (int) Math.min(slots, tracks);
        int length = Math.min(slots, FIRST_ROOM);
        while (length < used) {
            length = (int) Math.min(slots, 2L * length);
        }
        long perSlot = 1 + (wideTracks ? 8 : 4) + (policy.needsBlockMaps() ? 8 : 0) + (policy.needsValidMaps() ? 8 : 0);
        return perSlot * length + 4L * SlotIndex.capacityHolding(slots, Math.min(slots, FIRST_ROOM), used);
    }
}
