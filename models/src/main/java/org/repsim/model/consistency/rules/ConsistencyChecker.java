package org.repsim.model.consistency.rules;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.repsim.core.collect.LongIntMinQueue;

/**
 * Dependent-write consistency checker (docs/model.md §2, §6, §8.3) and data-loss measurement at a
 * disaster (§7), keeping records only for writes still pending.
 *
 * <p><b>Model.</b> Every host write the engine reports has a box (its primary box, whose
 * secondary applies it) and a tag: its cycle number (cycle mode, host-coordinated or {@code none})
 * or its shuttle sequence number (shuttle mode). A write of a <i>stream</i> has an index in that
 * stream's dependent chain w0, w1, w2, … (each issued only after the previous was acknowledged,
 * possibly on another box); writes of open-loop workloads use stream {@link #INDEPENDENT} and only
 * count for data loss. Each box b has an applied mark {@code appliedThrough(b)}: its secondary has
 * applied every tag ≤ that mark (tags are applied whole and in order, §5).
 *
 * <p><b>Image.</b> The secondaries' common image is the union of the per-box applied images:
 * {@code Image = { w : tag(w) ≤ appliedThrough(box(w)) }}. The image is <i>consistent</i> when it
 * holds a prefix of every chain: if w_i ∈ Image then w_0 … w_{i-1} ∈ Image. A <i>violation</i> is
 * counted once for every chained write that enters the image while an earlier write of its chain
 * is absent. In modes with a group commit (§6a coordinated apply, §6b committed numbers) the engine
 * reports the group decision with {@link #onGroupApplied(long)}, which moves every box's mark at
 * once (a committed cycle/number will be applied by every secondary, so recovery sees it on all);
 * in mode {@code none} each box's secondary applies on its own and the engine reports
 * {@link #onApplied(int, long)} per box — which is where violations show.
 *
 * <p><b>Memory.</b> A chained write has a record while it is pending (tagged, not yet in the
 * image), and while it is in the image behind a hole of its chain (released when the hole fills).
 * Per stream only the next expected index and a list of its pending records; per box a heap of its
 * pending records by tag. An independent write only counts for data loss, which needs its bytes and
 * acknowledgement time only as sums and extremes per tag: it has a record from its tag to its
 * acknowledgement, then it is added to its box's {@link Bucket} of that tag, one per tag pending.
 * So open-loop workloads, however many writes a cycle holds, keep memory in proportion to the
 * tags pending and the writes awaiting acknowledgement. After every write has been applied
 * consistently, {@link #storedRecords()} is 0.
 *
 * <p><b>Call sequence</b> for an engine:
 * <ol>
 *   <li>When a host write gets its tag (cycle at capture, shuttle {@code curSeq}, or a held write
 *       released by a window): {@code long h = onWriteTagged(stream, index, box, tag, sizeBytes, nowNs)};
 *       a chained write's index is the previous index of its stream + 1, starting at 0.</li>
 *   <li>When the host receives the write's acknowledgement: {@code onAcknowledged(h, nowNs)}.</li>
 *   <li>When a secondary has applied (mode {@code none}) or the group has committed (cycle/host:
 *       {@link GroupApplyGate}; shuttle: {@link ShuttleCommitTracker}) tags up to t:
 *       {@code onApplied(box, t)} or {@code onGroupApplied(t)}; each returns the violations it found.</li>
 *   <li>At a disaster at time t: {@code lossAt(t)}.</li>
 * </ol>
 */
public final class ConsistencyChecker {

    /** Stream id of writes that belong to no dependent chain (open-loop workloads). */
    public static final int INDEPENDENT = -1;

    private static final byte FREE = 0;
    private static final byte PENDING = 1;
    /** In the image but still linked behind a pending earlier write of its stream. */
    private static final byte BEYOND_HOLE = 2;
    /** An independent write between its tag and its acknowledgement (its LINK field names its bucket). */
    private static final byte AWAITING_ACK = 3;
    private static final int NO_SLOT = -1;
    private static final int MAX_STREAMS = 1 << 24;
    /** Free records {@link #anticipateTag} reads: a few writes arrive between one's arrival and its tag. */
    private static final int ANTICIPATED_TAGS = 4;

