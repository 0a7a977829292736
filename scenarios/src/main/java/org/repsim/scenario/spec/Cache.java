package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Box cache organised in slots of one track (docs/model.md §1). */
public record Cache(
        @Positive @Quantity(SIZE) @Default("\"64 GiB\"") @Doc("Cache capacity.") long sizeBytes,
        @Positive @Quantity(SIZE) @Default("\"128 KiB\"") @Doc("Slot (track) size.") long trackSizeBytes,
        @Fraction @Default("0.75") @Doc("Share of the cache that may hold write-pending data.") double writePendingLimit,
        @Positive @Quantity(SIZE) @Default("\"4 KiB\"") @Doc("Block size of a slot's dirty-block map: a write dirties every block its bytes touch, a cycle sends its slots' dirty blocks. Must divide trackSize; with more than 64 blocks per track, a map bit stands for ceil(blocks / 64) consecutive blocks.") long blockSizeBytes) {
}
