package org.repsim.model;

/**
 * The pluggable write path of a {@link Box}: the box hands every host write to it after the
 * host adapter processed the write and the local cache accepted it. The handler decides when
 * the host gets its acknowledgement — at once (asynchronous modes, no replication) or after
 * the secondary acknowledged (synchronous, DOMAIN §3) — and calls {@code acknowledgeHost}
 * exactly once.
 */
@FunctionalInterface
public interface ReplicationHandler {

    /** A host write is in the local cache; run {@code acknowledgeHost} exactly once when the host may be acknowledged. */
    void onHostWrite(HostIo io, Runnable acknowledgeHost);

    /** No replication: the host is acknowledged as soon as the local cache holds the write. */
    ReplicationHandler NONE = (io, acknowledgeHost) -> acknowledgeHost.run();
}
