package org.repsim.model.cycle.rules;

import org.repsim.core.collect.LongIntMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Primary side of one cycle-based asynchronous replication session (docs/model.md §5, delta sets): the
 * capture cycle, the queue of closed transmit cycles, cycle switching, cache accounting with the
 * pressure policies, session drop and resynchronisation.
 *
 * <p>A pure state machine: no clock, no scheduler, no randomness. Every call takes the current
 * time {@code nowNs}; decisions come back as values ({@link WriteOutcome}, {@link SwitchOutcome},
 * slot handles). Not thread-safe; one instance per session.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Capture</b> cycle N maps track → slot. A write to a track already in N overwrites its
 *       slot in place (folding; the slot keeps the newest version and the union of the old and
 *       new dirty blocks, {@link BlockMap}, docs/model.md §5 — or, for a write given by size only,
 *       the larger of the old and new extent). A write to a track that still has an unsent slot in an older
 *       closed cycle gets a new slot in N (duplicate slot; the older copy stays until sent).
 *       Otherwise a new slot.</li>
 *   <li><b>Switch</b> ({@link #trySwitch}): {@link SwitchMode#LEGACY} or
 *       {@link SwitchMode#MULTI_CYCLE} rules; an empty capture cycle is never closed (the attempt
 *       is counted as skipped and the switch clock restarts). {@link #close(long)} and
 *       {@link #close(long, long)} close explicitly, bypassing the time rules (host-coordinated
 *       switch §6a, shuttle sequence numbers §6b: a number plays the role of a cycle).</li>
 *   <li><b>Transmit</b>: slots go out oldest cycle first, in slot order ({@link #takeSlot}); a
 *       cycle's commit may be sent once all its slots are sent, and commits are sent and
 *       acknowledged in cycle order. A cycle leaves the transmit queue when its commit is
 *       acknowledged.</li>
 *   <li><b>Cache</b>: the session holds capture slots plus unsent transmit slots (duplicates
 *       included) against {@link CachePressure#limitBytes()}; a slot is released when reported
 *       sent. A write that would exceed the limit is resolved by the policies in order: SPILL
 *       moves queued slots of the oldest transmit cycle(s) to the spill pool (from the end of the
 *       cycle, the slots sent last) and then, with {@link SpillFrom#ANY}, slots of the capture
 *       cycle (from its start, its oldest slots, never the slot being written nor any after it)
 *       if that makes enough room within the pool, else changes nothing and falls through; PACE
 *       returns {@link WriteOutcome#PACED}; DROP drops the session.</li>
 *   <li><b>Spilled capture slot</b> (docs/model.md §5): a rewrite of its track folds into it in
 *       the pool, as any fold (writes = slots + folded, duplicate-slot rule unchanged): its new
 *       blocks' bytes count in the pool, never in the cache, and the write costs one pool write
 *       of its own bytes ({@link #lastPoolWriteBytes}). If those new bytes do not fit in the pool
 *       the write is refused by the first terminal policy (PACE or DROP: spilling cannot make
 *       room in the pool). The slot is read back from the pool before it is sent, as any spilled
 *       slot ({@link TakenSlot#spilled()}).</li>
 *   <li><b>Drop</b>: every cycle not commit-acknowledged is discarded, its tracks and all later
 *       written tracks are owed, the recovery point freezes. Resynchronisation: drain
 *       {@link #takeOwedTracks()} and copy those tracks until none are owed, then
 *       {@link #resynchronised(long)} opens a fresh first cycle.</li>
 * </ul>
 *
 * <h2>Driving it from an engine (with a {@link CycleReceiver} on the secondary)</h2>
 * The order of calls is carried by the types: a write returns a {@link WriteOutcome}, a switch a
 * {@link SwitchOutcome}; {@link #takeSlot} hands out a {@link TakenSlot} whose
 * {@link TakenSlot#handle()} is the only way to report the slot sent ({@link #onSlotSent});
 * {@link #takeCommit} is the only way to get a commit to send, so a commit cannot be sent before
 * its slots or out of cycle order; {@link #takeOwedTracks} both hands out the tracks to copy and,
 * once none is owed, opens the fresh first cycle. What stays with the engine (docs/model.md §5):
 * a {@link SwitchOutcome#releasesReceivedCycle()} switch in legacy mode moves the secondary's
 * received cycle to apply; a {@link WriteOutcome#DROPPED} write (or a {@code true} from the link
 * or idle calls) means the session dropped, so the receiver discards its uncommitted cycles; the
 * secondary applies what it committed before the engine starts taking owed tracks (an older
 * cycle applied after a copy would overwrite newer data). {@link #drainSettled} hands out the
 * records that can no longer change, so a long run keeps only the cycles in progress.
  */
public final class CycleSwitcher {

    /** Returned by {@link #takeCommit} and {@link #commitReady} (and number queries) when there is nothing. */
    public static final long NONE = -1;

    /**
     * The slot {@link #takeSlot} handed out last: one reusable view per switcher (no object per
     * slot), valid until the next {@link #takeSlot}. Copy what the transfer needs; keep
     * {@link #handle()} to report the slot sent.
     */
    public static final class TakenSlot {
        private long handle;
        private long number;
        private long track;
        private long version;
        private long bytes;
        private boolean spilled;

        private TakenSlot() {
        }

        /** Opaque identity of the slot for {@link CycleSwitcher#onSlotSent} (only from a taken slot). */
        public long handle() {
            return handle;
        }

        /** Number of the slot's cycle. */
        public long number() {
            return number;
        }

        /** The slot's position in its cycle: slots of a cycle are taken in this order. */
        public int index() {
            return (int) handle;
        }

        public long track() {
            return track;
        }

        /** The version of the track's newest write folded into the slot. */
        public long version() {
            return version;
        }

        public long bytes() {
            return bytes;
        }

        /** The slot sits in the spill pool: the engine charges the pool's read cost before sending. */
        public boolean spilled() {
            return spilled;
        }
    }

    private static final long LINKS_UP = Long.MIN_VALUE;

    private final SwitchRules rules;
    private final CachePressure pressure;
    /** The slots' block geometry, or null when writes come by size only ({@link #write(long, long, long, long)}). */
    private final BlockMap blocks;
    /** Cache bytes one slot occupies whatever its extent (whole-track allocation), or 0: its own bytes. */
    private final long wholeSlotBytes;
    private final TakenSlot taken = new TakenSlot();

    private SessionState state = SessionState.ACTIVE;
    private Cycle capture;
    /** The track of the write anticipated last ({@link #anticipate}); -1 before any. */
    private long lastAnticipated = -1;
    /** Keeps the reads of {@link #anticipate} (a read whose value nobody uses would be dropped). */
    private long touchedBytes;
    private final List<Cycle> transmit = new ArrayList<>();
    /** Records of the closed cycles until they can no longer change. */
    private final CycleLedger ledger = new CycleLedger();
    /**
     * How the duplicate-slot rule finds a track's unsent slot in an older cycle
     * ({@link #unsentInOlderCycle}): each closed cycle keeps its own track map while it is one of
     * the {@value #MAPPED_CYCLES} newest closed cycles with unsent slots, and the check looks
     * there, past a small bit filter of the cycle's tracks built at its close that rules out most
     * tracks without reading the map — nothing to maintain per slot, which is the usual case (legacy has at most one
     * transmit cycle; a shuttle's or a multi-cycle session's cycles are mostly sent before the next
     * one closes). Older cycles still holding unsent slots (a backlog) are <em>counted</em>: their
     * unsent slots go into {@link #unsentOlder}, which keeps the check one more look-up whatever
     * their number, and their own map is given up.
     *
     * <p>Invariants: the counted cycles are older than every mapped one with unsent slots;
     * {@code unsentOlder} holds, per track, exactly the unsent slots of the counted cycles.
     */
    private static final int MAPPED_CYCLES = 2;
    /** Track → number of unsent slots of that track in counted closed cycles (see {@link #MAPPED_CYCLES}). */
    private final LongIntMap unsentOlder = new LongIntMap(64);
    /** Maps of cycles that left the transmit queue or were counted, for reuse by a later capture cycle. */
    private final List<LongIntMap> spareIndexes = new ArrayList<>();
    /** The last cycle to leave the transmit queue, whose arrays the next capture cycle takes over; or null. */
    private Cycle spareCycle;
    /** owed tracks (values unused). */
    private final LongIntMap owed = new LongIntMap(64);

    private long lastSwitchNs;
    private boolean firstSwitchPending = true;
    private long highestNumber;
    /** The fresh first cycle after a resynchronisation is numbered at least this ({@link #resumeAtLeast}). */
    private long resumeFloor;
    /** Per-slot host counts are kept ({@link #countHostWrites}). */
    private boolean countHost;
    /** Slot of the capture cycle the last accepted track write entered (folded or new). */
    private int lastSlot = -1;
    /** The cycle {@link #hostCountsOf} found last. */
    private Cycle lastCounted;
    private long linksDownSinceNs = LINKS_UP;
    private long droppedAtNs = CycleRecord.NOT_YET;
    private long lastAppliedNumber = Long.MIN_VALUE;

    /** Cache the session's slots occupy (docs/model.md §5, §7a): whole tracks or their bytes. */
    private long cacheBytes;
    /** Slot bytes (what is sent) of the slots in cache: conservation (docs/model.md §8.4). */
    private long cacheSlotBytes;
    private long poolBytes;
    private long inFlightBytes;

    private long writes;
    private long folded;
    private long duplicates;
    private long slotsCreated;
    private long bytesAfterFolding;
    private long sentBytes;
    private long pacedWrites;
    private long switches;
    private long skippedSwitches;
    private long spilledSlots;
    private long spilledBytes;
    private long drops;
    private long discardedBytes;
    private long owedWrites;
    private long ignoredTransfers;
    private long maxCacheBytes;
    private long maxPoolBytes;
    private int lastSpilledSlots;
    private long lastSpilledBytes;
    /** Bytes the last write wrote into a spilled capture slot (a pool write), or 0. */
    private long lastPoolFoldBytes;
    private long poolFolds;
    private long poolFoldBytes;

    /**
     * Opens the session with an empty capture cycle.
     *
     * @param rules             switch rules
     * @param pressure          cache limit and pressure policies
     * @param firstCycleNumber  number of the first capture cycle (≥ 0)
     * @param startNs           session start; the first switch is due {@code minCycleTime} later,
     *                          and the recovery-point lag is measured from here until a cycle applies
     */
    public CycleSwitcher(SwitchRules rules, CachePressure pressure, long firstCycleNumber, long startNs) {
        this(rules, pressure, firstCycleNumber, startNs, null);
    }

    /**
     * A session whose writes carry byte extents inside their track ({@link #write(long, long, long,
     * long, long)}): slots record their dirty blocks in {@code blocks} (docs/model.md §5).
     */
    public CycleSwitcher(SwitchRules rules, CachePressure pressure, long firstCycleNumber, long startNs,
                         BlockMap blocks) {
        this(rules, pressure, firstCycleNumber, startNs, blocks, 0);
    }

    /**
     * As {@link #CycleSwitcher(SwitchRules, CachePressure, long, long, BlockMap)}, each slot
     * occupying {@code wholeSlotBytes} of cache whatever its extent (whole-track allocation,
     * docs/model.md §7a); 0: a slot occupies its own bytes. The cache limit and
     * {@link #cacheBytes()} count occupancy; what a slot sends stays its bytes.
     */
    public CycleSwitcher(SwitchRules rules, CachePressure pressure, long firstCycleNumber, long startNs,
                         BlockMap blocks, long wholeSlotBytes) {
        if (wholeSlotBytes < 0) {
            throw new IllegalArgumentException("slot occupancy must be ≥ 0 bytes, was " + wholeSlotBytes);
        }
        this.wholeSlotBytes = wholeSlotBytes;
        if (rules == null || pressure == null) {
            throw new IllegalArgumentException("switch rules and cache pressure must not be null");
        }
        checkNumber(firstCycleNumber);
        this.rules = rules;
        this.pressure = pressure;
        this.blocks = blocks;
        this.capture = new Cycle(firstCycleNumber, startNs);
        this.highestNumber = firstCycleNumber;
        this.lastSwitchNs = startNs;
    }

    // ---------------------------------------------------------------- host writes

    /**
     * A write of {@code track} will come soon: reads the entries {@link #write} will look up (the
     * capture cycle's, and the older unsent slots'), so that their cache misses overlap with the
     * caller's other reads for the same write; and the size of the capture slot of the write
     * anticipated before this one (whose entry is in cache by now). A performance hint: changes
     * nothing.
     */
    public void anticipate(long track) {
        if (state != SessionState.ACTIVE) {
            return; // writes go to the owed map, a small one
        }
        Cycle c = capture;
        if (lastAnticipated >= 0) {
            // the write anticipated before this one: its entry was read then, so its slot is known
            // now and a write that folds will read the slot's size
            int s = c.index.get(lastAnticipated);
            if (s != LongIntMap.MISSING) {
                touchedBytes += c.bytes[s]; // the extent: reading it is the point
            }
        }
        lastAnticipated = track;
        c.index.touch(track);
        if (unsentOlder.size() > 0) {
            unsentOlder.touch(track);
        }
        for (int i = transmit.size() - 1; i >= 0; i--) {
            Cycle older = transmit.get(i);
            if (older.counted) {
                break;
            }
            if (!older.allSent() && older.mayHold(track)) {
                older.index.touch(track);
            }
        }
    }

    /**
     * A host write of {@code sizeBytes} to one track, carrying the caller's {@code version}
     * (e.g. a global write counter) so the secondary's image can be checked against the primary.
     * A fold keeps the larger of the slot's and the write's size (no block map).
     */
    public WriteOutcome write(long track, long sizeBytes, long version, long nowNs) {
        if (blocks != null) {
            throw new IllegalStateException("this session has a block map: writes come as extents of their track");
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("write size must be > 0 bytes, was " + sizeBytes);
        }
        return enter(track, sizeBytes, sizeBytes, sizeBytes, version, nowNs);
    }

    /**
     * A host write of bytes [{@code offsetInTrack}, {@code offsetInTrack + lengthBytes}) of one
     * track (docs/model.md §5): the slot's dirty blocks become the union of its old ones and the
     * write's, and its bytes those blocks' bytes. Needs the {@link BlockMap} constructor.
     */
    public WriteOutcome write(long track, long offsetInTrack, long lengthBytes, long version, long nowNs) {
        if (blocks == null) {
            throw new IllegalStateException("this session has no block map: writes come by size only");
        }
        long m = blocks.mask(offsetInTrack, lengthBytes);
        return enter(track, m, blocks.dirtyBytes(m), lengthBytes, version, nowNs);
    }

    /** The bytes of a slot of extent {@code extent} (its dirty blocks' bytes, or the bytes themselves without a block map). */
    private long bytesOf(long extent) {
        return blocks == null ? extent : blocks.dirtyBytes(extent);
    }

    /**
     * The write rules: {@code extent} the write's dirty blocks (with a block map) or its size
     * (without), {@code sizeBytes} its slot bytes alone, {@code hostBytes} the bytes the host wrote.
     */
    private WriteOutcome enter(long track, long extent, long sizeBytes, long hostBytes, long version, long nowNs) {
        long occupancy = wholeSlotBytes > 0 ? wholeSlotBytes : sizeBytes;
        if (occupancy > pressure.limitBytes()) {
            throw new IllegalArgumentException("write of " + occupancy + " bytes exceeds the session cache limit of "
                    + pressure.limitBytes() + " bytes");
        }
        lastSpilledSlots = 0;
        lastSpilledBytes = 0;
        lastPoolFoldBytes = 0;
        if (state != SessionState.ACTIVE) {
            owed.put(track, 0);
            owedWrites++;
            return WriteOutcome.OWED;
        }
        Cycle c = capture;
        int s = c.index.get(track);
        if (s != LongIntMap.MISSING) {
            long oldExtent = c.bytes[s];
            long union = blocks == null ? Math.max(oldExtent, extent) : oldExtent | extent;
            long delta = bytesOf(union) - bytesOf(oldExtent);
            if (c.spilled[s]) {
                // the slot is in the spill pool: the rewrite folds into it there (docs/model.md §5)
                if (delta > 0 && poolBytes + delta > pressure.spillPoolBytes()) {
                    return refuse(track, nowNs);
                }
                poolBytes += delta;
                if (poolBytes > maxPoolBytes) {
                    maxPoolBytes = poolBytes;
                }
                lastPoolFoldBytes = sizeBytes;
                poolFolds++;
                poolFoldBytes += sizeBytes;
            } else {
                long occDelta = wholeSlotBytes > 0 ? 0 : delta;
                if (occDelta > 0 && cacheBytes + occDelta > pressure.limitBytes()) {
                    WriteOutcome refused = relieve(occDelta, track, nowNs, s);
                    if (refused != null) {
                        return refused;
                    }
                }
                holdInCache(occDelta);
                cacheSlotBytes += delta;
            }
            lastSlot = s;
            c.version[s] = version;
            c.bytes[s] = union;
            c.totalBytes += delta;
            c.writtenBytes += hostBytes;
            c.writes++;
            c.folded++;
            bytesAfterFolding += delta;
            writes++;
            folded++;
            return WriteOutcome.FOLDED;
        }
        if (cacheBytes + occupancy > pressure.limitBytes()) {
            WriteOutcome refused = relieve(occupancy, track, nowNs, c.slots);
            if (refused != null) {
                return refused;
            }
        }
        boolean duplicate = unsentInOlderCycle(track);
        lastSlot = c.addSlot(track, version, extent);
        c.writes++;
        c.totalBytes += sizeBytes;
        c.writtenBytes += hostBytes;
        holdInCache(occupancy);
        cacheSlotBytes += sizeBytes;
        bytesAfterFolding += sizeBytes;
        writes++;
        slotsCreated++;
        if (duplicate) {
            c.duplicates++;
            duplicates++;
            return WriteOutcome.DUPLICATE_SLOT;
        }
        return WriteOutcome.NEW_SLOT;
    }

    /** Slots moved to the spill pool to make room for the last write (engine charges their write cost). */
    public int lastSpilledSlots() {
        return lastSpilledSlots;
    }

    /** Bytes moved to the spill pool to make room for the last write. */
    public long lastSpilledBytes() {
        return lastSpilledBytes;
    }

    /**
     * Bytes the last write put in the spill pool, whose disk write its host acknowledgement waits
     * for (docs/model.md §5): the slots it moved there ({@link #lastSpilledBytes}), or its own
     * bytes when it folded into a spilled capture slot; 0 if neither.
     */
    public long lastPoolWriteBytes() {
        return lastSpilledBytes + lastPoolFoldBytes;
    }

    /** Whether a slot of this many new bytes would fit under the limit without any policy. */
    public boolean fits(long sizeBytes) {
        return cacheBytes + (wholeSlotBytes > 0 ? wholeSlotBytes : sizeBytes) <= pressure.limitBytes();
    }

    /** Cache bytes a slot of {@code bytes} occupies. */
    private long occupancyOf(long bytes) {
        return wholeSlotBytes > 0 ? wholeSlotBytes : bytes;
    }

    /**
     * Whether the session still holds a slot of {@code track} not yet sent (capture, or queued,
     * spilled or in flight in a closed cycle): while it does, the track's cached data is the
     * session's (docs/model.md §7a).
     */
    public boolean holdsTrack(long track) {
        if (state != SessionState.ACTIVE) {
            return false;
        }
        if (capture.index.get(track) != LongIntMap.MISSING) {
            return true;
        }
        return unsentInOlderCycle(track);
    }

    // ---------------------------------------------------------------- switching

    /**
     * Attempts a time-driven switch under the session's {@link SwitchMode}.
     *
     * @param secondaryApplyIdle legacy condition 3: the secondary's previous apply has finished
     */
    public SwitchOutcome trySwitch(long nowNs, boolean secondaryApplyIdle) {
        if (rules.mode() == SwitchMode.EXTERNAL) {
            return SwitchOutcome.EXTERNAL_ONLY;
        }
        if (state != SessionState.ACTIVE) {
            return SwitchOutcome.NOT_ACTIVE;
        }
        if (nowNs - lastSwitchNs < rules.minCycleTimeNs()) {
            return SwitchOutcome.TOO_EARLY;
        }
        if (rules.mode() == SwitchMode.LEGACY && !firstSwitchPending) {
            if (!transmit.isEmpty()) {
                return SwitchOutcome.TRANSMIT_PENDING;
            }
            if (!secondaryApplyIdle) {
                return SwitchOutcome.APPLY_BUSY;
            }
        }
        if (rules.mode() == SwitchMode.MULTI_CYCLE && transmit.size() >= rules.maxTransmitCycles()) {
            return SwitchOutcome.TRANSMIT_QUEUE_FULL;
        }
        if (capture.isEmpty()) {
            skippedSwitches++;
            lastSwitchNs = nowNs;
            return SwitchOutcome.SKIPPED_EMPTY;
        }
        closeCapture(nowNs, capture.number + 1);
        return SwitchOutcome.SWITCHED;
    }

    /** Earliest time the time condition of {@link #trySwitch} holds. */
    public long nextSwitchNotBeforeNs() {
        long t = lastSwitchNs + rules.minCycleTimeNs();
        return t < lastSwitchNs ? Long.MAX_VALUE : t;
    }

    /**
     * Closes the capture cycle now, whatever the time rules say; the next capture cycle is
     * numbered one higher. An empty capture cycle is not closed ({@link SwitchOutcome#SKIPPED_EMPTY}).
     */
    public SwitchOutcome close(long nowNs) {
        if (state != SessionState.ACTIVE) {
            return SwitchOutcome.NOT_ACTIVE;
        }
        if (capture.isEmpty()) {
            skippedSwitches++;
            lastSwitchNs = nowNs;
            return SwitchOutcome.SKIPPED_EMPTY;
        }
        closeCapture(nowNs, capture.number + 1);
        return SwitchOutcome.SWITCHED;
    }

    /**
     * Closes the capture cycle now and opens {@code nextNumber} (greater than the current one) as
     * the new capture number, e.g. a shuttle sequence number that advanced several times since
     * this entity's last visit. If the capture cycle is empty it is not closed but renumbered to
     * {@code nextNumber} ({@link SwitchOutcome#SKIPPED_EMPTY}).
     */
    public SwitchOutcome close(long nowNs, long nextNumber) {
        if (state != SessionState.ACTIVE) {
            return SwitchOutcome.NOT_ACTIVE;
        }
        if (nextNumber <= capture.number) {
            throw new IllegalArgumentException("next cycle number " + nextNumber
                    + " must be greater than the capture cycle's " + capture.number);
        }
        checkNumber(nextNumber);
        if (capture.isEmpty()) {
            skippedSwitches++;
            lastSwitchNs = nowNs;
            capture.number = nextNumber;
            capture.openNs = nowNs;
            highestNumber = nextNumber;
            return SwitchOutcome.SKIPPED_EMPTY;
        }
        closeCapture(nowNs, nextNumber);
        return SwitchOutcome.SWITCHED;
    }

    private void closeCapture(long nowNs, long nextNumber) {
        checkNumber(nextNumber);
        Cycle c = capture;
        c.record = new CycleRecord(c.number, c.openNs, nowNs, c.writes, c.slots, c.totalBytes, c.folded,
                c.duplicates, c.writtenBytes);
        c.record.spilledSlots = c.spillFloor;
        ledger.add(c.record);
        c.takeCursor = 0;
        c.spillCursor = c.slots;
        transmit.add(c);
        c.buildFilter();
        countOlderCycles();
        // the closed cycle keeps its map for the duplicate check; the new capture cycle reuses
        // the map of a cycle that has left or was counted
        LongIntMap index = spareIndexes.isEmpty() ? new LongIntMap(c.slots) : spareIndexes.remove(spareIndexes.size() - 1);
        // sized like the cycle just closed, so capture neither rehashes nor regrows as it fills
        capture = new Cycle(nextNumber, nowNs, index, c.slots + c.slots / 4, spareCycle);
        if (countHost) {
            capture.countHostWrites();
        }
        spareCycle = null;
        highestNumber = nextNumber;
        lastSwitchNs = nowNs;
        firstSwitchPending = false;
        switches++;
    }

    // ---------------------------------------------------------------- transmit

    /**
     * Takes the next unsent slot, oldest transmit cycle first, and marks it in flight.
     *
     * @return the slot (a view reused by the next call), or null when no slot is waiting
     */
    public TakenSlot takeSlot(long nowNs) {
        if (state != SessionState.ACTIVE) {
            return null;
        }
        for (int i = 0; i < transmit.size(); i++) {
            Cycle c = transmit.get(i);
            if (c.takeCursor < c.slots) {
                int s = c.takeCursor++;
                if (c.spillCursor < c.takeCursor) {
                    c.spillCursor = c.takeCursor;
                }
                c.state[s] = Cycle.IN_FLIGHT;
                long b = bytesOf(c.bytes[s]);
                inFlightBytes += b;
                TakenSlot t = taken;
                t.handle = (c.number << 32) | s;
                t.number = c.number;
                t.track = c.track[s];
                t.version = c.version[s];
                t.bytes = b;
                t.spilled = c.spilled[s];
                return t;
            }
        }
        return null;
    }

    /**
     * The slot's transfer reached the secondary: its cache (or spill pool) space is released.
     *
     * @param handle {@link TakenSlot#handle()} of the slot when it was taken
     *
     * @return false if its cycle was discarded by a session drop meanwhile (the engine must not
     *         deliver it); true otherwise
     */
    public boolean onSlotSent(long handle, long nowNs) {
        Cycle c = findTransmit(handle >>> 32);
        if (c == null) {
            ignoredTransfers++;
            return false;
        }
        int s = (int) handle;
        if (s < 0 || s >= c.slots || c.state[s] != Cycle.IN_FLIGHT) {
            throw new IllegalStateException("slot " + s + " of cycle " + c.number + " is not in flight");
        }
        long b = bytesOf(c.bytes[s]);
        c.state[s] = Cycle.SENT;
        c.sentSlots++;
        inFlightBytes -= b;
        if (c.spilled[s]) {
            poolBytes -= b;
        } else {
            cacheBytes -= occupancyOf(b);
            cacheSlotBytes -= b;
        }
        sentBytes += b;
        if (c.counted) {
            unsentOlder.decrement(c.track[s]);
        }
        if (c.allSent()) {
            c.record.sentNs = nowNs;
        }
        return true;
    }

    /** Number of the cycle whose commit {@link #takeCommit} would hand out now, or {@link #NONE} (a query). */
    public long commitReady() {
        if (state != SessionState.ACTIVE) {
            return NONE;
        }
        for (int i = 0; i < transmit.size(); i++) {
            Cycle c = transmit.get(i);
            if (!c.commitSent) {
                return c.allSent() ? c.number : NONE;
            }
        }
        return NONE;
    }

    /**
     * Takes the commit that may be sent now — the oldest transmit cycle without a sent commit,
     * once all its slots are sent — and marks it sent.
     *
     * @return its cycle number, or {@link #NONE}
     */
    public long takeCommit(long nowNs) {
        if (state != SessionState.ACTIVE) {
            return NONE;
        }
        for (int i = 0; i < transmit.size(); i++) {
            Cycle c = transmit.get(i);
            if (!c.commitSent) {
                if (!c.allSent()) {
                    return NONE;
                }
                c.commitSent = true;
                c.record.commitSentNs = nowNs;
                return c.number;
            }
        }
        return NONE;
    }

    /**
     * The secondary acknowledged the commit of the oldest transmit cycle: it leaves the queue
     * (legacy condition 2 now holds). Ignored (returns false) if a drop discarded it.
     */
    public boolean onCommitAcknowledged(long number, long nowNs) {
        if (isDiscarded(number)) {
            ignoredTransfers++;
            return false;
        }
        if (transmit.isEmpty() || transmit.get(0).number != number || !transmit.get(0).commitSent) {
            throw new IllegalStateException("commit acknowledgement for cycle " + number
                    + " out of order: oldest transmit cycle is "
                    + (transmit.isEmpty() ? "none" : transmit.get(0).number + (transmit.get(0).commitSent
                            ? "" : " (commit not sent)")));
        }
        Cycle c = transmit.remove(0);
        c.record.commitAckNs = nowNs;
        retire(c);
        return true;
    }

    /** The secondary finished applying {@code number}: the recovery point moves to its close time. */
    public void onApplied(long number, long nowNs) {
        if (number <= lastAppliedNumber) {
            throw new IllegalStateException("cycle " + number + " applied after cycle " + lastAppliedNumber);
        }
        CycleRecord r = ledger.find(number);
        if (r == null) {
            throw new IllegalStateException("cycle " + number + " was never closed");
        }
        r.appliedNs = nowNs;
        lastAppliedNumber = number;
    }

    // ---------------------------------------------------------------- host counts per slot (docs/model.md §6b)

    /**
     * From now on every slot counts the host writes credited to it ({@link #creditHostWrite}) so that
     * its transfer can carry them ({@link #slotHostBytes}, {@link #slotHostWrites}). Off by default
     * (no cost); a shuttle group turns it on for its sessions.
     */
    public void countHostWrites() {
        countHost = true;
        if (capture != null) {
            capture.countHostWrites();
        }
    }

    /**
     * A host write of {@code hostBytes} whose last track was just accepted into the capture cycle
     * ({@link WriteOutcome#inCycle()}): it is credited to that track's slot, whose transfer carries it.
     */
    public void creditHostWrite(long hostBytes) {
        if (!countHost || state != SessionState.ACTIVE || lastSlot < 0 || lastSlot >= capture.slots) {
            throw new IllegalStateException("no accepted track write to credit (countHostWrites on, session active)");
        }
        capture.hostBytes[lastSlot] += hostBytes;
        capture.hostWrites[lastSlot]++;
    }

    /** Host bytes credited to the slot of {@code handle} (a {@link TakenSlot#handle()} still in the transmit queue), else 0. */
    public long slotHostBytes(long handle) {
        Cycle c = hostCountsOf(handle);
        return c == null ? 0 : c.hostBytes[(int) handle];
    }

    /** Host writes credited to the slot of {@code handle} (see {@link #slotHostBytes}), else 0. */
    public long slotHostWrites(long handle) {
        Cycle c = hostCountsOf(handle);
        return c == null ? 0 : c.hostWrites[(int) handle];
    }

    /** The transmit cycle of {@code handle} when host counts are kept (the last one found first: its two counts are read together). */
    private Cycle hostCountsOf(long handle) {
        if (!countHost) {
            return null;
        }
        long number = handle >>> 32;
        Cycle c = lastCounted;
        // a cycle that left the queue meanwhile (commit acknowledged, or discarded) gets no more
        // deliveries: onSlotSent refuses a discarded cycle's slot, whatever was read here
        if (c == null || c.number != number) {
            c = findTransmit(number);
            lastCounted = c;
        }
        return c;
    }

    // ---------------------------------------------------------------- pressure, drop, resync

    /**
     * Drops the session now on the engine's decision (a consistency group dropping all its members,
     * docs/model.md §6): as a pressure drop. Returns false if it was not active.
     */
    public boolean dropNow(long nowNs) {
        if (state != SessionState.ACTIVE) {
            return false;
        }
        drop(nowNs);
        return true;
    }

    /**
     * The fresh first cycle opened by the next resynchronisations is numbered at least
     * {@code number} (a consistency group restarting its common numbering, docs/model.md §6).
     */
    public void resumeAtLeast(long number) {
        checkNumber(number);
        resumeFloor = Math.max(resumeFloor, number);
    }

    /**
     * Makes room in the cache for {@code needBytes} more, or refuses the write. {@code protect}:
     * the capture slot being written (or the capture's slot count for a new slot): the spill
     * policy takes no capture slot from it on.
     */
    private WriteOutcome relieve(long needBytes, long track, long nowNs, int protect) {
        long excess = cacheBytes + needBytes - pressure.limitBytes();
        for (PressurePolicy p : pressure.policies()) {
            if (p == PressurePolicy.SPILL) {
                if (spill(excess, protect)) {
                    return null;
                }
            } else {
                return terminal(p, track, nowNs);
            }
        }
        throw new IllegalStateException("policies " + pressure.policies() + " ended without a terminal policy");
    }

    /**
     * A fold into a spilled capture slot whose new bytes do not fit in the pool: the first
     * terminal policy decides (spilling cannot make room in the pool itself).
     */
    private WriteOutcome refuse(long track, long nowNs) {
        for (PressurePolicy p : pressure.policies()) {
            if (p != PressurePolicy.SPILL) {
                return terminal(p, track, nowNs);
            }
        }
        throw new IllegalStateException("policies " + pressure.policies() + " ended without a terminal policy");
    }

    private WriteOutcome terminal(PressurePolicy p, long track, long nowNs) {
        switch (p) {
            case PACE:
                pacedWrites++;
                return WriteOutcome.PACED;
            case DROP:
                drop(nowNs);
                owed.put(track, 0);
                owedWrites++;
                return WriteOutcome.DROPPED;
            default:
                throw new IllegalStateException("not a terminal policy: " + p);
        }
    }

    /**
     * Moves slots to the pool if that frees at least {@code excess} bytes of cache (occupancy)
     * within the pool's room (slot bytes); else changes nothing. Candidates in order: the queued
     * slots of each transmit cycle, oldest cycle first, each from its end down to its first
     * spillable slot; then, with {@link SpillFrom#ANY}, the capture cycle's slots from its first
     * one not spilled up to {@code protect} (excluded), so that its spilled slots stay a prefix.
     * The first candidate that does not fit in the room ends the search (as before capture slots
     * could spill).
     */
    private boolean spill(long excess, int protect) {
        long room = pressure.spillPoolBytes() - poolBytes;
        long moved = 0;
        long pooled = 0;
        boolean enough = false;
        boolean full = false;
        scan:
        for (int i = 0; i < transmit.size(); i++) {
            Cycle c = transmit.get(i);
            for (int s = c.spillCursor - 1; s >= spillLow(c); s--) {
                long b = bytesOf(c.bytes[s]);
                if (pooled + b > room) {
                    full = true;
                    break scan;
                }
                pooled += b;
                moved += occupancyOf(b);
                if (moved >= excess) {
                    enough = true;
                    break scan;
                }
            }
        }
        if (!enough && !full && pressure.spillFrom() == SpillFrom.ANY) {
            Cycle c = capture;
            for (int s = c.spillFloor; s < protect; s++) {
                long b = bytesOf(c.bytes[s]);
                if (pooled + b > room) {
                    break;
                }
                pooled += b;
                moved += occupancyOf(b);
                if (moved >= excess) {
                    enough = true;
                    break;
                }
            }
        }
        if (!enough) {
            return false;
        }
        long left = excess;
        for (int i = 0; i < transmit.size() && left > 0; i++) {
            Cycle c = transmit.get(i);
            while (left > 0 && c.spillCursor > spillLow(c)) {
                int s = --c.spillCursor;
                c.record.spilledSlots++;
                left -= toPool(c, s);
            }
        }
        while (left > 0) {
            // only reached with SpillFrom.ANY: the scan above found enough below protect
            left -= toPool(capture, capture.spillFloor++);
        }
        if (poolBytes > maxPoolBytes) {
            maxPoolBytes = poolBytes;
        }
        return true;
    }

    /** The lowest slot of closed cycle {@code c} that may still be spilled (not taken, not spilled as capture). */
    private static int spillLow(Cycle c) {
        return Math.max(c.takeCursor, c.spillFloor);
    }

    /** Moves slot {@code s} of {@code c} from the cache to the pool; returns the cache occupancy freed. */
    private long toPool(Cycle c, int s) {
        long b = bytesOf(c.bytes[s]);
        c.spilled[s] = true;
        cacheBytes -= occupancyOf(b);
        cacheSlotBytes -= b;
        poolBytes += b;
        lastSpilledSlots++;
        lastSpilledBytes += b;
        spilledSlots++;
        spilledBytes += b;
        return occupancyOf(b);
    }

    /**
     * Drops the session (drop policy, transmit idle expiry, or the engine's decision): every cycle
     * not commit-acknowledged is discarded and its tracks owed; later writes are owed too.
     */
    private void drop(long nowNs) {
        if (state != SessionState.ACTIVE) {
            return;
        }
        state = SessionState.DROPPED;
        drops++;
        droppedAtNs = nowNs;
        for (Cycle c : transmit) {
            c.record.discarded = true;
            for (int s = 0; s < c.slots; s++) {
                owed.put(c.track[s], 0);
                if (c.state[s] != Cycle.SENT) {
                    discardedBytes += bytesOf(c.bytes[s]);
                }
            }
        }
        if (!capture.isEmpty()) {
            // the capture cycle closes as discarded so that every write stays in exactly one record
            Cycle c = capture;
            c.record = new CycleRecord(c.number, c.openNs, nowNs, c.writes, c.slots, c.totalBytes, c.folded,
                    c.duplicates, c.writtenBytes);
            c.record.discarded = true;
            c.record.spilledSlots = c.spillFloor;
            ledger.add(c.record);
            for (int s = 0; s < c.slots; s++) {
                owed.put(c.track[s], 0);
                discardedBytes += bytesOf(c.bytes[s]);
            }
        }
        transmit.forEach(this::retire);
        transmit.clear();
        unsentOlder.clear();
        capture = null;
        cacheBytes = 0;
        cacheSlotBytes = 0;
        poolBytes = 0;
        inFlightBytes = 0;
    }

    /**
     * One step of resynchronisation (the session is dropped or resynchronising): returns the owed
     * tracks, ascending, and clears them; writes during the copy mark tracks owed again. Copy the
     * returned tracks, then call again. When none is owed any more it returns an empty array and
     * the session is active again, with a fresh first cycle opened at {@code nowNs} (its first
     * switch needs only time).
     */
    public long[] takeOwedTracks(long nowNs) {
        if (state == SessionState.ACTIVE) {
            throw new IllegalStateException("session is active: nothing to resynchronise");
        }
        state = SessionState.RESYNCHRONISING;
        if (owed.size() == 0) {
            state = SessionState.ACTIVE;
            highestNumber = Math.max(highestNumber + 1, resumeFloor);
            capture = new Cycle(highestNumber, nowNs);
            if (countHost) {
                capture.countHostWrites();
            }
            lastSwitchNs = nowNs;
            firstSwitchPending = true;
            return NO_TRACKS;
        }
        long[] tracks = owed.sortedKeys();
        owed.clear();
        return tracks;
    }

    private static final long[] NO_TRACKS = new long[0];

    /** All links of the session went down. With {@code transmitIdle == 0} the session drops at once (returns true). */
    public boolean onAllLinksDown(long nowNs) {
        if (linksDownSinceNs == LINKS_UP) {
            linksDownSinceNs = nowNs;
        }
        if (pressure.transmitIdleNs() == 0 && state == SessionState.ACTIVE) {
            drop(nowNs);
            return true;
        }
        return false;
    }

    /** At least one link is up again. */
    public void onLinksUp(long nowNs) {
        linksDownSinceNs = LINKS_UP;
    }

    /** When the session drops if links stay down, or {@link Long#MAX_VALUE}. */
    public long transmitIdleDeadlineNs() {
        if (linksDownSinceNs == LINKS_UP || pressure.transmitIdleNs() == Long.MAX_VALUE || state != SessionState.ACTIVE) {
            return Long.MAX_VALUE;
        }
        long t = linksDownSinceNs + pressure.transmitIdleNs();
        return t < linksDownSinceNs ? Long.MAX_VALUE : t;
    }

    /** The transmit-idle timer fired: drops the session if the links are still down past the deadline. */
    public boolean onTransmitIdleTimer(long nowNs) {
        if (state == SessionState.ACTIVE && nowNs >= transmitIdleDeadlineNs()) {
            drop(nowNs);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- observation

    public SessionState state() {
        return state;
    }

    public SwitchRules rules() {
        return rules;
    }

    public CachePressure pressure() {
        return pressure;
    }

    /** The highest cycle number used so far (capture, closed or discarded). */
    public long highestNumber() {
        return highestNumber;
    }

    /** Number of the capture cycle, or {@link #NONE} while dropped. */
    public long captureNumber() {
        return capture == null ? NONE : capture.number;
    }

    public int captureSlots() {
        return capture == null ? 0 : capture.slots;
    }

    public long captureWrites() {
        return capture == null ? 0 : capture.writes;
    }

    public long captureBytes() {
        return capture == null ? 0 : capture.totalBytes;
    }

    /** Version held by the capture cycle for the track, or {@link #NONE}. */
    public long captureVersion(long track) {
        if (capture == null) {
            return NONE;
        }
        int s = capture.index.get(track);
        return s == LongIntMap.MISSING ? NONE : capture.version[s];
    }

    /** Closed cycles not yet commit-acknowledged. */
    public int transmitCycles() {
        return transmit.size();
    }

    /**
     * Cache the session's slots occupy (capture + unsent transmit, in flight included): their bytes,
     * or a whole track each under whole-track allocation (docs/model.md §7a).
     */
    public long cacheBytes() {
        return cacheBytes;
    }

    public long maxCacheBytes() {
        return maxCacheBytes;
    }

    /** Bytes of unsent slots in the spill pool (in flight included). */
    public long poolBytes() {
        return poolBytes;
    }

    public long maxPoolBytes() {
        return maxPoolBytes;
    }

    /** Bytes taken by {@link #takeSlot} and not yet reported sent. */
    public long inFlightBytes() {
        return inFlightBytes;
    }

    /** Bytes not yet at the secondary: cache + spill pool (in flight included). */
    public long pendingBytes() {
        return cacheSlotBytes + poolBytes;
    }

    /** Bytes written by hosts into cycles after folding (each slot's final extent). */
    public long bytesAfterFolding() {
        return bytesAfterFolding;
    }

    public long sentBytes() {
        return sentBytes;
    }

    /** Unsent bytes thrown away by drops (capture, transmit, spill pool, in flight). */
    public long discardedBytes() {
        return discardedBytes;
    }

    public long writes() {
        return writes;
    }

    public long folded() {
        return folded;
    }

    public long duplicates() {
        return duplicates;
    }

    public long slotsCreated() {
        return slotsCreated;
    }

    public long pacedWrites() {
        return pacedWrites;
    }

    public long switches() {
        return switches;
    }

    public long skippedSwitches() {
        return skippedSwitches;
    }

    public long spilledSlots() {
        return spilledSlots;
    }

    public long spilledBytes() {
        return spilledBytes;
    }

    /** Writes that folded into a spilled capture slot, in the pool (docs/model.md §5). */
    public long poolFolds() {
        return poolFolds;
    }

    /** Bytes those writes wrote to the pool (each write's own bytes). */
    public long poolFoldBytes() {
        return poolFoldBytes;
    }

    public long drops() {
        return drops;
    }

    public long droppedAtNs() {
        return droppedAtNs;
    }

    public long owedWrites() {
        return owedWrites;
    }

    public int owedTracks() {
        return owed.size();
    }

    /** Transfers and acknowledgements that arrived for cycles a drop had discarded. */
    public long ignoredTransfers() {
        return ignoredTransfers;
    }

    /**
     * Records of the closed cycles not yet handed out by {@link #drainSettled} or
     * {@link #drainAll}, in close order (read-only view): every closed cycle when nobody drains.
     */
    public List<CycleRecord> records() {
        return ledger.pending();
    }

    /** The record of the cycle closed last (handed out or not), or null before any close. */
    public CycleRecord lastClosed() {
        return ledger.lastClosed();
    }

    /** The record of a closed cycle not yet handed out, or null. */
    public CycleRecord record(long number) {
        return ledger.find(number);
    }

    /** Whether closed cycle {@code number} was discarded by a drop (handed out or not). */
    public boolean isDiscarded(long number) {
        return ledger.isDiscarded(number);
    }

    /**
     * Hands the records that can no longer change, oldest first, to {@code out} and forgets them,
     * so that a long run keeps only the cycles still in progress (memory must not grow with
     * simulated time). A record is settled once its cycle left the transmit queue (commit
     * acknowledged, or discarded by a drop) and its apply is decided (applied, or a newer cycle
     * was applied: applies go in number order). Records stay in close order: a settled record
     * waits behind an older one that is not.
     */
    public void drainSettled(Consumer<CycleRecord> out) {
        ledger.drainSettled(out, lastAppliedNumber);
    }

    /** Hands every remaining record to {@code out}, settled or not (the end of a run). */
    public void drainAll(Consumer<CycleRecord> out) {
        ledger.drainAll(out);
    }

    /** Cycles closed so far (discarded captures included): one record each. */
    public long cyclesClosed() {
        return ledger.closed();
    }

    // ---------------------------------------------------------------- internals

    private void holdInCache(long bytes) {
        cacheBytes += bytes;
        if (cacheBytes > maxCacheBytes) {
            maxCacheBytes = cacheBytes;
        }
    }

    /**
     * Duplicate-slot rule (docs/model.md §5): the track still has an unsent slot (queued, spilled or
     * in flight) in an older, closed cycle — in a counted cycle ({@link #unsentOlder}, looked at
     * only when it holds anything) or in a mapped one (its own map; newest first, down to the
     * first counted cycle). A cycle whose slots have all been sent is skipped without looking at
     * its map.
     */
    private boolean unsentInOlderCycle(long track) {
        if (unsentOlder.size() > 0 && unsentOlder.get(track) != LongIntMap.MISSING) {
            return true;
        }
        for (int i = transmit.size() - 1; i >= 0; i--) {
            Cycle c = transmit.get(i);
            if (c.counted) {
                break; // it and every older cycle with unsent slots are in unsentOlder
            }
            if (c.allSent() || !c.mayHold(track)) {
                continue;
            }
            int s = c.index.get(track);
            if (s != LongIntMap.MISSING && c.state[s] != Cycle.SENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps at most {@value #MAPPED_CYCLES} closed cycles with unsent slots mapped, newest first:
     * every older one with unsent slots is counted — its unsent slots enter {@link #unsentOlder},
     * and its map is given up for a later capture cycle. Cycles are counted oldest last, so the
     * counted cycles stay older than the mapped ones.
     */
    private void countOlderCycles() {
        int mapped = 0;
        for (int i = transmit.size() - 1; i >= 0; i--) {
            Cycle c = transmit.get(i);
            if (c.counted) {
                return; // every older cycle with unsent slots was counted before it
            }
            if (c.allSent()) {
                continue;
            }
            if (mapped < MAPPED_CYCLES) {
                mapped++;
                continue;
            }
            c.counted = true;
            for (int s = 0; s < c.slots; s++) {
                if (c.state[s] != Cycle.SENT) {
                    unsentOlder.increment(c.track[s]);
                }
            }
            spareIndexes.add(c.index);
            c.index = null;
            c.filter = null;
        }
    }

    /** A cycle left the transmit queue: its track map and its arrays are kept for a later capture cycle. */
    private void retire(Cycle c) {
        if (c.index != null) {
            spareIndexes.add(c.index);
            c.index = null;
        }
        c.release();
        spareCycle = c;
    }

    private Cycle findTransmit(long number) {
        for (int i = 0; i < transmit.size(); i++) {
            if (transmit.get(i).number == number) {
                return transmit.get(i);
            }
        }
        return null;
    }

    private static void checkNumber(long number) {
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cycle number must be in [0, 2^31), was " + number);
        }
    }
}
