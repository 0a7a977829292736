package org.repsim.model.consistency;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.Scheduler;
import org.repsim.model.HostIo;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;
import org.repsim.model.consistency.rules.AckRule;
import org.repsim.model.consistency.rules.NumberTotal;
import org.repsim.model.consistency.rules.ReceivedCounts;
import org.repsim.model.consistency.rules.Shuttle;
import org.repsim.model.consistency.rules.ShuttleVisit;
import org.repsim.model.cycle.rules.SwitchOutcome;
import org.repsim.model.cycle.CycleEventListener;
import org.repsim.model.cycle.CycleSession;
import org.repsim.model.cycle.WriteTagListener;
import org.repsim.model.recovery.rules.TrackImage;

/**
 * One primary box of a consistency group: sits in front of its {@link CycleSession} as the box's
 * replication handler, so that every host write is tagged in the group's recoverable image and
 * its acknowledgement can be observed or (shuttle {@code after-round}) held until the entity's
 * next shuttle visit (docs/model.md §6b).
 *
 * <p>Writes to volumes the session does not pair go to the handler the box had before (e.g. a
 * {@code SessionRouter} toward other sessions), untouched. The session's pairs must be added
 * before the group is built.
 *
 * <p>Per write: the session tags it ({@link WriteTagListener}) and releases its acknowledgement
 * right after, in the same call. Where acknowledgements are held ({@code after-round}) the
 * session gets an {@link Ack} of this member to run, and the image's run of the write passes to it
 * through a field; otherwise the session gets the host's acknowledgement itself and the member
 * does the acknowledgement's bookkeeping when the write is tagged — no object per write.
 */
final class GroupMember implements ReplicationHandler, WriteTagListener {

    /**
     * Image number of a write that entered no cycle (session dropped): owed; in mode {@code none} it
     * enters the image when the session's resynchronisation ends, in a group when the group commits
     * after resuming.
     */
    static final long OWED_TAG = Long.MAX_VALUE / 4;

    private final ConsistencyGroup group;
    final int index;
    final CycleSession session;
    private final Scheduler scheduler;
    private final boolean shuttleMode;
    private final boolean holdAcks;

    /** The box's handler before this member took over: writes to volumes outside the session go there. */
    private final ReplicationHandler previous;
    private final Set<Volume> volumes =
            Collections.newSetFromMap(new IdentityHashMap<>());
    /** The member's volume the last write went to (most writes go to the same one). */
    private Volume lastMemberVolume;
    private TrackImage.Run taggedRun;
    private boolean taggedInCycle;

    /** Arrival times (ns) of writes the group held on arrival, until tagged (without after-round). */
    private final IdentityHashMap<HostIo, Long> heldArrivals = new IdentityHashMap<>();
    /** Acknowledgements held until the next shuttle visit ({@code after-round}), in tag order. */
    private final HeldAcknowledgements heldAcks = new HeldAcknowledgements();
    /** How many held acknowledgements ahead of the one released a visit reads ({@link HeldAcknowledgements#touch}). */
    private static final int RELEASE_LOOKAHEAD = 8;
    /** Numbers closed by this member and not yet applied at its secondary, oldest first. */
    final ArrayDeque<ClosedNumber> unapplied = new ArrayDeque<>();
    /** Shuttle: closed numbers whose received count the secondary has not yet reported, oldest first. */
    private final ArrayDeque<ClosedNumber> unreported = new ArrayDeque<>();
    /** Shuttle: what this member's secondary received per number, as the transfers carried it. */
    private final ReceivedCounts received = new ReceivedCounts();
    /** Shuttle, while the group is suspended: host bytes and writes tagged into the fresh capture cycle {@code freshNumber}. */
    private long freshNumber = -1;
    private long freshBytes;
    private long freshWrites;
    /** Shuttle: tag times (ns) of the writes tagged with the current curSeq. */
    private long[] tagTimes = new long[64];
    private int tagCount;

    /**
     * The acknowledgement of one host write as the session releases it (right after tagging it,
     * which for a paced write is later than its arrival); once held its parts go to
     * {@link HeldAcknowledgements} and this object is dropped.
     */
    final class Ack implements Runnable {
        final HostIo io;
        final Runnable hostAck;
        final long arrivedNs;
        final boolean held;

        Ack(HostIo io, Runnable hostAck, long arrivedNs, boolean held) {
            this.io = io;
            this.hostAck = hostAck;
            this.arrivedNs = arrivedNs;
            this.held = held;
        }

        @Override
        public void run() {
            onSessionAck(this);
        }
    }

    GroupMember(ConsistencyGroup group, int index, CycleSession session, Scheduler scheduler) {
        this.group = group;
        this.index = index;
        this.session = session;
        this.scheduler = scheduler;
        this.shuttleMode = group.mode() == ConsistencyMode.SHUTTLE;
        this.holdAcks = shuttleMode && group.config().shuttle().ack() == AckRule.AFTER_ROUND;
        if (session.pairedVolumes().isEmpty()) {
            throw new IllegalArgumentException("session " + session.name()
                    + " has no volume pairs: add its pairs before building the consistency group");
        }
        volumes.addAll(session.pairedVolumes());
        this.previous = session.primary().replicationHandler();
        session.addWriteTagListener(this);
        session.primary().setReplicationHandler(this);
    }

