package org.repsim.model.cycle.rules;

/**
 * Which slots the {@link PressurePolicy#SPILL} policy may move to the spill pool
 * (docs/model.md §5, cache pressure; scenario key {@code cycle.spillPool.from}) [design].
 */
public enum SpillFrom {
    /**
     * Queued slots of the transmit cycles first (oldest cycle first, each from its end, the slots
     * sent last); when they are not enough, also slots of the capture cycle, from its start (its
     * oldest slots, the least likely to be rewritten). The pool then holds the backlog whatever
     * the switching mode: under a slow link a legacy or host-coordinated session accumulates it
     * in the capture cycle, which cannot switch until the one transmit cycle is sent. A rewrite of
     * a track whose capture slot is in the pool folds into that slot there (one pool write of the
     * write's bytes; its new blocks count in the pool).
     */
    ANY,
    /**
     * Only queued slots of transmit cycles (the behaviour before {@link #ANY}): with legacy
     * switching or a host-coordinated group there is at most one transmit cycle, so the pool
     * holds at most one cycle and the session paces or drops with the pool almost empty.
     */
    TRANSMIT
}
