package org.repsim.model.ordered;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repsim.core.kernel.Tie;
import org.repsim.model.CachePolicy;
import org.repsim.model.measure.SignalKeys;
import org.repsim.model.ordered.OrderedConfig.OnCacheFull;

/**
 * docs/model.md §4 (cache): a host task's subtasks keep copies of the write's tracks in the
 * primary's cache, counted in its write pending, until the secondary wrote them; at the limit the
 * host writes wait (pace) or go to the copy pass. Deterministic: a write every {@link #GAP_NS} to a
 * new track, the link down from 0 to {@link #UP_NS}, after the last write. While the link is down
 * no copy leaves, so the limit is full after {@code limit ÷ copy} writes (copy = the track with
 * {@code slotAllocation: track}, the written blocks with {@code blocks}), and every later write
 * waits: paced = writes − limit ÷ copy, counted by hand.
 */
class OrderedCacheShareTest {
    private static final long MIB = 1 << 20;
    /** 64 MiB cache, limit 0.5: 32 MiB of write pending = 256 tracks. */
    private static final long CACHE = 64 * MIB;
    private static final long LIMIT = 32 * MIB;
    private static final long GAP_NS = 10_000;
    private static final long UP_NS = 100_000_000;
    private static final long END_NS = 400_000_000;

    /** One run: its fixture, the peak write pending seen at any instant, completion times. */
    private record Run(OrderedFixture f, long[] peak, List<Long> done, Map<String, Double> metrics, long[] firstPaced) {
    }

    /** Host adapter service of a write in the fixture (deterministic, no per-byte cost): it reaches the cache then. */
    private static final long HOST_ADAPTER_NS = 2_000;

