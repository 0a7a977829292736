package org.repsim.model.ordered;

import org.repsim.model.Volume;

/** A replication relationship: primary volume → secondary volume over one or more ports. */
final class Relationship {
    final Volume primaryVolume;
    final Volume secondaryVolume;
    final long trackShift;
    final Port[] ports;
    final OutOfSyncSet outOfSync;
    Task currentPass;
    /** Earliest start of the next pass (previous pass acknowledged + passIntervalNs). */
    long nextPassNs;
    boolean passTimerSet;
    int nextPort;

    Relationship(Volume primaryVolume, Volume secondaryVolume, Port[] ports) {
        this.primaryVolume = primaryVolume;
        this.secondaryVolume = secondaryVolume;
        this.trackShift = secondaryVolume.firstTrack() - primaryVolume.firstTrack();
        this.ports = ports;
        this.outOfSync = new OutOfSyncSet(primaryVolume.trackCount());
    }

    Port roundRobin() {
        Port p = ports[nextPort];
        nextPort = nextPort + 1 == ports.length ? 0 : nextPort + 1;
        return p;
    }
}
