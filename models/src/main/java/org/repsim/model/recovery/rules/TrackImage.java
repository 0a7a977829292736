package org.repsim.model.recovery.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.repsim.core.collect.LongObjectRing;
import org.repsim.model.consistency.rules.DataLoss;

/**
 * The recoverable image of modes whose secondary writes tracks as they arrive — sync and ordered
 * (docs/model.md §7): what the secondary would restore is its tracks as they are, each holding the
 * data of the last transfer written to it, in arrival order.
 *
 * <p><b>Versions.</b> Every host write bumps the version of each track it touches on the primary
 * ({@link #write}). A transfer carries the version its track had when it was read on the primary
 * ({@link #read}); when it is written at the secondary ({@link #landed}) the track's image takes
 * that version — also when it is older than the one already there: an older transfer landing after
 * a newer one rolls the track back (a <i>regression</i>, counted as a consistency violation), and
 * the writes of the versions in between drop out of the image.
 *
 * <p><b>Image.</b> A host write is in the image when every track it touched holds its version or a
 * later one (a track's data includes every earlier write to it). Data lost at a disaster =
 * acknowledged writes not in the image; the image's primary time ({@link #imageTimeNs}) is the
 * acknowledgement time of the oldest of them (every write acknowledged before it is in the image),
 * so the recovery-point lag is {@code now − imageTimeNs} (0 when nothing is lost). A write in the
 * image on some of its tracks but not all is <i>torn</i> (counted in {@link DataLoss#writesBeyondHole}).
 *
 * <p><b>Dependent chains</b> (docs/model.md §7, §8.3). A chained write ({@link #write} with a
 * stream ≥ 0) is registered with {@link ChainPrefix} when made; it enters the chain when it is
 * wholly in the image (its last missing track took its version or a later one) and leaves it when
 * a regression takes one of its tracks back below its version. The engine ends each landing with
 * {@link #settleChains}, which counts the chained writes that entered behind a missing earlier write
 * of their chain — the same check, by the same code, as the cycle spaces' runs below.
 *
 * <p><b>Memory.</b> Per track touched and not yet settled: its versions and the writes of the
 * versions that could still enter or leave the image; a track forgets a write once its version is
 * in the image and no transfer still in flight on the track carries an older version. A track
 * whose image equals the primary, with nothing in flight, is forgotten.
 *
 * <p><b>Cycle spaces</b> (cycle modes, docs/model.md §5–§7). A cycle session's secondary writes
 * whole cycles, in order: every track of a cycle takes, at once, the version its slot carried —
 * the track's version when the cycle closed. So a host write of cycle k (the cycle its last track
 * entered) is in the image exactly when cycle k has landed (applied in mode {@code none}, committed
 * by the group in {@code host} / {@code shuttle}), whatever its tracks: the writes of one cycle
 * enter together, and are kept as one {@link Run} per (space, cycle) — counts, bytes and the first
 * and last acknowledgement — instead of a record per write and track ({@link #tagged},
 * {@link #landThrough}). A resynchronisation lands a copy of every owed track until none is owed:
 * when it ends ({@link #landAll}) every write of the space is in the image. Chained writes in a
 * run are handed to {@link ChainPrefix} when the run lands, which counts violations.
 *
 * <p><b>Lost set.</b> Acknowledged writes not in the image are held as entries (a {@link Write}, or
 * a {@link Run} of writes that enter together) in a queue ordered by their first acknowledgement
 * (acknowledgements come in time order, so an entry joins at the tail when first acknowledged);
 * entries that entered the image are dropped from the head lazily (and the queue compacted when
 * mostly such). An entry that leaves the image after it was dropped from the queue (a regression)
 * goes to a small sorted set beside it. Oldest lost acknowledgement = the first of both.
 *
 * <p>Tracks are named by a space (one per primary box or engine) and a track number.
 */
public final class TrackImage {

    /**
     * What the lost set holds: writes that enter and leave the image together, with the count,
     * bytes and first / last acknowledgement of those acknowledged.
     */
    public abstract static class Entry {
        final long serial;
        long acked;
        long ackedBytes;
        long firstAckNs = -1;
        long lastAckNs = -1;
        /** Physically in the lost queue (perhaps already in the image: dropped lazily). */
        boolean queued;