    private final int boxCount;
    private final long[] appliedThrough;
    private final LongIntMinQueue[] pendingByBox;
    /** Per box, the buckets of its pending independent writes. */
    private final BoxBuckets[] bucketsByBox;
    /** Buckets by id (their records name them by id and generation); free ids are reused. */
    private Bucket[] buckets = new Bucket[16];
    private int[] freeBucketIds = new int[16];
    private int freeBucketCount;
    private int bucketsMade;
    /** The latest acknowledgement reported (ns); {@link #lossAt} may not ask about an earlier time. */
    private long latestAckNs = Long.MIN_VALUE;

    // Write records indexed by slot; slots are recycled through a free stack. A record's fields
    // share one array, four longs a slot (so a write touches one cache line, not one per field):
    // [generation << 32 | state], [stream << 32 | next slot in stream], bytes, acknowledgement ns.
    // The chain index is only kept for chained writes, in its own array.
    private static final int STRIDE = 4;
    private static final int HEAD = 0;
    private static final int LINK = 1;
    private static final int BYTES = 2;
    private static final int ACK = 3;
    private int capacity = 64;
    private long[] rec = new long[capacity * STRIDE];
    private long[] indexOf = new long[capacity];
    private int[] freeSlots = new int[capacity];
    private int freeCount;
    private int highWater;
    /** Keeps the reads of {@link #anticipateTag} (a read whose value nobody uses would be dropped). */
    private long touched;

    // Per stream: next expected chain index, and its linked list of records in index order.
    private long[] nextIndex = new long[16];
    private int[] head = new int[16];
    private int[] tail = new int[16];
    private int streamCapacity;

    // Scratch list of chained writes entering the image during one apply.
    private int[] entered = new int[64];
    private int enteredCount;

    private long pendingWrites;
    private long beyondHole;
    private long violations;
    private long inconsistentApplies;
    private long applies;
    private long writesTagged;
    private long writesApplied;

    /** @param boxCount primary boxes (each with its secondary) in the group, indexed 0..n-1 */
    public ConsistencyChecker(int boxCount) {
        if (boxCount < 1) {
            throw new IllegalArgumentException("consistency checker needs at least 1 box, got " + boxCount);
        }
        this.boxCount = boxCount;
        this.appliedThrough = new long[boxCount];
        Arrays.fill(appliedThrough, -1L);
        this.pendingByBox = new LongIntMinQueue[boxCount];
        this.bucketsByBox = new BoxBuckets[boxCount];
        for (int b = 0; b < boxCount; b++) {
            pendingByBox[b] = new LongIntMinQueue();
            bucketsByBox[b] = new BoxBuckets();
        }
    }

    /**
     * One box's buckets by tag. Tags almost always come in increasing order (cycle and shuttle
     * numbers only grow): those buckets queue in a run, oldest first, found and applied without a
     * map; a bucket for an older tag than the run's newest (an owed write's) goes to a map beside it.
     */
    private static final class BoxBuckets {
        final ArrayDeque<Bucket> run = new ArrayDeque<>();
        final TreeMap<Long, Bucket> others = new TreeMap<>();
        /** The bucket written last: the next write of the box almost always has its tag. */
        Bucket last;

        /** The bucket of {@code tag}, or null. */
        Bucket find(long tag) {
            if (last != null && last.tag == tag) {
                return last;
            }
            Bucket newest = run.peekLast();
            if (newest != null && tag < newest.tag || newest == null && !others.isEmpty()) {
                for (Bucket b : run) {
                    if (b.tag == tag) {
                        return b;
                    }
                }
                return others.get(tag);
            }
            return newest != null && newest.tag == tag ? newest : null;
        }

        void add(Bucket b) {
            Bucket newest = run.peekLast();
            if (newest == null || b.tag > newest.tag) {
                run.addLast(b);
            } else {
                others.put(b.tag, b);
            }
        }

