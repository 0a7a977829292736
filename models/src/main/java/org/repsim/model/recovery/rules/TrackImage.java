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
 * image on some of its tracks but not all is <i>torn</i> ({@link DataLoss#writesBeyondHole}).
 *
 * <p><b>Memory.</b> Per track touched and not yet settled: its versions and the writes of the
 * versions that could still enter or leave the image; a track forgets a write once its version is
 * in the image and no transfer still in flight on the track carries an older version. A track
 * whose image equals the primary, with nothing in flight, is forgotten.
 *
 * <p>Tracks are named by a space (one per primary box or engine) and a track number.
 */
public final class TrackImage {

    /** One host write: opaque to callers, who hand it back at its acknowledgement. */
    public static final class Write {
        private final long serial;
        private final long bytes;
        private final int tracks;
        private int missing;
        private long ackNs = -1;

        private Write(long serial, long bytes, int tracks) {
            this.serial = serial;
            this.bytes = bytes;
            this.tracks = tracks;
            this.missing = tracks;
        }

        /** Whether every track of the write holds its version or a later one. */
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
    /** Acknowledged writes not in the image, oldest acknowledgement first. */
    private final TreeSet<Write> lost = new TreeSet<>((a, b) -> a.ackNs != b.ackNs
            ? Long.compare(a.ackNs, b.ackNs) : Long.compare(a.serial, b.serial));
    private long lostBytes;
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
        if (count < 1 || bytes < 0) {
            throw new IllegalArgumentException("a write covers ≥ 1 track and ≥ 0 bytes: " + count + ", " + bytes);
        }
        Write w = new Write(serials++, bytes, count);
        for (int i = 0; i < count; i++) {
            Track t = track(key(space, firstTrack + i));
            t.primary++;
            t.add(t.primary, w);
        }
        return w;
    }

    /** The host received the write's acknowledgement at {@code nowNs}. */
    public void acknowledged(Write w, long nowNs) {
        if (w.ackNs >= 0) {
            throw new IllegalStateException("write acknowledged twice");
        }
        if (nowNs < latestNs) {
            throw new IllegalArgumentException("acknowledgement at " + nowNs + " ns before " + latestNs + " ns");
        }
        latestNs = nowNs;
        w.ackNs = nowNs;
        if (w.missing > 0) {
            lose(w);
        }
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
            if (w.ackNs >= 0) {
                lost.remove(w);
                lostBytes -= w.bytes;
            }
        } else if (!wasTorn) {
            torn++;
        }
    }

    private void leave(Write w) {
        rolledBack++;
        if (w.missing == 0) {
            if (w.tracks > 1) {
                torn++;
            }
            if (w.ackNs >= 0) {
                lose(w);
            }
        } else if (w.missing == w.tracks - 1) {
            torn--;
        }
        w.missing++;
    }

    private void lose(Write w) {
        lost.add(w);
        lostBytes += w.bytes;
    }

    /**
     * Primary time of the image: acknowledgement time of the oldest acknowledged write not in it,
     * or {@code Long.MIN_VALUE} when every acknowledged write is in it (lag 0).
     */
    public long imageTimeNs() {
        return lost.isEmpty() ? Long.MIN_VALUE : lost.first().ackNs;
    }

    /** Data lost at a disaster at {@code disasterNs} (no acknowledgement reported after it). */
    public DataLoss lossAt(long disasterNs) {
        if (disasterNs < latestNs) {
            throw new IllegalArgumentException("data loss asked at " + disasterNs + " ns, before an acknowledgement at "
                    + latestNs + " ns");
        }
        if (lost.isEmpty()) {
            return new DataLoss(disasterNs, 0, 0, -1, -1, torn);
        }
        return new DataLoss(disasterNs, lost.size(), lostBytes, lost.first().ackNs, lost.last().ackNs, torn);
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
        return lost.size();
    }

    /** Tracks remembered now (not settled); for memory tests. */
    public int trackedTracks() {
        return tracks.size();
    }
}
