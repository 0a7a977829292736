package org.repsim.model.consistency.rules;

/**
 * The shuttle of US 7,158,976 as a pure state machine (docs/model.md §6b): a message travelling a ring
 * of primary entities that hands out sequence numbers for host writes, closes a number only after
 * it has travelled the whole ring, and collects the bytes/writes tagged with every number.
 *
 * <p>State. Each entity keeps {@code curSeq} (the tag of its new host writes), whether it has been
 * visited, what it tagged since its last visit and what it tagged with its {@code curSeq}. The
 * shuttle carries {@code seq}, the running total of {@code seq} and of at most one closed number
 * whose total is not final yet (a number closes only at an entity that already saw it on an earlier
 * visit, i.e. at the earliest one full round after it was opened, by which time the previously
 * closed number's total has become final — so two non-final closed numbers never coexist).
 * "Has E used {@code seq}" is answered by E's own state: E was visited before and its
 * {@code curSeq} equals {@code seq} (equivalent to the shuttle carrying the set of entities it
 * visited since {@code seq} was opened).
 *
 * <p>Call sequence for an event-driven engine (no clock or scheduler here; times come in):
 * <ol>
 *   <li>Create with the ring size and the {@link ShuttleRules}; before the first visit every
 *       entity tags with {@code firstSeq} (0 unless given). The shuttle starts at entity 0: schedule its first arrival there.</li>
 *   <li>Host write accepted at entity e: {@code long tag = shuttle.onHostWrite(e, sizeBytes)};
 *       put the write in the capture structure of number {@code tag} at e. Under
 *       {@link AckRule#IMMEDIATE} acknowledge it now; under {@link AckRule#AFTER_ROUND} hold the
 *       acknowledgement until e's next visit.</li>
 *   <li>Shuttle arrives at e ({@code e == shuttle.nextEntity()}), after hop latency and per-visit
 *       processing: {@code ShuttleVisit v = shuttle.onArrival(e, nowNs)}; then
 *       acknowledge {@code v.writesToAcknowledge()} held writes of e (all of them);
 *       if {@code v.transferable() != null} queue e's data of that number for transfer, in number
 *       order; if {@code v.finalTotal() != null} send it to the secondary side
 *       ({@link ShuttleCommitTracker#onFinalTotal}); record round statistics when
 *       {@code v.roundCompleted()}; then schedule the arrival at {@link #nextEntity()}.</li>
 * </ol>
 * Order of the steps inside one arrival (claims 3 and 4; details [design]): (1) add the data e
 * tagged since its last visit to the shuttle's totals; (2) if e saw {@code seq} on an earlier
 * visit and has data tagged {@code seq}, and {@code minNumberTime} has passed since the previous
 * advance, advance {@code seq} (closing the previous number); (3) {@code e.curSeq = seq};
 * (4) e's data of a number now closed may be transferred; (5) forward.
 */
public final class Shuttle {

    /** Marker for "no number" / "no value" in {@link ShuttleVisit} fields. */
    public static final long NONE = -1L;

    private final int entityCount;
    private final long minNumberTimeNs;
    private final AckRule ackRule;

    // Per-entity state, indexed by entity (ring position).
    private final long[] curSeq;
    private final boolean[] visited;
    private final long[] bytesSinceVisit;
    private final long[] writesSinceVisit;
    private final long[] bytesInCurSeq;
    private final long[] writesInCurSeq;
    /** Preloaded writes (acknowledged already) among writesSinceVisit, until the entity's first visit. */
    private final long[] preloadedWrites;

    // What the shuttle carries.
    private long seq;
    private long seqBytes;
    private long seqWrites;
    private long closedSeq = NONE;
    private long closedBytes;
    private long closedWrites;
    private int visitsSinceClose;

    private int nextEntity;
    private boolean started;
    private long lastAdvanceNs;
    private long lastRoundStartNs;
    private int closedThisRound;

    private long numbersClosed;
    private long skippedEmpty;
    private long deferredByMinNumberTime;
    private long roundsCompleted;
    private long visits;

    /** A ring of {@code entityCount} entities (≥ 1, indexed 0..n-1 in ring order) whose first number is 0. */
    public Shuttle(int entityCount, ShuttleRules rules) {
        this(entityCount, rules, 0L);
    }

