package org.repsim.model.cycle;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.model.Box;
import org.repsim.model.HostIo;
import org.repsim.model.ReplicationHandler;
import org.repsim.model.Volume;

/**
 * The write path of a primary box that holds several cycle sessions (e.g. toward two secondary
 * boxes): each host write goes to the session that replicates its volume; writes to volumes no
 * session pairs are acknowledged at once. Build it after the sessions and their pairs: it
 * replaces the handler each session installed on the box.
 */
public final class SessionRouter implements ReplicationHandler {
    private final Map<Volume, CycleSession> byVolume = new IdentityHashMap<>();

    public SessionRouter(Box primary, List<CycleSession> sessions) {
        for (CycleSession s : sessions) {
            if (s.primary() != primary) {
                throw new IllegalArgumentException("session " + s.name() + " does not start at box " + primary.name());
            }
            for (Volume v : s.pairedVolumes()) {
                if (byVolume.put(v, s) != null) {
                    throw new IllegalArgumentException("volume " + v + " is replicated by two sessions");
                }
            }
        }
        primary.setReplicationHandler(this);
    }

    @Override
    public void anticipate(HostIo io) {
        CycleSession s = byVolume.get(io.volume());
        if (s != null) {
            s.anticipate(io);
        }
    }

    @Override
    public boolean holdsInCache(HostIo io) {
        CycleSession s = byVolume.get(io.volume());
        return s != null && s.holdsInCache(io);
    }

    @Override
    public void onHostWrite(HostIo io, Runnable acknowledgeHost) {
        CycleSession s = byVolume.get(io.volume());
        if (s == null) {
            acknowledgeHost.run();
        } else {
            s.onHostWrite(io, acknowledgeHost);
        }
    }
}