        /** Removes and returns a bucket with a tag ≤ {@code throughTag}, or null when none is left. */
        Bucket pollThrough(long throughTag) {
            Bucket oldest = run.peekFirst();
            if (oldest != null && oldest.tag <= throughTag) {
                return run.pollFirst();
            }
            if (!others.isEmpty() && others.firstKey() <= throughTag) {
                return others.pollFirstEntry().getValue();
            }
            return null;
        }
    }

    /**
     * The independent writes of one box and tag that are pending: how many, and of those
     * acknowledged, how many, their bytes and their first and last acknowledgement times.
     */
    private static final class Bucket {
        final int id;
        /** Grows when the bucket is applied and its id freed: records of the old use stop matching. */
        int generation;
        long tag;
        long writes;
        long acked;
        long ackedBytes;
        long firstAckNs;
        long lastAckNs;

        Bucket(int id) {
            this.id = id;
        }
    }

    /**
     * A host write got its tag.
     *
     * @param stream       its dependent chain, or {@link #INDEPENDENT}
     * @param indexInChain its position in the chain (previous + 1, from 0); ignored for independent writes
     * @param box          its primary box
     * @param tag          its cycle or sequence number (≥ 0, above the box's applied mark)
     * @param sizeBytes    its size (bytes, ≥ 0)
     * @param nowNs        the tagging time (ns), kept only as a fallback acknowledgement time
     * @return a handle for {@link #onAcknowledged(long, long)}
     */
    public long onWriteTagged(int stream, long indexInChain, int box, long tag, long sizeBytes, long nowNs) {
        checkBox(box);
        if (tag < 0) {
            throw new IllegalArgumentException("write tag must be >= 0, got " + tag);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("write size must be >= 0 bytes, got " + sizeBytes);
        }
        if (tag <= appliedThrough[box]) {
            throw new IllegalArgumentException("write tagged " + tag + " at box " + box
                    + " but the box's secondary already applied through " + appliedThrough[box]);
        }
        if (stream != INDEPENDENT) {
            if (stream < 0 || stream >= MAX_STREAMS) {
                throw new IllegalArgumentException("stream id must be " + INDEPENDENT + " or in 0.."
                        + (MAX_STREAMS - 1) + ", got " + stream);
            }
            ensureStream(stream);
            if (indexInChain != nextIndex[stream]) {
                throw new IllegalArgumentException("stream " + stream + " write has chain index " + indexInChain
                        + " but the next index is " + nextIndex[stream]);
            }
        }
        int slot = allocate();
        int r = slot * STRIDE;
        long generation = rec[r + HEAD] >>> 32;
        pendingWrites++;
        writesTagged++;
        if (stream == INDEPENDENT) {
            Bucket bucket = bucket(box, tag);
            bucket.writes++;
            rec[r + HEAD] = generation << 32 | AWAITING_ACK;
            rec[r + LINK] = (long) bucket.generation << 32 | bucket.id;
            rec[r + BYTES] = sizeBytes;
            return (generation << 32) | slot;
        }
        rec[r + HEAD] = generation << 32 | PENDING;
        rec[r + LINK] = link(stream, NO_SLOT);
        rec[r + BYTES] = sizeBytes;
        rec[r + ACK] = -1L;
        indexOf[slot] = indexInChain;
        nextIndex[stream] = indexInChain + 1;
        if (tail[stream] == NO_SLOT) {
            head[stream] = slot;
        } else {
            int t = tail[stream] * STRIDE + LINK;
            rec[t] = link(streamOf(tail[stream]), slot);
        }
        tail[stream] = slot;
        pendingByBox[box].push(tag, slot);
        return (generation << 32) | slot;
    }

    /** The bucket of the box's independent writes with this tag, made when it is the first. */
    private Bucket bucket(int box, long tag) {
        BoxBuckets buckets = bucketsByBox[box];
        Bucket b = buckets.find(tag);
        if (b == null) {
            b = newBucket(tag);
            buckets.add(b);
        }
        buckets.last = b;
        return b;
    }

