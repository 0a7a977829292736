package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Replay of a block trace (docs/model.md §2). */
public record Trace(
        @OneOf({"msr", "spc"}) @Doc("msr: MSR Cambridge CSV (timestamps in 100 ns units); spc: SPC format (ASU, LBA, size, opcode, seconds).") String format,
        @Doc("Trace file, relative to the scenario file.") String path,
        @Positive @Default("1") @Doc("Time compression: 2 replays twice as fast.") double speed,
        @Quantity(TIME) @Default("\"0 s\"") @Doc("Skip records before this trace time.") long fromNs,
        @OptionalKey @Quantity(TIME) @Doc("Stop at this trace time; absent: end of trace.") Long toNs,
        @Default("false") @Doc("Start again from 'from' when the trace ends.") boolean loop,
        @OneOf({"trace", "synthetic"}) @Default("\"trace\"") @Doc("trace: replay timestamps; synthetic: keep addresses and sizes, issue them closed-loop.") String timing,
        @Default("{}") @Doc("Trace disk number (msr) or ASU (spc) → box/volume; empty: disks map to the workload's volumes in order.") Map<String, String> disks) {

    public Trace {
        disks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(disks));
    }
}
