package org.repsim.model;

import org.repsim.core.collect.ColumnRing;

/**
 * The way of replication transfers from one box to another over one link direction
 * (docs/model.md §1, §7a). A data transfer (a write, a cycle slot, a commit, a track copy) of
 * {@code b} bytes passes, in turn:
 * <ol>
 *   <li>the sender's compression pool, {@code b ÷ throughput}, when the sender compresses and the
 *       link's compression ratio is above 1;</li>
 *   <li>the sender's remote adapters: overhead + {@code w ÷ portSpeed}, {@code w} the bytes on
 *       the wire ({@link WanLink.Direction#wireBytes});</li>
 *   <li>the link;</li>
 *   <li>the receiver's remote adapters: overhead + {@code w ÷ portSpeed};</li>
 *   <li>the receiver's decompression pool, {@code b ÷ throughput}, under the same conditions as 1;</li>
 * </ol>
 * and is then delivered (its action runs). A transfer sent with {@link #sendAcknowledged} is one the
 * receiver answers (a sync or ordered write, a cycle's commit): the receiver's adapter job then
 * also costs the acknowledgement's overhead, and the engine sends the acknowledgement straight
 * over the link's other direction [design: the port that received the data returns its status as
 * part of the same exchange, without a second trip through the adapters' queue; the status costs
 * the port that opened the exchange nothing].
 *
 * <p>Order [design]: each stage hands transfers on in the order they were sent — the k-th job of
 * a stage to finish passes the stage's k-th transfer on — so a pool of several ports with unequal
 * jobs never reorders one path's transfers, and the link and the receiver see them in send order
 * (the cycle transmitter and the ordered engine rely on it). A stage's jobs still run in parallel on
 * the pool's servers, so its busy time is exactly the sum of its jobs.
 */
public final class RemotePath {
    private static final int COMPRESS = 0;
    private static final int SEND = 1;
    private static final int LINK = 2;
    private static final int RECEIVE = 3;
    private static final int DECOMPRESS = 4;
    private static final int DELIVERED = 5;

    private final Box sender;
    private final Box receiver;
    private final WanLink.Direction link;
    /** The pool of each stage; null where the stage costs nothing (LINK is never null-checked). */
    private final Processor[] pools = new Processor[DELIVERED];
    private final double compressBps;
    private final double decompressBps;
    /** Per stage, transfers it has handed on (absolute count since the path was made). */
    private final long[] passed = new long[DELIVERED];
    private final Runnable[] stageDone = new Runnable[DELIVERED];

    /** Transfers sent and not yet delivered, oldest first: raw bytes (long0) and delivery action. */
    private final ColumnRing inTransit = new ColumnRing(1, 0, true, 16);
    /** Absolute number of the ring's oldest transfer. */
    private long headSeq;

    private RemotePath(Box sender, Box receiver, WanLink.Direction link) {
        if (!link.fromSite().equals(sender.site()) || !link.toSite().equals(receiver.site())) {
            throw new IllegalArgumentException("link direction " + link.name() + " does not lead from box "
                    + sender.name() + " to box " + receiver.name());
        }
        this.sender = sender;
        this.receiver = receiver;
        this.link = link;
        boolean compresses = link.compressionRatio() > 1;
        if (compresses && sender.compressionPool() != null) {
            pools[COMPRESS] = sender.compressionPool();
        }
        compressBps = sender.compressionBps();
        pools[SEND] = sender.remoteAdapters();
        pools[RECEIVE] = receiver.remoteAdapters();
        if (compresses && receiver.compressionPool() != null) {
            pools[DECOMPRESS] = receiver.compressionPool();
        }
        decompressBps = receiver.compressionBps();
        for (int s = 0; s < DELIVERED; s++) {
            int stage = s;
            stageDone[s] = () -> onStageDone(stage);
        }
    }

    /** The path of replication transfers from {@code sender} to {@code receiver} over {@code link}. */
    public static RemotePath between(Box sender, Box receiver, WanLink.Direction link) {
        return new RemotePath(sender, receiver, link);
    }

    /** Sends {@code transferBytes} (before compression); {@code onDelivered} runs once the receiver's stages are done. */
    public void send(long transferBytes, Runnable onDelivered) {
        add(transferBytes, onDelivered, false);
    }

    /**
     * As {@link #send}, for a transfer the receiver acknowledges: its adapter job also costs the
     * acknowledgement's overhead, which the caller then sends over the link's other direction.
     */
    public void sendAcknowledged(long transferBytes, Runnable onDelivered) {
        add(transferBytes, onDelivered, true);
    }

    private void add(long transferBytes, Runnable onDelivered, boolean acknowledged) {
        if (transferBytes < 0) {
            throw new IllegalArgumentException("path " + link.name() + ": negative transfer size " + transferBytes);
        }
        // an acknowledged transfer is kept as the complement of its size (a negative number)
        inTransit.add(acknowledged ? ~transferBytes : transferBytes, onDelivered);
        enter(COMPRESS, headSeq + inTransit.size() - 1);
    }

    /** Transfer {@code seq} enters the first stage from {@code stage} on that costs something. */
    private void enter(int stage, long seq) {
        int s = stage;
        while (s < DELIVERED && s != LINK && pools[s] == null) {
            s++;
        }
        if (s == DELIVERED) {
            deliver(seq);
            return;
        }
        long stored = inTransit.long0(inTransit.slotAt((int) (seq - headSeq)));
        long b = stored < 0 ? ~stored : stored;
        switch (s) {
            case COMPRESS -> pools[s].submit(Durations.transferNs(b, compressBps), stageDone[s]);
            case SEND -> pools[s].submit(sender.remoteAdapterNs(link.wireBytes(b)), stageDone[s]);
            case LINK -> link.send(b, stageDone[s]);
            case RECEIVE -> pools[s].submit(receiver.remoteAdapterNs(link.wireBytes(b))
                    + (stored < 0 ? receiver.remoteAdapterOverheadNs() : 0), stageDone[s]);
            case DECOMPRESS -> pools[s].submit(Durations.transferNs(b, decompressBps), stageDone[s]);
            default -> throw new IllegalStateException("no stage " + s);
        }
    }

    /** A job of {@code stage} finished: the stage hands on its oldest transfer still inside it. */
    private void onStageDone(int stage) {
        enter(stage + 1, passed[stage]++);
    }

    private void deliver(long seq) {
        if (seq != headSeq) {
            throw new IllegalStateException("path " + link.name() + ": transfer " + seq + " delivered before " + headSeq);
        }
        Runnable action = inTransit.action(inTransit.first());
        inTransit.removeFirst();
        headSeq++;
        action.run();
    }

    public WanLink.Direction link() {
        return link;
    }

    public Box sender() {
        return sender;
    }

    public Box receiver() {
        return receiver;
    }

    /** Transfers sent on this path and not yet delivered. */
    public int inTransit() {
        return inTransit.size();
    }
}