    private Bucket newBucket(long tag) {
        Bucket b;
        if (freeBucketCount > 0) {
            b = buckets[freeBucketIds[--freeBucketCount]];
        } else {
            if (bucketsMade == buckets.length) {
                buckets = Arrays.copyOf(buckets, bucketsMade * 2);
                freeBucketIds = Arrays.copyOf(freeBucketIds, bucketsMade * 2);
            }
            b = new Bucket(bucketsMade);
            buckets[bucketsMade++] = b;
        }
        b.tag = tag;
        b.writes = 0;
        b.acked = 0;
        b.ackedBytes = 0;
        b.firstAckNs = Long.MAX_VALUE;
        b.lastAckNs = Long.MIN_VALUE;
        return b;
    }

    /** The bucket's writes entered the image: it is forgotten, its records' later acknowledgements ignored. */
    private void freeBucket(int box, Bucket b) {
        pendingWrites -= b.writes;
        writesApplied += b.writes;
        if (bucketsByBox[box].last == b) {
            bucketsByBox[box].last = null;
        }
        b.generation++;
        freeBucketIds[freeBucketCount++] = b.id;
    }

    /**
     * A write will be tagged soon: reads the records the next few tags will take (the top of the
     * free stack), so that their cache misses overlap with the caller's other reads instead of
     * stalling the tag. A performance hint: changes nothing.
     */
    public void anticipateTag() {
        for (int k = 1; k <= ANTICIPATED_TAGS && k <= freeCount; k++) {
            touched += rec[freeSlots[freeCount - k] * STRIDE + HEAD];
        }
    }

    /**
     * The host received the acknowledgement of the write with this handle. A write already in
     * the image is not tracked any more and its acknowledgement is ignored.
     */
    public void onAcknowledged(long handle, long nowNs) {
        int slot = (int) handle;
        int gen = (int) (handle >>> 32);
        if (slot < 0 || slot >= highWater) {
            throw new IllegalArgumentException("unknown write handle " + handle);
        }
        int r = slot * STRIDE;
        latestAckNs = Math.max(latestAckNs, nowNs);
        long head = rec[r + HEAD];
        if (head == ((long) gen << 32 | AWAITING_ACK)) {
            long link = rec[r + LINK];
            Bucket b = buckets[(int) link];
            if (b.generation == (int) (link >>> 32)) {
                b.acked++;
                b.ackedBytes += rec[r + BYTES];
                b.firstAckNs = Math.min(b.firstAckNs, nowNs);
                b.lastAckNs = Math.max(b.lastAckNs, nowNs);
            } // else its tag was applied before it was acknowledged: already in the image
            release(slot);
            return;
        }
        if (head != ((long) gen << 32 | PENDING)) {
            return; // recycled slot, or a write already in the image (or an independent one acknowledged)
        }
        if (rec[r + ACK] >= 0) {
            throw new IllegalStateException("write handle " + handle + " acknowledged twice");
        }
        rec[r + ACK] = nowNs;
    }

    /**
     * The secondary of {@code box} applied every tag ≤ {@code throughTag} (mode {@code none}).
     *
     * @return violations found by this apply
     */
    public int onApplied(int box, long throughTag) {
        checkBox(box);
        checkMonotone(box, throughTag);
        enteredCount = 0;
        collect(box, throughTag);
        return settle();
    }

    /**
     * The group committed every tag ≤ {@code throughTag}: every box's mark moves at once
     * (§6a coordinated apply, §6b committed numbers); boxes already past it are unchanged.
     *
     * @return violations found by this apply
     */
    public int onGroupApplied(long throughTag) {
        enteredCount = 0;
        for (int b = 0; b < boxCount; b++) {
            if (throughTag > appliedThrough[b]) {
                collect(b, throughTag);
            }
        }
        return settle();
    }

