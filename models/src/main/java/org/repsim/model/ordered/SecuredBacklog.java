package org.repsim.model.ordered;

import java.util.ArrayDeque;
import java.util.List;
import org.repsim.core.signal.Signal;

/**
 * What the secondaries still lack (docs/model.md §4): the backlog in tracks and bytes, and the
 * {@code securedUpTo} instant — the local acknowledgement time of the oldest write not yet written at a
 * secondary (host tasks: a FIFO of unsecured tasks in acknowledgement order; copy passes: each
 * relationship's {@link OutOfSyncSet}, O(1)). The recovery-point lag comes from the recoverable
 * image instead (docs/model.md §7).
 */
final class SecuredBacklog {
    private final List<Relationship> relationships;
    private final ArrayDeque<Task> unsecuredHostTasks = new ArrayDeque<>();
    private final Signal backlogTracksSignal;
    private final Signal backlogBytesSignal;
    private final Signal securedUpToSignal;
    private long backlogTracks;
    private long backlogBytes;
    /** Bytes ever added to / secured out of the backlog (docs/model.md §8.4), read-only counters. */
    private long addedBytes;
    private long securedBytes;
    private long securedUpTo = Long.MIN_VALUE;

    SecuredBacklog(List<Relationship> relationships, Signal backlogTracksSignal, Signal backlogBytesSignal,
                   Signal securedUpToSignal) {
        this.relationships = relationships;
        this.backlogTracksSignal = backlogTracksSignal;
        this.backlogBytesSignal = backlogBytesSignal;
        this.securedUpToSignal = securedUpToSignal;
    }

    /** A host task was acknowledged locally: unsecured until all its subtasks are written. */
    void addHostTask(Task task) {
        unsecuredHostTasks.add(task);
    }

    /** Every subtask of host task {@code task} is written at the secondary. */
    void onHostTaskSecured(Task task) {
        task.secured = true;
        while (!unsecuredHostTasks.isEmpty() && unsecuredHostTasks.peekFirst().secured) {
            unsecuredHostTasks.pollFirst();
        }
    }

    void add(long now, long tracks, long bytes) {
        backlogTracks += tracks;
        backlogBytes += bytes;
        if (bytes >= 0) {
            addedBytes += bytes;
        } else {
            securedBytes -= bytes;
        }
        backlogTracksSignal.emit(now, backlogTracks);
        backlogBytesSignal.emit(now, backlogBytes);
    }

    void updateSecuredUpTo(long now) {
        long oldest = Long.MAX_VALUE;
        Task head = unsecuredHostTasks.peekFirst();
        if (head != null) {
            oldest = head.startNs;
        }
        for (int i = 0; i < relationships.size(); i++) {
            long since = relationships.get(i).outOfSync.oldestSinceNs();
            if (since != Long.MIN_VALUE && since < oldest) {
                oldest = since;
            }
        }
        long ref = oldest == Long.MAX_VALUE ? Long.MIN_VALUE : oldest;
        if (ref != securedUpTo) {
            securedUpTo = ref;
            securedUpToSignal.emit(now, ref == Long.MIN_VALUE ? -1 : ref);
        }
    }

    long securedUpToNs() {
        return securedUpTo;
    }

    /** Host tasks not fully written plus out-of-sync tracks (marked or in flight). */
    long unsecuredWrites() {
        long n = 0;
        for (Task t : unsecuredHostTasks) {
            if (!t.secured) {
                n++;
            }
        }
        for (int i = 0; i < relationships.size(); i++) {
            OutOfSyncSet set = relationships.get(i).outOfSync;
            n += set.markedCount() + set.inFlightCount();
        }
        return n;
    }

    long tracks() {
        return backlogTracks;
    }

    long bytes() {
        return backlogBytes;
    }

    long addedBytes() {
        return addedBytes;
    }

    long securedBytes() {
        return securedBytes;
    }
}