    /**
     * Puts the session under group control (docs/model.md §6): its numbering starts at 0 like every
     * member's, its secondary applies a cycle only once the group committed it, and
     * {@code onReceived} hears when the secondary holds a cycle whole.
     *
     * @param groupKind what the member joins, for the error message
     */
    void joinCoordinatedApply(String groupKind, CycleEventListener onReceived) {
        if (session.switcher().captureNumber() != 0) {
            throw new IllegalArgumentException("session " + session.name() + " must start at cycle 0 to join a "
                    + groupKind);
        }
        session.setApplyGate(group::mayApply);
        session.addCommittedListener(onReceived);
    }

    // ---------------------------------------------------------------- host writes

    @Override
    public void anticipate(HostIo io) {
        Volume v = io.volume();
        if (v == lastMemberVolume || volumes.contains(v)) {
            session.anticipate(io);
        } else {
            previous.anticipate(io);
        }
    }

    @Override
    public boolean holdsInCache(HostIo io) {
        Volume v = io.volume();
        return v == lastMemberVolume || volumes.contains(v) ? session.holdsInCache(io) : previous.holdsInCache(io);
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        Volume v = io.volume();
        if (v != lastMemberVolume && !volumes.contains(v)) {
            previous.onHostWrite(io, acknowledgeHost); // another session of the box (router), or none
            return;
        }
        lastMemberVolume = v;
        long now = scheduler.now();
        boolean held = group.onWriteArrived(index, now);
        if (holdAcks) {
            session.onHostWrite(io, new Ack(io, acknowledgeHost, now, held));
            return;
        }
        if (held) {
            heldArrivals.put(io, now);
        }
        session.onHostWrite(io, acknowledgeHost); // acknowledged just after onTagged
    }

    @Override
    public void onTagged(HostIo io, long cycleNumber, long nowNs) {
        if (cycleNumber == CycleSession.UNTAGGED) {
            group.checkMember(this);
        }
        // while the group is suspended no write enters a group number: each is in the image once the
        // group resumed (its track copied, or its fresh cycle applied): image number resumeTag()
        boolean suspended = group.suspended();
        boolean inCycle = cycleNumber != CycleSession.UNTAGGED && !suspended;
        if (shuttleMode && suspended && cycleNumber != CycleSession.UNTAGGED) {
            if (cycleNumber != freshNumber) {
                freshNumber = cycleNumber;
                freshBytes = 0;
                freshWrites = 0;
            }
            freshBytes += io.sizeBytes();
            freshWrites++;
        }
        if (shuttleMode && inCycle) {
            long seq = group.shuttleRing().shuttle().onHostWrite(index, io.sizeBytes());
            if (seq != cycleNumber) {
                throw new IllegalStateException("entity " + index + " tagged a write " + seq
                        + " in the shuttle but its session put it in cycle " + cycleNumber);
            }
            if (tagCount == tagTimes.length) {
                tagTimes = Arrays.copyOf(tagTimes, tagCount * 2);
            }
            tagTimes[tagCount++] = nowNs;
        }
        int stream = io.isDependent() ? io.streamId() : -1;
        long number = inCycle ? cycleNumber : suspended ? group.resumeTag() : OWED_TAG;
        TrackImage.Run run = group.image().tagged(group.space(index), number, stream, io.chainIndex(), io.sizeBytes());
        if (holdAcks) {
            taggedRun = run; // for the Ack the session runs next
            taggedInCycle = inCycle;
        } else {
            // the session acknowledges the host right after this call; nothing is held
            if (!heldArrivals.isEmpty()) {
                Long arrived = heldArrivals.remove(io);
                if (arrived != null) {
                    group.onHeldWriteReleased(nowNs, nowNs - arrived);
                }
            }
            group.image().acknowledged(run, io.sizeBytes());
        }
    }

    private void onSessionAck(Ack a) {
        TrackImage.Run run = taggedRun;
        taggedRun = null;
        if (run == null) {
            throw new IllegalStateException("session " + session.name() + " acknowledged a write it did not tag");
        }
        long now = scheduler.now();
        if (a.held) {
            group.onHeldWriteReleased(now, now - a.arrivedNs);
        }
        if (holdAcks && taggedInCycle) {
            heldAcks.add(a.hostAck, run, a.io.sizeBytes(), now);
            return;
        }
        acknowledge(run, a.io.sizeBytes(), a.hostAck);
    }

    private void acknowledge(TrackImage.Run run, long bytes, Runnable hostAck) {
        group.image().acknowledged(run, bytes);
        hostAck.run();
    }

