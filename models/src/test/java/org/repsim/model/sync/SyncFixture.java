package org.repsim.model.sync;

import java.util.List;
import org.repsim.core.kernel.SimulationKernel;
import org.repsim.core.kernel.dsol.DsolKernel;
import org.repsim.core.random.Distributions;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.model.workload.Host;

/**
 * Two sites, a primary and a secondary box with deterministic service times, one WAN link and
 * a synchronous pair between one volume on each box.
 */
final class SyncFixture {
    static final long HOST_ADAPTER_NS = 50_000;
    static final long REMOTE_ADAPTER_NS = 30_000;
    /** Remote adapter port speed (8 Gbit/s): a transfer of b bytes costs b ns on top of the overhead. */
    static final double REMOTE_PORT_BPS = 1e9;
    static final double LINK_BPS = 125e6; // 1 Gbit/s
    static final long HEADER_BYTES = 512;
    static final long ACK_BYTES = 128;
    static final long TRACK = 128 * 1024;

    final SimulationKernel kernel = DsolKernel.create();
    final Signals signals = new Signals();
    final Site primarySite = new Site("p");
    final Site secondarySite = new Site("s");
    final Box primary;
    final Box secondary;
    final WanLink link;
    final Volume primaryVolume;
    final Volume secondaryVolume;
    final SyncReplication sync;
    final Host host;

    SyncFixture(double km) {
        this(km, 1);
    }

    SyncFixture(double km, int roundTrips) {
        this(km, roundTrips, SyncPolicy.STALL);
    }

    SyncFixture(double km, int roundTrips, SyncPolicy policy) {
        primary = box("P", primarySite);
        secondary = box("S", secondarySite);
        link = new WanLink(kernel, signals, "link.wan", primarySite, secondarySite, LinkConfig.overDistance(LINK_BPS, km));
        primaryVolume = primary.addVolume("v", 100_000, 0);
        secondaryVolume = secondary.addVolume("v", 100_000, 0);
        sync = new SyncReplication(primary, HEADER_BYTES, ACK_BYTES, roundTrips, policy,
                new org.repsim.model.recovery.RecoverableImage(kernel));
        sync.addPair(primaryVolume, secondaryVolume, link);
        host = new Host(kernel, signals);
    }

    private Box box(String name, Site site) {
        DiskGroup disks = new DiskGroup(kernel, signals, "box." + name + ".dg0", 8, DiskModel.ssd(100_000, 1e9), 2);
        return new Box(kernel, signals, name, site,
                new Box.PoolConfig(2, Distributions.deterministic(HOST_ADAPTER_NS)),
                new Box.PoolConfig(2, Distributions.deterministic(REMOTE_ADAPTER_NS), REMOTE_PORT_BPS),
                new Box.CacheConfig(1L << 30, TRACK, 0.5, 16), List.of(disks));
    }
}
