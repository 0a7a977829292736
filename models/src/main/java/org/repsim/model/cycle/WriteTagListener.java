package org.repsim.model.cycle;

import org.repsim.model.HostIo;

/**
 * Sees every replicated host write once, when its last track entered the session (just before
 * the host acknowledgement is released): the recoverable image's input (docs/model.md §6, §8.3).
 */
@FunctionalInterface
public interface WriteTagListener {
    /**
     * @param io          the write (stream id, chain index, size in bytes)
     * @param cycleNumber capture cycle its last track entered, or {@link CycleSession#UNTAGGED} when the
     *                    session was dropped or resynchronising (the write is owed, not in a cycle)
     */
    void onTagged(HostIo io, long cycleNumber, long nowNs);
}
