package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** Host I/O against a set of volumes (docs/model.md §2): synthetic ("arrival") or replayed ("trace"). */
public record Workload(
        @Doc("Unique workload id.") String id,
        @NonEmpty @Doc("Target volumes as box/volume; I/Os are spread over them evenly.") List<String> volumes,
        @OptionalKey @Doc("Arrival process; exactly one of arrival and trace.") Arrival arrival,
        @OptionalKey @Doc("Trace replay; exactly one of arrival and trace.") Trace trace,
        @Fraction @Default("0.5") @Doc("Share of I/Os that are writes.") double writeFraction,
        @Default("false") @Doc("Each write of a closed-loop stream waits for the previous one's acknowledgement (a dependent-write chain).") boolean dependent,
        @Quantity(SIZE) @Default("\"8 KiB\"") @Doc("I/O size: a size or a distribution of sizes.") Distribution size,
        @Default("{\"dist\": \"uniform\"}") @Doc("Address pattern: uniform, zipf or sequential.") AddressPattern address,
        @Positive @Quantity(SIZE) @Default("\"4 KiB\"") @Doc("Synthetic I/Os start at a multiple of this many bytes of the volume; the address pattern chooses the block and sequential advances by the I/O's size in blocks. Ignored by trace replay (records keep their byte offsets).") long blockSizeBytes) {

    public Workload {
        volumes = List.copyOf(volumes);
    }
}