    /**
     * @param entityCount number of primary entities in the ring (≥ 1), indexed 0..n-1 in ring order
     * @param rules       minimum number time and acknowledgement rule
     * @param firstSeq    the number every entity tags with before the shuttle's first visit (≥ 0)
     */
    public Shuttle(int entityCount, ShuttleRules rules, long firstSeq) {
        if (entityCount < 1) {
            throw new IllegalArgumentException("shuttle ring needs at least 1 entity, got " + entityCount);
        }
        if (rules == null) {
            throw new IllegalArgumentException("shuttle rules must be given");
        }
        if (firstSeq < 0) {
            throw new IllegalArgumentException("shuttle first sequence number must be >= 0, got " + firstSeq);
        }
        this.entityCount = entityCount;
        this.minNumberTimeNs = rules.minNumberTimeNs();
        this.ackRule = rules.ack();
        this.curSeq = new long[entityCount];
        this.visited = new boolean[entityCount];
        this.bytesSinceVisit = new long[entityCount];
        this.writesSinceVisit = new long[entityCount];
        this.bytesInCurSeq = new long[entityCount];
        this.writesInCurSeq = new long[entityCount];
        this.preloadedWrites = new long[entityCount];
        this.seq = firstSeq;
        java.util.Arrays.fill(curSeq, firstSeq);
    }

