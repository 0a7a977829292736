package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A volume: a range of tracks on a box. Workloads name it as "box/volume". */
public record Volume(
        @Doc("Volume id, unique within the box.") String id,
        @Positive @Quantity(SIZE) @Doc("Volume capacity.") long sizeBytes,
        @OptionalKey @Doc("Id of the box's disk group (backend[]) holding the volume: its destages and read misses go there. Absent: the first disk group.") String backend) {
}
