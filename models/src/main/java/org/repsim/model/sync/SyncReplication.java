package org.repsim.model.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.collect.LongLongMap;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.kernel.Tie;
import org.repsim.model.Box;
import org.repsim.model.HostIo;
import org.repsim.model.RemotePath;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.recovery.RecoverableImage;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * Synchronous replication (docs/model.md §3) for the pairs whose primary volumes are on one box.
 *
 * <p>Protocol of one host write, after the primary's host adapter and local cache write:
 * the write ({@code sizeBytes + headerBytes}) goes through the primary's remote adapter, crosses
 * the pair's link and the secondary's remote adapter ({@link RemotePath}; its job also costs the
 * acknowledgement's overhead) → the secondary writes its cache → an acknowledgement of
 * {@code ackBytes} crosses the link back → the host is acknowledged. On an idle system the
 * host latency is therefore
 * {@code hostAdapter + RA_p(size + header) + ser(size + header) + delay + RA_s(size + header)
 * + RA_s overhead + ser(ack) + delay}, {@code RA(b)} = overhead + b ÷ port speed, i.e. local
 * cache write + both adapters + transfer + round trip. With {@code roundTrips} r > 1
 * (plain FCP: r = 2, command then transfer-ready before the data) each write first makes r − 1
 * exchanges of a command ({@code headerBytes}) out and a reply ({@code ackBytes}) back, so an idle
 * write costs r round trips (docs/model.md §3). Writes to volumes without a pair are acknowledged
 * at once.
 *
 * <p><b>Recoverable image</b> (docs/model.md §7): every replicated write is reported to the shared
 * {@link RecoverableImage} — its tracks when it reaches the primary cache, the versions it carries
 * when its data leaves, their landing when the secondary wrote them, and the host's
 * acknowledgement. A pair in sync acknowledges only after the landing, so nothing acknowledged is
 * missing from the image; a suspended pair's writes are. The secondary keeps each track's newest
 * data [design: writes to one track are serialised by the pair]: a transfer that lands after a newer
 * one to its track (the remote adapters finish out of order) does not roll the track back. A
 * dependent write carries its chain identity into the image, which checks the chains at each
 * landing (docs/model.md §7, §8.3).
 *
 * <p><b>Gold copy</b> (docs/model.md §3, §7): a resynchronisation copies owed tracks in track
 * order, not write order, so from the first copy written at the secondary until the pair is in sync
 * again the secondary is no state the primary ever had. The recoverable image stays at the state
 * before that first copy: the pair's landings meanwhile (copies, and transfers sent before the
 * suspension) are held and enter the image together when the resynchronisation ends.
 *
 * <p><b>Link failure</b> ({@link SyncPolicy}): {@code STALL} — writes wait for the link however
 * long. {@code SUSPEND} — when the oldest replicated write of a pair has waited
 * {@code suspendAfterNs} for the secondary, the pair suspends: every write waiting is acknowledged
 * at once and its tracks marked owed, and so are later writes. Once the link is up, the owed tracks
 * are copied in ascending order (whole tracks, read on the primary when sent, at most
 * {@link #RESYNC_IN_FLIGHT} at once; tracks written meanwhile are owed again); when none is owed
 * and no copy is in flight, the pair is in sync again.
 */
public final class SyncReplication implements ReplicationHandler {
    /** Resynchronisation copies in flight at once per pair [design]. */
    public static final int RESYNC_IN_FLIGHT = 16;

    private final Box primary;
    private final Scheduler scheduler;
    private final long headerBytes;
    private final long ackBytes;
    private final int roundTrips;
    private final SyncPolicy policy;
    private final RecoverableImage image;
    private final int space;
    private final long trackSizeBytes;
    private final Map<Volume, Pair> pairs = new IdentityHashMap<>();
    private final List<Pair> pairList = new ArrayList<>();
    private long suspensions;
    /**
     * Byte counters for the conservation balance (docs/model.md §8.4), read-only: payload of writes
     * replicated while in sync, one track per newly owed track, one track per resynchronisation
     * copy started, and what the secondary wrote of both.
     */
    private long syncBytes;
    private long owedMarkBytes;
    private long copyStartedBytes;
    private long secondaryWrittenBytes;

    private enum State { SYNC, SUSPENDED, RESYNC }

    /** A replication pair: where the primary volume's writes go, over which link directions, and its state. */
    private final class Pair {
        final Volume primaryVolume;
        final Volume secondary;
        final long trackShift;
        final WanLink link;
        final WanLink.Direction out;
        final WanLink.Direction back;
        /** Data transfers to the secondary through both boxes' remote adapters (docs/model.md §7a). */
        final RemotePath data;
        State state = State.SYNC;
        /** Replicated writes not yet acknowledged by the secondary, oldest first (SUSPEND only). */
        final ArrayDeque<Op> waiting = new ArrayDeque<>();
        boolean timerSet;
        /** Owed tracks, by index in the primary volume. */
        final BitSet owed = new BitSet();
        int owedCount;
        int cursor;
        int copiesInFlight;
        final List<long[]> suspendedSpans = new ArrayList<>();
        /** Whether a copy of the current resynchronisation has been written at the secondary. */
        boolean mixing;
        /**
         * Landings held while mixing (the gold copy): each track once, in the order it first
         * landed, with the newest version that landed (the image keeps a track's newest data, so
         * one entry per track holds what they all would): memory follows the tracks the
         * resynchronisation touches, not its length.
         */
        long[] heldTracks = new long[16];
        long[] heldVersions = new long[16];
        int heldCount;
        /** Track → its index in heldTracks. */
        LongLongMap heldIndex = new LongLongMap(16);

        void hold(long track, long version) {
            long at = heldIndex.getOrDefault(track, -1);
            if (at >= 0) {
                heldVersions[(int) at] = Math.max(heldVersions[(int) at], version);
                return;
            }
            if (heldCount == heldTracks.length) {
                heldTracks = java.util.Arrays.copyOf(heldTracks, heldCount * 2);
                heldVersions = java.util.Arrays.copyOf(heldVersions, heldCount * 2);
            }
            heldIndex.put(track, heldCount);
            heldTracks[heldCount] = track;
            heldVersions[heldCount++] = version;
        }

        void forgetHeld() {
            heldCount = 0;
            heldIndex = new LongLongMap(16);
        }

        Pair(Volume primaryVolume, Volume secondary, WanLink link) {
            this.primaryVolume = primaryVolume;
            this.secondary = secondary;
            this.trackShift = secondary.firstTrack() - primaryVolume.firstTrack();
            this.link = link;
            this.out = link.from(primary.site());
            this.back = link.from(secondary.box().site());
            this.data = RemotePath.between(primary, secondary.box(), out);
        }
    }

    /** One replicated host write on its way. */
    private static final class Op {
        final HostIo io;
        final TrackImage.Write write;
        final Runnable acknowledgeHost;
        final long startNs;
        boolean done;

        Op(HostIo io, TrackImage.Write write, Runnable acknowledgeHost, long startNs) {
            this.io = io;
            this.write = write;
            this.acknowledgeHost = acknowledgeHost;
            this.startNs = startNs;
        }
    }

    /**
     * @param primary     the box whose host writes are replicated; this handler installs itself on it
     * @param headerBytes protocol bytes sent with each write
     * @param ackBytes    size of the secondary's acknowledgement
     */
    public SyncReplication(Box primary, long headerBytes, long ackBytes) {
        this(primary, headerBytes, ackBytes, 1);
    }

    /**
     * @param roundTrips protocol round trips per write, ≥ 1 (1: write acceleration; 2: plain FCP)
     */
    public SyncReplication(Box primary, long headerBytes, long ackBytes, int roundTrips) {
        this(primary, headerBytes, ackBytes, roundTrips, SyncPolicy.STALL, new RecoverableImage(primary.scheduler()));
    }

    /**
     * @param policy what the pairs do when the link fails
     * @param image  the run's recoverable image (shared by every engine)
     */
    public SyncReplication(Box primary, long headerBytes, long ackBytes, int roundTrips, SyncPolicy policy,
                           RecoverableImage image) {
        if (roundTrips < 1) {
            throw new IllegalArgumentException("sync needs at least one round trip per write: " + roundTrips);
        }
        this.roundTrips = roundTrips;
        if (headerBytes < 0 || ackBytes < 0) {
            throw new IllegalArgumentException("sync header and ack sizes must be ≥ 0 bytes: " + headerBytes + ", " + ackBytes);
        }
        this.primary = primary;
        this.scheduler = primary.scheduler();
        this.headerBytes = headerBytes;
        this.ackBytes = ackBytes;
        this.policy = policy;
        this.image = image;
        this.space = image.newSpace();
        this.trackSizeBytes = primary.cache().trackSizeBytes();
        primary.setReplicationHandler(this);
    }

    /**
     * Pairs {@code primaryVolume} (on the primary box) with {@code secondaryVolume}, which must be
     * at least as large, over {@code link} (the direction leaving the primary's site carries writes).
     */
    public void addPair(Volume primaryVolume, Volume secondaryVolume, WanLink link) {
        primaryVolume.checkReplicatesTo(primary, secondaryVolume);
        if (pairs.containsKey(primaryVolume)) {
            throw new IllegalArgumentException("volume " + primaryVolume + " is already paired");
        }
        WanLink.Direction out = link.from(primary.site());
        if (!out.toSite().equals(secondaryVolume.box().site())) {
            throw new IllegalArgumentException("link " + link.name() + " does not join " + primary.site().name()
                    + " to " + secondaryVolume.box().site().name());
        }
        Pair p = new Pair(primaryVolume, secondaryVolume, link);
        pairs.put(primaryVolume, p);
        pairList.add(p);
        if (policy.onLinkFailure() == SyncPolicy.OnLinkFailure.SUSPEND) {
            link.addStateListener(() -> {
                if (p.state == State.SUSPENDED && p.out.isUp() && p.back.isUp()) {
                    startResync(p);
                }
            });
        }
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Pair p = pairs.get(io.volume());
        if (p == null) {
            acknowledgeHost.run();
            return;
        }
        TrackImage.Write w = image.write(space, io.firstTrack(), io.trackCount(), io.sizeBytes(),
                io.isDependent() ? io.streamId() : -1, io.chainIndex());
        if (p.state != State.SYNC) {
            markOwed(p, io);
            image.acknowledged(w);
            acknowledgeHost.run();
            return;
        }
        syncBytes += io.sizeBytes();
        Op op = new Op(io, w, acknowledgeHost, scheduler.now());
        if (policy.onLinkFailure() == SyncPolicy.OnLinkFailure.SUSPEND) {
            p.waiting.addLast(op);
            armTimer(p);
        }
        exchange(p, op, roundTrips);
    }

    /** The write's remaining {@code left} round trips: command exchanges, then the data and its acknowledgement. */
    private void exchange(Pair p, Op op, int left) {
        if (left > 1) {
            p.out.send(headerBytes, () -> p.back.send(ackBytes, () -> exchange(p, op, left - 1)));
            return;
        }
        HostIo io = op.io;
        Box secondary = p.secondary.box();
        long first = io.firstTrack();
        int count = io.trackCount();
        long[] versions = new long[count];
        for (int i = 0; i < count; i++) {
            versions[i] = image.read(space, first + i);
        }
        WanLink.Direction back = p.back;
        long bytes = io.sizeBytes() + headerBytes;
        long payload = io.sizeBytes();
        p.data.sendAcknowledged(bytes, () -> secondary.cache().write(first + p.trackShift, count, () -> {
            secondaryWrittenBytes += payload;
            if (p.mixing) {
                for (int i = 0; i < count; i++) {
                    p.hold(first + i, versions[i]);
                }
            } else if (count == 1) {
                image.landedKeepingNewest(space, first, versions[0]);
            } else {
                long[] tracks = new long[count];
                for (int i = 0; i < count; i++) {
                    tracks[i] = first + i;
                }
                image.landedTogether(space, tracks, versions);
            }
            back.send(ackBytes, () -> complete(op));
        }));
    }

    /** The secondary's acknowledgement reached the primary: the host is acknowledged, unless a suspension did it. */
    private void complete(Op op) {
        if (op.done) {
            return;
        }
        op.done = true;
        image.acknowledged(op.write);
        op.acknowledgeHost.run();
    }

    // ---------------------------------------------------------------- suspension and resynchronisation

    /** One pending check, at the oldest waiting write's deadline. */
    private void armTimer(Pair p) {
        if (p.timerSet || p.waiting.isEmpty()) {
            return;
        }
        p.timerSet = true;
        scheduler.at(p.waiting.peekFirst().startNs + policy.suspendAfterNs(), Tie.CONTROL, () -> check(p));
    }

    private void check(Pair p) {
        p.timerSet = false;
        while (!p.waiting.isEmpty() && p.waiting.peekFirst().done) {
            p.waiting.pollFirst();
        }
        if (p.state != State.SYNC || p.waiting.isEmpty()) {
            return;
        }
        if (scheduler.now() - p.waiting.peekFirst().startNs >= policy.suspendAfterNs()) {
            suspend(p);
        } else {
            armTimer(p);
        }
    }

    private void suspend(Pair p) {
        long now = scheduler.now();
        p.state = State.SUSPENDED;
        suspensions++;
        p.suspendedSpans.add(new long[] {now, -1});
        for (Op op : p.waiting) {
            if (!op.done) {
                op.done = true;
                markOwed(p, op.io);
                image.acknowledged(op.write);
                op.acknowledgeHost.run();
            }
        }
        p.waiting.clear();
        if (p.out.isUp() && p.back.isUp()) {
            startResync(p);
        }
    }

    private void markOwed(Pair p, HostIo io) {
        int first = (int) (io.firstTrack() - p.primaryVolume.firstTrack());
        for (int i = 0; i < io.trackCount(); i++) {
            if (!p.owed.get(first + i)) {
                p.owed.set(first + i);
                p.owedCount++;
                owedMarkBytes += trackSizeBytes;
            }
        }
    }

    private void startResync(Pair p) {
        p.state = State.RESYNC;
        p.cursor = 0;
        pump(p);
    }

    /** Keeps up to {@link #RESYNC_IN_FLIGHT} copies going; back in sync when nothing is owed or in flight. */
    private void pump(Pair p) {
        while (p.copiesInFlight < RESYNC_IN_FLIGHT && p.owedCount > 0) {
            int t = p.owed.nextSetBit(p.cursor);
            if (t < 0) {
                t = p.owed.nextSetBit(0);
            }
            p.owed.clear(t);
            p.owedCount--;
            p.cursor = t + 1;
            copy(p, p.primaryVolume.firstTrack() + t);
        }
        if (p.state == State.RESYNC && p.owedCount == 0 && p.copiesInFlight == 0) {
            p.state = State.SYNC;
            p.suspendedSpans.get(p.suspendedSpans.size() - 1)[1] = scheduler.now();
            if (p.mixing) {
                // the secondary equals the primary again: the held landings enter the image together
                p.mixing = false;
                image.landedTogether(space, java.util.Arrays.copyOf(p.heldTracks, p.heldCount),
                        java.util.Arrays.copyOf(p.heldVersions, p.heldCount));
                p.forgetHeld();
            }
        }
    }

    private void copy(Pair p, long track) {
        long version = image.read(space, track);
        p.copiesInFlight++;
        copyStartedBytes += trackSizeBytes;
        long bytes = trackSizeBytes + headerBytes;
        Box secondary = p.secondary.box();
        p.data.sendAcknowledged(bytes, () -> secondary.cache().write(track + p.trackShift, 1, () -> {
            secondaryWrittenBytes += trackSizeBytes;
            p.mixing = true;
            p.hold(track, version);
            p.back.send(ackBytes, () -> {
                p.copiesInFlight--;
                pump(p);
            });
        }));
    }

    // ---------------------------------------------------------------- queries

    public int roundTrips() {
        return roundTrips;
    }

    public Box primary() {
        return primary;
    }

    public SyncPolicy policy() {
        return policy;
    }

    /** The recoverable image this engine reports to. */
    public RecoverableImage image() {
        return image;
    }

    /** Times a pair suspended. */
    public long suspensions() {
        return suspensions;
    }

    /** Tracks owed now, over all pairs (not yet taken by a copy). */
    public long owedTracks() {
        long n = 0;
        for (Pair p : pairList) {
            n += p.owedCount;
        }
        return n;
    }

    /**
     * Bytes hosts wrote for the secondaries, after folding (docs/model.md §8.4): the payload of every
     * write replicated in sync, plus one track for each track newly owed (rewrites of an owed track
     * fold into it). Equals {@link #secondaryWrittenBytes()} + {@link #inFlightBytes()} +
     * {@link #owedTracks()} × track size at every instant.
     */
    public long replicatedBytes() {
        return syncBytes + owedMarkBytes;
    }

    /** Bytes written at the secondaries: write payloads and whole-track resynchronisation copies. */
    public long secondaryWrittenBytes() {
        return secondaryWrittenBytes;
    }

    /**
     * Bytes on their way (docs/model.md §8.4): writes replicated in sync and copies started, not yet
     * written at the secondary (in the protocol, the adapters, on the link or waiting for its cache).
     */
    public long inFlightBytes() {
        return syncBytes + copyStartedBytes - secondaryWrittenBytes;
    }

    /** Whether every pair is in sync. */
    public boolean inSync() {
        for (Pair p : pairList) {
            if (p.state != State.SYNC) {
                return false;
            }
        }
        return true;
    }

    /** Suspended spans of all pairs as {start, end} ns ({@code end} = −1 while suspended or resynchronising). */
    public List<long[]> suspendedSpans() {
        List<long[]> out = new ArrayList<>();
        for (Pair p : pairList) {
            for (long[] s : p.suspendedSpans) {
                out.add(s.clone());
            }
        }
        return out;
    }
}