    /**
     * A host write of {@code sizeBytes} accepted at {@code entity}: tags it with the entity's
     * {@code curSeq} (claim: writes tagged S are begun before writes tagged with a later number).
     *
     * @return the write's sequence number
     */
    public long onHostWrite(int entity, long sizeBytes) {
        checkEntity(entity);
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("host write size must be > 0 bytes, got " + sizeBytes);
        }
        bytesSinceVisit[entity] += sizeBytes;
        writesSinceVisit[entity]++;
        bytesInCurSeq[entity] += sizeBytes;
        writesInCurSeq[entity]++;
        return curSeq[entity];
    }

    /**
     * Before the first arrival: {@code entity} already tagged {@code writes} host writes of
     * {@code bytes} bytes with its {@code curSeq} (a consistency group resuming with writes in its
     * members' fresh capture cycles, docs/model.md §6). Counted like as many {@link #onHostWrite}
     * calls, except that they are acknowledged already (not in {@link ShuttleVisit#writesToAcknowledge()}).
     */
    public void preload(int entity, long bytes, long writes) {
        checkEntity(entity);
        if (started) {
            throw new IllegalStateException("preload only before the shuttle's first arrival");
        }
        if (bytes < 0 || writes < 0 || writes == 0 && bytes > 0) {
            throw new IllegalArgumentException("preloaded counts must be >= 0 (bytes only with writes), got "
                    + bytes + " bytes, " + writes + " writes");
        }
        bytesSinceVisit[entity] += bytes;
        writesSinceVisit[entity] += writes;
        bytesInCurSeq[entity] += bytes;
        writesInCurSeq[entity] += writes;
        preloadedWrites[entity] += writes;
    }

    /**
     * The shuttle arrives at {@code entity} at {@code nowNs}; runs steps 1–4 of docs/model.md §6b and
     * moves the shuttle on (step 5) so that {@link #nextEntity()} is the following ring position.
     *
     * @throws IllegalStateException if {@code entity} is not {@link #nextEntity()} or time ran back
     */
    public ShuttleVisit onArrival(int entity, long nowNs) {
        checkEntity(entity);
        if (entity != nextEntity) {
            throw new IllegalStateException(
                    "shuttle must arrive at entity " + nextEntity + " next, not at entity " + entity);
        }
        boolean roundCompleted = false;
        long roundTimeNs = NONE;
        int closedInRound = -1;
        if (!started) {
            started = true;
            lastAdvanceNs = nowNs; // the first number counts as opened when the shuttle starts
            lastRoundStartNs = nowNs;
        } else {
            if (nowNs < lastRoundStartNs) {
                throw new IllegalStateException("shuttle arrival time " + nowNs + " ns is before an earlier arrival");
            }
            if (entity == 0) {
                roundCompleted = true;
                roundTimeNs = nowNs - lastRoundStartNs;
                closedInRound = closedThisRound;
                closedThisRound = 0;
                lastRoundStartNs = nowNs;
                roundsCompleted++;
            }
        }
        visits++;

        // Step 1: collect what the entity tagged since its last visit (all with its curSeq).
        long tagBefore = curSeq[entity];
        long newBytes = bytesSinceVisit[entity];
        long newWrites = writesSinceVisit[entity];
        if (newWrites > 0) {
            if (tagBefore == seq) {
                seqBytes += newBytes;
                seqWrites += newWrites;
            } else if (tagBefore == closedSeq) {
                closedBytes += newBytes;
                closedWrites += newWrites;
            } else {
                throw new IllegalStateException("entity " + entity + " tagged number " + tagBefore
                        + " which the shuttle no longer collects (seq " + seq + ")");
            }
        }
        bytesSinceVisit[entity] = 0;
        writesSinceVisit[entity] = 0;

        // A closed number's total is final once the shuttle completed one more round after closing it.
        NumberTotal finalTotal = null;
        if (closedSeq != NONE && ++visitsSinceClose >= entityCount) {
            finalTotal = new NumberTotal(closedSeq, closedBytes, closedWrites);
            closedSeq = NONE;
            closedBytes = 0;
            closedWrites = 0;
        }

        // Step 2: advance only at an entity that used seq on an earlier visit and has data for it (claim 4).
        long closedNow = NONE;
        boolean skipped = false;
        boolean deferred = false;
        boolean usedSeq = visited[entity] && tagBefore == seq;
        if (usedSeq) {
            if (writesInCurSeq[entity] == 0) {
                skipped = true;
                skippedEmpty++;
            } else if (nowNs - lastAdvanceNs < minNumberTimeNs) {
                deferred = true;
                deferredByMinNumberTime++;
            } else {
                if (closedSeq != NONE) {
                    throw new IllegalStateException("number " + closedSeq + " not final when closing " + seq);
                }
                closedNow = seq;
                closedSeq = seq;
                closedBytes = seqBytes;
                closedWrites = seqWrites;
                visitsSinceClose = 0;
                seq++;
                seqBytes = 0;
                seqWrites = 0;
                lastAdvanceNs = nowNs;
                numbersClosed++;
                closedThisRound++;
            }
        }

        // Step 3 and 4: the entity tags with seq from now on; its data of the old number is closed.
        NumberTotal transferable = null;
        if (tagBefore != seq) {
            if (writesInCurSeq[entity] > 0) {
                transferable = new NumberTotal(tagBefore, bytesInCurSeq[entity], writesInCurSeq[entity]);
            }
            bytesInCurSeq[entity] = 0;
            writesInCurSeq[entity] = 0;
            curSeq[entity] = seq;
        }
        visited[entity] = true;

        long toAck = 0;
        long ackTag = NONE;
        long unacked = newWrites - preloadedWrites[entity]; // preloaded writes were acknowledged already
        preloadedWrites[entity] = 0;
        if (ackRule == AckRule.AFTER_ROUND && unacked > 0) {
            toAck = unacked;
            ackTag = tagBefore;
        }

        // Step 5: forward.
        nextEntity = entity + 1 == entityCount ? 0 : entity + 1;
        return new ShuttleVisit(entity, nowNs, seq, closedNow, skipped, deferred, transferable, finalTotal,
                toAck, ackTag, roundCompleted, roundTimeNs, closedInRound);
    }

    /** The ring position where the shuttle arrives next (0 before the first arrival). */
    public int nextEntity() {
        return nextEntity;
    }

    /** The shuttle's current (open) sequence number. */
    public long seq() {
        return seq;
    }

    /** The tag {@code entity} gives its new host writes. */
    public long curSeq(int entity) {
        checkEntity(entity);
        return curSeq[entity];
    }

    /** The smallest {@code curSeq} over all entities (the lowest tag a new write can get anywhere). */
    public long minCurSeq() {
        long min = Long.MAX_VALUE;
        for (long s : curSeq) {
            min = Math.min(min, s);
        }
        return min;
    }

    public int entityCount() {
        return entityCount;
    }

    public AckRule ackRule() {
        return ackRule;
    }

    public long minNumberTimeNs() {
        return minNumberTimeNs;
    }

    /** Numbers closed so far (the shuttle advanced). */
    public long numbersClosed() {
        return numbersClosed;
    }

    /** Visits where the advance was refused because the entity had no data tagged {@code seq}. */
    public long skippedEmpty() {
        return skippedEmpty;
    }

    /** Visits where an advance was due but {@code minNumberTime} had not passed. */
    public long deferredByMinNumberTime() {
        return deferredByMinNumberTime;
    }

    /** Completed ring rounds (arrivals at entity 0 after the first). */
    public long roundsCompleted() {
        return roundsCompleted;
    }

    /** Arrivals so far. */
    public long visits() {
        return visits;
    }

    private void checkEntity(int entity) {
        if (entity < 0 || entity >= entityCount) {
            throw new IllegalArgumentException(
                    "entity index must be in 0.." + (entityCount - 1) + ", got " + entity);
        }
    }
}
