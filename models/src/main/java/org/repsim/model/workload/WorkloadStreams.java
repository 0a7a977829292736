package org.repsim.model.workload;

import org.repsim.core.random.RandomStream;
import org.repsim.core.random.RandomStreams;

/**
 * The named random streams of one workload, one per purpose (docs/model.md §8.5):
 * {@code workload.<id>.arrival}, {@code .size}, {@code .address}, {@code .mix},
 * {@code .volume}, {@code .think}. Adding a workload or component never changes them.
 */
public final class WorkloadStreams {
    private final RandomStreams streams;
    private final String id;

    public WorkloadStreams(RandomStreams streams, String workloadId) {
        this.streams = streams;
        this.id = workloadId;
    }

    private RandomStream named(String purpose) {
        return streams.stream("workload." + id + "." + purpose);
    }

    public RandomStream arrival() {
        return named("arrival");
    }

    public RandomStream size() {
        return named("size");
    }

    public RandomStream address() {
        return named("address");
    }

    public RandomStream mix() {
        return named("mix");
    }

    public RandomStream volume() {
        return named("volume");
    }

    public RandomStream think() {
        return named("think");
    }

    public String workloadId() {
        return id;
    }
}