        Entry(long serial) {
            this.serial = serial;
        }

        /** Whether the entry's writes are in the image. */
        public abstract boolean inImage();
    }

    /**
     * The writes of one cycle space tagged with one number (docs/model.md §7): they enter the image
     * together when the number lands. Opaque to callers, who hand it back at each acknowledgement.
     */
    public static final class Run extends Entry {
        final int space;
        final long number;
        long writes;
        boolean landed;
        long[] chained;
        int chainedCount;

        private Run(long serial, int space, long number) {
            super(serial);
            this.space = space;
            this.number = number;
        }

        @Override
        public boolean inImage() {
            return landed;
        }
    }

    /** A cycle space: its runs not yet landed by number, and the run tagged last. */
    private static final class CycleSpace {
        final java.util.TreeMap<Long, Run> runs = new java.util.TreeMap<>();
        Run last;
    }

    /** One host write: opaque to callers, who hand it back at its acknowledgement. */
    public static final class Write extends Entry {
        private final long bytes;
        private final int tracks;
        private int missing;
        /** Key in the followed chain ({@link ChainPrefix#register}), or −1: an independent write. */
        private final long chainKey;

        private Write(long serial, long bytes, int tracks, long chainKey) {
            super(serial);
            this.bytes = bytes;
            this.tracks = tracks;
            this.missing = tracks;
            this.chainKey = chainKey;
        }

        /** Whether every track of the write holds its version or a later one. */
        @Override
        public boolean inImage() {
            return missing == 0;
        }
    }

    /** One track: primary version, image version, writes not settled, versions in flight. */
    private static final class Track {
        long primary;
        long image;
        // unsettled writes of this track, by increasing version (a FIFO: versions only grow)
        final LongObjectRing<Write> unsettled = new LongObjectRing<>(4);
        // versions carried by transfers read and not yet landed (a small multiset)
        long[] inFlight = new long[2];
        int inFlightCount;

        void add(long v, Write w) {
            unsettled.add(v, w);
        }

        long minInFlight() {
            long m = Long.MAX_VALUE;
            for (int i = 0; i < inFlightCount; i++) {
                m = Math.min(m, inFlight[i]);
            }
            return m;
        }
    }

    private final Map<Long, Track> tracks = new HashMap<>();
    /** Entries with acknowledged writes, by first acknowledgement; those in the image are dropped lazily. */
    private final java.util.ArrayDeque<Entry> lostQueue = new java.util.ArrayDeque<>();
    /** Queued entries not in the image. */
    private long queuedLost;
    /** Entries that left the image after being dropped from the queue, oldest acknowledgement first. */
    private final TreeSet<Entry> relost = new TreeSet<>((a, b) -> a.firstAckNs != b.firstAckNs
            ? Long.compare(a.firstAckNs, b.firstAckNs) : Long.compare(a.serial, b.serial));
    private long lostWrites;
    private long lostBytes;
    private CycleSpace[] cycleSpaces = new CycleSpace[0];
    private final ChainPrefix chains = new ChainPrefix();
    private long runWritesPending;
    private long runWritesTagged;
    private long serials;
    private long torn;
    private long regressions;
    private long rolledBack;
    private long latestNs = Long.MIN_VALUE;

    private static long key(int space, long track) {
        if (space < 0 || space >= 1 << 20 || track < 0 || track >= 1L << 43) {
            throw new IllegalArgumentException("track " + track + " of space " + space + " out of range");
        }
        return (long) space << 43 | track;
    }

    private Track track(long key) {
        return tracks.computeIfAbsent(key, k -> new Track());
    }

    /**
     * A host write of {@code bytes} over tracks {@code firstTrack … firstTrack + count − 1} of
     * {@code space} reached the primary's cache: each track's version grows by one.
     */
    public Write write(int space, long firstTrack, int count, long bytes) {
        return write(space, firstTrack, count, bytes, -1, -1);
    }