    /**
     * Releases the oldest held acknowledgement (it leaves the ring before the host hears of it, so
     * a write the host issues in response is held behind the others).
     */
    private void releaseOldest() {
        Runnable hostAck = heldAcks.hostAck(0);
        TrackImage.Run run = heldAcks.run(0);
        long bytes = heldAcks.bytes(0);
        heldAcks.removeFirst();
        acknowledge(run, bytes, hostAck);
    }

    /** The group was suspended: every held acknowledgement is released now. */
    void releaseHeldAcknowledgements(long now) {
        while (!heldAcks.isEmpty()) {
            releaseOldest();
        }
    }

    // ---------------------------------------------------------------- shuttle

    /** The shuttle's visit decided {@code v} here (docs/model.md §6b steps 3–4 and the ack rule). */
    void onShuttleVisit(ShuttleVisit v, long now) {
        long old = session.switcher().captureNumber();
        if (old != v.seq()) {
            SwitchOutcome o = session.close(now, v.seq());
            if (o == SwitchOutcome.SWITCHED) {
                long bytes = v.transferable() == null ? 0 : v.transferable().bytes();
                ClosedNumber c = new ClosedNumber(old, bytes, tagTimes, tagCount);
                unapplied.addLast(c);
                unreported.addLast(c);
                for (int i = 0; i < tagCount; i++) {
                    group.shuttleRing().onWriteClosed(now, now - tagTimes[i]);
                }
                tagTimes = new long[Math.max(64, tagCount)];
            }
            tagCount = 0;
        }
        long n = v.writesToAcknowledge();
        if (n > heldAcks.size()) {
            throw new IllegalStateException("entity " + index + ": the shuttle acknowledges " + n
                    + " writes but only " + heldAcks.size() + " are held");
        }
        for (long i = 0; i < n; i++) {
            if (Prefetch.ENABLED && i + RELEASE_LOOKAHEAD < n) {
                heldAcks.touch(RELEASE_LOOKAHEAD);
            }
            group.shuttleRing().onAckReleased(now, now - heldAcks.taggedNs(0));
            releaseOldest();
        }
    }

    /** Shuttle: a slot transfer of number {@code k} reached the secondary carrying these host counts. */
    void onTransferArrived(long k, long hostBytes, long hostWrites) {
        received.onTransfer(k, hostBytes, hostWrites);
    }

    /**
     * Shuttle: number {@code k}'s commit message reached the secondary (every slot its primary sent
     * for k arrived or was lost): the secondary reports what it received for k to the gatherer —
     * or, with the group's {@code trustPrimaryCounts} test hook, its primary's own share.
     */
    void onNumberReceived(long k) {
        ClosedNumber own = null;
        while (!unreported.isEmpty() && unreported.peekFirst().number <= k) {
            ClosedNumber c = unreported.pollFirst(); // older ones were discarded by a drop
            if (c.number == k) {
                own = c;
            }
        }
        NumberTotal counts = group.trustsPrimaryCounts()
                ? own == null ? null : new NumberTotal(k, own.hostBytes, own.count)
                : received.counts(k);
        received.forgetThrough(k);
        if (counts != null) {
            group.shuttleRing().sendReceivedCount(index, counts);
        }
    }

    /** The group was suspended: tag times and fresh counts start over. */
    void onGroupSuspended() {
        tagCount = 0;
        freshNumber = -1;
    }

    /**
     * Shuttle: the group resumed with a fresh shuttle whose first number is {@code first}; what
     * this member tagged into its capture cycle {@code first} while suspended joins the shuttle's
     * counts. Reports of earlier numbers are dropped.
     */
    void restartShuttle(Shuttle fresh, long first) {
        unreported.clear();
        received.forgetThrough(first - 1);
        tagCount = 0;
        if (freshNumber == first && session.switcher().captureNumber() == first && freshWrites > 0) {
            fresh.preload(index, freshBytes, freshWrites);
        }
        freshNumber = -1;
    }

    /** The secondary finished applying {@code k}. */
    void onApplied(long k, long now) {
        while (!unapplied.isEmpty() && unapplied.peekFirst().number <= k) {
            ClosedNumber c = unapplied.pollFirst();
            if (c.number == k && c.tagTimesNs != null) {
                for (int i = 0; i < c.count; i++) {
                    group.shuttleRing().onWriteApplied(now, now - c.tagTimesNs[i]);
                }
            }
        }
    }

    /** Host mode: this member closed cycle {@code k} at a coordinated switch. */
    void onCycleClosed(long k) {
        unapplied.addLast(new ClosedNumber(k, 0, null, 0));
    }

    /** The newest number this member's secondary has applied everything up to, given the group may apply through {@code appliable}. */
    long appliedFrontier(long appliable) {
        ClosedNumber head = unapplied.peekFirst();
        return head == null || head.number > appliable ? appliable : head.number - 1;
    }

    /** Host writes whose acknowledgement waits for the next shuttle visit. */
    int heldAcknowledgements() {
        return heldAcks.size();
    }
}