    /**
     * The group committed tags up to a mark per box: box b's image holds every tag ≤
     * {@code throughByBox[b]} (a box whose secondary misses part of a committed number holds a
     * whole image only below it, docs/model.md §6b). Boxes move together, as in
     * {@link #onGroupApplied(long)}; a mark below a box's current one leaves it unchanged.
     *
     * @return violations found by this apply
     */
    public int onGroupApplied(long[] throughByBox) {
        if (throughByBox.length != boxCount) {
            throw new IllegalArgumentException("one mark per box expected: " + boxCount + ", got " + throughByBox.length);
        }
        enteredCount = 0;
        for (int b = 0; b < boxCount; b++) {
            if (throughByBox[b] > appliedThrough[b]) {
                collect(b, throughByBox[b]);
            }
        }
        return settle();
    }

    /**
     * Data lost if the primary site were lost at {@code disasterNs} (docs/model.md §7): acknowledged
     * (at or before {@code disasterNs}) writes absent from the image. Costs one pass over the
     * stored records and the buckets. Independent writes are counted per tag, so
     * {@code disasterNs} may not precede an acknowledgement already reported: a disaster is
     * measured when it happens.
     *
     * @throws IllegalArgumentException if an acknowledgement later than {@code disasterNs} was reported
     */
    public DataLoss lossAt(long disasterNs) {
        if (disasterNs < latestAckNs) {
            throw new IllegalArgumentException("data loss asked at " + disasterNs + " ns, before an acknowledgement"
                    + " already reported at " + latestAckNs + " ns (a disaster is measured when it happens)");
        }
        long lost = 0;
        long bytes = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        long beyond = 0;
        for (BoxBuckets box : bucketsByBox) {
            for (Iterable<Bucket> buckets : List.of(box.run, box.others.values())) {
                for (Bucket b : buckets) {
                    if (b.acked > 0) {
                        lost += b.acked;
                        bytes += b.ackedBytes;
                        oldest = Math.min(oldest, b.firstAckNs);
                        newest = Math.max(newest, b.lastAckNs);
                    }
                }
            }
        }
        for (int s = 0; s < highWater; s++) {
            byte st = state(s);
            if (st == PENDING) {
                long ack = rec[s * STRIDE + ACK];
                if (ack >= 0 && ack <= disasterNs) {
                    lost++;
                    bytes += rec[s * STRIDE + BYTES];
                    oldest = Math.min(oldest, ack);
                    newest = Math.max(newest, ack);
                }
            } else if (st == BEYOND_HOLE) {
                beyond++;
            }
        }
        return lost == 0
                ? new DataLoss(disasterNs, 0, 0, -1, -1, beyond)
                : new DataLoss(disasterNs, lost, bytes, oldest, newest, beyond);
    }

    /** Chained writes that entered the image while an earlier write of their chain was absent. */
    public long violations() {
        return violations;
    }

    /** Applies after which the image did not hold a prefix of every chain. */
    public long inconsistentApplies() {
        return inconsistentApplies;
    }

    /** Whether the image currently holds a prefix of every chain. */
    public boolean consistentNow() {
        return beyondHole == 0;
    }

    /** Apply calls so far ({@link #onApplied} and {@link #onGroupApplied}). */
    public long applies() {
        return applies;
    }

    /** Writes tagged, not yet in the image. */
    public long pendingWrites() {
        return pendingWrites;
    }

    /**
     * Writes still accounted for: pending writes plus writes in the image behind a hole of their
     * chain (an independent pending write is a count in its bucket once acknowledged).
     */
    public long storedRecords() {
        return pendingWrites + beyondHole;
    }

    public long writesTagged() {
        return writesTagged;
    }

    public long writesApplied() {
        return writesApplied;
    }

    /** The highest tag applied at {@code box}'s secondary (-1 before any). */
    public long appliedThrough(int box) {
        checkBox(box);
        return appliedThrough[box];
    }

    public int boxCount() {
        return boxCount;
    }

    /** Most record slots ever in use at once (slots are recycled); for memory tests. */
    int slotHighWater() {
        return highWater;
    }