    /**
     * As {@link #write}, for a write of a dependent chain: {@code indexInChain} is its index in
     * {@code stream}'s chain ({@code stream} −1: an independent write). The write enters the chain
     * when it is wholly in the image (see the class comment).
     */
    public Write write(int space, long firstTrack, int count, long bytes, int stream, long indexInChain) {
        if (count < 1 || bytes < 0) {
            throw new IllegalArgumentException("a write covers ≥ 1 track and ≥ 0 bytes: " + count + ", " + bytes);
        }
        long chainKey = stream >= 0 ? chains.register(stream, indexInChain) : -1;
        Write w = new Write(serials++, bytes, count, chainKey);
        for (int i = 0; i < count; i++) {
            Track t = track(key(space, firstTrack + i));
            t.primary++;
            t.add(t.primary, w);
        }
        return w;
    }

    /** The host received the write's acknowledgement at {@code nowNs}. */
    public void acknowledged(Write w, long nowNs) {
        if (w.acked > 0) {
            throw new IllegalStateException("write acknowledged twice");
        }
        acknowledged(w, w.bytes, nowNs);
    }

    /**
     * The host received at {@code nowNs} the acknowledgement of one write of {@code entry} (a
     * {@link Write}, or a {@link Run}: one of its writes, of {@code bytes}).
     */
    public void acknowledged(Entry entry, long bytes, long nowNs) {
        if (nowNs < latestNs) {
            throw new IllegalArgumentException("acknowledgement at " + nowNs + " ns before " + latestNs + " ns");
        }
        if (entry instanceof Run r && r.acked >= r.writes) {
            throw new IllegalStateException("more acknowledgements than writes in run " + r.number);
        }
        latestNs = nowNs;
        boolean first = entry.acked == 0;
        entry.acked++;
        entry.ackedBytes += bytes;
        if (first) {
            entry.firstAckNs = nowNs;
        }
        entry.lastAckNs = nowNs;
        if (!entry.inImage()) {
            if (first) {
                lostQueue.addLast(entry);
                entry.queued = true;
                queuedLost++;
            }
            lostWrites++;
            lostBytes += bytes;
        }
    }

    // ---------------------------------------------------------------- cycle spaces

    /** Makes {@code space} a cycle space (its writes come by {@link #tagged}). */
    public void cycleSpace(int space) {
        if (space >= cycleSpaces.length) {
            cycleSpaces = java.util.Arrays.copyOf(cycleSpaces, space + 1);
        }
        if (cycleSpaces[space] == null) {
            cycleSpaces[space] = new CycleSpace();
        }
    }

    private CycleSpace cycleSpaceOf(int space) {
        CycleSpace c = space < cycleSpaces.length ? cycleSpaces[space] : null;
        if (c == null) {
            throw new IllegalArgumentException("space " + space + " is not a cycle space");
        }
        return c;
    }

