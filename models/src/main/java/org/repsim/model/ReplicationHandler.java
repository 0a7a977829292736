package org.repsim.model;

/**
 * The pluggable write path of a {@link Box}: the box hands every host write to it after the
 * host adapter processed the write and the local cache accepted it. The handler decides when
 * the host gets its acknowledgement — at once (asynchronous modes, no replication) or after
 * the secondary acknowledged (synchronous, docs/model.md §3) — and calls {@code acknowledgeHost}
 * exactly once.
 */
@FunctionalInterface
public interface ReplicationHandler {

    /** A host write is in the local cache; run {@code acknowledgeHost} exactly once when the host may be acknowledged. */
    void onHostWrite(HostIo io, Runnable acknowledgeHost);

    /**
     * The host write {@code io} has arrived at the box and will reach {@link #onHostWrite} when its
     * host-adapter service ends. A performance hint with no effect on results: a handler may read
     * now what it will look the write up in then, so that those reads and the cache's miss the
     * processor's caches together rather than one after the other. Does nothing by default.
     */
    default void anticipate(HostIo io) {
    }

    /**
     * Whether the handler will hold {@code io}'s data in the box's cache itself (a cycle slot,
     * docs/model.md §7a), so that the cache counts the write's dirty data once, there. Asked before
     * the cache write. False by default.
     */
    default boolean holdsInCache(HostIo io) {
        return false;
    }

    /**
     * Whether the handler keeps a copy of each track of {@code io} in the box's cache until the
     * secondary has it (ordered mode, docs/model.md §1, §4): the cache then admits the write only
     * with room for the copies and counts them in its held bytes ({@link Cache#writeCopied}); the
     * handler releases them with {@link Cache#releaseCopy}. Asked before the cache write, instead of
     * {@link #holdsInCache}. False by default.
     */
    default boolean copiesIntoCache(HostIo io) {
        return false;
    }

    /**
     * The host write {@code io} found no room in the box's cache (write pending at its limit, or no
     * clean slot) and waits, before it reaches {@link #onHostWrite}. Does nothing by default.
     */
    default void waitsForCache(HostIo io) {
    }

    /** No replication: the host is acknowledged as soon as the local cache holds the write. */
    ReplicationHandler NONE = (io, acknowledgeHost) -> acknowledgeHost.run();
}