    private static Run run(long writes, long sizeBytes, CachePolicy.SlotAllocation allocation, OnCacheFull onFull) {
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.cacheBytes = CACHE;
            s.writePendingLimit = 0.5;
            s.cachePolicy = new CachePolicy(allocation, CachePolicy.DestageExtent.TRACK, 0, 0.8);
            s.onCacheFull = onFull;
        }));
        long[] peak = {0};
        f.signals.get("box.P.cache", SignalKeys.Cache.WRITE_PENDING_BYTES)
                .subscribe((t, v) -> peak[0] = Math.max(peak[0], (long) v));
        long[] firstPaced = {-1};
        f.signals.get("ordered.P", SignalKeys.Ordered.PACED_WRITES).subscribe((t, v) -> {
            if (firstPaced[0] < 0) {
                firstPaced[0] = t;
            }
        });
        List<Long> done = new ArrayList<>();
        f.links.get(0).down();
        f.kernel.at(UP_NS, Tie.NORMAL, () -> f.links.get(0).up());
        f.writeSmallEvery(0, GAP_NS, sizeBytes, writes, io -> done.add(f.kernel.now()));
        Map<String, Double> m = f.run(END_NS);
        return new Run(f, peak, done, m, firstPaced);
    }

    @Test
    void wholeTrackCopiesFillTheLimitAfter256WritesAndEveryLaterWriteWaits() {
        long writes = 5_000;
        Run r = run(writes, 8 * 1024, CachePolicy.SlotAllocation.TRACK, OnCacheFull.PACE);
        long fit = LIMIT / OrderedFixture.TRACK; // an 8 KiB write's copy takes its whole track
        assertThat(fit).isEqualTo(256);
        assertThat(r.f.limitBytes()).isEqualTo(LIMIT);
        // never above the limit, and reached exactly
        assertThat(r.peak[0]).isEqualTo(LIMIT);
        assertThat(r.metrics.get("ordered.cache.bytes.max")).isEqualTo((double) LIMIT);
        // the limit fills after limit ÷ (write rate × copy per write) = 32 MiB ÷ (100 000/s × 128 KiB)
        // = 2.56 ms: write 256, issued then, is the first to wait, when it reaches the cache
        assertThat(r.firstPaced[0]).isEqualTo(fit * GAP_NS + HOST_ADAPTER_NS);
        // paced: every write after the first 256
        assertThat(r.f.engine.pacedWrites()).isEqualTo(writes - fit);
        assertThat(r.metrics.get("ordered.paced.writes")).isEqualTo((double) (writes - fit));
        // the first 256 were acknowledged at once, the rest only once the link was back
        long early = r.done.stream().filter(t -> t < UP_NS).count();
        assertThat(early).isEqualTo(fit);
        assertThat(r.done).hasSize((int) writes);
        // everything reached the secondary; the copies left the cache; nothing is write pending
        assertThat(r.f.engine.written()).isEqualTo(writes);
        assertThat(r.f.engine.cacheBytes()).isZero();
        assertThat(r.f.primary.cache().writePendingBytes()).isZero();
        assertThat(r.f.primary.cache().heldBytes()).isZero();
    }

    @Test
    void blockCopiesTakeOnlyTheWrittenBlocks() {
        long writes = 5_000;
        Run r = run(writes, 8 * 1024, CachePolicy.SlotAllocation.BLOCKS, OnCacheFull.PACE);
        long fit = LIMIT / (8 * 1024);
        assertThat(fit).isEqualTo(4_096);
        assertThat(r.firstPaced[0]).isEqualTo(fit * GAP_NS + HOST_ADAPTER_NS); // 40.96 ms
        assertThat(r.peak[0]).isEqualTo(LIMIT);
        assertThat(r.f.engine.pacedWrites()).isEqualTo(writes - fit);
        assertThat(r.done.stream().filter(t -> t < UP_NS).count()).isEqualTo(fit);
        assertThat(r.f.engine.written()).isEqualTo(writes);
        assertThat(r.f.primary.cache().writePendingBytes()).isZero();
    }

    @Test
    void withCopyPassTheWritesThatDoNotFitAreMarkedAndCopiedLaterWithoutWaiting() {
        long writes = 5_000;
        Run r = run(writes, 8 * 1024, CachePolicy.SlotAllocation.TRACK, OnCacheFull.COPY_PASS);
        // a write keeps its copy only with room for its copy and its own data (a track each): the
        // copies stop one track below the limit; the deferred writes' data is destaged within µs
        long fit = LIMIT / OrderedFixture.TRACK - 1;
        assertThat(r.peak[0]).isLessThanOrEqualTo(LIMIT);
        assertThat(r.f.engine.pacedWrites()).isZero();
        assertThat(r.firstPaced[0]).isEqualTo(-1);
        assertThat(r.f.engine.deferredWrites()).isEqualTo(writes - fit);
        assertThat(r.metrics.get("ordered.deferred.writes")).isEqualTo((double) (writes - fit));
        // every write acknowledged while the link was down
        assertThat(r.done).hasSize((int) writes);
        assertThat(r.done.stream().allMatch(t -> t < UP_NS)).isTrue();
        // 256 host subtasks plus one copy per deferred track (each track written once)
        assertThat(r.f.engine.written()).isEqualTo(writes);
        assertThat(r.f.engine.passes()).isPositive();
        assertThat(r.f.engine.backlogTracks()).isZero();
        assertThat(r.f.primary.cache().heldBytes()).isZero();
    }

    @Test
    void withAmpleCacheNothingWaitsAndTheCopiesAreTheOwedSubtasks() {
        // 1 000 writes, 256 would fit: the link is fast and never down, so few are ever owed at once
        OrderedFixture f = new OrderedFixture(new OrderedFixture.Setup().with(s -> {
            s.cacheBytes = CACHE;
            s.writePendingLimit = 0.5;
        }));
        long[] peak = {0};
        f.signals.get("box.P.cache", SignalKeys.Cache.WRITE_PENDING_BYTES)
                .subscribe((t, v) -> peak[0] = Math.max(peak[0], (long) v));
        f.writeSmallEvery(0, GAP_NS, 8 * 1024, 1_000, io -> { });
        Map<String, Double> m = f.run(END_NS);
        assertThat(peak[0]).isLessThan(LIMIT);
        assertThat(f.engine.pacedWrites()).isZero();
        assertThat(m.get("ordered.paced.writes")).isZero();
        // copies are owed subtasks × a track each; here at most a handful
        assertThat(m.get("ordered.cache.bytes.max")).isEqualTo(m.get("ordered.backlog.tracks.max") * OrderedFixture.TRACK);
        assertThat(f.engine.written()).isEqualTo(1_000);
        assertThat(f.engine.cacheBytes()).isZero();
    }
}
