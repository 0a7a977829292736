package org.repsim.model.consistency;

/**
 * Plain-value configuration of a {@link ConsistencyGroup} (docs/model.md §6).
 *
 * @param name    group name: signal prefix {@code consistency.<name>} / {@code shuttle.<name>}
 * @param mode    none, host or shuttle
 * @param host    host-coordinated switch settings; required for {@link ConsistencyMode#HOST}, else ignored
 * @param shuttle shuttle settings; required for {@link ConsistencyMode#SHUTTLE}, else ignored
 */
public record ConsistencyConfig(String name, ConsistencyMode mode, HostCoordination host, ShuttleSettings shuttle) {
    public ConsistencyConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a consistency group needs a name");
        }
        if (mode == null) {
            throw new IllegalArgumentException("consistency group " + name + ": mode must be given");
        }
        if (mode == ConsistencyMode.HOST && host == null) {
            throw new IllegalArgumentException("consistency group " + name + ": mode host needs pollInterval, minCycleTime and messageLatency");
        }
        if (mode == ConsistencyMode.SHUTTLE && shuttle == null) {
            throw new IllegalArgumentException("consistency group " + name + ": mode shuttle needs its shuttle settings");
        }
    }

    public static ConsistencyConfig none(String name) {
        return new ConsistencyConfig(name, ConsistencyMode.NONE, null, null);
    }

    public static ConsistencyConfig host(String name, HostCoordination host) {
        return new ConsistencyConfig(name, ConsistencyMode.HOST, host, null);
    }

    public static ConsistencyConfig shuttle(String name, ShuttleSettings shuttle) {
        return new ConsistencyConfig(name, ConsistencyMode.SHUTTLE, null, shuttle);
    }
}