    private void checkMonotone(int box, long throughTag) {
        if (throughTag < appliedThrough[box]) {
            throw new IllegalArgumentException("box " + box + " applied through " + throughTag
                    + " after already applying through " + appliedThrough[box] + " (applies go in tag order)");
        }
    }

    /** Phase 1 of an apply: moves the box's writes with tag ≤ throughTag into the image. */
    private void collect(int box, long throughTag) {
        appliedThrough[box] = throughTag;
        for (Bucket b; (b = bucketsByBox[box].pollThrough(throughTag)) != null; ) {
            freeBucket(box, b);
        }
        LongIntMinQueue heap = pendingByBox[box];
        while (!heap.isEmpty() && heap.peekKey() <= throughTag) {
            int slot = heap.pop();
            pendingWrites--;
            writesApplied++;
            if (enteredCount == entered.length) {
                entered = Arrays.copyOf(entered, enteredCount * 2);
            }
            entered[enteredCount++] = slot;
            setState(slot, BEYOND_HOLE); // until the stream's head is cleaned in settle()
            beyondHole++;
        }
    }

    /**
     * Phase 2 of an apply, after every box moved (so writes entering together never count against
     * each other): a chained write that entered is a violation if its stream still has a pending
     * write with a smaller index.
     */
    private int settle() {
        applies++;
        int found = 0;
        for (int i = 0; i < enteredCount; i++) {
            int slot = entered[i];
            int stream = streamOf(slot);
            long index = indexOf[slot];
            int h = cleanHead(stream);
            if (h != NO_SLOT && indexOf[h] < index) {
                found++;
            }
        }
        violations += found;
        if (beyondHole > 0) {
            inconsistentApplies++;
        }
        enteredCount = 0;
        return found;
    }

    /** Drops the records at the head of a stream that are in the image; returns the first pending one. */
    private int cleanHead(int stream) {
        int h = head[stream];
        while (h != NO_SLOT && state(h) == BEYOND_HOLE) {
            int next = (int) rec[h * STRIDE + LINK];
            beyondHole--;
            release(h);
            h = next;
        }
        head[stream] = h;
        if (h == NO_SLOT) {
            tail[stream] = NO_SLOT;
        }
        return h;
    }

    private int allocate() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (highWater == capacity) {
            capacity *= 2;
            rec = Arrays.copyOf(rec, capacity * STRIDE);
            indexOf = Arrays.copyOf(indexOf, capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
        }
        return highWater++;
    }

    /** Frees a slot; its fields stay readable until the next allocation. */
    private void release(int slot) {
        int r = slot * STRIDE + HEAD;
        rec[r] = ((rec[r] >>> 32) + 1) << 32 | FREE; // next generation: old handles stop matching
        freeSlots[freeCount++] = slot;
    }

    private byte state(int slot) {
        return (byte) rec[slot * STRIDE + HEAD];
    }

    private void setState(int slot, byte st) {
        int r = slot * STRIDE + HEAD;
        rec[r] = (rec[r] & ~0xFFL) | st;
    }

    private int streamOf(int slot) {
        return (int) (rec[slot * STRIDE + LINK] >> 32);
    }

    private static long link(int stream, int next) {
        return (long) stream << 32 | (next & 0xFFFFFFFFL);
    }

    private void ensureStream(int stream) {
        if (stream < streamCapacity) {
            return;
        }
        int newCapacity = Math.max(stream + 1, Math.max(16, streamCapacity * 2));
        if (newCapacity > nextIndex.length) {
            nextIndex = Arrays.copyOf(nextIndex, newCapacity);
            head = Arrays.copyOf(head, newCapacity);
            tail = Arrays.copyOf(tail, newCapacity);
        }
        Arrays.fill(head, streamCapacity, newCapacity, NO_SLOT);
        Arrays.fill(tail, streamCapacity, newCapacity, NO_SLOT);
        streamCapacity = newCapacity;
    }

    private void checkBox(int box) {
        if (box < 0 || box >= boxCount) {
            throw new IllegalArgumentException("box index must be in 0.." + (boxCount - 1) + ", got " + box);
        }
    }
}
