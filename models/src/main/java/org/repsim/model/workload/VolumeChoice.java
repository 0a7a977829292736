package org.repsim.model.workload;

/** How a workload's I/Os pick among its volumes (which may be on several boxes). */
public enum VolumeChoice {
    /** Volumes in turn, over all I/Os of the workload. */
    ROUND_ROBIN,
    /** A uniform random volume per I/O (stream {@code workload.<id>.volume}). */
    RANDOM
}
