package org.repsim.scenario.run;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the runner needs to execute an experiment, produced by the scenario layer:
 * {@code points.size() × replications} replications, each simulating {@code warmupNs + durationNs}.
 *
 * @param scenarioName the scenario's {@code name}
 * @param toolVersion the repsim version written into {@code summary.json} and {@code run.json}
 * @param resolvedScenarioJson the resolved scenario (every default filled in), written as-is to
 *        {@code scenario.resolved.json}
 * @param masterSeed {@code run.seed}; streams come from {@code RandomStreams(masterSeed, replication)}
 * @param replications replications per sweep point (≥ 1)
 * @param warmupNs warm-up in simulated nanoseconds (≥ 0)
 * @param durationNs measured duration after warm-up in simulated nanoseconds (&gt; 0)
 * @param sampleIntervalNs time-series sample interval in nanoseconds (&gt; 0)
 * @param points sweep points in the deterministic order of the run matrix (at least one)
 * @param sweptPaths the swept scenario paths in order; every point has exactly these params
 */
public record ExperimentPlan(String scenarioName, String toolVersion, String resolvedScenarioJson, long masterSeed,
        int replications, long warmupNs, long durationNs, long sampleIntervalNs, List<PlanPoint> points,
        List<String> sweptPaths) {

    public ExperimentPlan {
        Objects.requireNonNull(scenarioName, "scenario name");
        Objects.requireNonNull(toolVersion, "tool version");
        Objects.requireNonNull(resolvedScenarioJson, "resolved scenario JSON");
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be ≥ 1: " + replications);
        }
        if (warmupNs < 0) {
            throw new IllegalArgumentException("warm-up must be ≥ 0 ns: " + warmupNs);
        }
        if (durationNs <= 0) {
            throw new IllegalArgumentException("duration must be > 0 ns: " + durationNs);
        }
        if (sampleIntervalNs <= 0) {
            throw new IllegalArgumentException("sample interval must be > 0 ns: " + sampleIntervalNs);
        }
        points = List.copyOf(points);
        sweptPaths = List.copyOf(sweptPaths);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one point");
        }
        if (new HashSet<>(sweptPaths).size() != sweptPaths.size()) {
            throw new IllegalArgumentException("swept paths repeat: " + sweptPaths);
        }
        Set<String> swept = new LinkedHashSet<>(sweptPaths);
        Set<String> ids = new HashSet<>();
        for (PlanPoint p : points) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("point id used twice: " + p.id());
            }
            if (!p.params().keySet().equals(swept)) {
                throw new IllegalArgumentException("point " + p.id() + " has params " + p.params().keySet()
                        + " but the swept paths are " + sweptPaths);
            }
        }
    }

    /** Simulated nanoseconds of one replication, warm-up included. */
    public long replicationNs() {
        return warmupNs + durationNs;
    }

    /** Number of replications over all points. */
    public int totalReplications() {
        return points.size() * replications;
    }
}
