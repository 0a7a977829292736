package org.repsim.model.sync;

import java.util.IdentityHashMap;
import java.util.Map;
import org.repsim.model.Box;
import org.repsim.model.HostIo;
import org.repsim.model.RemotePath;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;

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
 */
public final class SyncReplication implements ReplicationHandler {
    private final Box primary;
    private final long headerBytes;
    private final long ackBytes;
    private final int roundTrips;
    private final Map<Volume, Pair> pairs = new IdentityHashMap<>();

    /** A replication pair: where the primary volume's writes go and over which link directions. */
    private record Pair(Volume secondary, long trackShift, WanLink.Direction out, WanLink.Direction back,
                        RemotePath data) {
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
        if (roundTrips < 1) {
            throw new IllegalArgumentException("sync needs at least one round trip per write: " + roundTrips);
        }
        this.roundTrips = roundTrips;
        if (headerBytes < 0 || ackBytes < 0) {
            throw new IllegalArgumentException("sync header and ack sizes must be ≥ 0 bytes: " + headerBytes + ", " + ackBytes);
        }
        this.primary = primary;
        this.headerBytes = headerBytes;
        this.ackBytes = ackBytes;
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
        WanLink.Direction back = link.from(secondaryVolume.box().site());
        if (!out.toSite().equals(secondaryVolume.box().site())) {
            throw new IllegalArgumentException("link " + link.name() + " does not join " + primary.site().name()
                    + " to " + secondaryVolume.box().site().name());
        }
        Box secondary = secondaryVolume.box();
        pairs.put(primaryVolume, new Pair(secondaryVolume, secondaryVolume.firstTrack() - primaryVolume.firstTrack(), out, back,
                RemotePath.between(primary, secondary, out)));
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Pair p = pairs.get(io.volume());
        if (p == null) {
            acknowledgeHost.run();
            return;
        }
        exchange(p, io, roundTrips, acknowledgeHost);
    }

    /** The write's remaining {@code left} round trips: command exchanges, then the data and its acknowledgement. */
    private void exchange(Pair p, HostIo io, int left, Runnable acknowledgeHost) {
        if (left > 1) {
            p.out.send(headerBytes, () -> p.back.send(ackBytes, () -> exchange(p, io, left - 1, acknowledgeHost)));
            return;
        }
        Box secondary = p.secondary.box();
        long track = io.firstTrack() + p.trackShift;
        int count = io.trackCount();
        WanLink.Direction back = p.back;
        p.data.sendAcknowledged(io.sizeBytes() + headerBytes,
                () -> secondary.cache().write(track, count, () -> back.send(ackBytes, acknowledgeHost)));
    }

    public int roundTrips() {
        return roundTrips;
    }

    public Box primary() {
        return primary;
    }
}
