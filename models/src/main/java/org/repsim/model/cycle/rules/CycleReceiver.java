package org.repsim.model.cycle.rules;

import org.repsim.core.collect.LongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Secondary side of a cycle-based session (docs/model.md §5): receive cycles, commits, apply of whole
 * cycles in cycle order, and the secondary's image (track → version of the last applied write).
 *
 * <p>A pure state machine: the engine decides when an apply starts (legacy: at the primary's
 * switch; multi-cycle and shuttle: as soon as the next cycle is committed and the apply stage is
 * idle) and charges the apply cost per slot ({@link #applyingSlots()}); this class enforces that a
 * cycle is applied only whole (after its commit) and strictly in number order.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A slot may arrive for any number above the last committed one (multi-cycle pipelines
 *       slots of several cycles); a number holds at most one slot per track.</li>
 *   <li>Commits arrive in increasing number order, and only when no lower number that has
 *       received slots is still uncommitted. A commit for a number with no slots is allowed (an
 *       entity's empty shuttle number).</li>
 *   <li>{@link #startApply} takes the lowest pending number, which must be committed;
 *       {@link #finishApply} writes its slots into the image.</li>
 * </ul>
 *
 * <h2>Driving it</h2>
 * <pre>
 *   slot transfer arrived:  r.onSlotReceived(number, track, version, bytes)
 *   commit arrived:         r.onCommit(number, now); send the acknowledgement
 *   apply may start:        if (r.canStartApply()) { n = r.startApply(now); charge r.applyingSlots() }
 *   apply cost elapsed:     n = r.finishApply(now); tell the primary (CycleSwitcher.onApplied)
 *   session dropped:        r.discardUncommitted()
 *   resync copy of a track: r.onTrackCopied(track, version, bytes)
 * </pre>
 */
public final class CycleReceiver {

    /** {@link #imageVersion} of a track never written at the secondary. */
    public static final long NEVER_WRITTEN = -1;
    /** {@link #lastApplied()} / {@link #lastCommitted()} before any. */
    public static final long NONE = -1;

    /** One cycle being received or committed at the secondary. */
    private static final class Received {
        final long number;
        /** track → slot, for the received-twice check; null when the receiver keeps no image. */
        final LongIntMap index;
        long[] track;
        long[] version;
        long[] bytes;
        int slots;
        long totalBytes;
        boolean committed;

        /**
         * @param expectedSlots size hint: the previous cycle's, so receiving neither rehashes nor regrows
         * @param spare         an applied cycle of the same receiver (so checked alike) whose arrays
         *                      and map this one takes over if they are large enough (null: none), so
         *                      that a steady stream of cycles allocates no new large arrays
         */
        Received(long number, int expectedSlots, boolean checked, Received spare) {
            this.number = number;
            int n = Math.max(64, expectedSlots);
            if (spare != null && spare.track.length >= n) {
                track = spare.track;
                version = spare.version;
                bytes = spare.bytes;
                index = spare.index;
                if (index != null) {
                    index.clear();
                }
                return;
            }
            index = checked ? new LongIntMap(n) : null;
            track = new long[n];
            version = new long[n];
            bytes = new long[n];
        }

        void add(long t, long v, long b) {
            if (slots == track.length) {
                int n = slots * 2;
                track = Arrays.copyOf(track, n);
                version = Arrays.copyOf(version, n);
                bytes = Arrays.copyOf(bytes, n);
            }
            if (index != null) {
                index.put(t, slots);
            }
            track[slots] = t;
            version[slots] = v;
            bytes[slots] = b;
            slots++;
            totalBytes += b;
        }
    }

    /** Cycles received or committed and not yet applying, ascending by number. */
    private final List<Received> pending = new ArrayList<>();
    private Received applying;
    /** The last cycle applied, whose storage the next received cycle reuses; null once taken. */
    private Received spare;
    private long applyStartNs;
    private long lastCommitted = NONE;
    private long lastApplied = NONE;

    /** False: the image is not kept (runs that only measure); see {@link #CycleReceiver(boolean)}. */
    private final boolean trackImage;
    private final LongIntMap imageIndex = new LongIntMap(1024);
    /** Size hint for the next received cycle: a little above the last applied one's. */
    private int expectedSlots = 64;
    private long[] imageVersion = new long[1024];
    private int imageTracks;

    private long receivedBytes;
    private long unappliedBytes;
    private long unappliedSlots;
    private long appliedBytes;
    private long appliedSlots;
    private long appliedCycles;
    private long discardedBytes;
    private long copiedBytes;

    /** A slot of cycle {@code number} arrived. */
    public void onSlotReceived(long number, long track, long version, long bytes) {
        if (number <= lastCommitted) {
            throw new IllegalStateException("slot of track " + track + " for cycle " + number
                    + " arrived after commit of cycle " + lastCommitted);
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("slot size must be > 0 bytes, was " + bytes);
        }
        Received r = findOrCreate(number);
        if (r.index != null && r.index.get(track) != LongIntMap.MISSING) {
            throw new IllegalStateException("cycle " + number + " received track " + track + " twice");
        }
        r.add(track, version, bytes);
        receivedBytes += bytes;
        unappliedBytes += bytes;
        unappliedSlots++;
    }

    /** The commit of cycle {@code number} arrived: it is complete and may be applied in turn. */
    public void onCommit(long number, long nowNs) {
        if (number <= lastCommitted) {
            throw new IllegalStateException("commit of cycle " + number + " after commit of cycle " + lastCommitted);
        }
        for (Received r : pending) {
            if (r.number < number && !r.committed) {
                throw new IllegalStateException("commit of cycle " + number + " before commit of cycle " + r.number);
            }
        }
        findOrCreate(number).committed = true;
        lastCommitted = number;
    }

    /** True if the apply stage is idle and the lowest pending cycle is committed. */
    public boolean canStartApply() {
        return applying == null && !pending.isEmpty() && pending.get(0).committed;
    }

    /** Starts applying the lowest committed cycle; returns its number. */
    public long startApply(long nowNs) {
        if (applying != null) {
            throw new IllegalStateException("cycle " + applying.number + " is still being applied");
        }
        if (!canStartApply()) {
            throw new IllegalStateException(pending.isEmpty() ? "no cycle to apply"
                    : "cycle " + pending.get(0).number + " is not committed");
        }
        applying = pending.remove(0);
        applyStartNs = nowNs;
        expectedSlots = applying.slots + applying.slots / 4;
        return applying.number;
    }

    public boolean isApplyIdle() {
        return applying == null;
    }

    /** Number of the cycle being applied, or {@link #NONE}. */
    public long applyingNumber() {
        return applying == null ? NONE : applying.number;
    }

    /** Slots of the cycle being applied (the engine charges apply cost per slot). */
    public int applyingSlots() {
        return applying == null ? 0 : applying.slots;
    }

    /** Track of slot {@code i} (0 ≤ i &lt; {@link #applyingSlots()}) of the cycle being applied, in arrival order. */
    public long applyingTrack(int i) {
        if (applying == null || i < 0 || i >= applying.slots) {
            throw new IllegalArgumentException("no slot " + i + " in the cycle being applied");
        }
        return applying.track[i];
    }

    /** Bytes of slot {@code i} of the cycle being applied. */
    public long applyingSlotBytes(int i) {
        if (applying == null || i < 0 || i >= applying.slots) {
            throw new IllegalArgumentException("no slot " + i + " in the cycle being applied");
        }
        return applying.bytes[i];
    }

    /** Slots received and not yet applied (the cycle being applied included). */
    public long unappliedSlots() {
        return unappliedSlots;
    }

    public long applyingBytes() {
        return applying == null ? 0 : applying.totalBytes;
    }

    public long applyStartNs() {
        return applyStartNs;
    }

    /** The apply finished: the cycle's slots enter the image. Returns the cycle's number. */
    public long finishApply(long nowNs) {
        if (applying == null) {
            throw new IllegalStateException("no apply in progress");
        }
        Received r = applying;
        for (int s = 0; s < r.slots; s++) {
            setImage(r.track[s], r.version[s]);
        }
        appliedBytes += r.totalBytes;
        appliedSlots += r.slots;
        unappliedBytes -= r.totalBytes;
        unappliedSlots -= r.slots;
        appliedCycles++;
        lastApplied = r.number;
        applying = null;
        spare = r;
        return r.number;
    }

    /** Session drop: cycles not committed are thrown away. Returns their bytes. */
    public long discardUncommitted() {
        long bytes = 0;
        for (int i = pending.size() - 1; i >= 0; i--) {
            Received r = pending.get(i);
            if (!r.committed) {
                bytes += r.totalBytes;
                unappliedSlots -= r.slots;
                pending.remove(i);
            }
        }
        unappliedBytes -= bytes;
        discardedBytes += bytes;
        return bytes;
    }

    /** Resynchronisation copied the primary's current value of a track straight into the image. */
    public void onTrackCopied(long track, long version, long bytes) {
        setImage(track, version);
        copiedBytes += bytes;
    }

    /** A receiver that keeps the secondary's image (each track's applied version). */
    public CycleReceiver() {
        this(true);
    }

    /**
     * @param trackImage keep each track's applied version ({@link #imageVersion}) and check that no
     *                   cycle brings a track twice (the sender's capture map rules it out; the
     *                   check costs a map per received cycle); without it the receiver's memory
     *                   does not grow with the distinct tracks written
     */
    public CycleReceiver(boolean trackImage) {
        this.trackImage = trackImage;
    }

    /** Version of the last applied write of the track, or {@link #NEVER_WRITTEN}. */
    public long imageVersion(long track) {
        if (!trackImage) {
            throw new IllegalStateException("this receiver does not keep its image (built with trackImage = false)");
        }
        int i = imageIndex.get(track);
        return i == LongIntMap.MISSING ? NEVER_WRITTEN : imageVersion[i];
    }

    /** Tracks present in the image. */
    public int imageTracks() {
        return imageTracks;
    }

    public long lastCommitted() {
        return lastCommitted;
    }

    public long lastApplied() {
        return lastApplied;
    }

    public long receivedBytes() {
        return receivedBytes;
    }

    /** Bytes received (committed or not, or applying) and not yet applied. */
    public long unappliedBytes() {
        return unappliedBytes;
    }

    public long appliedBytes() {
        return appliedBytes;
    }

    public long appliedSlots() {
        return appliedSlots;
    }

    public long appliedCycles() {
        return appliedCycles;
    }

    public long discardedBytes() {
        return discardedBytes;
    }

    public long copiedBytes() {
        return copiedBytes;
    }

    /** Cycles received or committed, waiting to apply (the one applying excluded). */
    public int pendingCycles() {
        return pending.size();
    }

    private void setImage(long track, long version) {
        if (!trackImage) {
            return;
        }
        int i = imageIndex.get(track);
        if (i == LongIntMap.MISSING) {
            if (imageTracks == imageVersion.length) {
                imageVersion = Arrays.copyOf(imageVersion, imageTracks * 2);
            }
            i = imageTracks++;
            imageIndex.put(track, i);
        }
        imageVersion[i] = version;
    }

    private Received findOrCreate(long number) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            Received r = pending.get(i);
            if (r.number == number) {
                return r;
            }
            if (r.number < number) {
                Received n = newReceived(number);
                pending.add(i + 1, n);
                return n;
            }
        }
        if (applying != null && applying.number >= number || number <= lastApplied) {
            throw new IllegalStateException("cycle " + number + " is already applied or applying");
        }
        Received n = newReceived(number);
        pending.add(0, n);
        return n;
    }

    private Received newReceived(long number) {
        Received n = new Received(number, expectedSlots, trackImage, spare);
        spare = null;
        return n;
    }
}
