package org.repsim.scenario.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.RandomStreams;
import org.repsim.core.signal.Signals;
import org.repsim.model.Box;
import org.repsim.model.CachePolicy;
import org.repsim.model.DiskGroup;
import org.repsim.model.DiskModel;
import org.repsim.model.LinkConfig;
import org.repsim.model.RaidLevel;
import org.repsim.model.Site;
import org.repsim.model.Volume;
import org.repsim.model.WanLink;
import org.repsim.scenario.spec.Scenario;

/**
 * Sites, boxes (with host and remote adapters, cache, back end, volumes, named pools, the pool they
 * compress replication transfers on) and WAN links built
 * from a scenario, in scenario order. Random streams are named after the component
 * ({@code box.<id>.hostAdapters}, {@code box.<id>.backend.<group>.seek}, ...).
 */
public final class Topology {
    /** Destages a box keeps outstanding at once, per back-end device [design]. */
    static final int DESTAGES_PER_DEVICE = 4;

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final Map<String, List<DiskGroup>> diskGroups = new LinkedHashMap<>();
    private final Map<String, WanLink> links = new LinkedHashMap<>();

    Topology(Scenario sc, Scheduler s, Signals signals, RandomStreams streams) {
        for (var site : sc.sites()) {
            sites.put(site.id(), new Site(site.id()));
        }
        for (var b : sc.boxes()) {
            String prefix = "box." + b.id();
            List<DiskGroup> groups = new ArrayList<>();
            int devices = 0;
            for (var g : b.backend()) {
                DiskModel model = "hdd".equals(g.kind())
                        ? DiskModel.hdd(seekLaw(streams, prefix + ".backend." + g.id() + ".seek", g.seekNs()),
                                g.rpm(), g.throughputBps())
                        : DiskModel.ssd(g.latencyNs(), g.throughputBps());
                groups.add(new DiskGroup(s, signals, prefix + ".backend." + g.id(), g.devices(), model,
                        RaidLevel.of(g.raid())));
                devices += g.devices();
            }
            var ha = b.hostAdapters();
            var ra = b.remoteAdapters();
            Box box = new Box(s, signals, b.id(), sites.get(b.site()),
                    new Box.PoolConfig(ha.count(), Samplers.of(ha.serviceTime(), streams.stream(prefix + ".hostAdapters")),
                            ha.portSpeedBps()),
                    new Box.PoolConfig(ra.count(), Samplers.of(ra.serviceTime(), streams.stream(prefix + ".remoteAdapters")),
                            ra.portSpeedBps()),
                    new Box.CacheConfig(b.cache().sizeBytes(), b.cache().trackSizeBytes(), b.cache().writePendingLimit(),
                            Math.max(1, devices * DESTAGES_PER_DEVICE), b.cache().blockSizeBytes(), cachePolicy(b.cache())),
                    groups);
            for (var pool : b.processors()) {
                box.addProcessor(pool.id(), pool.count(),
                        Samplers.of(pool.serviceTime(), streams.stream(prefix + "." + pool.id())));
            }
            for (var v : b.volumes()) {
                long tracks = Math.max(1, (v.sizeBytes() + b.cache().trackSizeBytes() - 1) / b.cache().trackSizeBytes());
                box.addVolume(v.id(), tracks, v.backend() == null ? 0 : b.backend().indexOf(b.diskGroup(v.backend())));
            }
            boxes.put(b.id(), box);
            diskGroups.put(b.id(), groups);
        }
        compression(sc);
        for (var l : sc.links()) {
            LinkConfig config = new LinkConfig(l.bandwidthBps(), l.propagationDelayNs(), l.maxInFlightBytes(),
                    l.maxCommands(), l.compression(), l.loss(), l.mssBytes(), l.connections());
            links.put(l.id(), new WanLink(s, signals, "link." + l.id(), sites.get(l.between().get(0)),
                    sites.get(l.between().get(1)), config));
        }
    }

    /**
     * {@code cache.slotAllocation}, {@code destage}, {@code destageDelay}, {@code destagePressure},
     * {@code readStaging} (docs/model.md §1, §7a).
     */
    static CachePolicy cachePolicy(org.repsim.scenario.spec.Cache c) {
        return new CachePolicy("blocks".equals(c.slotAllocation()) ? CachePolicy.SlotAllocation.BLOCKS
                : CachePolicy.SlotAllocation.TRACK,
                "blocks".equals(c.destage()) ? CachePolicy.DestageExtent.BLOCKS : CachePolicy.DestageExtent.TRACK,
                c.destageDelayNs(), c.destagePressure(),
                "blocks".equals(c.readStaging()) ? CachePolicy.ReadStaging.BLOCKS : CachePolicy.ReadStaging.TRACK);
    }

    /**
     * {@code replication.compression}: every box of a pair compresses what it sends and decompresses
     * what it receives on the named pool (docs/model.md §7a); absent, compression costs no time.
     */
    private void compression(Scenario sc) {
        var r = sc.replication();
        if (r == null || r.compression().pool() == null) {
            return;
        }
        for (var pair : r.pairs()) {
            for (String id : List.of(pair.primaryBox(), pair.secondaryBox())) {
                boxes.get(id).setCompression(r.compression().pool(), r.compression().throughputBps());
            }
        }
    }

    /** Seek times uniform on [0, 2 × average] [design]: the given average, short and long seeks alike. */
    private static org.repsim.core.random.Sampler seekLaw(RandomStreams streams, String name, long averageNs) {
        return averageNs <= 0 ? org.repsim.core.random.Distributions.deterministic(0)
                : org.repsim.core.random.Distributions.uniform(streams.stream(name), 0, 2.0 * averageNs);
    }

    public Map<String, Box> boxes() {
        return boxes;
    }

    public Box box(String id) {
        return boxes.get(id);
    }

    public Map<String, WanLink> links() {
        return links;
    }

    public WanLink link(String id) {
        return links.get(id);
    }

    public Site site(String id) {
        return sites.get(id);
    }

    /** Disk groups of a box, in scenario order. */
    public List<DiskGroup> diskGroups(String boxId) {
        return diskGroups.get(boxId);
    }

    /** The volume named by a {@code box/volume} reference. */
    public Volume volume(String ref) {
        int slash = ref.indexOf('/');
        return boxes.get(ref.substring(0, slash)).volume(ref.substring(slash + 1));
    }
}