    /**
     * A host write of {@code bytes} to cycle space {@code space} got its number (the cycle or
     * sequence number its last track entered; see the class comment): it is in the image once the
     * number landed. A chained write ({@code stream} ≥ 0) has its index in the stream's chain;
     * {@code stream} −1: an independent write.
     *
     * @return the write's run, to hand back at its acknowledgement
     */
    public Run tagged(int space, long number, int stream, long indexInChain, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("write size must be >= 0 bytes, got " + bytes);
        }
        CycleSpace c = cycleSpaceOf(space);
        Run r = c.last;
        if (r == null || r.number != number) {
            r = c.runs.get(number);
            if (r == null) {
                r = new Run(serials++, space, number);
                c.runs.put(number, r);
            }
            c.last = r;
        }
        if (stream >= 0) {
            long chainKey = chains.register(stream, indexInChain);
            if (r.chained == null) {
                r.chained = new long[4];
            } else if (r.chainedCount == r.chained.length) {
                r.chained = java.util.Arrays.copyOf(r.chained, r.chainedCount * 2);
            }
            r.chained[r.chainedCount++] = chainKey;
        }
        r.writes++;
        runWritesPending++;
        runWritesTagged++;
        return r;
    }

    /** Every number ≤ {@code number} of cycle space {@code space} landed: their writes enter the image. */
    public void landThrough(int space, long number) {
        CycleSpace c = cycleSpaceOf(space);
        while (!c.runs.isEmpty() && c.runs.firstKey() <= number) {
            land(c, c.runs.pollFirstEntry().getValue());
        }
    }

    /** Every write tagged so far in cycle space {@code space} is in the image (a resynchronisation ended). */
    public void landAll(int space) {
        landThrough(space, Long.MAX_VALUE);
    }

    private void land(CycleSpace c, Run r) {
        r.landed = true;
        if (c.last == r) {
            c.last = null;
        }
        runWritesPending -= r.writes;
        if (r.acked > 0) {
            gain(r);
        }
        for (int i = 0; i < r.chainedCount; i++) {
            chains.enter(r.chained[i]);
        }
        r.chained = null;
    }

    /**
     * Ends a landing (one apply, one group commit, one transfer written at a sync or ordered
     * secondary): the chain violations it found.
     */
    public int settleChains() {
        return chains.settle();
    }

    /** Writes of cycle spaces tagged and not yet in the image. */
    public long pendingTaggedWrites() {
        return runWritesPending;
    }

    /** Writes of cycle spaces tagged so far. */
    public long taggedWrites() {
        return runWritesTagged;
    }

    /** The dependent chains against the image (violations, writes beyond a hole). */
    public ChainPrefix chains() {
        return chains;
    }

    /**
     * A transfer of the track is read on the primary: it carries the track's current version,
     * returned, until {@link #landed} (every read must land: a lost transfer would be re-read).
     */
    public long read(int space, long track) {
        Track t = track(key(space, track));
        if (t.inFlightCount == t.inFlight.length) {
            t.inFlight = java.util.Arrays.copyOf(t.inFlight, t.inFlightCount * 2);
        }
        t.inFlight[t.inFlightCount++] = t.primary;
        return t.primary;
    }

    /**
     * A transfer read with {@code version} was written at the secondary: the track's image takes
     * that version.
     *
     * @return true if the transfer rolled the track back (an older version over a newer one)
     */
    public boolean landed(int space, long track, long version) {
        return land(space, track, version, true);
    }

    /**
     * As {@link #landed}, for a secondary that keeps a track's newest data: a transfer older than
     * what the track holds leaves it as it is (sync: writes to one track are serialised by the pair).
     */
    public void landedKeepingNewest(int space, long track, long version) {
        land(space, track, version, false);
    }

    private boolean land(int space, long track, long version, boolean rollBack) {
        long k = key(space, track);
        Track t = tracks.get(k);
        int at = t == null ? -1 : indexOf(t, version);
        if (at < 0) {
            throw new IllegalArgumentException("no transfer of version " + version + " in flight on track " + track);
        }
        t.inFlight[at] = t.inFlight[--t.inFlightCount];
        if (!rollBack && version < t.image) {
            settle(k, t);
            return false;
        }
        boolean regression = version < t.image;
        for (int i = 0; i < t.unsettled.size(); i++) {
            long v = t.unsettled.keyAt(i);
            Write w = t.unsettled.valueAt(i);
            if (v > t.image && v <= version) {
                enter(w);
            } else if (v <= t.image && v > version) {
                leave(w);
            }
        }
        if (regression) {
            regressions++;
        }
        t.image = version;
        settle(k, t);
        return regression;
    }

    private static int indexOf(Track t, long version) {
        for (int i = 0; i < t.inFlightCount; i++) {
            if (t.inFlight[i] == version) {
                return i;
            }
        }
        return -1;
    }

    /** Forgets the track's writes that can no longer leave the image, and the track once it is settled. */
    private void settle(long key, Track t) {
        long safe = Math.min(t.image, t.minInFlight());
        while (!t.unsettled.isEmpty() && t.unsettled.keyAt(0) <= safe) {
            t.unsettled.removeFirst();
        }
        if (t.unsettled.isEmpty() && t.inFlightCount == 0 && t.image == t.primary) {
            tracks.remove(key);
        }
    }

    private void enter(Write w) {
        boolean wasTorn = w.missing < w.tracks;
        w.missing--;
        if (w.missing == 0) {
            if (wasTorn && w.tracks > 1) {
                torn--;
            }
            if (w.acked > 0) {
                gain(w);
            }
            if (w.chainKey >= 0) {
                chains.enter(w.chainKey);
            }
        } else if (!wasTorn) {
            torn++;
        }
    }

    private void leave(Write w) {
        rolledBack++;
        w.missing++;
        if (w.missing == 1) {
            if (w.tracks > 1) {
                torn++;
            }
            if (w.acked > 0) {
                lose(w);
            }
            if (w.chainKey >= 0) {
                chains.leave(w.chainKey);
            }
        } else if (w.missing == w.tracks) {
            torn--;
        }
    }

    /** An acknowledged entry left the image (it was in it). */
    private void lose(Entry e) {
        lostWrites += e.acked;
        lostBytes += e.ackedBytes;
        if (e.queued) {
            queuedLost++;
        } else {
            relost.add(e);
        }
    }

    /** An acknowledged entry entered the image. */
    private void gain(Entry e) {
        lostWrites -= e.acked;
        lostBytes -= e.ackedBytes;
        if (e.queued) {
            queuedLost--;
            if (lostQueue.size() > 1024 && lostQueue.size() > 4 * queuedLost) {
                compact();
            }
        } else {
            relost.remove(e);
        }
    }

    /** Drops the queued entries that are in the image (order kept). */
    private void compact() {
        java.util.ArrayDeque<Entry> keep = new java.util.ArrayDeque<>((int) Math.min(Integer.MAX_VALUE / 2, 2 * queuedLost + 16));
        for (Entry e : lostQueue) {
            if (e.inImage()) {
                e.queued = false;
            } else {
                keep.addLast(e);
            }
        }
        lostQueue.clear();
        lostQueue.addAll(keep);
    }

    /** The lost queue's first entry not in the image (dropping those before it), or null. */
    private Entry oldestQueued() {
        Entry e;
        while ((e = lostQueue.peekFirst()) != null && e.inImage()) {
            lostQueue.pollFirst();
            e.queued = false;
        }
        return e;
    }

    /**
     * Primary time of the image: acknowledgement time of the oldest acknowledged write not in it,
     * or {@code Long.MIN_VALUE} when every acknowledged write is in it (lag 0).
     */
    public long imageTimeNs() {
        Entry q = oldestQueued();
        long t = q == null ? Long.MAX_VALUE : q.firstAckNs;
        if (!relost.isEmpty()) {
            t = Math.min(t, relost.first().firstAckNs);
        }
        return t == Long.MAX_VALUE ? Long.MIN_VALUE : t;
    }

    /** Data lost at a disaster at {@code disasterNs} (no acknowledgement reported after it). */
    public DataLoss lossAt(long disasterNs) {
        if (disasterNs < latestNs) {
            throw new IllegalArgumentException("data loss asked at " + disasterNs + " ns, before an acknowledgement at "
                    + latestNs + " ns");
        }
        long beyond = torn + chains.beyondHole();
        if (lostWrites == 0) {
            return new DataLoss(disasterNs, 0, 0, -1, -1, beyond);
        }
        long newest = Long.MIN_VALUE;
        for (Entry e : lostQueue) {
            if (!e.inImage()) {
                newest = Math.max(newest, e.lastAckNs);
            }
        }
        for (Entry e : relost) {
            newest = Math.max(newest, e.lastAckNs);
        }
        return new DataLoss(disasterNs, lostWrites, lostBytes, imageTimeNs(), newest, beyond);
    }

    /** Transfers that landed older than the track's image (each a consistency violation). */
    public long regressions() {
        return regressions;
    }

    /** Times a write left the image on one of its tracks by a regression. */
    public long rolledBack() {
        return rolledBack;
    }

    /** Writes in the image on some of their tracks but not all. */
    public long tornWrites() {
        return torn;
    }

    /** Acknowledged writes not in the image. */
    public long lostWrites() {
        return lostWrites;
    }

    /** Entries in the lost queue, those already in the image included; for memory tests. */
    int queuedEntries() {
        return lostQueue.size();
    }

    /** Tracks remembered now (not settled); for memory tests. */
    public int trackedTracks() {
        return tracks.size();
    }
}
