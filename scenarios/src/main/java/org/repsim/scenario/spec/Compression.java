package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

/**
 * Processor time of compressing replication transfers (docs/model.md §7a): over a link whose
 * {@code compression} is above 1, each transfer of b bytes costs a job of b ÷ throughput on the
 * sending box's pool {@code pool} and as much on the receiving box's pool of that id.
 */
public record Compression(
        @OptionalKey @Doc("Id of a processor pool (boxes[].processors) that every box of a pair must declare: the sender compresses each transfer over a link whose compression is above 1 on it, the receiver decompresses it on its own. Absent: compression costs no time.") String pool,
        @Positive @Quantity(DATA_RATE) @Default("\"1 GB/s\"") @Doc("Bytes (before compression) one processor of the pool compresses, or decompresses, per second: a transfer of b bytes is a job of b / throughput.") double throughputBps) {
}
