package org.repsim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.repsim.core.collect.Prefetch;
import org.repsim.core.kernel.Scheduler;
import org.repsim.core.random.Sampler;
import org.repsim.core.signal.Signals;

/**
 * A storage system (docs/model.md §1): host adapters, named processor pools, a cache, a back end of
 * disk groups, volumes, and a pluggable write path.
 *
 * <p>Host write: host adapter ({@code hostAdapters} service) → cache write (may wait for
 * write-pending room) → {@link ReplicationHandler#onHostWrite} → host acknowledgement.
 * Host read: host adapter → cache hit, or back-end reads of the missing tracks (in parallel, each
 * whole or its missing blocks as {@link CachePolicy.ReadStaging} says) which then fill the cache;
 * reads are never replicated (docs/model.md §1, §2).
 *
 * <p>Replication transfers leave and arrive through the remote adapters of both boxes
 * ({@link RemotePath}), and a box may compress what it sends and decompress what it receives
 * on one of its processor pools ({@link #setCompression}).
 *
 * <p>Signals are named {@code box.<name>.…}: {@code hostAdapters.*}, {@code remoteAdapters.*},
 * {@code cache.*}, and {@code <processor>.*} for each named pool.
 */
public final class Box {
    private final Scheduler scheduler;
    private final Signals signals;
    private final String name;
    private final Site site;
    private final Processor hostAdapters;
    private final Processor remoteAdapters;
    /** Port speeds of the host and remote adapters, B/s; 0: no per-byte cost (docs/model.md §1). */
    private final double hostPortBps;
    private final double remotePortBps;
    private final BackEnd backEnd;
    private final Cache cache;
    private final long blockSizeBytes;
    private final Map<String, Processor> processors = new LinkedHashMap<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final Map<String, Volume> volumesByName = new LinkedHashMap<>();
    private long nextTrack;
    private ReplicationHandler replication = ReplicationHandler.NONE;
    private Processor compressionPool;
    private double compressionBps;

