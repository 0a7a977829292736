package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A storage system (docs/model.md §1). In a scenario file a box may copy another with "like". */
public record Box(
        @Doc("Unique box id.") String id,
        @Doc("Id of the site the box stands in.") String site,
        @Default("{}") @Doc("Cache: capacity, slot (track) size, write-pending limit.") Cache cache,
        @Default("{\"count\": 8, \"serviceTime\": {\"dist\": \"exponential\", \"mean\": \"40 us\"}}")
        @Doc("Host adapters (front-end ports): every host I/O costs the service time plus its bytes / portSpeed.") AdapterPool hostAdapters,
        @Default("[]") @Doc("Named processor pools used by replication engines; faults may slow them.") List<NamedPool> processors,
        @Default("[{\"id\": \"disks\"}]") @NonEmpty @Doc("Disk groups of the back end.") List<DiskGroup> backend,
        @Default("[]") @Doc("Volumes (track ranges) on this box.") List<Volume> volumes,
        @Default("{\"count\": 4, \"serviceTime\": \"20 us\"}")
        @Doc("Remote adapters: ports that put replication traffic on links. Every replication transfer (write, slot, commit, copy) costs the sending and the receiving box's adapters the service time plus its bytes on the wire / portSpeed; a transfer the receiver acknowledges costs its adapters the service time once more.") AdapterPool remoteAdapters) {

    public Box {
        processors = List.copyOf(processors);
        backend = List.copyOf(backend);
        volumes = List.copyOf(volumes);
    }

    public Volume volume(String volumeId) {
        return volumes.stream().filter(v -> v.id().equals(volumeId)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("box '" + id + "' has no volume '" + volumeId + "'"));
    }

    public DiskGroup diskGroup(String groupId) {
        return backend.stream().filter(g -> g.id().equals(groupId)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("box '" + id + "' has no disk group '" + groupId + "'"));
    }
}
