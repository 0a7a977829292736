package org.repsim.model.recovery;

import java.util.ArrayList;
import java.util.List;
import org.repsim.core.kernel.Scheduler;
import org.repsim.model.consistency.rules.DataLoss;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * The secondary site's recoverable image in every mode (docs/model.md §7), shared by every engine of
 * a run (each engine, or each cycle session, names its tracks by its own space): the pure
 * {@link TrackImage} fed at the scheduler's time, telling listeners when the image's primary time
 * moved (the recovery-point lag changes slope) or a violation happened (a transfer rolled a track
 * back, or a dependent write entered the image behind a missing one of its chain).
 *
 * <p>Dependent chains (docs/model.md §7, §8.3) are checked by one code path in every mode: sync and
 * ordered engines give each write its chain identity ({@link #write(int, long, int, long, int, long)});
 * each landing ({@link #landed}, {@link #landedKeepingNewest}, {@link #landedTogether}) ends with the
 * chain check, as a cycle space's landing ({@link #landThrough}) does.
 */
public final class RecoverableImage {
    private final Scheduler scheduler;
    private final TrackImage image = new TrackImage();
    private final List<Runnable> imageTimeListeners = new ArrayList<>();
    private final List<Runnable> violationListeners = new ArrayList<>();
    private long imageTimeNs = Long.MIN_VALUE;
    private int spaces;
    private long chainViolations;
    private Log[] logs = new Log[0];

    /** Sees every event the image is fed, in order (the event log of brute-force tests). */
    public interface Log {
        void write(int space, long firstTrack, int count, long bytes, TrackImage.Write w);

        void acknowledged(TrackImage.Write w, long nowNs);

        void read(int space, long track, long version);

        void landed(int space, long track, long version);

        void landedKeepingNewest(int space, long track, long version);

        /** The write just logged by {@link #write} is write {@code indexInChain} of {@code stream}'s chain. */
        default void chained(TrackImage.Write w, int stream, long indexInChain) {
        }

        /** A landing ended (the chain check ran). */
        default void settled() {
        }

        /** A write of cycle space {@code space} got number {@code number} (see {@link TrackImage#tagged}). */
        default void tagged(int space, long number, int stream, long indexInChain, long bytes, TrackImage.Run run) {
        }

        /** One write of {@code run} was acknowledged. */
        default void acknowledged(TrackImage.Run run, long bytes, long nowNs) {
        }

        /** Numbers ≤ {@code number} of cycle space {@code space} landed. */
        default void landedThrough(int space, long number) {
        }
    }

    public void addLog(Log log) {
        logs = java.util.Arrays.copyOf(logs, logs.length + 1);
        logs[logs.length - 1] = log;
    }

    public RecoverableImage(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A new track space (one per engine: its tracks are numbered on its own box). */
    public int newSpace() {
        return spaces++;
    }

    /** A host write reached the primary's cache. */
    public TrackImage.Write write(int space, long firstTrack, int count, long bytes) {
        return write(space, firstTrack, count, bytes, -1, -1);
    }

    /**
     * A host write reached the primary's cache; a dependent one ({@code stream} ≥ 0) is write
     * {@code indexInChain} of its stream's chain (the image follows the chain, docs/model.md §8.3).
     */
    public TrackImage.Write write(int space, long firstTrack, int count, long bytes, int stream, long indexInChain) {
        TrackImage.Write w = image.write(space, firstTrack, count, bytes, stream, indexInChain);
        for (Log l : logs) {
            l.write(space, firstTrack, count, bytes, w);
            if (stream >= 0) {
                l.chained(w, stream, indexInChain);
            }
        }
        return w;
    }

    /** The host is acknowledged now. */
    public void acknowledged(TrackImage.Write w) {
        image.acknowledged(w, scheduler.now());
        for (Log l : logs) {
            l.acknowledged(w, scheduler.now());
        }
        moved();
    }

    /** A transfer of the track is read now; returns the version it carries. */
    public long read(int space, long track) {
        long v = image.read(space, track);
        for (Log l : logs) {
            l.read(space, track, v);
        }
        return v;
    }

    /** A transfer read with {@code version} is written at the secondary now: one landing. */
    public void landed(int space, long track, long version) {
        for (Log l : logs) {
            l.landed(space, track, version);
        }
        if (image.landed(space, track, version)) {
            for (Runnable r : violationListeners) {
                r.run();
            }
        }
        settled();
    }

    /**
     * As {@link #landed}, for a secondary that keeps each track's newest data (sync): an older
     * transfer does not roll the track back.
     */
    public void landedKeepingNewest(int space, long track, long version) {
        for (Log l : logs) {
            l.landedKeepingNewest(space, track, version);
        }
        image.landedKeepingNewest(space, track, version);
        settled();
    }

    /**
     * Transfers of {@code tracks[i]} read with {@code versions[i]} enter the image now, together (one
     * landing: writes entering together never count against each other), each keeping its track's
     * newest data — a sync write's tracks, or the copies of a resynchronisation held until it ended
     * (docs/model.md §3, §7).
     */
    public void landedTogether(int space, long[] tracks, long[] versions) {
        for (int i = 0; i < tracks.length; i++) {
            for (Log l : logs) {
                l.landedKeepingNewest(space, tracks[i], versions[i]);
            }
            image.landedKeepingNewest(space, tracks[i], versions[i]);
        }
        settled();
    }

    /** Makes {@code space} a cycle space (docs/model.md §7: its writes enter the image by number). */
    public void cycleSpace(int space) {
        image.cycleSpace(space);
    }

    /** A host write of cycle space {@code space} got its number now; returns its run, for its acknowledgement. */
    public TrackImage.Run tagged(int space, long number, int stream, long indexInChain, long bytes) {
        TrackImage.Run r = image.tagged(space, number, stream, indexInChain, bytes);
        for (Log l : logs) {
            l.tagged(space, number, stream, indexInChain, bytes, r);
        }
        return r;
    }

    /**
     * The host is acknowledged now for one write of {@code run}, of {@code bytes}. The image's
     * primary time can only move if nothing was lost before (an acknowledgement is the newest).
     */
    public void acknowledged(TrackImage.Run run, long bytes) {
        long now = scheduler.now();
        boolean noneLost = image.lostWrites() == 0;
        image.acknowledged(run, bytes, now);
        for (Log l : logs) {
            l.acknowledged(run, bytes, now);
        }
        if (noneLost) {
            moved();
        }
    }

    /**
     * One landing, now: for each {@code spaces[i]}, every number ≤ {@code through[i]} enters the image
     * (a cycle applied; a group commit, every box at once — writes entering together never count
     * against each other).
     *
     * @return the chain violations the landing found
     */
    public int landThrough(int[] spaces, long[] through) {
        for (int i = 0; i < spaces.length; i++) {
            for (Log l : logs) {
                l.landedThrough(spaces[i], through[i]);
            }
            image.landThrough(spaces[i], through[i]);
        }
        return settled();
    }

    /** As {@link #landThrough(int[], long[])} for one space. */
    public int landThrough(int space, long through) {
        return landThrough(new int[] {space}, new long[] {through});
    }

    /** Every write of cycle space {@code space} tagged so far entered the image (a resynchronisation ended). */
    public int landAll(int space) {
        return landThrough(space, Long.MAX_VALUE);
    }

    private int settled() {
        for (Log l : logs) {
            l.settled();
        }
        int found = image.settleChains();
        if (found > 0) {
            for (Runnable r : violationListeners) {
                r.run();
            }
        }
        moved();
        return found;
    }

    private void moved() {
        long t = image.imageTimeNs();
        if (t != imageTimeNs) {
            imageTimeNs = t;
            for (Runnable r : imageTimeListeners) {
                r.run();
            }
        }
    }

    /** Acknowledgement time of the oldest acknowledged write not in the image, or {@code Long.MIN_VALUE}. */
    public long imageTimeNs() {
        return imageTimeNs;
    }

    /** Runs whenever {@link #imageTimeNs()} moved. */
    public void addImageTimeListener(Runnable r) {
        imageTimeListeners.add(r);
    }

    /** Runs at every violation (a regression, or a chain violation reported by an engine). */
    public void addViolationListener(Runnable r) {
        violationListeners.add(r);
    }

    /**
     * A write entered the image while an earlier write of its dependent chain is absent (ordered mode:
     * a subtask landed before an earlier subtask of its task, docs/model.md §4, §7).
     */
    public void chainViolation() {
        chainViolations++;
        for (Runnable r : violationListeners) {
            r.run();
        }
    }

    /**
     * Consistency violations: regressions of the image, within-task violations reported by the ordered
     * engines and the dependent writes that entered the image behind a missing write of their chain
     * (every mode, docs/model.md §8.3).
     */
    public long violations() {
        return image.regressions() + chainViolations + image.chains().violations();
    }

    public DataLoss lossAt(long nowNs) {
        return image.lossAt(nowNs);
    }

    /** The pure image (read-only use: counters). */
    public TrackImage rules() {
        return image;
    }
}
