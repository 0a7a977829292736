package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Box cache organised in slots of one track (docs/model.md §1, §7a). */
public record Cache(
        @Positive @Quantity(SIZE) @Default("\"64 GiB\"") @Doc("Cache capacity.") long sizeBytes,
        @Positive @Quantity(SIZE) @Default("\"128 KiB\"") @Doc("Slot (track) size.") long trackSizeBytes,
        @Fraction @Default("0.75") @Doc("Share of the cache that may hold write-pending data.") double writePendingLimit,
        @Positive @Quantity(SIZE) @Default("\"4 KiB\"") @Doc("Block size of a slot's dirty-block map: a write dirties every block its bytes touch, a cycle sends its slots' dirty blocks. Must divide trackSize; with more than 64 blocks per track, a map bit stands for ceil(blocks / 64) consecutive blocks.") long blockSizeBytes,
        @OneOf({"track", "blocks"}) @Default("\"track\"") @Doc("What a slot occupies of the cache while write pending or held by replication (cycle slots on a primary, received cycles on a secondary): track, the whole track; blocks, only its dirty blocks. Counted against the write-pending limit.") String slotAllocation,
        @OneOf({"track", "blocks"}) @Default("\"track\"") @Doc("What a destage writes to the back end: track, the whole track; blocks, its dirty blocks.") String destage,
        @Quantity(TIME) @Default("\"0 s\"") @Doc("Write-pending delay: a dirty track is destaged this long after it became dirty; rewrites meanwhile fold into it and are destaged once. 0 s: destage at once.") long destageDelayNs,
        @Fraction @Default("0.8") @Doc("Share of the write-pending limit from which dirty tracks are destaged at once, whatever their delay (also while a write waits for room). In (0, 1].") double destagePressure,
        @OneOf({"track", "blocks"}) @Default("\"track\"") @Doc("What a host read miss reads from the back end: track, each missing track whole, then the whole track is valid in the cache; blocks, only the blocks asked for that are not valid, and only they become valid (a later read of other blocks of the track misses). Read hits per box: box.<id>.cache.read.hits, .misses, .hitRatio.") String readStaging) {
}