    /**
     * @param hostAdapters   host adapter pool: count and service law (ns per host I/O)
     * @param remoteAdapters remote adapter pool: count and service law (ns per replication transfer sent or received)
     * @param cache          cache sizing
     * @param diskGroups     the back end's groups; volumes are placed on one of them
     */
    public Box(Scheduler scheduler, Signals signals, String name, Site site, PoolConfig hostAdapters,
               PoolConfig remoteAdapters, CacheConfig cache, List<DiskGroup> diskGroups) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a box needs a name");
        }
        this.scheduler = scheduler;
        this.signals = signals;
        this.name = name;
        this.site = site;
        String prefix = "box." + name;
        this.hostAdapters = new Processor(scheduler, signals, prefix + ".hostAdapters", hostAdapters.count(), hostAdapters.serviceNs());
        this.remoteAdapters = new Processor(scheduler, signals, prefix + ".remoteAdapters", remoteAdapters.count(), remoteAdapters.serviceNs());
        this.hostPortBps = hostAdapters.portBps();
        this.remotePortBps = remoteAdapters.portBps();
        this.backEnd = new BackEnd(diskGroups);
        this.cache = new Cache(scheduler, signals, prefix + ".cache", cache.capacityBytes(), cache.trackSizeBytes(),
                cache.writePendingLimit(), cache.maxDestages(), backEnd, cache.blockSizeBytes(), cache.policy());
        this.blockSizeBytes = cache.blockSizeBytes();
    }

    /**
     * An adapter pool: {@code count} servers; each I/O or transfer costs a draw of
     * {@code serviceNs} (ns, the per-I/O overhead) plus its bytes ÷ {@code portBps} (B/s; 0: no
     * per-byte cost) (docs/model.md §1).
     */
    public record PoolConfig(int count, Sampler serviceNs, double portBps) {
        public PoolConfig {
            if (!(portBps >= 0) || Double.isInfinite(portBps)) {
                throw new IllegalArgumentException("adapter port speed must be ≥ 0 B/s and finite: " + portBps);
            }
        }

        /** A pool without per-byte cost. */
        public PoolConfig(int count, Sampler serviceNs) {
            this(count, serviceNs, 0);
        }
    }

    /**
     * Cache sizing (docs/model.md §1).
     *
     * @param capacityBytes     size
     * @param trackSizeBytes    slot size (default {@link #DEFAULT_TRACK_SIZE})
     * @param writePendingLimit fraction of the capacity that may be write pending
     * @param maxDestages       destage writes outstanding at once
     * @param blockSizeBytes    granularity of a slot's dirty-block map (docs/model.md §1, §5), ≥ 1
     * @param policy            slot allocation and destage policy (docs/model.md §1, §7a)
     */
    public record CacheConfig(long capacityBytes, long trackSizeBytes, double writePendingLimit, int maxDestages,
                              long blockSizeBytes, CachePolicy policy) {
        public static final long DEFAULT_TRACK_SIZE = 128 * 1024;
        public static final long DEFAULT_BLOCK_SIZE = 4 * 1024;

        public CacheConfig {
            if (blockSizeBytes < 1) {
                throw new IllegalArgumentException("cache block size must be ≥ 1 byte, got " + blockSizeBytes);
            }
            if (policy == null) {
                throw new IllegalArgumentException("cache policy must not be null");
            }
        }

        /** Sizing with the default policy {@link CachePolicy#DEFAULT}. */
        public CacheConfig(long capacityBytes, long trackSizeBytes, double writePendingLimit, int maxDestages,
                           long blockSizeBytes) {
            this(capacityBytes, trackSizeBytes, writePendingLimit, maxDestages, blockSizeBytes, CachePolicy.DEFAULT);
        }

        /** The same sizing under {@code p}. */
        public CacheConfig withPolicy(CachePolicy p) {
            return new CacheConfig(capacityBytes, trackSizeBytes, writePendingLimit, maxDestages, blockSizeBytes, p);
        }

        /** Sizing with the default block size {@link #DEFAULT_BLOCK_SIZE}. */
        public CacheConfig(long capacityBytes, long trackSizeBytes, double writePendingLimit, int maxDestages) {
            this(capacityBytes, trackSizeBytes, writePendingLimit, maxDestages, DEFAULT_BLOCK_SIZE);
        }
    }

    /** Adds a volume of {@code trackCount} tracks on disk group {@code diskGroup}; tracks are numbered on from the last volume. */
    public Volume addVolume(String volumeName, long trackCount, int diskGroup) {
        if (trackCount < 1) {
            throw new IllegalArgumentException("volume " + volumeName + " on box " + name + ": trackCount must be ≥ 1, got " + trackCount);
        }
        if (volumesByName.containsKey(volumeName)) {
            throw new IllegalArgumentException("box " + name + " already has a volume " + volumeName);
        }
        Volume v = new Volume(volumeName, this, nextTrack, trackCount);
        backEnd.place(nextTrack, trackCount, diskGroup);
        nextTrack += trackCount;
        volumes.add(v);
        volumesByName.put(volumeName, v);
        return v;
    }

    /** Adds a named processor pool for the replication engines; signals {@code box.<name>.<pool>.*}. */
    public Processor addProcessor(String poolName, int count, Sampler serviceNs) {
        if (processors.containsKey(poolName)) {
            throw new IllegalArgumentException("box " + name + " already has a processor pool " + poolName);
        }
        Processor p = new Processor(scheduler, signals, "box." + name + "." + poolName, count, serviceNs);
        processors.put(poolName, p);
        return p;
    }

    /** Installs the write path (docs/model.md §3–6); {@link ReplicationHandler#NONE} by default. */
    public void setReplicationHandler(ReplicationHandler handler) {
        this.replication = handler == null ? ReplicationHandler.NONE : handler;
    }

    /** A host I/O arrives at the box; {@code onComplete} runs when the host gets its answer. */
    public void submit(HostIo io, Consumer<HostIo> onComplete) {
        if (io.volume().box() != this) {
            throw new IllegalArgumentException("I/O for volume " + io.volume() + " submitted to box " + name);
        }
        if (io.write()) {
            if (Prefetch.ENABLED) {
                cache.anticipate(io.firstTrack());
                cache.anticipateEviction();
                replication.anticipate(io);
            }
            hostAdapters.submit(hostAdapterNs(io.sizeBytes()), new HostWrite(io, onComplete));
        } else {
            hostAdapters.submit(hostAdapterNs(io.sizeBytes()), () -> read(io, onComplete));
        }
    }

    /** Host adapter time of an I/O of {@code bytes}: overhead + bytes ÷ port speed, ns (docs/model.md §1). */
    long hostAdapterNs(long bytes) {
        return adapterNs(hostAdapters, hostPortBps, bytes);
    }

    /** Remote adapter time of a transfer of {@code bytes}: overhead + bytes ÷ port speed, ns (docs/model.md §1). */
    long remoteAdapterNs(long bytes) {
        return adapterNs(remoteAdapters, remotePortBps, bytes);
    }

    /** Remote adapter overhead of one transfer without per-byte cost (an acknowledgement), ns (docs/model.md §1). */
    long remoteAdapterOverheadNs() {
        return remoteAdapters.serviceLaw().sampleLong();
    }

    private static long adapterNs(Processor pool, double portBps, long bytes) {
        long overhead = pool.serviceLaw().sampleLong();
        return portBps > 0 ? overhead + Durations.transferNs(bytes, portBps) : overhead;
    }

    /**
     * One host write on its way through the box: host-adapter service, cache admission, then the
     * replication handler, which acknowledges the host. The one object is the callback of each
     * step in turn, so a write costs one allocation here rather than one per step.
     */
    private final class HostWrite implements Runnable {
        private final HostIo io;
        private final Consumer<HostIo> onComplete;
        private int step;

        HostWrite(HostIo io, Consumer<HostIo> onComplete) {
            this.io = io;
            this.onComplete = onComplete;
        }

        @Override
        public void run() {
            switch (step++) {
                case 0 -> {                                                    // host adapter done
                    long offset = io.offsetBytes() - (io.firstTrack() - io.volume().firstTrack()) * cache.trackSizeBytes();
                    if (replication.copiesIntoCache(io)) {
                        cache.writeCopied(io.firstTrack(), io.trackCount(), offset, io.sizeBytes(), this);
                    } else {
                        cache.write(io.firstTrack(), io.trackCount(), offset, io.sizeBytes(), replication.holdsInCache(io), this);
                    }
                    if (step == 1) {
                        replication.waitsForCache(io);                         // not admitted: it waits for room
                    }
                }
                case 1 -> replication.onHostWrite(io, this);                   // the cache holds it
                case 2 -> onComplete.accept(io);                               // host acknowledged
                default -> throw new IllegalStateException("box " + name + ": the replication handler acknowledged"
                        + " host write " + io.id() + " more than once");
            }
        }
    }

    /**
     * A host read after its host-adapter service (docs/model.md §1): a hit when every track it
     * touches is valid in the cache (with {@code blocks} read staging, every block it asks for);
     * otherwise the missing tracks are read from the back end in parallel — each whole, or its
     * missing blocks ({@code cache.readStaging}) — and fill the cache, and the host is answered
     * when the last one is read.
     */
    private void read(HostIo io, Consumer<HostIo> onComplete) {
        long trackSize = cache.trackSizeBytes();
        // the I/O's bytes counted from the start of its first track
        long start = io.offsetBytes() - (io.firstTrack() - io.volume().firstTrack()) * trackSize;
        long end = start + io.sizeBytes();
        int misses = 0;
        int[] missing = null;
        long[] missBytes = null;
        for (int i = 0; i < io.trackCount(); i++) {
            long bytes = cache.readMissBytes(io.firstTrack() + i, offsetIn(i, start, trackSize),
                    lengthIn(i, start, end, trackSize));
            if (bytes > 0) {
                if (missing == null) {
                    missing = new int[io.trackCount()];
                    missBytes = new long[io.trackCount()];
                }
                missing[misses] = i;
                missBytes[misses++] = bytes;
            }
        }
        cache.countHostRead(misses == 0);
        if (misses == 0) {
            onComplete.accept(io);
            return;
        }
        int[] left = {misses};
        for (int m = 0; m < misses; m++) {
            int i = missing[m];
            long track = io.firstTrack() + i;
            backEnd.read(track, missBytes[m], () -> {
                cache.fill(track, offsetIn(i, start, trackSize), lengthIn(i, start, end, trackSize));
                if (--left[0] == 0) {
                    onComplete.accept(io);
                }
            });
        }
    }

    /** Where the I/O of bytes [start, end) from its first track's start begins inside its {@code i}-th track. */
    private static long offsetIn(int i, long start, long trackSize) {
        return Math.min(trackSize - 1, Math.max(0, start - i * trackSize));
    }

    /** Bytes of the I/O of bytes [start, end) inside its {@code i}-th track (at least 1). */
    private static long lengthIn(int i, long start, long end, long trackSize) {
        long from = offsetIn(i, start, trackSize);
        long to = Math.min(trackSize, end - i * trackSize);
        return Math.max(1, to - from);
    }

    /**
     * The box compresses the replication transfers it sends, and decompresses those it receives,
     * over links whose compression ratio is above 1, on its pool {@code poolName}: a job of
     * {@code bytes ÷ bytesPerSecond} per transfer of {@code bytes} (before compression)
     * (docs/model.md §7a). Set before the replication engines make their {@link RemotePath}s.
     */
    public void setCompression(String poolName, double bytesPerSecond) {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("box " + name + ": compression throughput must be > 0 B/s and finite: "
                    + bytesPerSecond);
        }
        this.compressionPool = processor(poolName);
        this.compressionBps = bytesPerSecond;
    }

    /** The pool that compresses and decompresses replication transfers, or null (no cost). */
    public Processor compressionPool() {
        return compressionPool;
    }

    /** Throughput of the compression pool, B/s of uncompressed bytes per job; 0 without one. */
    public double compressionBps() {
        return compressionBps;
    }

    public String name() {
        return name;
    }

    public Site site() {
        return site;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Processor hostAdapters() {
        return hostAdapters;
    }

    public Processor remoteAdapters() {
        return remoteAdapters;
    }

    /** The named pool, or an IllegalArgumentException naming the known ones. */
    public Processor processor(String poolName) {
        Processor p = processors.get(poolName);
        if (p == null) {
            throw new IllegalArgumentException("box " + name + " has no processor pool " + poolName + " (has " + processors.keySet() + ")");
        }
        return p;
    }

    public Map<String, Processor> processors() {
        return Collections.unmodifiableMap(processors);
    }

    public Cache cache() {
        return cache;
    }

    /** Granularity of the dirty-block map of this box's slots, bytes (docs/model.md §1, §5). */
    public long blockSizeBytes() {
        return blockSizeBytes;
    }

    public BackEnd backEnd() {
        return backEnd;
    }

    public List<Volume> volumes() {
        return Collections.unmodifiableList(volumes);
    }

    public Volume volume(String volumeName) {
        Volume v = volumesByName.get(volumeName);
        if (v == null) {
            throw new IllegalArgumentException("box " + name + " has no volume " + volumeName);
        }
        return v;
    }

    public ReplicationHandler replicationHandler() {
        return replication;
    }
}
